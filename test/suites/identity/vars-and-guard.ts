// Identity reads TIMEBACK_ENV from `vars` as every client does (a Worker passes `vars: env` and needs no cast), and
// `isIdentityError` recognises a sign-in error across copies of the package, where instanceof fails.

import type { Assert, Suite } from '../../harness/types.ts'
import { APP, COOKIE_SECRET, refusal } from './fixtures.ts'

const SSO = { TIMEBACK_SSO_CLIENT_ID: 'sso-client', TIMEBACK_SSO_CLIENT_SECRET: 'sso-secret' }

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const { ISSUERS, createTimebackIdentity } = sdk.identity

  /** The issuer a sign-in asks for discovery: the fetch records the URL and answers 503, so nothing leaves the test. */
  async function issuerAsked(options: Record<string, unknown>): Promise<string> {
    const asked: string[] = []
    const fetch = (async (input: RequestInfo | URL) => {
      asked.push(input instanceof Request ? input.url : String(input))
      return new Response('down', { status: 503 })
    }) as typeof globalThis.fetch
    const identity = createTimebackIdentity({ cookieSecret: COOKIE_SECRET, fetch, ...options } as never)
    const answer = await refusal(await identity.handle(new Request(`${APP}/identity/signin`)))
    assert.equal(answer.error, 'discovery_failed')
    assert.equal(asked.length, 1, asked.join(', '))
    return asked[0]!
  }

  describe('identity: TIMEBACK_ENV from vars', () => {
    for (const name of ['staging', 'production'] as const) {
      it(`TIMEBACK_ENV=${name} in vars picks the ${name} issuer when neither env nor issuer is given`, async () => {
        const url = await issuerAsked({ vars: { ...SSO, TIMEBACK_ENV: ` ${name} ` } })
        assert.equal(url, `${ISSUERS[name]}/.well-known/openid-configuration`)
      })
    }

    it('an explicit env or issuer wins over TIMEBACK_ENV (which is then not even checked)', async () => {
      assert.equal(await issuerAsked({ env: 'production', vars: { ...SSO, TIMEBACK_ENV: 'staging' } }), `${ISSUERS.production}/.well-known/openid-configuration`)
      assert.equal(await issuerAsked({ issuer: 'https://idp.test/pool', vars: { ...SSO, TIMEBACK_ENV: 'local' } }), 'https://idp.test/pool/.well-known/openid-configuration')
    })

    it('a TIMEBACK_ENV that is not staging or production is a ConfigurationError naming the variable, before any request', () => {
      const error = assert.throws(() => createTimebackIdentity({ cookieSecret: COOKIE_SECRET, vars: { ...SSO, TIMEBACK_ENV: 'local' } }), sdk.errors.isConfigurationError)
      assert.match(error.message, /TIMEBACK_ENV must be 'staging' or 'production', got "local"/)
    })

    it('custom mode reads no TIMEBACK_ENV (it signs nobody in with a provider)', () => {
      const identity = createTimebackIdentity({ mode: 'custom', cookieSecret: COOKIE_SECRET, getEmail: () => undefined, vars: { TIMEBACK_ENV: 'local' } })
      assert.equal(typeof identity.handle, 'function')
    })
  })

  describe('identity: isIdentityError', () => {
    it('is true for the error a refused callback hands to onCallbackError', async () => {
      const { emulator } = env.setup()
      let seen: unknown
      const identity = createTimebackIdentity({
        issuer: emulator.services.oidc, ...emulator.oidc.client, cookieSecret: COOKIE_SECRET,
        onCallbackError: ({ error }) => { seen = error; return new Response(null, { status: 400 }) },
      })
      // No state cookie: refused as invalid_state before any request to the provider.
      assert.equal((await identity.handle(new Request(`${APP}/identity/callback?code=c&state=s`))).status, 400)
      assert.ok(sdk.identity.isIdentityError(seen))
      assert.equal((seen as { code: string }).code, 'invalid_state')
    })

    it('holds across copies of the package (a mark, not instanceof) and is false for anything else', () => {
      const foreign = Object.assign(new Error('x'), { [Symbol.for('@timeback/sdk.identity-error')]: true })
      assert.ok(!(foreign instanceof sdk.identity.IdentityError))
      assert.ok(sdk.identity.isIdentityError(foreign))
      assert.ok(sdk.identity.isIdentityError(new sdk.identity.IdentityError('missing_code', 'no code')))
      const lookalike = Object.assign(new Error('x'), { name: 'IdentityError', code: 'invalid_state' })
      for (const value of [lookalike, new sdk.errors.ConfigurationError('x'), null, undefined, 'IdentityError', {}]) {
        assert.ok(!sdk.identity.isIdentityError(value), String(value))
      }
      // Its codes are not the SDK errors' codes, so the SDK-wide guard does not claim it.
      assert.ok(!sdk.errors.isTimebackError(new sdk.identity.IdentityError('missing_code', 'no code')))
    })
  })
}

export default suite
