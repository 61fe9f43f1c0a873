// Who is asking: the identity session (an encrypted HttpOnly, SameSite=Lax cookie set by @timeback/sdk/identity
// after the OIDC sign-in) and the user's OneRoster role, read on each request so a role change applies at once.
import { isNotFoundError } from '@timeback/sdk/errors'
import { IdentityError, createTimebackIdentity, type TimebackIdentity } from '@timeback/sdk/identity'
import type { OneRosterClient } from '@timeback/sdk/oneroster'
import { problem } from './pages.js'
import type { Env } from './worker-types.js'

export interface Viewer {
  readonly email: string
  readonly name: string
  readonly timebackId: string
  readonly role: 'student' | 'teacher' | 'other'
}

export function identity(env: Env, oneroster: OneRosterClient): TimebackIdentity {
  return createTimebackIdentity({
    // The emulator (tests) names its issuer; a deployment's TIMEBACK_ENV (read from vars) names its environment.
    ...(env.TIMEBACK_SSO_ISSUER ? { issuer: env.TIMEBACK_SSO_ISSUER } : {}),
    vars: env, // TIMEBACK_ENV, TIMEBACK_SSO_CLIENT_ID / TIMEBACK_SSO_CLIENT_SECRET
    cookieSecret: env.COOKIE_SECRET,
    oneroster, // sign-in resolves the email to exactly one Timeback user, or refuses
    // A page rather than the default JSON; the code says which check failed, the details stay in the log.
    onCallbackError: ({ error, errorCode }) => {
      console.warn(`sign-in failed: ${errorCode}`)
      return problem(error instanceof IdentityError ? error.status : 502, `Sign-in failed (${errorCode}). Start again from the home page.`)
    },
  })
}

/** The signed-in Timeback user with their primary role, or undefined (no session, or not a Timeback user). */
export async function viewer(request: Request, id: TimebackIdentity, oneroster: OneRosterClient): Promise<Viewer | undefined> {
  const user = await id.getUser(request)
  if (!user?.verified || !user.timebackId) return undefined
  let record
  try {
    record = await oneroster.users.get(user.timebackId)
  } catch (error) {
    if (isNotFoundError(error)) return undefined // removed from the roster since signing in
    throw error
  }
  const roles = (record.roles ?? []).map((r) => r.role)
  const role = roles.includes('teacher') ? 'teacher' : roles.includes('student') ? 'student' : 'other'
  return { email: user.email, name: user.name ?? user.email, timebackId: user.timebackId, role }
}

/**
 * CSRF check for state-changing requests: the browser's Origin (or, without one, Referer) must be this site.
 * The session cookie is SameSite=Lax too, so a cross-site form POST arrives without it; this is the second lock.
 */
export function sameOrigin(request: Request): boolean {
  const own = new URL(request.url).origin
  const origin = request.headers.get('origin')
  if (origin !== null) return origin === own
  const referer = request.headers.get('referer')
  if (referer === null) return false
  try {
    return new URL(referer).origin === own
  } catch {
    return false
  }
}
