/**
 * @module services/openbadges/resources/claims — what a VC-JWT whose signature held must still agree with: one
 * credential (the `vc` claim or the payload itself, never two that differ), registered claims matching it, and
 * validity dates that are dates.
 */

import { isRecord, type OpenBadgeCredential } from '../../../core/credential.js'
import type { VerifyFailure } from './verify.js'

/** A validity date as ms; undefined when absent, NaN when present but unreadable (which fails: never "no limit"). */
const time = (value: unknown) => (value === undefined ? undefined : typeof value === 'string' ? Date.parse(value) : NaN)

/**
 * What a verified token's claims must agree with: the credential it carries, and its validity window.
 * @example const { credential, problem } = checkClaims(payload, Date.now(), 0)
 */
export function checkClaims(payload: Record<string, unknown>, now: number, skewMs: number): { credential?: OpenBadgeCredential; problem?: [VerifyFailure, string] } {
  // VC-JWT as Open Badges 3.0 now writes it: the payload is the credential plus registered claims (which are
  // left out of what is answered); the older form wraps it in `vc`.
  let credential: OpenBadgeCredential
  if (isRecord(payload.vc)) {
    credential = payload.vc as OpenBadgeCredential
    // Both forms at once, disagreeing: another verifier reading the top level would see another credential.
    for (const key of ['@context', 'type', 'id', 'issuer', 'credentialSubject', 'validFrom', 'validUntil'] as const) {
      if (key in payload && JSON.stringify(payload[key]) !== JSON.stringify(credential[key])) {
        return { problem: ['claims', `the token's ${key} is not the one of its vc claim (it carries two credentials)`] }
      }
    }
  } else if (payload.vc !== undefined) return { problem: ['claims', 'the vc claim is not a credential object'] }
  else {
    const { iss: _i, sub: _s, jti: _j, nbf: _n, exp: _e, iat: _t, aud: _a, ...rest } = payload
    credential = rest as OpenBadgeCredential
  }
  if (!Array.isArray(credential.type) || !credential.type.includes('VerifiableCredential')) {
    return { problem: ['claims', "the token carries no verifiable credential (no type 'VerifiableCredential')"] }
  }
  const issuerId = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer?.id
  if (payload.iss !== undefined && payload.iss !== issuerId) return { credential, problem: ['claims', `iss '${String(payload.iss)}' is not the credential's issuer '${String(issuerId)}'`] }
  if (payload.jti !== undefined && payload.jti !== credential.id) return { credential, problem: ['claims', `jti '${String(payload.jti)}' is not the credential's id`] }
  const subjectId = credential.credentialSubject?.id
  if (payload.sub !== undefined && subjectId !== undefined && payload.sub !== subjectId) return { credential, problem: ['claims', "sub is not the credential subject's id"] }
  const until = time(credential.validUntil)
  const from = time(credential.validFrom)
  for (const [name, at] of [['validUntil', until], ['validFrom', from]] as const) {
    if (Number.isNaN(at)) return { credential, problem: ['claims', `${name} ${JSON.stringify(credential[name])} is not a date-time`] }
  }
  if (until !== undefined && until + skewMs < now) return { credential, problem: ['expired', `the credential expired at ${credential.validUntil}`] }
  if (from !== undefined && from - skewMs > now) return { credential, problem: ['not_yet_valid', `the credential is valid from ${credential.validFrom}`] }
  return { credential }
}
