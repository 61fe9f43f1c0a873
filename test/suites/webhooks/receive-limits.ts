// Receiving under attack: what an unauthenticated sender can make a receiver do. A missing or malformed
// signature leaves the body unread; the body is read with a byte limit whatever Content-Length claims; a
// custom verifier accepts only an exact `true`; bad options fail before the body is touched.

import type { Assert, Suite } from '../../harness/types.ts'
import { hmacHex, requireWebhooks, SECRET } from './helpers.ts'
import { envelopeBody, filler, pieces, post, signed, streamRequest, trackedStream, wireRequest } from './receive-helpers.ts'

const MIB = 1024 * 1024
const BODY = envelopeBody()

const suite: Suite = ({ h, sdk }) => {
  const { describe, it } = h
  const assert: Assert = h.assert
  if (!requireWebhooks(h, sdk, 'webhooks: receiving limits')) return
  const { parseWebhook, isWebhookSignatureError, isWebhookPayloadTooLargeError } = sdk.webhooks
  const { isConfigurationError } = sdk.errors
  const reason = (r: string) => (e: unknown) => isWebhookSignatureError(e) && e.reason === r
  const tooLarge = (limit: number) => (e: unknown) =>
    isWebhookPayloadTooLargeError(e) && e.code === 'payload_too_large' && e.maxBodyBytes === limit && !isWebhookSignatureError(e)
  // A well-formed signature (of some other body): it passes the header check, so the body must be read.
  const someSignature = async () => `sha256=${await hmacHex(SECRET, 'another body')}`

  describe('webhooks: receiving limits', () => {
    it('a missing or malformed signature is rejected before a byte of the body is read', async () => {
      const cases: [Record<string, string>, string][] = [
        [{}, 'missing'],
        [{ 'x-caliper-signature': '  ' }, 'missing'],
        [{ 'x-caliper-signature': 'sha256=abc' }, 'malformed'],
        [{ 'x-caliper-signature': 'z'.repeat(64) }, 'malformed'],
        [{ 'x-caliper-signature': `sha1=${'a'.repeat(40)}` }, 'malformed'],
      ]
      for (const [headers, why] of cases) {
        const { stream, state } = trackedStream(filler(4, 1024))
        const request = streamRequest(stream, headers)
        await assert.rejects(parseWebhook(request, { secret: SECRET }), reason(why), JSON.stringify(headers))
        assert.equal(request.bodyUsed, false, `body untouched for ${JSON.stringify(headers)}`)
        assert.equal(state.pulls, 0, `no chunk pulled for ${JSON.stringify(headers)}`)
      }
    })

    it('a body past the default 1 MiB is cut off after the limit, and the stream cancelled', async () => {
      // 8 MiB offered in 64 KiB chunks, no Content-Length: only counting can stop it.
      const { stream, state } = trackedStream(filler(128, 64 * 1024))
      const error = await assert.rejects(parseWebhook(streamRequest(stream, { 'x-caliper-signature': await someSignature() }), { secret: SECRET }), tooLarge(MIB))
      assert.match(error.message, /1048576-byte maxBodyBytes limit/)
      assert.ok(state.pulls >= 17 && state.pulls <= 18, `read ${state.pulls} chunks of 64 KiB (17 cross 1 MiB)`)
      assert.equal(state.cancelled, true, 'the rest of the stream is cancelled')
    })

    it('a Content-Length over maxBodyBytes is refused without reading', async () => {
      for (const [declared, limit] of [[String(MIB + 1), undefined], ['11', 10], ['99999999999999999999', undefined]] as const) {
        const { stream, state } = trackedStream(filler(1, 8))
        const request = wireRequest(stream, { 'content-length': declared, 'x-caliper-signature': await someSignature() })
        await assert.rejects(parseWebhook(request, { secret: SECRET, maxBodyBytes: limit }), tooLarge(limit ?? MIB), declared)
        assert.equal(state.pulls, 0, `nothing read for Content-Length ${declared}`)
      }
    })

    it('a Content-Length that lies low is no help: the bytes are counted', async () => {
      const { stream, state } = trackedStream(filler(64, 64 * 1024))
      const request = wireRequest(stream, { 'content-length': '100', 'x-caliper-signature': await someSignature() })
      await assert.rejects(parseWebhook(request, { secret: SECRET, maxBodyBytes: 100_000 }), tooLarge(100_000))
      assert.ok(state.pulls <= 3, `read ${state.pulls} chunks of 64 KiB for a 100 000-byte limit`)
      // A stream of something other than bytes cannot be counted: it is stopped, not read forever.
      let strings = 0
      const endless = new ReadableStream({ pull: (c) => void (strings++, c.enqueue('x'.repeat(1000))) }, { highWaterMark: 0 })
      await assert.rejects(parseWebhook(wireRequest(endless as never, { 'x-caliper-signature': await someSignature() }), { secret: SECRET }), tooLarge(MIB))
      assert.equal(strings, 1)
    })

    it('a body of exactly maxBodyBytes, in small chunks, is reassembled and accepted; one byte less is refused', async () => {
      const size = new TextEncoder().encode(BODY).length
      const signature = `sha256=${await hmacHex(SECRET, BODY)}`
      const exact = streamRequest(trackedStream(pieces(BODY, 7)).stream, { 'x-caliper-signature': signature })
      const parsed = await parseWebhook(exact, { secret: SECRET, maxBodyBytes: size })
      assert.deepEqual(parsed.envelope, JSON.parse(BODY))
      const over = streamRequest(trackedStream(pieces(BODY, 7)).stream, { 'x-caliper-signature': signature })
      await assert.rejects(parseWebhook(over, { secret: SECRET, maxBodyBytes: size - 1 }), tooLarge(size - 1))
      // A Content-Length that is not a plain number is not trusted either way; the count decides.
      const odd = wireRequest(trackedStream(pieces(BODY, 64)).stream, { 'content-length': '1e9', 'x-caliper-signature': signature })
      assert.equal((await parseWebhook(odd, { secret: SECRET })).events.length, 1)
    })

    it('a custom verifier is not called for a body over the limit', async () => {
      let calls = 0
      const verify = () => (calls++, true)
      const request = streamRequest(trackedStream(filler(3, 1000)).stream)
      await assert.rejects(parseWebhook(request, { verify, maxBodyBytes: 2000 }), tooLarge(2000))
      assert.equal(calls, 0)
    })

    it('a custom verify accepts only an exact true', async () => {
      const notTrue: unknown[] = ['true', 'yes', 1, {}, [], [true], Promise.resolve('yes'), Promise.resolve(1), { then: (ok: (v: unknown) => void) => ok('true') }]
      for (const result of notTrue) {
        const verify = (() => result) as never
        await assert.rejects(parseWebhook(post(BODY), { verify }), reason('mismatch'), `verify returned ${String(result)}`)
      }
      assert.equal((await parseWebhook(post(BODY), { verify: () => true })).events.length, 1)
      assert.equal((await parseWebhook(post(BODY), { verify: async () => true })).events.length, 1)
    })

    it('bad maxBodyBytes, seen or replayWindowSeconds fail as configuration, before the body is read', async () => {
      const seen = new sdk.webhooks.MemoryReplayStore()
      const bad: Record<string, unknown>[] = [
        ...[0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1024'].map((maxBodyBytes) => ({ maxBodyBytes })),
        ...[null, {}, 'yes', { claim: () => true }, { release: () => undefined }].map((s) => ({ seen: s })),
        ...[0, -60, 0.5, Number.NaN, '60'].map((replayWindowSeconds) => ({ seen, replayWindowSeconds })),
      ]
      for (const options of bad) {
        const request = await signed(BODY)
        await assert.rejects(parseWebhook(request, { secret: SECRET, ...options } as never), isConfigurationError, JSON.stringify(options))
        assert.equal(request.bodyUsed, false, `body untouched for ${JSON.stringify(options)}`)
      }
      assert.equal(seen.size, 0)
    })
  })
}

export default suite
