// Identity against the emulator's OIDC provider: the whole sign-in (PKCE S256, nonce, state cookie, id_token checked,
// user resolved in OneRoster, session cookie), hooks, sign-out, custom mode, and options refused before any request.

import type { Assert, Suite } from '../../harness/types.ts'
import { APP, COOKIE_SECRET, cookiesReadable, identitySetup, refusal, setCookies } from './fixtures.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  // Browsers drop Set-Cookie from script-built Responses: there only the cookie-free part of the flow can be observed.
  const flow = (name: string, body: () => Promise<void>) =>
    it(name, async () => {
      if (cookiesReadable()) return body()
      const { identity } = identitySetup(env)
      const signin = await identity.handle(new Request(`${APP}/identity/signin`))
      assert.equal(signin.status, 302)
      assert.equal(new URL(signin.headers.get('location')!).searchParams.get('code_challenge_method'), 'S256')
    })

  describe('identity: sign-in against the emulated provider', () => {
    flow('signs a seeded student in: PKCE S256, nonce, state in an HttpOnly cookie, verified OneRoster user in the session', async () => {
      const t = identitySetup(env)
      const browser = t.newBrowser()
      const { signin, authorizeUrl, callbackUrl } = await t.startSignIn(browser, '?returnTo=/lessons/3')
      const q = new URL(authorizeUrl).searchParams
      assert.ok(authorizeUrl.startsWith(`${t.emulator.services.oidc}/oauth2/authorize?`))
      assert.equal(q.get('code_challenge_method'), 'S256')
      assert.match(q.get('code_challenge')!, /^[A-Za-z0-9_-]{43}$/)
      assert.match(q.get('nonce')!, /^[A-Za-z0-9_-]{43}$/)
      assert.equal(q.get('redirect_uri'), `${APP}/identity/callback`)
      const stateCookie = setCookies(signin).find((c) => c.startsWith('__Host-timeback_oidc='))!
      assert.match(stateCookie, /HttpOnly/)
      assert.match(stateCookie, /SameSite=Lax/)
      assert.match(stateCookie, /Secure/)
      assert.ok(!stateCookie.includes(q.get('state')!), 'the state cookie is encrypted: the state is not readable in it')
      const callback = browser.keep(await t.identity.handle(browser.request(callbackUrl)))
      assert.equal(callback.status, 302)
      assert.equal(callback.headers.get('location'), '/lessons/3')
      assert.ok(!browser.jar.has('__Host-timeback_oidc'), 'the state cookie is cleared after use')
      assert.match(setCookies(callback).find((c) => c.startsWith('__Host-timeback_session='))!, /HttpOnly; SameSite=Lax; Max-Age=28800; Secure/)
      const user = await t.identity.getUser(browser.request(`${APP}/`))
      assert.equal(user?.email, 'seed-student-1@seed.example')
      assert.equal(user?.verified, true)
      assert.equal(user?.timebackId, 'seed-student-1')
      assert.equal(user?.name, 'Ada Lovelace')
      assert.equal(await t.identity.getUser(new Request(`${APP}/`)), undefined, 'another browser has no session')
      const signout = browser.keep(await t.identity.handle(browser.post(`${APP}/identity/signout`, { origin: APP })))
      assert.equal(signout.status, 302)
      assert.equal(await t.identity.getUser(browser.request(`${APP}/`)), undefined, 'signed out')
    })

    flow('signs in the login_hint user; an unknown email is timeback_user_not_found, a shared one is ambiguous (no guess)', async () => {
      const t = identitySetup(env)
      const grace = t.newBrowser()
      assert.equal((await t.signIn(grace, '?login_hint=seed-student-3@seed.example')).status, 302)
      assert.equal((await t.identity.getUser(grace.request(APP)))?.timebackId, 'seed-student-3')
      const stranger = await refusal(await t.signIn(t.newBrowser(), '?login_hint=nobody@elsewhere.example'))
      assert.deepEqual([stranger.status, stranger.error], [403, 'timeback_user_not_found'])
      t.emulator.state.insert('users', { sourcedId: 'dup-1', givenName: 'Ada', familyName: 'Again', email: 'seed-student-1@seed.example', roles: [], enabledUser: 'true', status: 'active' } as never)
      const twice = await refusal(await t.signIn(t.newBrowser()))
      assert.deepEqual([twice.status, twice.error], [409, 'timeback_user_ambiguous'])
      assert.match(twice.message, /more than one Timeback user/)
    })

    flow('without a lookup the session holds the provider identity, unverified (resolution is the app\'s)', async () => {
      const t = identitySetup(env, { oneroster: undefined })
      const browser = t.newBrowser()
      assert.equal((await t.signIn(browser)).status, 302)
      const user = await t.identity.getUser(browser.request(APP))
      assert.deepEqual([user?.email, user?.verified, user?.timebackId], ['seed-student-1@seed.example', false, undefined])
      assert.ok(!t.emulator.requests.some((r) => r.path.includes('/ims/oneroster/')), 'no OneRoster request')
    })

    flow('hooks: onCallbackSuccess gets the user and buildState data and its answer carries the session; onCallbackError gets the code', async () => {
      const seen: unknown[] = []
      const t = identitySetup(env, {
        buildState: ({ url }: { url: URL }) => ({ from: url.searchParams.get('from') }),
        onCallbackSuccess: ({ user, state, json }: any) => { seen.push(state); return json({ hello: user.timebackId }, 200) },
        onCallbackError: ({ errorCode, redirect }: any) => redirect(`/oops?code=${errorCode}`),
      })
      const browser = t.newBrowser()
      const ok = await t.signIn(browser, '?from=dashboard')
      assert.deepEqual(await ok.json(), { hello: 'seed-student-1' })
      assert.deepEqual(seen, [{ from: 'dashboard' }])
      assert.equal((await t.identity.getUser(browser.request(APP)))?.timebackId, 'seed-student-1')
      const bad = await t.signIn(t.newBrowser(), '?login_hint=nobody@elsewhere.example')
      assert.equal(bad.headers.get('location'), '/oops?code=timeback_user_not_found')
    })

    flow('returnTo is only a local path: //evil.example and absolute URLs land on /', async () => {
      const t = identitySetup(env)
      for (const target of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
        const answer = await t.signIn(t.newBrowser(), `?returnTo=${encodeURIComponent(target)}`)
        assert.equal(answer.headers.get('location'), '/', target)
      }
    })
  })

  describe('identity: custom mode and options', () => {
    it("custom mode: signin and callback answer 400 'SSO not configured'; getUser resolves getEmail's email", async () => {
      const { options } = env.setup()
      const identity = sdk.identity.createTimebackIdentity({
        mode: 'custom', cookieSecret: COOKIE_SECRET, ...(options.fetch ? { fetch: options.fetch } : {}),
        oneroster: new env.sdk.oneroster.OneRosterClient(options),
        getEmail: (req) => req.headers.get('x-email') ?? undefined,
      })
      for (const path of ['/identity/signin', '/identity/callback']) {
        const answer = await identity.handle(new Request(`${APP}${path}`))
        assert.equal(answer.status, 400)
        assert.deepEqual(await answer.json(), { error: 'SSO not configured' })
      }
      const user = await identity.getUser(new Request(APP, { headers: { 'x-email': 'seed-student-2@seed.example' } }))
      assert.deepEqual([user?.verified, user?.timebackId, user?.name], [true, 'seed-student-2', 'Alan Turing'])
      const stranger = await identity.getUser(new Request(APP, { headers: { 'x-email': 'nobody@elsewhere.example' } }))
      assert.deepEqual([stranger?.verified, stranger?.timebackId], [false, undefined])
      assert.equal(await identity.getUser(new Request(APP)), undefined)
    })

    flow('reads the sign-in client from TIMEBACK_SSO_CLIENT_ID / _SECRET in vars when left out', async () => {
      const t = identitySetup(env, { clientId: undefined, clientSecret: undefined, vars: { TIMEBACK_SSO_CLIENT_ID: 'emulator-sso-client', TIMEBACK_SSO_CLIENT_SECRET: 'emulator-sso-secret' } })
      assert.equal((await t.signIn(t.newBrowser())).status, 302)
      assert.throws(() => sdk.identity.createTimebackIdentity({ issuer: t.emulator.services.oidc, cookieSecret: COOKIE_SECRET, vars: {} }), /clientId is required.*TIMEBACK_SSO_CLIENT_ID/)
    })

    it('refuses bad options before any request, naming the field', () => {
      const { emulator } = env.setup()
      const base = { issuer: emulator.services.oidc, ...emulator.oidc.client, cookieSecret: COOKIE_SECRET }
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ cookieSecret: 'short' }, /cookieSecret .*32 characters/],
        [{ algorithms: ['HS256'] }, /algorithms .*HS256/],
        [{ algorithms: ['none'] }, /algorithms/],
        [{ clientId: '' }, /clientId is required/],
        [{ issuer: undefined }, /issuer is unknown/],
        [{ issuer: 'http://idp.example' }, /issuer must be https/],
        [{ env: 'local', issuer: undefined }, /env must be 'staging' or 'production'/],
        [{ clockSkewSeconds: 3600 }, /clockSkewSeconds/],
        [{ mode: 'custom' }, /getEmail is required/],
        [{ api: { clientId: 'a', clientSecret: 'b' } }, /api .*pass `oneroster:` a client from @timeback\/sdk\/oneroster/],
        [{ oneroster: {} }, /oneroster must be a client from @timeback\/sdk\/oneroster/],
      ]
      for (const [change, pattern] of cases) assert.throws(() => sdk.identity.createTimebackIdentity({ ...base, ...change } as never), pattern, JSON.stringify(change))
      assert.equal(emulator.requests.length, 0)
    })
  })
}

export default suite
