/**
 * @module services/identity/resources/options — what createTimebackIdentity takes, checked before anything runs.
 */
import type { IdentityErrorCode } from './errors.js'
import type { LookupUsers, OneRosterUsers, TimebackIdentityUser } from './resolve.js'

/** Timeback's Cognito user pools (the vendor's constants). */
export const ISSUERS = {
  staging: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_5EUwTP9XD',
  production: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_3uhuoRM3R',
} as const

/** Helpers a hook builds its answer with. */
export interface HookHelpers {
  /** The app's own data from `buildState`, carried in the encrypted state cookie (never in the URL). */
  readonly state: unknown
  readonly req: Request
  redirect(url: string, headers?: Record<string, string>): Response
  json(data: unknown, status?: number, headers?: Record<string, string>): Response
}

/** What `onCallbackSuccess` receives; the session cookie is added to the Response it returns. */
export interface CallbackSuccess extends HookHelpers {
  readonly user: TimebackIdentityUser
  readonly idp: { readonly tokens: Record<string, unknown>; readonly userInfo: Record<string, unknown> }
}

/** What `onCallbackError` receives. */
export interface CallbackFailure extends HookHelpers {
  readonly error: Error
  readonly errorCode: IdentityErrorCode
}

interface Common {
  /** Timeback environment: picks the issuer and OneRoster's host. */
  env?: 'staging' | 'production'
  /** Encrypts the state and session cookies: at least 32 characters, secret, the same on every instance. */
  cookieSecret: string
  /** Paths the handler answers. Default `/identity/signin`, `/identity/callback`, `/identity/signout` (a path also matches under a prefix). */
  paths?: { signin?: string; callback?: string; signout?: string }
  /** For the provider and OneRoster. Default the global fetch. */
  fetch?: typeof fetch
  /**
   * Your OneRoster client (`new OneRosterClient({ env, auth })` with the API's credentials): sign-in looks the email up
   * in it. Passed in rather than built here, so an app that resolves users itself bundles no OneRoster code.
   */
  oneroster?: OneRosterUsers
  /** Your own lookup instead of `oneroster` (it must return every user with the email, or at least two when there are). */
  lookupUsers?: LookupUsers
  /** Session lifetime in seconds. Default 8 hours. */
  sessionMaxAge?: number
  /** Where sign-out redirects. Default `/`. */
  afterSignOut?: string
  /** Where TIMEBACK_SSO_CLIENT_ID / TIMEBACK_SSO_CLIENT_SECRET are read when clientId / clientSecret are left out (a Worker's `env`). Default the runtime's environment. */
  vars?: object
  /** Clock in ms (tests). Default `Date.now`. */
  now?: () => number
}

/**
 * Options of `createTimebackIdentity` in `sso` mode (Timeback's identity provider signs the student in).
 *
 * @example
 * const options: SsoOptions = { mode: 'sso', env: 'staging', clientId, clientSecret, redirectUri: '/identity/callback', cookieSecret }
 */
export interface SsoOptions extends Common {
  mode?: 'sso'
  /** The sign-in (SSO) app client. Default `TIMEBACK_SSO_CLIENT_ID`. */
  clientId?: string
  /** Default `TIMEBACK_SSO_CLIENT_SECRET`. */
  clientSecret?: string
  /** Absolute, or relative to the sign-in request. Default: the sign-in URL with `/signin` → `/callback`. */
  redirectUri?: string
  /** Overrides the environment's issuer (an emulator: `emulator.services.oidc`). */
  issuer?: string
  /** id_token algorithms accepted. Default `['RS256', 'ES256']`; `none` and HMAC are never accepted. */
  algorithms?: string[]
  /** Clock skew tolerated on exp/iat, seconds, 0–300. Default 60. */
  clockSkewSeconds?: number
  /** Per request to the provider, ms. Default 10,000. */
  timeoutMs?: number
  /** App data to carry through sign-in (JSON, at most 1 KB), handed back to the hooks as `state`. */
  buildState?: (args: { req: Request; url: URL }) => unknown
  onCallbackSuccess?: (args: CallbackSuccess) => Response | Promise<Response>
  onCallbackError?: (args: CallbackFailure) => Response | Promise<Response>
}

