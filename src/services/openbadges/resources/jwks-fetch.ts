/**
 * @module services/openbadges/resources/jwks-fetch — the fetch JWKS requests go through: an issuer's key set is
 * read only up to a size no real one reaches, so a hostile or broken issuer cannot make `verify` buffer megabytes
 * (or read an endless stream until the deadline).
 */

/**
 * A JWKS holds a handful of keys (a few KB); a larger answer is refused once this many bytes have arrived.
 * @example if (text.length > MAX_JWKS_BYTES) refuse()
 */
export const MAX_JWKS_BYTES = 64 * 1024

/**
 * `fetch` whose 2xx bodies error once they pass {@link MAX_JWKS_BYTES} (or declare more), so a huge or endless JWKS
 * is cut off instead of read whole; `state.over` tells the caller why reading failed, whatever error the runtime
 * reports. Other answers (redirects, errors) pass untouched: the transport judges them.
 * @example const state = { over: false }; new Transport({ baseUrl, fetch: capped(options.fetch, state) })
 */
export function capped(fetchFn: typeof fetch | undefined, state: { over: boolean }): typeof fetch | undefined {
  if (!fetchFn && typeof globalThis.fetch !== 'function') return undefined
  const f = fetchFn ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init))
  return async (input, init) => {
    const response = await f(input, init)
    if (!response.body || response.status < 200 || response.status > 299 || response.redirected) return response
    const declared = Number(response.headers.get('content-length')) || 0
    let seen = 0
    const overflow = (c: TransformStreamDefaultController<Uint8Array>) => {
      state.over = true
      c.error(new RangeError(`the JWKS is larger than ${MAX_JWKS_BYTES} bytes`))
    }
    const limit = new TransformStream<Uint8Array, Uint8Array>({
      start: (c) => (declared > MAX_JWKS_BYTES ? overflow(c) : undefined),
      transform(chunk, c) {
        if ((seen += chunk.byteLength) > MAX_JWKS_BYTES) overflow(c)
        else c.enqueue(chunk)
      },
    })
    return new Response(response.body.pipeThrough(limit), { status: response.status, statusText: response.statusText, headers: response.headers })
  }
}
