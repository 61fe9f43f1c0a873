/**
 * @module services/webhooks/signature — the assumed delivery signature: an HMAC-SHA256 of the raw body, in hex.
 *
 * Timeback does not publish how it signs webhook deliveries: its docs name only a per-webhook `secret`. The
 * default here is the scheme the Timeback emulator uses and Caliper prototypes use: an HMAC-SHA256 of the raw
 * request body keyed with that secret, sent as lowercase or uppercase hex, with or without a `sha256=` prefix,
 * in the `x-caliper-signature` header. If production turns out to differ, pass `verify` to `parseWebhook`.
 */

import { ConfigurationError, TimebackError, isTimebackError } from '../../core/errors.js'

/**
 * Header the default scheme reads the signature from.
 * @example const signature = request.headers.get(SIGNATURE_HEADER)
 */
export const SIGNATURE_HEADER = 'x-caliper-signature'

/** Why a delivery was rejected: no signature header, not a hex SHA-256 value, or no secret verifies it. */
export type SignatureFailure = 'missing' | 'malformed' | 'mismatch'

/**
 * A delivery whose signature is missing or wrong. Its body was not parsed. Answer 401.
 * @example
 * try { await parseWebhook(request, { secret }) } catch (e) {
 *   if (isWebhookSignatureError(e)) return new Response('bad signature', { status: 401 })
 *   throw e
 * }
 */
export class WebhookSignatureError extends TimebackError {
  readonly reason: SignatureFailure
  constructor(message: string, reason: SignatureFailure) {
    super(message, { code: 'invalid_signature', name: 'WebhookSignatureError' })
    this.reason = reason
  }
}

/**
 * True for a WebhookSignatureError from any copy of the package.
 * @example if (isWebhookSignatureError(e)) return new Response(null, { status: 401 })
 */
export function isWebhookSignatureError(value: unknown): value is WebhookSignatureError {
  return isTimebackError(value) && value.name === 'WebhookSignatureError'
}

/** One secret, or several while rotating (any one that verifies is enough). */
export type WebhookSecret = string | readonly string[]

// Importing a key costs more than the HMAC of a small body, and a receiver sees the same few secrets on every
// request: keep the imported keys, bounded so a receiver fed many secrets does not grow without limit.
const KEY_CACHE_LIMIT = 16
const keys = /* @__PURE__ */ new Map<string, Promise<CryptoKey>>()

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret)
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
    if (keys.size >= KEY_CACHE_LIMIT) keys.delete(keys.keys().next().value as string)
    keys.set(secret, key)
    key.catch(() => keys.delete(secret))
  }
  return key
}

export function secretsOf(secret: WebhookSecret | undefined): string[] {
  const list = typeof secret === 'string' ? [secret] : Array.isArray(secret) ? secret : []
  const usable = list.filter((s): s is string => typeof s === 'string' && s !== '')
  // An empty key would make any body "verify" for anyone who guesses that: refuse rather than accept.
  if (usable.length === 0) throw new ConfigurationError('Webhook verification needs a non-empty secret (or a list of them).')
  return usable
}

/** The 32 bytes of a hex SHA-256 signature, or undefined when the value is not one. */
export function signatureBytes(signature: string): Uint8Array<ArrayBuffer> | undefined {
  const hex = signature.trim().replace(/^sha256=/i, '')
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return undefined
  const bytes = new Uint8Array(32)
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes
}

function bodyBytes(body: string | Uint8Array | ArrayBuffer): Uint8Array<ArrayBuffer> {
  // A buffer is viewed whole; a view (over part of a larger buffer, or a SharedArrayBuffer) is copied, so
  // subtle gets exactly these bytes. One constructor call does both.
  return typeof body === 'string' ? new TextEncoder().encode(body) : new Uint8Array(body as ArrayBuffer)
}

export async function verifyBytes(body: Uint8Array<ArrayBuffer>, signature: Uint8Array<ArrayBuffer>, secrets: string[]): Promise<boolean> {
  for (const secret of secrets) {
    // subtle.verify compares in constant time; comparing hex strings with === would leak timing.
    if (await crypto.subtle.verify('HMAC', await hmacKey(secret), signature, body)) return true
  }
  return false
}

/** Lowercase hex of `bytes`. */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

export interface VerifyWebhookSignatureInput {
  /** The raw request body exactly as received (bytes, or the text if you already decoded it). */
  body: string | Uint8Array | ArrayBuffer
  /** The signature header's value: hex HMAC-SHA256, with or without `sha256=`; any case. */
  signature: string | null | undefined
  secret: WebhookSecret
}

/**
 * True when `signature` is the HMAC-SHA256 of `body` under `secret` (or under any secret of a list).
 * False for a missing or malformed signature; throws ConfigurationError when no non-empty secret is given.
 * Timeback does not document its signing scheme; this is the assumed one (see `parseWebhook`'s `verify`).
 * @example
 * const body = await request.text()
 * const ok = await verifyWebhookSignature({ body, signature: request.headers.get('x-caliper-signature'), secret: env.WEBHOOK_SECRET })
 */
export async function verifyWebhookSignature(input: VerifyWebhookSignatureInput): Promise<boolean> {
  const secrets = secretsOf(input.secret)
  const signature = typeof input.signature === 'string' ? signatureBytes(input.signature) : undefined
  if (!signature) return false
  return verifyBytes(bodyBytes(input.body), signature, secrets)
}

/**
 * The signature header value for `body` under `secret` (`sha256=<lowercase hex>`), as the emulator sends it.
 * For testing your own webhook handlers.
 * @example
 * const body = JSON.stringify(envelope)
 * await handler(new Request(url, { method: 'POST', body, headers: { 'x-caliper-signature': await signWebhookPayload(body, 'shh') } }))
 */
export async function signWebhookPayload(body: string | Uint8Array | ArrayBuffer, secret: string): Promise<string> {
  const [key] = secretsOf(secret)
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(key!), bodyBytes(body)))
  return `sha256=${hex(mac)}`
}
