// Receiving deliveries: HMAC-SHA256 signature checks (prefix, case, rotation, tampering, missing header),
// the pluggable verifier, reading the body once, and parsing the Caliper envelope only after verification.

import type { Assert, Suite } from '../../harness/types.ts'
import { hmacHex, requireWebhooks, SECRET } from './helpers.ts'

const EVENT = {
  '@context': 'http://purl.imsglobal.org/ctx/caliper/v1p2',
  id: 'urn:uuid:6f1b7b0e-7d55-4a8e-9d1a-2b6f0c1d2e3f',
  type: 'ActivityEvent',
  action: 'Completed',
  profile: 'TimebackProfile',
  eventTime: '2026-03-01T10:00:00.000Z',
  actor: { id: 'https://app.example/users/ada', type: 'TimebackUser', email: 'ada@school.example' },
  object: { id: 'https://app.example/lessons/7', type: 'TimebackActivityContext', subject: 'Math', app: { name: 'App' } },
  generated: { id: 'urn:uuid:0a0b', type: 'TimebackActivityMetricsCollection', items: [{ type: 'xpEarned', value: 12 }] },
}
const ENVELOPE = { sensor: 'https://app.example/sensors/main', sendTime: '2026-03-01T10:00:01.000Z', dataVersion: 'http://purl.imsglobal.org/ctx/caliper/v1p2', data: [EVENT] }
const BODY = JSON.stringify(ENVELOPE)

function delivery(body: string, headers: Record<string, string> = {}): Request {
  return new Request('https://receiver.example/hooks', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })
}

