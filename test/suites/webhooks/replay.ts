// Replay protection (`seen`): the assumed signature covers the body only, with no timestamp, so a captured
// delivery verifies forever. These tests replay deliveries the way an attacker would (same bytes, other
// unsigned headers, another spelling of the signature) and check that only verified deliveries are recorded.

import type { Assert, Suite } from '../../harness/types.ts'
import { hmacHex, requireWebhooks, SECRET } from './helpers.ts'
import { envelopeBody, macReplayId, post, sha256Hex, signed } from './receive-helpers.ts'

const SEVEN_DAYS = 7 * 24 * 60 * 60
const BODY = envelopeBody()

const suite: Suite = ({ h, sdk }) => {
  const { describe, it } = h
  const assert: Assert = h.assert
  if (!requireWebhooks(h, sdk, 'webhooks: replay protection')) return
  const { parseWebhook, isWebhookReplayError, isWebhookSignatureError, MemoryReplayStore } = sdk.webhooks
  const { isConfigurationError, isInputValidationError } = sdk.errors
  const replayed = (id: string) => (e: unknown) => isWebhookReplayError(e) && e.code === 'replayed' && e.replayId === id && !isWebhookSignatureError(e)

  /** A MemoryReplayStore that records every claim it is asked for. */
  function spyStore(options?: { now?: () => number }) {
    const inner = new MemoryReplayStore(options)
    const claims: [string, number][] = []
    return {
      claims,
      claim(id: string, ttl: number) {
        claims.push([id, ttl])
        return inner.claim(id, ttl)
      },
      release: (id: string) => inner.release(id),
    }
  }

  describe('webhooks: replay protection', () => {
    it('a delivery accepted once is refused as a replay; its id comes from the verified signature', async () => {
      const seen = new MemoryReplayStore()
      const id = await macReplayId(SECRET, BODY)
      const first = await parseWebhook(await signed(BODY, { 'x-caliper-delivery-id': 'dl-1' }), { secret: SECRET, seen })
      assert.equal(first.replayId, id)
      assert.equal(first.deliveryId, 'dl-1')
      await assert.rejects(parseWebhook(await signed(BODY, { 'x-caliper-delivery-id': 'dl-1' }), { secret: SECRET, seen }), replayed(id))
    })

    it('new unsigned headers or another spelling of the same signature do not get a replay through', async () => {
      const seen = new MemoryReplayStore()
      const hex = await hmacHex(SECRET, BODY)
      const id = await macReplayId(SECRET, BODY)
      await parseWebhook(post(BODY, { 'x-caliper-signature': `sha256=${hex}`, 'x-caliper-delivery-id': 'dl-1' }), { secret: SECRET, seen })
      const variants: Record<string, string>[] = [
        { 'x-caliper-signature': `sha256=${hex}`, 'x-caliper-delivery-id': 'dl-2' },
        { 'x-caliper-signature': `sha256=${hex}`, 'x-caliper-webhook-id': 'another-hook' },
        { 'x-caliper-signature': hex.toUpperCase() },
        { 'x-caliper-signature': `SHA256=${hex}` },
        { 'x-caliper-signature': ` ${hex} ` },
      ]
      for (const headers of variants) {
        await assert.rejects(parseWebhook(post(BODY, headers), { secret: SECRET, seen }), replayed(id), JSON.stringify(headers))
      }
    })

    it('another delivery, or the same body under another secret, is another id', async () => {
      const seen = new MemoryReplayStore()
      const secret = [SECRET, 'second-hook-secret']
      await parseWebhook(await signed(BODY), { secret, seen })
      const other = await parseWebhook(await signed(envelopeBody('urn:uuid:other')), { secret, seen })
      assert.equal(other.replayId, await macReplayId(SECRET, envelopeBody('urn:uuid:other')))
      const sameBodyOtherHook = await parseWebhook(await signed(BODY, {}, 'second-hook-secret'), { secret, seen })
      assert.equal(sameBodyOtherHook.replayId, await macReplayId('second-hook-secret', BODY))
      assert.equal(seen.size, 3)
    })

    it('nothing is recorded before the signature verifies and the envelope parses: a forger cannot burn an id', async () => {
      const seen = spyStore()
      const hex = await hmacHex(SECRET, BODY)
      const attempts: [Request, (e: unknown) => boolean][] = [
        // The genuine signature (seen on the wire, say) on a tampered body must not record its id.
        [post(BODY.replace('ada', 'eve'), { 'x-caliper-signature': hex }), isWebhookSignatureError],
        [post(BODY), isWebhookSignatureError],
        [post(BODY, { 'x-caliper-signature': 'sha256=123' }), isWebhookSignatureError],
        [await signed(BODY, {}, 'wrong-secret'), isWebhookSignatureError],
        [await signed('{"not":"an envelope"}'), isInputValidationError],
      ]
      for (const [request, expected] of attempts) await assert.rejects(parseWebhook(request, { secret: SECRET, seen }), expected)
      assert.deepEqual(seen.claims, [])
      const parsed = await parseWebhook(await signed(BODY), { secret: SECRET, seen })
      assert.equal(parsed.events.length, 1)
      assert.deepEqual(seen.claims, [[await macReplayId(SECRET, BODY), SEVEN_DAYS]])
    })

    it('replayWindowSeconds is the time to live: after it the id is accepted again', async () => {
      let now = Date.UTC(2026, 2, 1)
      const seen = spyStore({ now: () => now })
      const id = await macReplayId(SECRET, BODY)
      await parseWebhook(await signed(BODY), { secret: SECRET, seen, replayWindowSeconds: 60 })
      now += 59_999
      await assert.rejects(parseWebhook(await signed(BODY), { secret: SECRET, seen, replayWindowSeconds: 60 }), replayed(id))
      now += 2
      assert.equal((await parseWebhook(await signed(BODY), { secret: SECRET, seen, replayWindowSeconds: 60 })).replayId, id)
      assert.deepEqual(seen.claims.map(([, ttl]) => ttl), [60, 60, 60])
    })

    it('release lets the sender retry a delivery the handler failed to process', async () => {
      const seen = new MemoryReplayStore()
      const first = await parseWebhook(await signed(BODY), { secret: SECRET, seen })
      await seen.release(first.replayId!)
      const retry = await parseWebhook(await signed(BODY), { secret: SECRET, seen })
      assert.equal(retry.replayId, first.replayId)
      await assert.rejects(parseWebhook(await signed(BODY), { secret: SECRET, seen }), isWebhookReplayError)
    })

    it('with a custom verify the id is the SHA-256 of the body', async () => {
      const seen = new MemoryReplayStore()
      const verify = () => true
      const parsed = await parseWebhook(post(BODY), { verify, seen })
      assert.equal(parsed.replayId, await sha256Hex(new TextEncoder().encode(BODY)))
      await assert.rejects(parseWebhook(post(BODY, { 'x-caliper-delivery-id': 'new' }), { verify, seen }), isWebhookReplayError)
    })

    it('a store that throws or answers anything but true or false refuses the delivery', async () => {
      const store = (claim: () => unknown) => ({ claim, release: () => undefined }) as never
      await assert.rejects(parseWebhook(await signed(BODY), { secret: SECRET, seen: store(() => { throw new Error('kv down') }) }), /kv down/)
      await assert.rejects(parseWebhook(await signed(BODY), { secret: SECRET, seen: store(async () => { throw new Error('kv down') }) }), /kv down/)
      for (const answer of [undefined, null, 'true', 1, {}]) {
        await assert.rejects(parseWebhook(await signed(BODY), { secret: SECRET, seen: store(() => answer) }), isConfigurationError, String(answer))
      }
      assert.equal((await parseWebhook(await signed(BODY), { secret: SECRET, seen: store(async () => true) })).events.length, 1)
    })

    it('MemoryReplayStore forgets expired ids and stays within maxEntries, dropping the oldest', () => {
      let now = 0
      const store = new MemoryReplayStore({ maxEntries: 3, now: () => now })
      for (const id of ['a', 'b', 'c', 'd']) assert.equal(store.claim(id, 100), true, id)
      assert.equal(store.size, 3)
      assert.equal(store.claim('d', 100), false)
      assert.equal(store.claim('a', 100), true, 'a was the oldest, dropped for d')
      now = 100_001
      assert.equal(store.claim('e', 100), true)
      assert.equal(store.size, 1, 'every expired id went with the next claim')
      for (const maxEntries of [0, -1, 1.5, Number.NaN]) assert.throws(() => new MemoryReplayStore({ maxEntries }), isConfigurationError, String(maxEntries))
    })
  })
}

export default suite
