/**
 * @module services/identity/resources/handler — createTimebackIdentity: the sign-in, callback and sign-out routes as
 * one Request → Response handler, and getUser reading the session.
 */
import { envLookup, pickVar } from '../../../core/env.js'
import { ConfigurationError } from '../../../core/errors.js'
import { IdentityError } from './errors.js'
import { createProvider } from './oidc.js'
import { checkOptions, type HookHelpers, type SsoOptions, type TimebackIdentityOptions } from './options.js'
import { displayName, oneRosterLookup, resolveUser, type LookupUsers, type TimebackIdentityUser } from './resolve.js'
import { cookieHeader, createSealer, readCookie } from './seal.js'

const STATE_COOKIE = 'timeback_oidc'
const SESSION_COOKIE = 'timeback_session'
const STATE_MAX_AGE = 600
const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const random = () => b64url(crypto.getRandomValues(new Uint8Array(32)))
const s256 = async (v: string) => b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(v))))

/**
 * Sign-in for one app: `handle` answers the identity routes, `getUser` reads who is signed in.
 *
 * @example
 * const user = await identity.getUser(request) // { email, verified, timebackId?, name? } | undefined
 */
export interface TimebackIdentity {
  /** Answers `/identity/signin`, `/identity/callback` and `/identity/signout` (a POST from this site only; 404 for any other path). */
  handle(request: Request): Promise<Response>
  /** The signed-in user, or undefined. */
  getUser(request: Request): Promise<TimebackIdentityUser | undefined>
}

const json = (data: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers } })
const redirect = (url: string, headers: Record<string, string> = {}) => new Response(null, { status: 302, headers: { location: url, 'cache-control': 'no-store', ...headers } })

/** A Response whose headers can take our cookies (a hook's may be immutable, e.g. Response.redirect). */
function withCookies(response: Response, cookies: string[]): Response {
  const out = new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers })
  for (const c of cookies) out.headers.append('set-cookie', c)
  out.headers.set('cache-control', 'no-store')
  return out
}

/** Only a same-site path may be a redirect target: `//evil.example` and absolute URLs are not. */
const localPath = (value: string | null) => (value && /^\/(?![/\\])/.test(value) ? value : '/')

/**
 * Sign students in with Timeback's identity provider (OIDC code flow with PKCE S256, nonce and a browser-bound state
 * cookie; the id_token verified against the provider's JWKS), or in `custom` mode with your own auth.
 *
 * @example
 * import { createTimebackIdentity } from '@timeback/sdk/identity'
 *
 * const identity = createTimebackIdentity({
 *   env: 'staging', clientId: env.TIMEBACK_SSO_CLIENT_ID, clientSecret: env.TIMEBACK_SSO_CLIENT_SECRET,
 *   cookieSecret: env.COOKIE_SECRET, oneroster: new OneRosterClient({ env: 'staging', vars: env }),
 * })
 * export default { fetch: (req: Request) => new URL(req.url).pathname.startsWith('/identity/') ? identity.handle(req) : app(req) }
 */
