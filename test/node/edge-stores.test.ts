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

// Webhook replay stores on Workers KV (Miniflare's KV implementation). Own describe block and own Miniflare,
// independent of the token-store tests above.
import { createHmac } from 'node:crypto'
import { KVReplayStore } from '../../src/edge/index.ts'
import { isWebhookReplayError, parseWebhook } from '../../src/services/webhooks/index.ts'

describe('edge replay stores (Workers KV)', () => {
  let mf: Miniflare
  let kv: KVNamespaceLike

  before(async () => {
    mf = new Miniflare({ modules: true, script: 'export default { fetch() { return new Response("ok") } }', kvNamespaces: ['REPLAY'] })
    kv = (await mf.getKVNamespace('REPLAY')) as unknown as KVNamespaceLike
  })
  after(() => mf.dispose())

  it('KVReplayStore: an id claimed through one store object is held for every other (another isolate), until released', async () => {
    assert.equal(await new KVReplayStore(kv).claim('id-1', 600), true)
    assert.equal(await new KVReplayStore(kv).claim('id-1', 600), false)
    assert.notEqual(await kv.get('webhook-replay:id-1', 'json'), null, 'held in KV under the default prefix')
    assert.equal(await new KVReplayStore(kv, { prefix: 'other:' }).claim('id-1', 600), true, 'another prefix is another set')
    await new KVReplayStore(kv).release('id-1')
    assert.equal(await new KVReplayStore(kv).claim('id-1', 600), true)
  })

  it('KVReplayStore: the window becomes expirationTtl, raised to the 60 s KV minimum', async () => {
    const ttls: (number | undefined)[] = []
    const recording: KVNamespaceLike = {
      get: (key, type) => kv.get(key, type),
      put: (key, value, options) => (ttls.push(options?.expirationTtl), kv.put(key, value, options)),
      delete: (key) => kv.delete(key),
    }
    const store = new KVReplayStore(recording)
    await store.claim('short', 5)
    await store.claim('week', 604_800)
    await store.claim('fraction', 90.2)
    assert.deepEqual(ttls, [60, 604_800, 91])
  })

  it('KVReplayStore: of 20 concurrent claims of one id in an isolate, exactly one wins', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => new KVReplayStore(kv).claim('burst', 600)))
    assert.equal(results.filter((won) => won).length, 1)
  })

  it('parseWebhook with KVReplayStore refuses a delivery replayed to another isolate', async () => {
    const body = JSON.stringify({
      sensor: 'https://app.example/sensors/main', sendTime: '2026-03-01T10:00:01.000Z', dataVersion: 'http://purl.imsglobal.org/ctx/caliper/v1p2',
      data: [{ id: 'urn:uuid:kv-1', type: 'ActivityEvent', action: 'Completed', eventTime: '2026-03-01T10:00:00.000Z', actor: 'https://app.example/users/ada', object: 'https://app.example/lessons/7' }],
    })
    const signature = `sha256=${createHmac('sha256', 'kv-secret').update(body).digest('hex')}`
    const delivery = (id: string) => new Request('https://receiver.example/hooks', { method: 'POST', body, headers: { 'x-caliper-signature': signature, 'x-caliper-delivery-id': id } })
    const first = await parseWebhook(delivery('dl-1'), { secret: 'kv-secret', seen: new KVReplayStore(kv) })
    assert.equal(first.events.length, 1)
    await assert.rejects(parseWebhook(delivery('dl-2'), { secret: 'kv-secret', seen: new KVReplayStore(kv) }), isWebhookReplayError)
  })
})
