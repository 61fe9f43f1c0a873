/**
 * @module services/webhooks/read-body — reading a delivery's body with a size limit.
 *
 * `request.arrayBuffer()` buffers whatever the sender streams, so an unauthenticated client could make a
 * receiver hold gigabytes before the signature is ever checked. Here a declared Content-Length over the limit
 * is refused without reading, and the stream is counted chunk by chunk (a Content-Length can lie, or be absent
 * with chunked encoding) and cancelled as soon as it passes the limit.
 */

import { ConfigurationError, TimebackError, isTimebackError } from '../../core/errors.js'

/** Default `maxBodyBytes`: 1 MiB, far above a one-event Caliper envelope (a few KB). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

/**
 * A delivery whose body is larger than `maxBodyBytes` (declared by Content-Length, or counted while reading).
 * Nothing past the limit was read and nothing was verified or parsed. Answer 413.
 * @example
 * try { await parseWebhook(request, { secret }) } catch (e) {
 *   if (isWebhookPayloadTooLargeError(e)) return new Response('too large', { status: 413 })
 *   throw e
 * }
 */
export class WebhookPayloadTooLargeError extends TimebackError {
  /** The limit that was exceeded, in bytes. */
  readonly maxBodyBytes: number
  constructor(maxBodyBytes: number) {
    super(`Webhook body is over the ${maxBodyBytes}-byte maxBodyBytes limit.`, { code: 'payload_too_large', name: 'WebhookPayloadTooLargeError' })
    this.maxBodyBytes = maxBodyBytes
  }
}

/**
 * True for a WebhookPayloadTooLargeError from any copy of the package.
 * @example if (isWebhookPayloadTooLargeError(e)) return new Response(null, { status: 413 })
 */
export function isWebhookPayloadTooLargeError(value: unknown): value is WebhookPayloadTooLargeError {
  return isTimebackError(value) && value.name === 'WebhookPayloadTooLargeError'
}

/** A positive whole number from the options, `fallback` when absent; ConfigurationError naming `name` otherwise. */
export function positiveInteger(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || (value as number) < 1) throw new ConfigurationError(`parseWebhook: ${name} must be a positive whole number.`)
  return value as number
}

/** The whole body, or WebhookPayloadTooLargeError as soon as it is known to exceed `limit`. */
export async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  // Only a plain decimal is trusted as a refusal; anything else is left to the byte count below.
  const declared = request.headers.get('content-length')?.trim()
  if (declared && /^\d+$/.test(declared) && Number(declared) > limit) throw new WebhookPayloadTooLargeError(limit)
  const stream = request.body
  if (!stream) return new Uint8Array(0)
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    // Written as !(<=) so a chunk that is not bytes (byteLength undefined: NaN) also stops the read.
    if (!(size <= limit)) {
      // Not awaited: a hostile stream's cancel could hang, and the answer does not depend on it.
      void reader.cancel().catch(() => undefined)
      throw new WebhookPayloadTooLargeError(limit)
    }
    chunks.push(value)
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}
