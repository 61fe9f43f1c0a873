// Sign-out changes state, so only this site may trigger it: a POST (a cross-site link or top-level GET navigation
// must not sign a user out) whose Origin, or without one whose Referer, is the app's own origin (a cross-site form
// POST must not either). In sso and custom mode alike.

import type { Assert, Suite } from '../../harness/types.ts'
import { APP, COOKIE_SECRET, cookiesReadable, identitySetup, originSettable, setCookies } from './fixtures.ts'

const SIGNOUT = `${APP}/identity/signout`
const EVIL = 'https://evil.example'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  /** A refusal: the status, no cookie cleared, and the session (where this runtime can hold one) still there. */
  async function refused(answer: Response, status: number) {
    assert.equal(answer.status, status)
    assert.equal(answer.headers.get('location'), null, 'no redirect')
    assert.ok(!setCookies(answer).some((c) => c.startsWith('__Host-timeback_session=')), 'the session cookie is not cleared')
  }

  describe('identity: sign-out only from this site, by POST', () => {
    it('a GET or HEAD (a link, a cross-site navigation) is 405 with Allow: POST and signs nobody out', async () => {
      const t = identitySetup(env)
      const browser = t.newBrowser()
      if (cookiesReadable()) await t.signIn(browser)
      for (const method of ['GET', 'HEAD']) {
        const answer = await t.identity.handle(new Request(SIGNOUT, { method, headers: browser.jar.size ? { cookie: browser.cookieHeader() } : {} }))
        await refused(answer, 405)
        assert.equal(answer.headers.get('allow'), 'POST')
      }
      if (cookiesReadable()) assert.equal((await t.identity.getUser(browser.request(`${APP}/`)))?.timebackId, 'seed-student-1', 'still signed in')
    })

    it('a POST that names no origin (no Origin, no Referer) is refused with 403', async () => {
      const t = identitySetup(env)
      await refused(await t.identity.handle(new Request(SIGNOUT, { method: 'POST' })), 403)
    })

    it('a POST from another site (Origin, or a Referer without Origin, or an opaque Origin) is 403 and the session stays', async () => {
      if (!originSettable()) return assert.ok(!cookiesReadable(), 'a runtime that drops Origin is a browser page')
      const t = identitySetup(env)
      const browser = t.newBrowser()
      if (cookiesReadable()) await t.signIn(browser)
      const attempts: Record<string, string>[] = [
        { origin: EVIL },
        { origin: EVIL, referer: `${APP}/` }, // Origin wins: a forged-looking Referer does not help
        { referer: `${EVIL}/page` },
        { origin: 'null' },
        { referer: 'not a url' },
        { origin: 'http://app.test' }, // same host, other scheme: another origin
      ]
      for (const headers of attempts) await refused(await t.identity.handle(browser.post(SIGNOUT, headers)), 403)
      if (cookiesReadable()) assert.equal((await t.identity.getUser(browser.request(`${APP}/`)))?.timebackId, 'seed-student-1', 'still signed in')
    })

    it('a POST from this site (its Origin, or without one its Referer) signs out: 302 to afterSignOut, the session cleared', async () => {
      if (!originSettable()) return assert.ok(!cookiesReadable(), 'a runtime that drops Origin is a browser page')
      for (const headers of [{ origin: APP }, { referer: `${APP}/classes?x=1` }] as Record<string, string>[]) {
        const t = identitySetup(env, { afterSignOut: '/goodbye' })
        const browser = t.newBrowser()
        if (cookiesReadable()) await t.signIn(browser)
        const answer = browser.keep(await t.identity.handle(browser.post(SIGNOUT, headers)))
        assert.equal(answer.status, 302, JSON.stringify(headers))
        assert.equal(answer.headers.get('location'), '/goodbye')
        if (cookiesReadable()) {
          assert.match(setCookies(answer).find((c) => c.startsWith('__Host-timeback_session='))!, /Max-Age=0/)
          assert.equal(await t.identity.getUser(browser.request(`${APP}/`)), undefined, 'signed out')
        }
      }
    })

    it('custom mode applies the same rules to its sign-out', async () => {
      const identity = sdk.identity.createTimebackIdentity({ mode: 'custom', cookieSecret: COOKIE_SECRET, getEmail: () => undefined })
      const get = await identity.handle(new Request(SIGNOUT))
      assert.deepEqual([get.status, get.headers.get('allow')], [405, 'POST'])
      assert.equal((await identity.handle(new Request(SIGNOUT, { method: 'POST' }))).status, 403)
      if (!originSettable()) return
      assert.equal((await identity.handle(new Request(SIGNOUT, { method: 'POST', headers: { origin: EVIL } }))).status, 403)
      assert.equal((await identity.handle(new Request(SIGNOUT, { method: 'POST', headers: { origin: APP } }))).status, 302)
    })
  })
}

export default suite
