// The emulated Open Badges service's memory: achievement records (OneRoster-style rows, soft-deleted), the
// badges issued from them, and the credentials posted to the upsert route (keyed by issuer id and credential id).
import type { EmulatorEnv } from '../context.js'
import type { PlatformSigner } from './signing.js'

/** An achievement record as the service stores and answers it. */
export type AchievementRow = Record<string, unknown> & { sourcedId: string; status: 'active' | 'tobedeleted' }

/** A badge issued to a student (what the per-student listing shows). */
export interface IssuedBadgeRow {
  readonly creatorId: string
  readonly studentSourcedId: string
  readonly achievementSourcedId: string
  readonly dateEarned: string
  readonly data: Record<string, unknown>
  readonly status: 'active'
}

export interface OpenBadgesState {
  readonly env: EmulatorEnv
  readonly signer: PlatformSigner
  readonly achievements: Map<string, AchievementRow>
  readonly issued: IssuedBadgeRow[]
  /** Upserted credentials by `${issuer id}\n${credential id}`. */
  readonly credentials: Map<string, Record<string, unknown>>
}

/** The platform issuer every badge of the emulator names. */
export const platformIssuer = (origin: string) => ({ id: `${origin}/ims/ob/v3p0/issuers/timeback`, type: ['Profile'], name: 'Timeback (emulated)' })

/**
 * `emulator.openbadges`: what the service holds, and a VC-JWT signer standing in for an issuer that publishes
 * its key at `jwksUrl` (the service itself signs embedded proofs; this is how a test gets a VC-JWT to verify).
 *
 * @example
 * const jwt = await emulator.openbadges.signJwt(badge)                        // iss/jti/sub/nbf/exp from the badge
 * const forged = await emulator.openbadges.signJwt(badge, { header: { kid: 'other' } })
 * emulator.openbadges.issued.length
 */
export interface OpenBadgesControls {
  /** The JWKS URL of the emulator's key (`{origin}/ims/ob/v3p0/.well-known/jwks.json`). */
  readonly jwksUrl: string
  /**
   * A VC-JWT of `credential` signed with the emulator's key: the payload is the credential's members plus
   * `iss` (issuer id), `jti` (id), `sub` (subject id), `nbf` (validFrom) and `exp` (validUntil) when present;
   * `claims` adds or overrides claims, `header` header fields (`kid`, `alg` only relabel: the signature is ES256).
   */
  signJwt(credential: Record<string, unknown>, options?: { claims?: Record<string, unknown>; header?: Record<string, unknown> }): Promise<string>
  /** Badges issued so far, oldest first. */
  readonly issued: readonly IssuedBadgeRow[]
  /** The upserted credentials. */
  credentials(): Record<string, unknown>[]
  /** The stored achievement records (soft-deleted ones included). */
  achievements(): AchievementRow[]
}

export const seconds = (iso: unknown): number | undefined => {
  const ms = typeof iso === 'string' ? Date.parse(iso) : NaN
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000)
}

/** The JWT claims a credential implies (VC-JWT as Open Badges 3.0 describes it: the credential is the payload). */
export function jwtPayload(credential: Record<string, any>): Record<string, unknown> {
  const issuer = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer?.id
  const claims: Record<string, unknown> = { ...credential, iss: issuer, jti: credential.id, nbf: seconds(credential.validFrom) }
  if (typeof credential.credentialSubject?.id === 'string') claims.sub = credential.credentialSubject.id
  const exp = seconds(credential.validUntil)
  if (exp !== undefined) claims.exp = exp
  return claims
}

export function openBadgesControls(state: OpenBadgesState): OpenBadgesControls {
  return {
    jwksUrl: `${state.env.origin}/ims/ob/v3p0/.well-known/jwks.json`,
    signJwt: (credential, options = {}) => state.signer.signJwt({ ...jwtPayload(credential), ...options.claims }, options.header),
    get issued() {
      return state.issued
    },
    credentials: () => [...state.credentials.values()],
    achievements: () => [...state.achievements.values()],
  }
}