const suite: Suite = ({ h, sdk }) => {
  const { describe, it } = h
  // Annotated, so TypeScript narrows after assert.ok.
  const assert: Assert = h.assert
  if (!requireWebhooks(h, sdk, 'webhooks: receiving')) return
  const { verifyWebhookSignature, parseWebhook, isWebhookSignatureError, isActivityEvent, signWebhookPayload } = sdk.webhooks
  const { isInputValidationError, isConfigurationError } = sdk.errors
  const reason = (r: string) => (e: unknown) => isWebhookSignatureError(e) && e.reason === r && e.code === 'invalid_signature'

  describe('webhooks: receiving', () => {
    it('verifyWebhookSignature accepts the HMAC with or without sha256=, in any case, for string and byte bodies', async () => {
      const hex = await hmacHex(SECRET, BODY)
      const bytes = new TextEncoder().encode(BODY)
      for (const signature of [hex, `sha256=${hex}`, hex.toUpperCase(), `SHA256=${hex.toUpperCase()}`, ` sha256=${hex} `]) {
        assert.equal(await verifyWebhookSignature({ body: BODY, signature, secret: SECRET }), true, signature)
      }
      assert.equal(await verifyWebhookSignature({ body: bytes, signature: hex, secret: SECRET }), true)
      assert.equal(await verifyWebhookSignature({ body: bytes.buffer, signature: hex, secret: SECRET }), true)
      assert.equal(await signWebhookPayload(BODY, SECRET), `sha256=${hex}`)
    })

    it('verifyWebhookSignature rejects a wrong secret, a tampered body and missing or malformed signatures', async () => {
      const hex = await hmacHex(SECRET, BODY)
      assert.equal(await verifyWebhookSignature({ body: BODY, signature: hex, secret: 'other-secret' }), false)
      assert.equal(await verifyWebhookSignature({ body: BODY.replace('"value":12', '"value":99'), signature: hex, secret: SECRET }), false)
      assert.equal(await verifyWebhookSignature({ body: `${BODY} `, signature: hex, secret: SECRET }), false)
      for (const signature of [null, undefined, '', 'sha256=', hex.slice(0, 62), `${hex}00`, `sha1=${hex}`, 'z'.repeat(64)]) {
        assert.equal(await verifyWebhookSignature({ body: BODY, signature, secret: SECRET }), false, String(signature))
      }
      // An empty secret would make forging trivial: it is a configuration error, not a "false".
      await assert.rejects(verifyWebhookSignature({ body: BODY, signature: hex, secret: '' }), isConfigurationError)
      await assert.rejects(verifyWebhookSignature({ body: BODY, signature: hex, secret: [] }), isConfigurationError)
    })

    it('accepts any secret of a rotation list', async () => {
      const signedWithOld = await hmacHex('old-secret', BODY)
      const signedWithNew = await hmacHex('new-secret', BODY)
      const secret = ['new-secret', 'old-secret']
      assert.equal(await verifyWebhookSignature({ body: BODY, signature: signedWithOld, secret }), true)
      assert.equal(await verifyWebhookSignature({ body: BODY, signature: signedWithNew, secret }), true)
      assert.equal(await verifyWebhookSignature({ body: BODY, signature: signedWithOld, secret: ['new-secret', 'newer'] }), false)
      const parsed = await parseWebhook(delivery(BODY, { 'x-caliper-signature': `sha256=${signedWithOld}` }), { secret })
      assert.equal(parsed.events.length, 1)
    })

    it('parseWebhook verifies, then returns the envelope, typed events and the delivery headers', async () => {
      const request = delivery(BODY, {
        'x-caliper-signature': `sha256=${await hmacHex(SECRET, BODY)}`,
        'x-caliper-webhook-id': 'wh-1',
        'x-caliper-delivery-id': 'dl-1',
      })
      const parsed = await parseWebhook(request, { secret: SECRET })
      assert.ok(request.bodyUsed, 'the body was read')
      assert.deepEqual(parsed.envelope, ENVELOPE)
      assert.deepEqual(parsed.events, [EVENT])
      assert.deepEqual([parsed.webhookId, parsed.deliveryId], ['wh-1', 'dl-1'])
      const [event] = parsed.events
      assert.ok(event && isActivityEvent(event))
      assert.equal(event.actor.email, 'ada@school.example')
      assert.equal(event.generated.items[0]?.value, 12)
      // Reading twice is impossible: say so instead of failing somewhere inside.
      await assert.rejects(parseWebhook(request, { secret: SECRET }), isConfigurationError)
    })

    it('never parses the body when the signature is missing, malformed or wrong', async () => {
      const notJson = 'this is not JSON and must never be parsed'
      const good = await hmacHex(SECRET, notJson)
      await assert.rejects(parseWebhook(delivery(notJson), { secret: SECRET }), reason('missing'))
      await assert.rejects(parseWebhook(delivery(notJson, { 'x-caliper-signature': 'sha256=abc' }), { secret: SECRET }), reason('malformed'))
      await assert.rejects(parseWebhook(delivery(notJson, { 'x-caliper-signature': await hmacHex('x', notJson) }), { secret: SECRET }), reason('mismatch'))
      const tampered = BODY.replace('ada@', 'eve@')
      await assert.rejects(parseWebhook(delivery(tampered, { 'x-caliper-signature': await hmacHex(SECRET, BODY) }), { secret: SECRET }), reason('mismatch'))
      // With a valid signature the same body reaches the parser, which rejects it as input.
      await assert.rejects(parseWebhook(delivery(notJson, { 'x-caliper-signature': good }), { secret: SECRET }), isInputValidationError)
    })

    it('reads the signature from a configured header', async () => {
      const signature = await hmacHex(SECRET, BODY)
      const request = () => delivery(BODY, { 'x-timeback-signature': signature })
      await assert.rejects(parseWebhook(request(), { secret: SECRET }), reason('missing'))
      const parsed = await parseWebhook(request(), { secret: SECRET, header: 'X-Timeback-Signature' })
      assert.equal(parsed.events.length, 1)
    })

    it('a custom verify replaces the HMAC check and receives the raw bytes', async () => {
      let seen: Uint8Array | undefined
      const parsed = await parseWebhook(delivery(BODY, { authorization: 'Bearer shared-token' }), {
        verify: ({ body, request }) => {
          seen = body
          return request.headers.get('authorization') === 'Bearer shared-token'
        },
      })
      assert.equal(parsed.events.length, 1)
      assert.equal(new TextDecoder().decode(seen), BODY)
      await assert.rejects(parseWebhook(delivery('not json'), { verify: async () => false }), reason('mismatch'))
      await assert.rejects(parseWebhook(delivery(BODY), {} as never), isConfigurationError)
    })

    it('a verified body that is not a Caliper envelope is an InputValidationError naming the bad fields', async () => {
      const sign = async (value: unknown) => {
        const body = JSON.stringify(value)
        return delivery(body, { 'x-caliper-signature': await hmacHex(SECRET, body) })
      }
      const noData = await assert.rejects(parseWebhook(await sign({ ...ENVELOPE, data: [] }), { secret: SECRET }), isInputValidationError)
      assert.deepEqual(noData.issues.map((i: { path: string }) => i.path), ['data'])
      const { eventTime: _omitted, ...noTime } = EVENT
      const badEvent = await assert.rejects(parseWebhook(await sign({ ...ENVELOPE, data: [noTime] }), { secret: SECRET }), isInputValidationError)
      assert.deepEqual(badEvent.issues.map((i: { path: string }) => i.path), ['data.0.eventTime'])
      // Entities may ride along in data; they stay in the envelope and are not events. Unknown fields pass.
      const entity = { id: 'https://app.example/users/ada', type: 'Person' }
      const parsed = await parseWebhook(await sign({ ...ENVELOPE, data: [entity, { ...EVENT, futureField: 1 }] }), { secret: SECRET })
      assert.deepEqual(parsed.envelope.data[0], entity)
      assert.deepEqual(parsed.events, [{ ...EVENT, futureField: 1 }])
    })
  })
}

export default suite
