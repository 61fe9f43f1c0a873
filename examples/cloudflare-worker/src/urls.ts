// IRIs the app's events carry. The actor is the student's OneRoster user URL (what Timeback's analytics match
// students by); the group is the OneRoster class, which the webhook receiver uses to pick the class's feed.
import type { Env } from './worker-types.js'

const ROSTERING = '/ims/oneroster/rostering/v1p2'
// The SDK's hosts for TIMEBACK_ENV, unless a base URL overrides them (as the SDK's clients do).
const API_HOSTS: Record<string, string> = { production: 'https://api.alpha-1edtech.ai', staging: 'https://api.staging.alpha-1edtech.ai' }

function rosterBase(env: Env): string {
  const base = env.TIMEBACK_BASE_URL ?? API_HOSTS[env.TIMEBACK_ENV ?? '']
  if (!base) throw new Error('Set TIMEBACK_ENV (staging | production) or TIMEBACK_BASE_URL in wrangler.toml')
  return base.replace(/\/+$/, '')
}

export const userIri = (env: Env, id: string) => `${rosterBase(env)}${ROSTERING}/users/${encodeURIComponent(id)}`
export const classIri = (env: Env, id: string) => `${rosterBase(env)}${ROSTERING}/classes/${encodeURIComponent(id)}`

/** The id after `/<collection>/` at the end of a OneRoster IRI, or undefined. */
function idOf(iri: unknown, collection: 'classes' | 'users'): string | undefined {
  const m = typeof iri === 'string' ? new RegExp(`/${collection}/([^/?#]+)$`).exec(iri) : null
  if (!m) return undefined
  try {
    return decodeURIComponent(m[1]!)
  } catch {
    return undefined
  }
}

export const classIdOf = (iri: unknown) => idOf(iri, 'classes')
export const userIdOf = (iri: unknown) => idOf(iri, 'users')
