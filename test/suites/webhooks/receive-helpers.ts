// Shared by the receiving suites (limits, replay): signed deliveries, bodies as streams that record how far
// they were read, and hashes computed here (not with the SDK) so the tests never check the SDK against itself.

import { hmacHex, SECRET } from './helpers.ts'

export const URL_ = 'https://receiver.example/hooks'

/** A one-event Caliper envelope, distinct per `eventId`. */
export function envelopeBody(eventId = 'urn:uuid:6f1b7b0e-7d55-4a8e-9d1a-2b6f0c1d2e3f'): string {
  return JSON.stringify({
    sensor: 'https://app.example/sensors/main',
    sendTime: '2026-03-01T10:00:01.000Z',
    dataVersion: 'http://purl.imsglobal.org/ctx/caliper/v1p2',
    data: [{
      '@context': 'http://purl.imsglobal.org/ctx/caliper/v1p2',
      id: eventId,
      type: 'ActivityEvent',
      action: 'Completed',
      eventTime: '2026-03-01T10:00:00.000Z',
      actor: { id: 'https://app.example/users/ada', type: 'TimebackUser' },
      object: { id: 'https://app.example/lessons/7', type: 'TimebackActivityContext' },
    }],
  })
}

/** A POST carrying `body` and `headers`. */
export function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request(URL_, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })
}

/** A POST of `body` with its correct signature under `secret` (plus `headers`). */
export async function signed(body: string, headers: Record<string, string> = {}, secret = SECRET): Promise<Request> {
  return post(body, { 'x-caliper-signature': `sha256=${await hmacHex(secret, body)}`, ...headers })
}

/** A body stream that only produces a chunk when read, and records reads and cancellation. */
export function trackedStream(chunks: Uint8Array[]) {
  const state = { pulls: 0, cancelled: false }
  let next = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls++
      const chunk = chunks[next++]
      if (chunk) controller.enqueue(chunk)
      else controller.close()
    },
    cancel() {
      state.cancelled = true
    },
  }, { highWaterMark: 0 })
  return { stream, state }
}

/** `count` chunks of `size` bytes each (spaces). */
export function filler(count: number, size: number): Uint8Array[] {
  return Array.from({ length: count }, () => new Uint8Array(size).fill(0x20))
}

/** `text` cut into chunks of `size` bytes, so a reader must reassemble them. */
export function pieces(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text)
  const out: Uint8Array[] = []
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size))
  return out
}

/** A real Request streaming `stream` (`duplex: 'half'` is what fetch requires for stream bodies). */
export function streamRequest(stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Request {
  return new Request(URL_, { method: 'POST', body: stream, headers, duplex: 'half' } as RequestInit)
}

/**
 * A request as a server runtime hands it over, Content-Length from the wire included. Built by hand because
 * browsers drop Content-Length from a Request constructed in script; parseWebhook reads only these members.
 */
export function wireRequest(stream: ReadableStream<Uint8Array>, headers: Record<string, string>): Request {
  return { method: 'POST', url: URL_, headers: new Headers(headers), body: stream, get bodyUsed() { return stream.locked } } as unknown as Request
}

/** Lowercase hex SHA-256. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** The replay id the SDK should derive under the default scheme: SHA-256 of the 32 MAC bytes. */
export async function macReplayId(secret: string, body: string): Promise<string> {
  const hex = await hmacHex(secret, body)
  return sha256Hex(new Uint8Array(hex.match(/../g)!.map((b) => parseInt(b, 16))))
}
