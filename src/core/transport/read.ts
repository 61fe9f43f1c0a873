// Reading an answer's body under the client's cap (`maxResponseBytes`): a lying or broken server, or a proxy in
// the middle, must not make the SDK hold more than that in memory (a Worker has 128 MB). Content-Length alone
// cannot be trusted: a custom fetch may not enforce it, and a compressed body is counted before it inflates.

import { discard } from './response.js'

/**
 * The body's bytes; past `max` bytes, the size seen instead (a number) and the body cancelled. The size is the
 * declared Content-Length (nothing is read), or the bytes counted when reading passed `max` (a server may leave
 * Content-Length out or lie about it).
 * @example const body = await readCapped(response, 32 * 1024 * 1024) // Uint8Array, or 40000000 when too big
 */
export async function readCapped(response: Response, max: number): Promise<Uint8Array | number> {
  // Number(null) is 0 and a malformed header is NaN: both fall through to counting.
  const declared = Number(response.headers.get('content-length'))
  if (declared > max) return discard(response), declared
  const reader = response.body?.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  while (reader) {
    const { done, value } = await reader.read()
    if (done) break
    if ((size += value.length) > max) return reader.cancel().catch(() => undefined), size
    chunks.push(value)
  }
  // One copy into a buffer of its own (a chunk may be a view into a larger one).
  const bytes = new Uint8Array(size)
  size = 0
  for (const chunk of chunks) bytes.set(chunk, size), (size += chunk.length)
  return bytes
}
