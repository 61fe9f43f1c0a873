// Random v4 UUIDs for request ids and generated sourcedIds. `crypto.randomUUID` exists only in secure contexts
// (https pages, localhost), so a page served over plain http on a LAN name has none; `crypto.getRandomValues`
// is there in every context, and a v4 UUID is just 122 random bits with the version and variant bits set.

/** A random RFC 9562 version-4 UUID, lower-case: `crypto.randomUUID()` when the page has it, else built from `getRandomValues`. */
export function randomUUID(): string {
  // Looked up on every call, not at import: nothing runs at import time, and a polyfill added later is used.
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : uuidFromRandomValues()
}

/** The fallback, exported for its test: 16 random bytes, version nibble 4, variant bits 10. */
export function uuidFromRandomValues(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
