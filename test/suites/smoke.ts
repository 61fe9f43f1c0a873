// Checks the harness end to end: the runner's setup() yields an emulator and client options that reach it
// (injected fetch or msw behind globalThis.fetch), a token can be minted, and a client can list users.

import type { Suite } from '../harness/types.ts'

const TOKEN_FORM = 'application/x-www-form-urlencoded'

const smoke: Suite = ({ h, sdk, setup, mode }) => {
  const { describe, it, assert } = h

  describe('smoke', () => {
    it('the emulator mints a token at options.auth.authUrl', async () => {
      const { emulator, options } = setup()
      const send = options.fetch ?? fetch
      assert.equal(options.fetch === undefined, mode === 'global', 'only inject mode passes a fetch')
      const res = await send(options.auth.authUrl, {
        method: 'POST',
        headers: { 'content-type': TOKEN_FORM },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: options.auth.clientId, client_secret: options.auth.clientSecret }),
      })
      assert.equal(res.status, 200)
      const body = (await res.json()) as { access_token?: unknown; token_type?: unknown }
      assert.equal(typeof body.access_token, 'string')
      assert.match(String(body.token_type), /^bearer$/i)
      assert.equal(emulator.requests.length, 1)
    })

    it('a OneRoster client fetches a token, then lists seeded users', async () => {
      const { emulator, options } = setup()
      const client = new sdk.oneroster.OneRosterClient({ ...options, maxRetries: 0 })
      const page = await client.users.list({ limit: 2 })
      assert.equal(page.data.length, 2)
      assert.ok(page.data.every((u) => typeof u.sourcedId === 'string' && u.sourcedId.length > 0))
      assert.ok((page.total ?? 0) >= 2, `total ${page.total}`)
      const seen = emulator.requests.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.status}`)
      assert.equal(seen.length, 2, seen.join('; '))
      assert.match(seen[0]!, /^POST \S+ 200$/)
      assert.match(seen[1]!, /^GET \/ims\/oneroster\/rostering\/v1p2\/users\/? 200$/)
    })

    it('two setups are independent emulators on different origins', () => {
      const a = setup()
      const b = setup({ seed: false })
      assert.notEqual(new URL(a.options.baseUrl).origin, new URL(b.options.baseUrl).origin)
      assert.equal(b.emulator.state.count('users'), 0)
      assert.ok(a.emulator.state.count('users') > 0)
    })
  })
}

export default smoke
