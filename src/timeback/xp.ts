/**
 * @module timeback/xp — the documented XP rule and the deterministic ids that make a recorded run recognisable.
 */

/**
 * XP when the caller sends none (the vendor's documented rule): active minutes × accuracy factor (all correct
 * 1.25, at least 80 % 1, else 0) × attempt factor (1st 1, 2nd 0.5, 3rd 0.25, later 0), to a tenth, .5 rounded up.
 * @example computeXp({ activeMinutes: 10, totalQuestions: 10, correctQuestions: 10, attempt: 1 }) // 12.5
 */
export function computeXp(input: { activeMinutes: number; totalQuestions: number; correctQuestions: number; attempt: number }): number {
  const { activeMinutes, totalQuestions, correctQuestions, attempt } = input
  const accuracy = totalQuestions > 0 ? correctQuestions / totalQuestions : 0
  const accuracyFactor = accuracy >= 0.999999 ? 1.25 : accuracy >= 0.8 ? 1 : 0
  const attemptFactor = attempt <= 1 ? 1 : attempt === 2 ? 0.5 : attempt === 3 ? 0.25 : 0
  // Math.round, not banker's rounding: the vendor's JS SDK rounds .5 up (its Python port may differ).
  return Math.round(activeMinutes * accuracyFactor * attemptFactor * 10) / 10
}

const encoder = new TextEncoder()
const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/** Lower-case hex SHA-256 of `text` (the vendor's line item ids are `caliper_` + this). */
export async function sha256Hex(text: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))))
}

/**
 * A `urn:uuid:` that is always the same for the same parts: the first 16 bytes of a SHA-256 over them (as a
 * JSON array, so no two lists of parts collide), stamped as an RFC 9562 name-based UUID (version 5 bits,
 * RFC variant). A retried `record()` with the same runId sends the same event ids.
 * @example await deterministicUrn(['activity', sensor, userId, 'lesson-1', runId]) // 'urn:uuid:…-5…-…'
 */
export async function deterministicUrn(parts: readonly string[]): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(JSON.stringify(['timeback-activity:v1', ...parts])))).slice(0, 16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x50
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const h = hex(bytes)
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
