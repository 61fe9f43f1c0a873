/**
 * @module services/webhooks/receive — receiving deliveries: check the signature header, read the body with a size
 * limit, verify, parse, and (optionally) refuse a delivery already accepted.
 *
 * This module imports no client code, so a Worker that only receives webhooks bundles only this file, the
 * error classes and the hand-written envelope check. The order of the checks is the point: what an unauthenticated
 * sender can trigger stays cheap (a header check, at most `maxBodyBytes` read and one HMAC), and nothing is
 * parsed or recorded before the signature verified.
 */

import { ConfigurationError, InputValidationError } from '../../core/errors.js'
import type { CaliperEnvelope, CaliperEvent } from './events.js'
import { readEnvelope } from './read-envelope.js'
import { DEFAULT_MAX_BODY_BYTES, positiveInteger, readBody } from './read-body.js'
import { DEFAULT_REPLAY_WINDOW_SECONDS, claimDelivery, replayStore, type ReplayStore } from './replay.js'
import { SIGNATURE_HEADER, WebhookSignatureError, hex, secretsOf, signatureBytes, verifyBytes, type WebhookSecret } from './signature.js'

/** What a custom verifier receives: the raw body (already read) and the request for its headers. */
export interface WebhookVerifyInput {
  body: Uint8Array
  request: Request
}

export interface ParseWebhookOptions {
  /** The webhook's secret, or a list while rotating. Required unless `verify` is given. */
  secret?: WebhookSecret
  /** Header holding the signature. Default `x-caliper-signature`. */
  header?: string
  /**
   * Replaces the default HMAC check, for a scheme Timeback may document later. It runs after the body was read
   * (within `maxBodyBytes`) and must return exactly `true` (or a promise of it) to accept; anything else rejects.
   */
  verify?: (input: WebhookVerifyInput) => boolean | Promise<boolean>
  /** Largest body accepted, in bytes. Default 1 MiB. A larger one is WebhookPayloadTooLargeError (answer 413). */
  maxBodyBytes?: number
  /**
   * Replay protection: records each verified delivery and refuses one already recorded (WebhookReplayError).
   * `MemoryReplayStore` here; `KVReplayStore`, `DenoKvReplayStore` in `@timeback/sdk/edge`.
   */
  seen?: ReplayStore
  /** How long `seen` remembers a delivery, in seconds. Default 604800 (7 days). */
  replayWindowSeconds?: number
}

/** A verified delivery. */
export interface ParsedWebhook {
  envelope: CaliperEnvelope
  /** The envelope's events (entities excluded), in order. Deliveries carry one event each. */
  events: CaliperEvent[]
  /** `x-caliper-webhook-id`, when sent. */
  webhookId?: string
  /**
   * `x-caliper-delivery-id`, when sent. Not covered by the signature: use it for logs and your own idempotency,
   * not as proof that a delivery is new.
   */
  deliveryId?: string
  /**
   * With `seen`: the id recorded for this delivery. If you then fail to process it and answer an error so the
   * sender retries, call `seen.release(replayId)` first, or the retry (same body, same id) is refused as a replay.
   */
  replayId?: string
}

/**
 * Checks the signature header, reads the body (at most `maxBodyBytes`), verifies the signature, parses the
 * Caliper envelope and, with `seen`, records the delivery and refuses one already recorded. Errors, in the
 * order they can happen: ConfigurationError (bad options, body already read), WebhookSignatureError (missing or
 * malformed header: the body is left unread; or a mismatch), WebhookPayloadTooLargeError, InputValidationError
 * (verified, but not a Caliper envelope), WebhookReplayError (verified, already accepted). Nothing is recorded
 * unless the signature verified and the envelope parsed. Timeback does not publish its delivery signature
 * scheme: the default check is HMAC-SHA256 hex of the body (see signature.ts); pass `verify` to use another.
 * @example
 * const seen = new MemoryReplayStore()
 * Deno.serve(async (request) => {
 *   let parsed
 *   try {
 *     parsed = await parseWebhook(request, { secret: Deno.env.get('WEBHOOK_SECRET')!, seen })
 *   } catch (e) {
 *     if (isWebhookSignatureError(e)) return new Response('invalid signature', { status: 401 })
 *     if (isWebhookPayloadTooLargeError(e)) return new Response('too large', { status: 413 })
 *     if (isWebhookReplayError(e)) return new Response(null, { status: 200 }) // already handled
 *     return new Response('bad payload', { status: 400 })
 *   }
 *   try {
 *     for (const event of parsed.events) if (isActivityEvent(event)) await save(event)
 *     return new Response(null, { status: 204 })
 *   } catch {
 *     await seen.release(parsed.replayId!) // let the sender's retry through
 *     return new Response('try again', { status: 503 })
 *   }
 * })
 */
export async function parseWebhook(request: Request, options: ParseWebhookOptions): Promise<ParsedWebhook> {
  const { verify, header = SIGNATURE_HEADER } = options ?? {}
  // Check the configuration before touching the body, so a misconfigured handler fails loudly every time.
  const secrets = verify ? undefined : secretsOf(options?.secret)
  const limit = positiveInteger(options?.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes')
  const seen = replayStore(options?.seen)
  const ttl = positiveInteger(options?.replayWindowSeconds, DEFAULT_REPLAY_WINDOW_SECONDS, 'replayWindowSeconds')
  if (request.bodyUsed) throw new ConfigurationError('parseWebhook needs the unread request: its body was already consumed.')

  // The default scheme's header is checked before reading: a sender without a signature costs nothing more.
  let signature: Uint8Array<ArrayBuffer> | undefined
  if (!verify) {
    const value = request.headers.get(header)
    if (value === null || value.trim() === '') throw new WebhookSignatureError(`Webhook delivery has no ${header} header.`, 'missing')
    signature = signatureBytes(value)
    if (!signature) throw new WebhookSignatureError(`The ${header} header is not a hex HMAC-SHA256 signature.`, 'malformed')
  }
  const body = await readBody(request, limit)
  if (verify) {
    // Exactly true: a verifier returning a truthy string or object is a bug that must not accept forgeries.
    if ((await verify({ body, request })) !== true) throw new WebhookSignatureError('Webhook signature rejected by the custom verifier.', 'mismatch')
  } else if (!(await verifyBytes(body, signature!, secrets!))) {
    throw new WebhookSignatureError(`The ${header} signature does not match the body for any configured secret.`, 'mismatch')
  }

  const { envelope, events } = readEnvelope(decodeJson(body))
  const parsed: ParsedWebhook = { envelope, events }
  const webhookId = request.headers.get('x-caliper-webhook-id')
  const deliveryId = request.headers.get('x-caliper-delivery-id')
  if (webhookId) parsed.webhookId = webhookId
  if (deliveryId) parsed.deliveryId = deliveryId
  if (seen) {
    // The id comes from what the signature covers (see replay.ts): the MAC itself, or the body under `verify`.
    parsed.replayId = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', signature ?? body)))
    await claimDelivery(seen, parsed.replayId, ttl)
  }
  return parsed
}

function decodeJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new InputValidationError([{ path: '(root)', message: `is not UTF-8 JSON (${reason})` }], 'webhook payload')
  }
}
