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

/** The API credentials sign-in uses to look users up in OneRoster (the API's client, not the sign-in client). */
export interface IdentityApiOptions {
  readonly clientId: string
  readonly clientSecret: string
  /** OneRoster's base URL when not the environment's (an emulator: `emulator.services.oneroster`). */
  readonly baseUrl?: string
  /** The token URL when not the environment's (an emulator: `emulator.tokenUrl`). */
  readonly authUrl?: string
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
 * A lookup through the OneRoster client, loaded only when sign-in first needs it (an app that resolves users itself
 * never loads OneRoster's code).
 *
 * @example
 * const lookup = oneRosterLookup({ clientId, clientSecret }, 'staging', fetch)
 * await lookup('ada@school.example') // [{ sourcedId: 'u-123', givenName: 'Ada', familyName: 'Lovelace' }]
 */
export function oneRosterLookup(api: IdentityApiOptions, env: 'staging' | 'production' | undefined, fetchFn: typeof fetch | undefined): LookupUsers {
  let client: Promise<{ users: { list(params: object): Promise<{ data: readonly TimebackUserRecord[] }> } }> | undefined
  return async (email) => {
    client ??= import('../../oneroster/client.js').then(({ OneRosterClient }) => new OneRosterClient({
      ...(env ? { env } : {}),
      ...(api.baseUrl ? { baseUrl: api.baseUrl } : {}),
      ...(fetchFn ? { fetch: fetchFn } : {}),
      auth: { clientId: api.clientId, clientSecret: api.clientSecret, ...(api.authUrl ? { authUrl: api.authUrl } : {}) },
    }))
    const page = await (await client).users.list({ where: { email }, limit: 2 })
    return page.data
  }
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
