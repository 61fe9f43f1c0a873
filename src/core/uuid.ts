// Random v4 UUIDs for request ids, generated sourcedIds and Caliper event ids. `crypto.randomUUID` exists only in
// secure contexts (https pages, localhost), so a page served over plain http from a LAN name has none, while
// `crypto.getRandomValues` is there in every context. Kept this small because it sits in every client's bundle.

/** A random RFC 9562 version-4 UUID, lower-case: `crypto.randomUUID()` when the page has it, else built from `getRandomValues`. */
export const randomUUID = (): string =>
  // Looked up on every call, not at import: nothing runs at import time, and a polyfill added later is used.
  crypto.randomUUID?.() ?? uuidFromRandomValues()

/**
 * The fallback, exported for its test. In the template, each `0` and `1` becomes a random hex digit (4 random
 * bits), each `8` one of 8, 9, a, b (the variant bits 10 plus 2 random bits); the `4` is the version.
 */
export function uuidFromRandomValues(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(31))
  let i = 0
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => (+c ^ (bytes[i++]! & (15 >> (+c >> 2)))).toString(16))
}
