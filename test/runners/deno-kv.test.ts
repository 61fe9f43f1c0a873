// Deno-only: DenoKvTokenStore over a real (in-memory) Deno KV, against dist/. Two clients with their own
// store objects over one KV share a token, as two isolates of a Deno Deploy app would.
// Run with `deno test --unstable-kv` (Deno KV is still behind that flag in Deno 2).

import { DenoKvTokenStore } from '../../dist/edge.js'
import { OneRosterClient } from '../../dist/oneroster.js'
import { createEmulator } from '../../dist/testing.js'
import { assert } from '../harness/assert.ts'

declare const Deno: { test(name: string, fn: () => Promise<void>): void; openKv(path?: string): Promise<any> }

Deno.test('edge/deno-kv: a token stored in Deno KV is reused by another client', async () => {
  const kv = await Deno.openKv(':memory:')
  try {
    const emulator = createEmulator()
    const options = { baseUrl: emulator.services.oneroster, auth: { ...emulator.credentials, authUrl: emulator.tokenUrl }, fetch: emulator.fetch }
    await new OneRosterClient({ ...options, tokenStore: new DenoKvTokenStore(kv) }).users.list({ limit: 1 })
    await new OneRosterClient({ ...options, tokenStore: new DenoKvTokenStore(kv) }).users.list({ limit: 1 })
    const tokenRequests = emulator.requests.filter((r: { url: string }) => r.url.startsWith(emulator.tokenUrl)).length
    assert.equal(tokenRequests, 1)
    const store = new DenoKvTokenStore(kv)
    await store.set('expired', { accessToken: 'x', expiresAt: Date.now() - 1, refreshAt: 0 }, 60)
    assert.equal(await store.get('expired'), undefined)
  } finally {
    kv.close()
  }
})
