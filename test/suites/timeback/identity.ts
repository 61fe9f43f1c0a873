// timeback.identity: sign-in reachable from the unified client when `signIn` (from @timeback/sdk/identity) is in `use`,
// built with the client's fetch and its OneRoster client for the lookup; without it, a clear error naming the fix.

import type { Assert, Suite } from '../../harness/types.ts'
import { APP, Browser, COOKIE_SECRET, cookiesReadable } from '../identity/fixtures.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  /** A unified client on a fresh emulator with oneroster and sign-in in `use` (and the emulator's OIDC client). */
  function setup(extra: Record<string, unknown> = {}) {
    const { emulator, options } = env.setup()
    const timeback = new sdk.timeback.TimebackClient({
      use: { oneroster: sdk.timeback.oneroster, identity: sdk.identity.signIn },
      services: { oneroster: { baseUrl: emulator.services.oneroster } },
      api: options.auth, maxRetries: 0, ...(options.fetch ? { fetch: options.fetch } : {}),
      identity: { issuer: emulator.services.oidc, ...emulator.oidc.client, cookieSecret: COOKIE_SECRET, ...extra } as never,
    })
    const reach: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init))
    return { emulator, timeback, browser: new Browser(reach) }
  }

  describe('timeback: identity on the unified client', () => {
    it('without signIn in `use`, reading timeback.identity is a ConfigurationError naming the fix', () => {
      const { emulator, options } = env.setup()
      const timeback = new sdk.timeback.TimebackClient({
        use: { oneroster: sdk.timeback.oneroster }, services: { oneroster: { baseUrl: emulator.services.oneroster } }, api: options.auth,
        identity: { cookieSecret: COOKIE_SECRET } as never,
      })
      assert.throws(() => timeback.identity, (e: unknown) => sdk.errors.isTimebackError(e) && e.code === 'configuration_error' && /signIn/.test(e.message) && /@timeback\/sdk\/identity/.test(e.message))
    })

    it('with signIn in `use` but no identity options, the error asks for them', () => {
      const { emulator, options } = env.setup()
      const timeback = new sdk.timeback.TimebackClient({
        use: { oneroster: sdk.timeback.oneroster, identity: sdk.identity.signIn }, services: { oneroster: { baseUrl: emulator.services.oneroster } }, api: options.auth,
      })
      assert.throws(() => timeback.identity, (e: unknown) => sdk.errors.isTimebackError(e) && e.code === 'configuration_error' && /cookieSecret/.test(e.message))
      assert.equal(Object.keys(timeback.api).join(','), 'oneroster', 'signIn is not a service of timeback.api')
    })

    it('timeback.identity signs a seeded student in and resolves them through timeback.api.oneroster', async () => {
      const t = setup()
      assert.equal(t.timeback.identity, t.timeback.identity, 'built once')
      const signin = t.browser.keep(await t.timeback.identity.handle(t.browser.request(`${APP}/identity/signin`)))
      assert.equal(signin.status, 302)
      const authorizeUrl = signin.headers.get('location')!
      assert.ok(authorizeUrl.startsWith(`${t.emulator.services.oidc}/oauth2/authorize?`), authorizeUrl)
      assert.equal(new URL(authorizeUrl).searchParams.get('code_challenge_method'), 'S256')
      assert.equal(new URL(authorizeUrl).searchParams.get('client_id'), t.emulator.oidc.client.clientId)
      // Browsers drop Set-Cookie from script-built Responses: the callback needs the state cookie.
      if (!cookiesReadable()) return
      const callback = t.browser.keep(await t.timeback.identity.handle(t.browser.request(await t.browser.authorize(authorizeUrl))))
      assert.equal(callback.status, 302)
      const user = await t.timeback.identity.getUser(t.browser.request(`${APP}/`))
      assert.equal(user?.email, 'seed-student-1@seed.example')
      assert.equal(user?.verified, true)
      assert.equal(user?.timebackId, 'seed-student-1')
    })

    it('the lookup goes through the unified client\'s OneRoster: a login_hint nobody has is timeback_user_not_found', async () => {
      if (!cookiesReadable()) return
      const t = setup()
      const signin = t.browser.keep(await t.timeback.identity.handle(t.browser.request(`${APP}/identity/signin?login_hint=nobody@elsewhere.example`)))
      const callback = await t.timeback.identity.handle(t.browser.request(await t.browser.authorize(signin.headers.get('location')!)))
      assert.equal(callback.status, 403)
      assert.equal(((await callback.json()) as { error: string }).error, 'timeback_user_not_found')
    })
  })
}

export default suite
