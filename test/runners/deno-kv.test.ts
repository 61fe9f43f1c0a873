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

// Webhook replay store on Deno KV: a claim is one atomic check-and-set, so of many concurrent claims of one
// id, whichever store object (isolate) makes them, exactly one wins; parseWebhook then refuses the replay.
import { DenoKvReplayStore } from '../../dist/edge.js'
import { isWebhookReplayError, parseWebhook } from '../../dist/webhooks.js'

async function hmacHex(secret: string, body: string): Promise<string> {
  const enc = new TextEncoder()
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return Array.from(new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(body))), (b) => b.toString(16).padStart(2, '0')).join('')
}

Deno.test('edge/deno-kv: DenoKvReplayStore lets exactly one of 20 concurrent claims win, and parseWebhook refuses a replay', async () => {
  const kv = await Deno.openKv(':memory:')
  try {
    const results = await Promise.all(Array.from({ length: 20 }, () => new DenoKvReplayStore(kv).claim('burst', 600)))
    assert.equal(results.filter((won: boolean) => won).length, 1)
    assert.notEqual((await kv.get(['timeback-webhook-replay', 'burst'])).value, null, 'held under the default prefix')
    assert.equal(await new DenoKvReplayStore(kv, { prefix: 'other' }).claim('burst', 600), true, 'another prefix is another set')
    await new DenoKvReplayStore(kv).release('burst')
    assert.equal(await new DenoKvReplayStore(kv).claim('burst', 600), true, 'claimable again once released')

    const body = JSON.stringify({
      sensor: 'https://app.example/sensors/main', sendTime: '2026-03-01T10:00:01.000Z', dataVersion: 'http://purl.imsglobal.org/ctx/caliper/v1p2',
      data: [{ id: 'urn:uuid:deno-1', type: 'ActivityEvent', action: 'Completed', eventTime: '2026-03-01T10:00:00.000Z', actor: 'https://app.example/users/ada', object: 'https://app.example/lessons/7' }],
    })
    const signature = await hmacHex('deno-secret', body)
    const delivery = (id: string) => new Request('https://receiver.example/hooks', { method: 'POST', body, headers: { 'x-caliper-signature': signature, 'x-caliper-delivery-id': id } })
    const first = await parseWebhook(delivery('dl-1'), { secret: 'deno-secret', seen: new DenoKvReplayStore(kv) })
    assert.equal(first.events.length, 1)
    await assert.rejects(parseWebhook(delivery('dl-2'), { secret: 'deno-secret', seen: new DenoKvReplayStore(kv) }), isWebhookReplayError)
  } finally {
    kv.close()
  }
})
