/**
 * @module services/identity/resources/resolve — who a signed-in email is in Timeback: OneRoster's users filtered by
 * email with limit 2, so one match is the user, none is "not found" and two are an ambiguity, never a guess.
 */
import { IdentityError } from './errors.js'

/** The part of a OneRoster user that sign-in keeps. */
export interface TimebackUserRecord {
  readonly sourcedId: string
  readonly givenName?: string
  readonly familyName?: string
}

/** Finds the OneRoster users with an email (at most two are needed). */
export type LookupUsers = (email: string) => Promise<readonly TimebackUserRecord[]>

/**
 * What sign-in needs of a OneRoster client: `users.list` with a `where` and a `limit` (a `OneRosterClient` from
 * `@timeback/sdk/oneroster` fits). The app passes its own, so `./identity` never bundles OneRoster's code.
 */
export interface OneRosterUsers {
  readonly users: { list(params: { where: { email: string }; limit: number }): Promise<{ readonly data: readonly TimebackUserRecord[] }> }
}

/**
 * What sign-in learned about the user. `verified` is true when the email is exactly one Timeback user, whose
 * OneRoster `sourcedId` is `timebackId`; without a lookup configured it is false and resolution is the app's.
 *
 * @example
 * const user: TimebackIdentityUser = { email: 'ada@school.example', verified: true, timebackId: 'u-123', name: 'Ada Lovelace' }
 */
export interface TimebackIdentityUser {
  readonly email: string
  readonly verified: boolean
  readonly timebackId?: string
  readonly name?: string
  /** The identity provider's subject (absent in custom mode). */
  readonly sub?: string
}

/**
 * A lookup through the app's OneRoster client: the users with the email, two at most (enough to see an ambiguity).
 *
 * @example
 * const lookup = oneRosterLookup(new OneRosterClient({ env: 'staging', auth: { clientId, clientSecret } }))
 * await lookup('ada@school.example') // [{ sourcedId: 'u-123', givenName: 'Ada', familyName: 'Lovelace' }]
 */
export function oneRosterLookup(oneroster: OneRosterUsers): LookupUsers {
  return async (email) => (await oneroster.users.list({ where: { email }, limit: 2 })).data
}

/**
 * The user for `email`: one match is verified, none is `undefined`, two throw `timeback_user_ambiguous`, a failed
 * lookup throws `timeback_user_lookup_failed`.
 *
 * @example
 * const found = await resolveUser(lookup, 'ada@school.example') // { sourcedId: 'u-123', … } | undefined
 */
export async function resolveUser(lookup: LookupUsers, email: string): Promise<TimebackUserRecord | undefined> {
  let found: readonly TimebackUserRecord[]
  try {
    found = await lookup(email)
  } catch (e) {
    throw new IdentityError('timeback_user_lookup_failed', `identity: looking up ${email} in OneRoster failed: ${(e as Error).message}`, { cause: e })
  }
  if (found.length > 1) throw new IdentityError('timeback_user_ambiguous', `identity: ${email} matches more than one Timeback user; refusing to guess (fix the roster so the email is unique)`)
  const one = found[0]
  if (one && typeof one.sourcedId !== 'string') throw new IdentityError('timeback_user_lookup_failed', `identity: the user found for ${email} has no sourcedId`)
  return one
}

/** A display name from a OneRoster record or OIDC claims. */
export function displayName(given: unknown, family: unknown): string | undefined {
  const name = [given, family].filter((p) => typeof p === 'string' && p !== '').join(' ')
  return name === '' ? undefined : name
}
