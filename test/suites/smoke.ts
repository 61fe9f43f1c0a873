// Checks the harness end to end: the runner's setup() yields an emulator and client options that reach it
// (injected fetch or msw behind globalThis.fetch), a token can be minted, and a client can list users.

import type { Assert, Suite } from '../harness/types.ts'

const TOKEN_FORM = 'application/x-www-form-urlencoded'

const smoke: Suite = ({ h, sdk, setup, mode }) => {
  const { describe, it } = h
  // Annotated: TypeScript only narrows through assertion functions declared with an explicit type.
  const assert: Assert = h.assert

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

    // msw/node (for its lifecycle events), service workers and caches clone responses and may never read
    // the clone; `await res.body.cancel()` on such a response never settles (ReadableStream tee semantics),
    // so a client that awaits it hangs on every retry. This checks it with a fetch that clones, in any mode.
    it('a retried response whose clone is never read does not stall the client', async () => {
      const { emulator, options } = setup()
      const base = options.fetch ?? fetch
      const cloning = (async (input: RequestInfo | URL, init?: RequestInit) => {
        const res = await base(input, init)
        res.clone()
        return res
      }) as typeof fetch
      emulator.faults.add({ path: '/users', status: 503, retryAfter: 0, times: 1 })
      const client = new sdk.oneroster.OneRosterClient({ ...options, fetch: cloning, maxRetries: 1 })
      let timer: ReturnType<typeof setTimeout> | undefined
      const outcome = await Promise.race([
        client.users.list({ limit: 1 }).then((page) => `listed ${page.data.length}`, (error: unknown) => String(error)),
        new Promise<string>((resolve) => {
          timer = setTimeout(() => resolve('still pending after 3 s: the client awaits body.cancel() of a cloned response'), 3000)
        }),
      ]).finally(() => clearTimeout(timer))
      assert.equal(outcome, 'listed 1')
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