export function createTimebackIdentity(given: TimebackIdentityOptions): TimebackIdentity {
  const options = withVars(given)
  const issuer = checkOptions(options)
  const now = options.now ?? (() => Date.now())
  const sealer = createSealer(options.cookieSecret, now)
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init))
  const lookup: LookupUsers | undefined = options.lookupUsers ?? (options.oneroster ? oneRosterLookup(options.oneroster) : undefined)
  const sessionMaxAge = options.sessionMaxAge ?? 8 * 3600
  const paths = { signin: '/identity/signin', callback: '/identity/callback', signout: '/identity/signout', ...options.paths }
  const matches = (url: URL, path: string) => url.pathname === path || url.pathname.endsWith(path)
  const secure = (url: URL) => url.protocol === 'https:'

  async function readSession(request: Request): Promise<TimebackIdentityUser | undefined> {
    const value = readCookie(request, SESSION_COOKIE, secure(new URL(request.url)))
    const claims = value ? await sealer.open('session', value) : undefined
    return claims && typeof claims.user === 'object' && claims.user !== null ? (claims.user as TimebackIdentityUser) : undefined
  }

  // Sign-out changes state, so a cross-site page must not trigger it: POST only (a link or a top-level GET
  // navigation from anywhere would do otherwise), sent from this origin (Origin, or without one a Referer), so
  // a cross-site form cannot either.
  async function signOut(request: Request): Promise<Response> {
    const url = new URL(request.url)
    if (request.method !== 'POST') return json({ error: 'method not allowed' }, 405, { allow: 'POST' })
    let from: string | undefined
    try {
      from = new URL(request.headers.get('origin') ?? request.headers.get('referer') ?? '').origin
    } catch {
      // No Origin and no Referer, or an opaque one ('null'): not provably this site.
    }
    if (from !== url.origin) return json({ error: 'cross-site sign-out refused' }, 403)
    return redirect(options.afterSignOut ?? '/', { 'set-cookie': cookieHeader(SESSION_COOKIE, '', 0, secure(url)) })
  }

  if (options.mode === 'custom') {
    return {
      async handle(request) {
        const url = new URL(request.url)
        if (matches(url, paths.signout)) return signOut(request)
        if (matches(url, paths.signin) || matches(url, paths.callback)) return json({ error: 'SSO not configured' }, 400)
        return json({ error: 'not found' }, 404)
      },
      async getUser(request) {
        const email = await options.getEmail(request)
        if (!email) return undefined
        if (!lookup) return { email, verified: false }
        const found = await resolveUser(lookup, email)
        if (!found) return { email, verified: false }
        const name = displayName(found.givenName, found.familyName)
        return { email, verified: true, timebackId: found.sourcedId, ...(name ? { name } : {}) }
      },
    }
  }

  // checkOptions has made sure both are non-empty strings (given or from the environment).
  const sso = options as SsoOptions & { clientId: string; clientSecret: string }
  const provider = createProvider({
    issuer: issuer!, clientId: sso.clientId, clientSecret: sso.clientSecret, fetch: fetchFn, now,
    algorithms: sso.algorithms ?? ['RS256', 'ES256'], clockSkewSeconds: sso.clockSkewSeconds ?? 60, timeoutMs: sso.timeoutMs ?? 10_000,
  })
  const redirectUriFor = (url: URL) => new URL(sso.redirectUri ?? url.pathname.replace(/signin$/, 'callback'), url).href

  async function signIn(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const state = random()
    const nonce = random()
    const verifier = random()
    const appState = sso.buildState ? await sso.buildState({ req: request, url }) : undefined
    if (appState !== undefined && JSON.stringify(appState).length > 1024) throw new TypeError('createTimebackIdentity: buildState must return JSON of at most 1 KB (it travels in a cookie)')
    const { authorization_endpoint } = await provider.discovery()
    const target = new URL(authorization_endpoint)
    const redirectUri = redirectUriFor(url)
    for (const [k, v] of Object.entries({
      response_type: 'code', client_id: sso.clientId, redirect_uri: redirectUri, scope: 'openid email profile', state, nonce,
      code_challenge: await s256(verifier), code_challenge_method: 'S256',
    })) target.searchParams.set(k, v)
    const hint = url.searchParams.get('login_hint')
    if (hint) target.searchParams.set('login_hint', hint)
    const sealed = await sealer.seal('state', { state, nonce, verifier, redirectUri, returnTo: localPath(url.searchParams.get('returnTo')), appState }, STATE_MAX_AGE)
    return redirect(target.href, { 'set-cookie': cookieHeader(STATE_COOKIE, sealed, STATE_MAX_AGE, secure(url)) })
  }

  async function callback(request: Request, helpers: (state: unknown) => HookHelpers, clear: string): Promise<Response> {
    const url = new URL(request.url)
    const q = url.searchParams
    const sealed = readCookie(request, STATE_COOKIE, secure(url))
    const saved = sealed ? await sealer.open('state', sealed) : undefined
    const appState = saved?.appState
    try {
      if (q.get('error')) throw new IdentityError(q.get('error')!, `identity: the provider refused the sign-in: ${q.get('error')}${q.get('error_description') ? ` (${q.get('error_description')})` : ''}`)
      if (!saved) throw new IdentityError('invalid_state', sealed ? 'identity: the sign-in state cookie is expired or was tampered with; start again at sign-in' : 'identity: no sign-in state cookie (cookies blocked, or the callback was opened in another browser); start again at sign-in')
      if (typeof saved.state !== 'string' || q.get('state') !== saved.state) throw new IdentityError('invalid_state', "identity: the callback's state is not this browser's sign-in (tampered, or another browser's callback: possible login CSRF)")
      const code = q.get('code')
      if (!code) throw new IdentityError('missing_code', 'identity: the callback has no code')
      const tokens = await provider.exchange(code, saved.redirectUri as string, saved.verifier as string)
      const claims = await provider.verifyIdToken(tokens.id_token as string, saved.nonce as string)
      const userInfo = typeof claims.email === 'string' || typeof tokens.access_token !== 'string' ? {} : await provider.userInfo(tokens.access_token, claims.sub!)
      const email = (claims.email ?? userInfo.email) as unknown
      if (typeof email !== 'string' || !email) throw new IdentityError('missing_email', 'identity: the provider gave no email for this user (request the email scope)')
      if ((claims.email_verified ?? userInfo.email_verified) === false || (claims.email_verified ?? userInfo.email_verified) === 'false') throw new IdentityError('email_not_verified', `identity: the provider has not verified ${email}; it cannot identify a Timeback user`)
      let user: TimebackIdentityUser = { email, verified: false, sub: claims.sub!, ...nameOf(claims.given_name, claims.family_name) }
      if (lookup) {
        const found = await resolveUser(lookup, email)
        if (!found) throw new IdentityError('timeback_user_not_found', `identity: ${email} signed in but is not a Timeback user`)
        user = { ...user, verified: true, timebackId: found.sourcedId, ...nameOf(found.givenName, found.familyName) }
      }
      const session = cookieHeader(SESSION_COOKIE, await sealer.seal('session', { user }, sessionMaxAge), sessionMaxAge, secure(url))
      const answer = sso.onCallbackSuccess ? await sso.onCallbackSuccess({ ...helpers(appState), user, idp: { tokens, userInfo } }) : redirect(saved.returnTo as string)
      return withCookies(answer, [clear, session])
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e))
      const errorCode = e instanceof IdentityError ? e.code : 'token_exchange_failed'
      if (sso.onCallbackError) return withCookies(await sso.onCallbackError({ ...helpers(appState), error, errorCode }), [clear])
      const status = e instanceof IdentityError ? e.status : 500
      return json({ error: errorCode, message: error.message }, status, { 'set-cookie': clear })
    }
  }

  return {
    async handle(request) {
      const url = new URL(request.url)
      const helpers = (state: unknown): HookHelpers => ({ state, req: request, redirect, json })
      if (matches(url, paths.signout)) return signOut(request)
      if (request.method !== 'GET' && request.method !== 'HEAD') return json({ error: 'method not allowed' }, 405, { allow: 'GET' })
      if (matches(url, paths.signin)) {
        try {
          return await signIn(request)
        } catch (e) {
          if (!(e instanceof IdentityError)) throw e
          return json({ error: e.code, message: e.message }, e.status)
        }
      }
      if (matches(url, paths.callback)) return callback(request, helpers, cookieHeader(STATE_COOKIE, '', 0, secure(url)))
      return json({ error: 'not found' }, 404)
    },
    getUser: readSession,
  }
}

/**
 * sso mode's settings left out, from `vars` (else the runtime's env) as every client reads them: clientId and
 * clientSecret from TIMEBACK_SSO_CLIENT_ID / _SECRET, and, with neither env nor issuer given, env from TIMEBACK_ENV.
 */
function withVars(options: TimebackIdentityOptions): TimebackIdentityOptions {
  if (options === null || typeof options !== 'object' || options.mode === 'custom') return options
  const read = envLookup(options.vars)
  const env = options.env === undefined && options.issuer === undefined ? pickVar(read, ['TIMEBACK_ENV'])?.value : undefined
  if (env !== undefined && env !== 'staging' && env !== 'production') {
    throw new ConfigurationError(`createTimebackIdentity: TIMEBACK_ENV must be 'staging' or 'production', got ${JSON.stringify(env)} (or pass env or issuer).`)
  }
  return {
    ...options, ...(env ? { env } : {}),
    clientId: options.clientId || (read('TIMEBACK_SSO_CLIENT_ID') ?? ''), clientSecret: options.clientSecret || (read('TIMEBACK_SSO_CLIENT_SECRET') ?? ''),
  }
}

function nameOf(given: unknown, family: unknown): { name?: string } {
  const name = displayName(given, family)
  return name ? { name } : {}
}
