// The bounded table of tokens an authority has issued, shared by the OAuth2 endpoint and the API-key exchange:
// lookups by the exact token text (so an edited token is simply unknown), expiry on the emulator clock,
// revocation, and a cap so that a client minting tokens in a loop cannot grow the emulator without bound.

interface Issued {
  readonly expiresAt: number
  revoked: boolean
}

/** Why a presented token is refused, or `live`. */
export type TokenState = 'live' | 'unknown' | 'revoked' | 'expired'

/** Live tokens kept at most; past it the oldest are forgotten (their holders get a 401 and fetch a new one). */
export const MAX_TOKENS = 10_000
// Expired tokens are forgotten this long after expiry (until then a call with one hears "expired", not "invalid").
const EXPIRED_GRACE_MS = 10 * 60_000
const SWEEP_EVERY_MS = 60_000

export class TokenTable {
  readonly #tokens = new Map<string, Issued>()
  readonly #clock: () => number
  readonly #max: number
  #lastSweep = -Infinity

  constructor(clock: () => number, max = MAX_TOKENS) {
    this.#clock = clock
    this.#max = max
  }

  /** Remember a token valid until `expiresAt` (emulator clock, ms). */
  add(token: string, expiresAt: number): void {
    this.#makeRoom(this.#clock())
    this.#tokens.set(token, { expiresAt, revoked: false })
  }

  state(token: string): TokenState {
    const issued = this.#tokens.get(token)
    if (!issued) return 'unknown'
    if (issued.revoked) return 'revoked'
    return this.#clock() >= issued.expiresAt ? 'expired' : 'live'
  }

  /** Keep the table bounded: drop long-expired tokens now and then, and the oldest when it is full. */
  #makeRoom(now: number): void {
    if (now - this.#lastSweep >= SWEEP_EVERY_MS || this.#tokens.size >= this.#max) {
      this.#lastSweep = now
      for (const [token, t] of this.#tokens) if (now >= t.expiresAt + EXPIRED_GRACE_MS) this.#tokens.delete(token)
    }
    // Maps iterate in insertion order: the first keys are the oldest tokens.
    for (const token of this.#tokens.keys()) {
      if (this.#tokens.size < this.#max) break
      this.#tokens.delete(token)
    }
  }

  /** Tokens that would be accepted now. */
  get live(): number {
    const now = this.#clock()
    let n = 0
    for (const t of this.#tokens.values()) if (!t.revoked && now < t.expiresAt) n++
    return n
  }

  /** Tokens held (live, expired within the grace period, or revoked). */
  get size(): number {
    return this.#tokens.size
  }

  revokeAll(): void {
    for (const t of this.#tokens.values()) t.revoked = true
  }

  clear(): void {
    this.#tokens.clear()
  }
}
