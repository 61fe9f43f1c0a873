// @timeback/sdk/webhooks — reading a delivery's body with a size limit.
//
// `request.arrayBuffer()` buffers whatever the sender streams, so an unauthenticated client could make a
// receiver hold gigabytes before the signature is ever checked. Here a declared Content-Length over the limit
// is refused without reading, and the stream is counted chunk by chunk (a Content-Length can lie, or be absent
// with chunked encoding) and cancelled as soon as it passes the limit.

import { ConfigurationError, InputValidationError, TimebackError, isTimebackError } from '../../core/errors.js'

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
  constructor(maxBodyBytes: number, how: string) {
    super(`Webhook body ${how} the ${maxBodyBytes}-byte limit (maxBodyBytes); it was not read further.`, {
      code: 'payload_too_large',
      name: 'WebhookPayloadTooLargeError',
    })
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

/** The limit from the options, checked: a positive whole number of bytes. */
export function bodyLimit(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_BODY_BYTES
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ConfigurationError('parseWebhook: maxBodyBytes must be a positive whole number of bytes (default 1048576, 1 MiB).')
  }
  return value
}

/** The whole body, or WebhookPayloadTooLargeError as soon as it is known to exceed `limit`. */
export async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  // Only a plain decimal is trusted as a refusal; anything else is left to the byte count below.
  const declared = request.headers.get('content-length')?.trim()
  if (declared && /^\d+$/.test(declared) && Number(declared) > limit) throw new WebhookPayloadTooLargeError(limit, 'declares more than')
  const stream = request.body
  if (!stream) return new Uint8Array(0)
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (!ArrayBuffer.isView(value)) {
      void reader.cancel().catch(() => undefined)
      throw new InputValidationError([{ path: '(body)', message: 'the request body stream yielded something other than bytes' }], 'webhook payload')
    }
    size += value.byteLength
    if (size > limit) {
      // Not awaited: a hostile stream's cancel could hang, and the answer does not depend on it.
      void reader.cancel().catch(() => undefined)
      throw new WebhookPayloadTooLargeError(limit, 'exceeds')
    }
    chunks.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}