/**
 * Options in `custom` mode: the app signs users in itself and `getEmail` says who the request's user is.
 *
 * @example
 * const options: CustomOptions = { mode: 'custom', cookieSecret, getEmail: async (req) => mySession(req)?.email }
 */
export interface CustomOptions extends Common {
  mode: 'custom'
  getEmail(request: Request): string | undefined | Promise<string | undefined>
}

/**
 * Options of `createTimebackIdentity`.
 *
 * @example
 * const options: TimebackIdentityOptions = { mode: 'custom', cookieSecret, getEmail: () => 'ada@school.example' }
 */
export type TimebackIdentityOptions = SsoOptions | CustomOptions

const fail = (field: string, fix: string): never => {
  throw new TypeError(`createTimebackIdentity: ${field} ${fix}`)
}

/** Refuses bad options before any request, naming the field and the fix; the issuer for sso mode. */
export function checkOptions(options: TimebackIdentityOptions): string | undefined {
  if (options === null || typeof options !== 'object') return fail('options', 'must be an object')
  if (typeof options.cookieSecret !== 'string' || options.cookieSecret.length < 32) fail('cookieSecret', 'must be a secret string of at least 32 characters (e.g. 32 random bytes, base64)')
  const env = options.env as string | undefined
  if (env !== undefined && env !== 'staging' && env !== 'production') fail('env', `must be 'staging' or 'production' (${JSON.stringify(env)} is not supported; pass issuer for another provider)`)
  if (options.sessionMaxAge !== undefined && !(Number.isInteger(options.sessionMaxAge) && options.sessionMaxAge > 0)) fail('sessionMaxAge', 'must be a positive whole number of seconds')
  for (const [name, path] of Object.entries(options.paths ?? {})) if (typeof path !== 'string' || !path.startsWith('/')) fail(`paths.${name}`, "must be a path starting with '/'")
  if ((options as { api?: unknown }).api !== undefined) fail('api', 'pass `oneroster:` a client from @timeback/sdk/oneroster made with those credentials instead (identity builds no clients, so it bundles none)')
  if (options.oneroster !== undefined && typeof (options.oneroster as { users?: { list?: unknown } } | null)?.users?.list !== 'function') fail('oneroster', 'must be a client from @timeback/sdk/oneroster (an object with users.list)')
  if (options.mode === 'custom') {
    if (typeof options.getEmail !== 'function') fail('getEmail', "is required in 'custom' mode: a function (request) => the user's email")
    return undefined
  }
  if ((options.mode as string | undefined) !== undefined && options.mode !== 'sso') fail('mode', "must be 'sso' or 'custom'")
  if (typeof options.clientId !== 'string' || !options.clientId) fail('clientId', 'is required: the sign-in (SSO) app client id (or set TIMEBACK_SSO_CLIENT_ID)')
  if (typeof options.clientSecret !== 'string' || !options.clientSecret) fail('clientSecret', 'is required: the sign-in (SSO) app client secret (or set TIMEBACK_SSO_CLIENT_SECRET)')
  const issuer = options.issuer ?? (env ? ISSUERS[env as 'staging' | 'production'] : undefined)
  if (!issuer) return fail('issuer', "is unknown: pass env ('staging' | 'production') or issuer")
  let url: URL | undefined
  try { url = new URL(issuer) } catch { fail('issuer', `must be an absolute URL (got ${JSON.stringify(issuer)})`) }
  if (url!.protocol !== 'https:' && !/^(localhost|127\.0\.0\.1|\[::1\])$/.test(url!.hostname)) fail('issuer', 'must be https (plain http only on localhost)')
  for (const alg of options.algorithms ?? []) if (!/^(RS|PS|ES)(256|384|512)$|^EdDSA$/.test(alg)) fail('algorithms', `may list only asymmetric algorithms (RS256, ES256, …): ${JSON.stringify(alg)} would let a forged token through`)
  if (options.algorithms !== undefined && options.algorithms.length === 0) fail('algorithms', 'must list at least one algorithm')
  const skew = options.clockSkewSeconds
  if (skew !== undefined && !(Number.isFinite(skew) && skew >= 0 && skew <= 300)) fail('clockSkewSeconds', 'must be between 0 and 300')
  if (options.redirectUri !== undefined && typeof options.redirectUri !== 'string') fail('redirectUri', 'must be a URL or a path')
  return issuer
}
