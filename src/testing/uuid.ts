// The emulator's own random v4 UUIDs (record ids, token material, JWT ids). It imports nothing from the SDK, so
// this is not src/core/uuid.ts; it exists because `crypto.randomUUID` is missing on pages that are not a secure
// context (plain http off localhost), where an in-page emulator must still work. `getRandomValues` is always there.

/** A random version-4 UUID: `crypto.randomUUID()` when present, else 16 `getRandomValues` bytes with the v4 bits set. */
export function randomUUID(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
