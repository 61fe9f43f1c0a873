// Identity against a provider that lies: a discovery document naming another issuer or sending the browser to a
// plain-http host elsewhere, an oversized JWKS, a userinfo about someone else. Each is refused with a clear code.

import type { Assert, Suite } from '../../harness/types.ts'
import { APP, cookiesReadable, identitySetup, refusal } from './fixtures.ts'

type Rewrite = (url: string, answer: Response) => Promise<Response> | Response

const suite: Suite = (env) => {
  const { h } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  /** An identity whose provider traffic passes through `rewrite` (a man in the middle, or a lying provider). */
  function lyingSetup(rewrite: Rewrite) {
    return identitySetup(env, { oneroster: undefined }, (reach) => async (input, init) => {
      const url = input instanceof Request ? input.url : String(input)
      return rewrite(url, await reach(input, init))
    })
  }
  const editJson = async (answer: Response, edit: (doc: Record<string, unknown>) => void) => {
    const doc = (await answer.json()) as Record<string, unknown>
    edit(doc)
    return new Response(JSON.stringify(doc), { status: answer.status, headers: { 'content-type': 'application/json' } })
  }

  describe('identity: a provider that lies', () => {
    it('discovery naming another issuer is discovery_failed at sign-in (502), and no redirect is made', async () => {
      const t = lyingSetup((url, answer) => (url.endsWith('/openid-configuration') ? editJson(answer, (d) => { d.issuer = 'https://idp.evil.example' }) : answer))
      const answer = await t.identity.handle(new Request(`${APP}/identity/signin`))
      assert.equal(answer.status, 502)
      const body = await refusal(answer)
      assert.equal(body.error, 'discovery_failed')
      assert.match(body.message, /is not the configured/)
    })

    it('discovery sending the browser to a plain-http host elsewhere is discovery_failed', async () => {
      const t = lyingSetup((url, answer) => (url.endsWith('/openid-configuration') ? editJson(answer, (d) => { d.authorization_endpoint = 'http://phish.example/authorize' }) : answer))
      const body = await refusal(await t.identity.handle(new Request(`${APP}/identity/signin`)))
      assert.equal(body.error, 'discovery_failed')
      assert.match(body.message, /authorization_endpoint .* is not https/)
    })

    it('a JWKS over 64 KB is not read: the id_token is refused', async () => {
      const t = lyingSetup((url, answer) => (url.endsWith('/jwks.json') ? new Response(`{"keys":[],"pad":"${'x'.repeat(70_000)}"}`) : answer))
      if (!cookiesReadable()) return assert.equal((await t.identity.handle(new Request(`${APP}/identity/signin`))).status, 302)
      const browser = t.newBrowser()
      const { callbackUrl } = await t.startSignIn(browser)
      const body = await refusal(await t.identity.handle(browser.request(callbackUrl)))
      assert.equal(body.error, 'invalid_id_token')
      assert.match(body.message, /larger than 64 KB/)
    })

    it('a userinfo about another subject is refused when the id_token lacks the email', async () => {
      const t = lyingSetup((url, answer) => (url.includes('/userInfo') ? editJson(answer, (d) => { d.sub = 'someone-else'; d.email = 'victim@school.example' }) : answer))
      if (!cookiesReadable()) return assert.equal((await t.identity.handle(new Request(`${APP}/identity/signin`))).status, 302)
      const browser = t.newBrowser()
      const { callbackUrl } = await t.startSignIn(browser)
      t.emulator.oidc.tamperNextIdToken({ claims: { email: undefined } })
      const body = await refusal(await t.identity.handle(browser.request(callbackUrl)))
      assert.equal(body.error, 'invalid_id_token')
      assert.match(body.message, /userinfo describes another subject/)
      assert.equal(await t.identity.getUser(browser.request(APP)), undefined)
    })
  })
}

export default suite
