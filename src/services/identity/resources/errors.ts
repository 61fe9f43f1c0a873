/**
 * @module services/identity/resources/errors — the one error sign-in raises, with a code an app can branch on.
 */

/**
 * Why a sign-in failed. The vendor's codes (`missing_code`, `token_exchange_failed`, the four `timeback_user_*` and
 * `missing_email`) plus the checks it lacks: `invalid_state` (the state cookie is missing, expired, tampered with, or
 * another browser's), `invalid_id_token` (signature, algorithm, issuer, audience, expiry or nonce) and
 * `email_not_verified`. An IdP's own `error` (e.g. `access_denied`) is passed through as the code.
 *
 * @example
 * const code: IdentityErrorCode = 'timeback_user_ambiguous'
 */
export type IdentityErrorCode =
  | 'missing_code'
  | 'invalid_state'
  | 'invalid_id_token'
  | 'token_exchange_failed'
  | 'discovery_failed'
  | 'missing_email'
  | 'email_not_verified'
  | 'timeback_user_not_found'
  | 'timeback_user_ambiguous'
  | 'timeback_user_lookup_failed'
  | (string & {})

const STATUS: Record<string, number> = {
  missing_code: 400,
  invalid_state: 400,
  invalid_id_token: 401,
  missing_email: 403,
  email_not_verified: 403,
  timeback_user_not_found: 403,
  timeback_user_ambiguous: 409,
  token_exchange_failed: 502,
  discovery_failed: 502,
  timeback_user_lookup_failed: 502,
}

// Marks an IdentityError under a global-registry symbol, so isIdentityError holds across two copies of the
// package and across realms, where instanceof does not. Its own symbol rather than the SDK errors' brand: an
// IdentityError's code is not a TimebackErrorCode, so isTimebackError must not claim it.
const MARK = /* @__PURE__ */ Symbol.for('@timeback/sdk.identity-error')

/**
 * A sign-in that was refused or failed; `code` says which check, `status` is what the callback answers when the app
 * has no `onCallbackError`.
 *
 * @example
 * onCallbackError: ({ error }) => new Response(null, { status: isIdentityError(error) ? error.status : 502 })
 */
export class IdentityError extends Error {
  readonly code: IdentityErrorCode
  readonly status: number

  constructor(code: IdentityErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'IdentityError'
    this.code = code
    this.status = STATUS[code] ?? 400
    Object.defineProperty(this, MARK, { value: true })
  }
}

/**
 * True for an IdentityError from any copy of the package (instanceof fails across copies and realms).
 * @example if (isIdentityError(error)) console.warn(`sign-in failed: ${error.code}`)
 */
export function isIdentityError(value: unknown): value is IdentityError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARK] === true
}
