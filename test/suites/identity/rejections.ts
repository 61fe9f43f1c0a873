// Identity: each attack on the sign-in is refused with a clear error and no session: a tampered state or cookie,
// another browser's cookie, a replayed code, and id_tokens with the wrong nonce, issuer or audience, expired, unsigned
// (alg none) or signed with the client secret (HS256).

import type { Assert, Suite } from '../../harness/types.ts'
import { APP, cookiesReadable, identitySetup, refusal, setCookies } from './fixtures.ts'

const suite: Suite = (env) => {
  const { h } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  /** Cookie-carrying checks run where a handler's Set-Cookie can be read (not in a browser page: see fixtures). */
  const attack = (name: string, body: () => Promise<void>) =>
    it(name, async () => {
      if (cookiesReadable()) return body()
      // Without the cookie, every callback is refused as not this browser's. (A page cannot follow the provider's
      // redirect either: a manual redirect is opaque there, so the callback is made from the sign-in's own state.)
      const t = identitySetup(env)
      const signin = await t.identity.handle(new Request(`${APP}/identity/signin`))
      const state = new URL(signin.headers.get('location')!).searchParams.get('state')
      assert.ok(state, 'the sign-in redirect carries a state')
      const callback = `${APP}/identity/callback?code=not-this-browsers&state=${encodeURIComponent(state!)}`
      assert.equal((await refusal(await t.identity.handle(new Request(callback)))).error, 'invalid_state')
    })

  async function refusedWith(t: ReturnType<typeof identitySetup>, answer: Response, status: number, code: string, message: RegExp) {
    assert.ok(!setCookies(answer).some((c) => c.startsWith('__Host-timeback_session=')), 'no session cookie')
    const body = await refusal(answer)
    assert.deepEqual([body.status, body.error], [status, code], body.message)
    assert.match(body.message, message)
    void t
  }

  describe('identity: rejected sign-ins', () => {
    attack('a tampered state in the callback URL is invalid_state', async () => {
      const t = identitySetup(env)
      const browser = t.newBrowser()
      const { callbackUrl } = await t.startSignIn(browser)
      const url = new URL(callbackUrl)
      const state = url.searchParams.get('state')!
      url.searchParams.set('state', `${state[0] === 'A' ? 'B' : 'A'}${state.slice(1)}`)
      await refusedWith(t, await t.identity.handle(browser.request(url.href)), 400, 'invalid_state', /not this browser's sign-in/)
    })

    attack('a tampered state cookie is invalid_state', async () => {
      const t = identitySetup(env)
      const browser = t.newBrowser()
      const { callbackUrl } = await t.startSignIn(browser)
      const sealed = browser.jar.get('__Host-timeback_oidc')!
      const at = sealed.length - 30
      browser.jar.set('__Host-timeback_oidc', `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`)
      await refusedWith(t, await t.identity.handle(browser.request(callbackUrl)), 400, 'invalid_state', /expired or was tampered with/)
    })

    attack("another browser's state cookie (login CSRF: the attacker's callback in the victim's browser) is invalid_state", async () => {
      const t = identitySetup(env)
      const victim = t.newBrowser()
      const attacker = t.newBrowser()
      await t.startSignIn(victim)
      const { callbackUrl } = await t.startSignIn(attacker, '?login_hint=seed-student-4@seed.example')
      await refusedWith(t, await t.identity.handle(victim.request(callbackUrl)), 400, 'invalid_state', /another browser/)
      assert.equal(await t.identity.getUser(victim.request(APP)), undefined)
    })

    attack('no state cookie at all is invalid_state', async () => {
      const t = identitySetup(env)
      const { callbackUrl } = await t.startSignIn(t.newBrowser())
      await refusedWith(t, await t.identity.handle(new Request(callbackUrl)), 400, 'invalid_state', /no sign-in state cookie/)
    })

    attack('a replayed code is refused by the provider: token_exchange_failed, no second session', async () => {
      const t = identitySetup(env)
      const browser = t.newBrowser()
      const { callbackUrl } = await t.startSignIn(browser)
      const stolenCookie = browser.cookieHeader()
      assert.equal(browser.keep(await t.identity.handle(browser.request(callbackUrl))).status, 302)
      const replay = await t.identity.handle(new Request(callbackUrl, { headers: { cookie: stolenCookie } }))
      await refusedWith(t, replay, 502, 'token_exchange_failed', /already used/)
    })

    const forged: [string, Record<string, unknown>, RegExp][] = [
      ['a wrong nonce', { claims: { nonce: 'someone-elses-nonce' } }, /nonce/],
      ['a missing nonce', { claims: { nonce: undefined } }, /nonce/],
      ['a wrong issuer', { claims: { iss: 'https://idp.evil.example' } }, /"iss"/],
      ['a wrong audience', { claims: { aud: 'another-client' } }, /"aud"/],
      ['an expired id_token (past the 60 s skew)', { claims: { exp: 1_000_000_000 } }, /"exp"/],
      ['alg none', { alg: 'none' }, /ERR_JOSE_ALG_NOT_ALLOWED|ERR_JWS_INVALID/],
      ['HS256 keyed with the client secret', { alg: 'HS256' }, /ERR_JOSE_ALG_NOT_ALLOWED/],
      ['an access token as id_token (token_use)', { claims: { token_use: 'access' } }, /token_use/],
    ]
    for (const [what, change, message] of forged) {
      attack(`an id_token with ${what} is invalid_id_token`, async () => {
        const t = identitySetup(env)
        const browser = t.newBrowser()
        const { callbackUrl } = await t.startSignIn(browser)
        t.emulator.oidc.tamperNextIdToken(change as never)
        await refusedWith(t, await t.identity.handle(browser.request(callbackUrl)), 401, 'invalid_id_token', message)
        assert.equal(await t.identity.getUser(browser.request(APP)), undefined)
      })
    }

    attack('an id_token that expired within the allowed clock skew is accepted', async () => {
      const t = identitySetup(env)
      const browser = t.newBrowser()
      const { callbackUrl } = await t.startSignIn(browser)
      t.emulator.oidc.tamperNextIdToken({ claims: { exp: Math.floor(Date.now() / 1000) - 20 } })
      assert.equal((await t.identity.handle(browser.request(callbackUrl))).status, 302)
    })

    attack("an IdP error is passed through as the code; a session cookie sealed under another secret or a state cookie is no session", async () => {
      const t = identitySetup(env)
      const browser = t.newBrowser()
      const { callbackUrl } = await t.startSignIn(browser)
      const denied = new URL(callbackUrl)
      denied.search = `?error=access_denied&error_description=nope&state=${new URL(callbackUrl).searchParams.get('state')}`
      await refusedWith(t, await t.identity.handle(browser.request(denied.href)), 400, 'access_denied', /nope/)
      const other = identitySetup(env, { cookieSecret: 'another-secret-of-at-least-32-chars' })
      const b2 = other.newBrowser()
      await other.signIn(b2)
      assert.ok(b2.jar.has('__Host-timeback_session'))
      assert.equal(await t.identity.getUser(b2.request(APP)), undefined, 'sealed by another secret')
      const { signin } = await t.startSignIn(t.newBrowser())
      const state = setCookies(signin)[0]!.split(';')[0]!.split('=')[1]
      assert.equal(await t.identity.getUser(new Request(APP, { headers: { cookie: `__Host-timeback_session=${state}` } })), undefined, 'a state cookie is not a session')
    })
  })
}

export default suite
