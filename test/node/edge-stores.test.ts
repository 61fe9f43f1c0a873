// Token stores of @timeback/sdk/edge against the real thing where it runs in Node: Workers KV through
// Miniflare's KV implementation. The Durable Object store is checked over a Map with the storage API's shape.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Miniflare } from 'miniflare'
import { DurableObjectTokenStore, KVTokenStore, type KVNamespaceLike } from '../../src/edge/index.ts'
import { OneRosterClient, clearTokenCache } from '../../src/services/oneroster/index.ts'
import { createEmulator } from '../../src/testing/index.ts'

describe('edge token stores', () => {
  let mf: Miniflare
  let kv: KVNamespaceLike

  before(async () => {
    mf = new Miniflare({ modules: true, script: 'export default { fetch() { return new Response("ok") } }', kvNamespaces: ['TOKENS'] })
    kv = (await mf.getKVNamespace('TOKENS')) as unknown as KVNamespaceLike
  })
  after(() => mf.dispose())

  it('KVTokenStore lets a second client (another isolate) reuse the token', async () => {
    const emulator = createEmulator()
    const options = {
      baseUrl: emulator.services.oneroster,
      auth: { ...emulator.credentials, authUrl: emulator.tokenUrl },
      fetch: emulator.fetch,
    }
    const tokenRequests = () => emulator.requests.filter((r) => r.url.startsWith(emulator.tokenUrl)).length
    // The call does not wait for the KV write (callers have their token already): the store tells when it landed.
    let written!: () => void
    const landed = new Promise<void>((resolve) => (written = resolve))
    class ObservedKV extends KVTokenStore {
      override async set(...args: Parameters<KVTokenStore['set']>): Promise<void> {
        await super.set(...args)
        written()
      }
    }
    await new OneRosterClient({ ...options, tokenStore: new ObservedKV(kv, { prefix: 't1:' }) }).users.list({ limit: 1 })
    await landed
    clearTokenCache() // another isolate: nothing in memory, so the token can only come from KV
    await new OneRosterClient({ ...options, tokenStore: new KVTokenStore(kv, { prefix: 't1:' }) }).users.list({ limit: 1 })
    assert.equal(tokenRequests(), 1)
    // A different prefix is a different cache.
    clearTokenCache()
    await new OneRosterClient({ ...options, tokenStore: new KVTokenStore(kv, { prefix: 't2:' }) }).users.list({ limit: 1 })
    assert.equal(tokenRequests(), 2)
  })

  it('KVTokenStore ignores an expired token and deletes on request', async () => {
    const store = new KVTokenStore(kv)
    await store.set('k', { accessToken: 'old', expiresAt: Date.now() - 1, refreshAt: Date.now() - 1 }, 1)
    assert.equal(await store.get('k'), undefined)
    await store.set('k', { accessToken: 'new', expiresAt: Date.now() + 60_000, refreshAt: Date.now() + 30_000 }, 60)
    assert.equal((await store.get('k'))?.accessToken, 'new')
    await store.delete('k')
    assert.equal(await store.get('k'), undefined)
  })

  it('DurableObjectTokenStore evicts expired tokens from storage', async () => {
    const map = new Map<string, unknown>()
    const storage = {
      get: async <T>(key: string) => map.get(key) as T | undefined,
      put: async <T>(key: string, value: T) => void map.set(key, value),
      delete: async (key: string) => map.delete(key),
    }
    const store = new DurableObjectTokenStore(storage)
    await store.set('k', { accessToken: 'a', expiresAt: Date.now() - 1, refreshAt: 0 })
    assert.equal(await store.get('k'), undefined)
    assert.equal(map.has('k'), false)
    await store.set('k', { accessToken: 'b', expiresAt: Date.now() + 1000, refreshAt: 0 })
    assert.equal((await store.get('k'))?.accessToken, 'b')
  })
})
