/**
 * @module timeback/resolve — finds a student in OneRoster by email, the way the vendor's helpers do
 * (`users?filter=email='…'&limit=2`): one match is the student, none is "not a Timeback user", two is an
 * ambiguity that is reported, never guessed.
 */

import { InputValidationError, TimebackError } from '../core/errors.js'
import type { OneRosterClient } from '../services/oneroster/client.js'
import type { User } from '../services/oneroster/resources/users.js'

/**
 * Why a student could not be resolved (the vendor's codes).
 * @example const reason: UserResolutionReason = 'timeback_user_ambiguous'
 */
export type UserResolutionReason = 'timeback_user_not_found' | 'timeback_user_ambiguous' | 'timeback_user_lookup_failed'

/**
 * The student could not be resolved: `reason` says why; a failed lookup keeps the API error as `cause`.
 * @example
 * try { await timeback.user.getProfile(email) } catch (e) {
 *   if (e instanceof TimebackUserResolutionError && e.reason === 'timeback_user_not_found') return signUp()
 * }
 */
export class TimebackUserResolutionError extends TimebackError {
  readonly reason: UserResolutionReason
  constructor(reason: UserResolutionReason, message: string, cause?: unknown) {
    super(message, { code: 'timeback_error', name: 'TimebackUserResolutionError', cause })
    this.reason = reason
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason }
  }
}

const MAX_EMAIL = 320

/** The email, trimmed, or an InputValidationError naming `field` (before any request). */
export function checkEmail(email: unknown, field: string, context: string): string {
  const value = typeof email === 'string' ? email.trim() : ''
  if (!value || value.length > MAX_EMAIL || !/^[^\s@]+@[^\s@]+$/.test(value)) {
    throw new InputValidationError([{ path: field, message: 'must be an email address (name@domain, at most 320 characters)' }], context)
  }
  return value
}

/**
 * The OneRoster users with this email: at most two are asked for, which is enough to tell one from many.
 * Returns undefined for none; throws TimebackUserResolutionError for two or a failed lookup.
 */
export async function findUserByEmail(oneroster: OneRosterClient, email: string): Promise<User | undefined> {
  let found: User[]
  try {
    found = (await oneroster.users.list({ where: { email }, limit: 2 })).data
  } catch (error) {
    throw new TimebackUserResolutionError('timeback_user_lookup_failed', `timeback: looking up the user by email failed: ${error instanceof Error ? error.message : String(error)}`, error)
  }
  // A server that ignores the filter must not make someone else the student.
  const same = found.filter((u) => typeof u?.email === 'string' && u.email.toLowerCase() === email.toLowerCase())
  if (same.length > 1) throw new TimebackUserResolutionError('timeback_user_ambiguous', 'timeback: more than one OneRoster user has this email; fix the roster (emails must be unique) rather than pick one')
  return same[0]
}
