/**
 * @module core/auth/api-key — the API key → JWT authenticator (MasteryTrack): `POST {base}/authorizer` with
 * the key in `x-api-key` and the registered email in the body answers `{ success: true, jwt }`, a one-hour
 * JWT sent on every call as `X-Auth-Token: Bearer <jwt>`. Cached and single-flighted in the isolate-wide token
 * cache like OAuth tokens; a 401 evicts it, fetches a new one and retries once.
 */

import { AuthenticationError, ConfigurationError, isApiError } from '../errors.js'
import { deniedEnvHint, pickVar } from '../env.js'
import type { AuthPlugin } from '../service.js'
import type { Logger } from '../transport/hooks.js'
import type { Transport } from '../transport/http.js'
import type { Authenticator } from '../transport/types.js'
import { cachedToken, invalidateToken, tokenCacheKey, type FreshToken, type TokenSource } from './token-cache.js'
import { ANSWER_READ_MS, MAX_ANSWER_BYTES, pathlessUrl, readLimited } from './token-answer.js'
import type { TokenStore } from './token-store.js'

/**
 * Credentials of an API-key service (MasteryTrack): the key and the email registered for API access.
 * @example new MasteryTrackClient({ auth: { apiKey: env.MASTERYTRACK_API_KEY, email: 'ops@school.example' } })
 */
export interface ApiKeyAuthOptions {
  apiKey?: string
  email?: string
  /** The exchange endpoint; default `{baseUrl}/authorizer`. */
  authUrl?: string
}

export interface ApiKeyJwtOptions {
  authUrl: string
  apiKey: string
  email: string
  store?: TokenStore
  logger?: Logger
  /** Keeps the store write and background refresh alive past the response (a Worker's `ctx.waitUntil`). */
  waitUntil?: (promise: Promise<unknown>) => void
  transport: Transport
}

/** The vendor documents a one-hour JWT; the token's own `exp` wins when it has one. */
const JWT_LIFETIME_S = 3600

/**
 * Exchanges an API key and email for a JWT and sends it as `X-Auth-Token: Bearer …`.
 * @example const auth = new ApiKeyJwt({ authUrl: `${base}/authorizer`, apiKey, email, transport })
 */
export class ApiKeyJwt implements Authenticator {
  readonly #options: ApiKeyJwtOptions
  #source?: Promise<TokenSource>

  constructor(options: ApiKeyJwtOptions) {
    this.#options = options
  }

  async authorize(signal: AbortSignal): Promise<{ headers: Record<string, string>; token: string }> {
    const token = await cachedToken(await this.#tokenSource(), signal)
    return { headers: { 'x-auth-token': `Bearer ${token}` }, token }
  }

  async invalidate(token: string): Promise<void> {
    invalidateToken(await this.#tokenSource(), token)
  }

  #tokenSource(): Promise<TokenSource> {
    const { authUrl, apiKey, email, store, logger, waitUntil } = this.#options
    // The scope slot marks the kind, so an API key can never share a cache entry with an OAuth client.
    return (this.#source ??= tokenCacheKey({ tokenUrl: authUrl, clientId: email, clientSecret: apiKey, scope: 'api-key-jwt' }).then((key) => ({
      key, store, logger, waitUntil, fetch: () => this.#exchange(),
    })))
  }

  async #exchange(): Promise<FreshToken> {
    const { authUrl, apiKey, email, transport } = this.#options
    let response: Response
    try {
      response = await transport.request<Response>(
        { method: 'POST', path: '', absoluteUrl: authUrl, body: { email }, anonymous: true, responseType: 'response', redirects: 'never' },
        { idempotent: true, headers: { 'x-api-key': apiKey } },
      )
    } catch (error) {
      if (isApiError(error) && (error.status === 400 || error.status === 401 || error.status === 403 || error.code === 'redirect_refused')) {
        throw new AuthenticationError(
          `API key exchange refused (${error.status}${error.description ? `: ${error.description}` : ''}). Check the API key and that ` +
            `the email is registered for API access, and the exchange URL ${pathlessUrl(authUrl)}.`,
          { status: error.status, method: 'POST', url: error.url, requestId: error.requestId, body: error.body },
        )
      }
      throw error
    }
    const refuse = (why: string) =>
      new AuthenticationError(`API key exchange ${pathlessUrl(authUrl)} answered ${response.status} ${why}; check auth.authUrl.`, {
        status: response.status, method: 'POST', url: pathlessUrl(authUrl), requestId: response.headers.get('x-request-id') ?? undefined,
      })
    const text = await readLimited(response, MAX_ANSWER_BYTES, ANSWER_READ_MS)
    if (text === undefined) throw refuse(`with a body over ${MAX_ANSWER_BYTES} bytes or slower than ${ANSWER_READ_MS} ms`)
    let answer: { success?: unknown; jwt?: unknown } | null
    try {
      answer = JSON.parse(text)
    } catch {
      throw refuse(`with a body that is not JSON (${text.length} characters)`)
    }
    const jwt = answer?.jwt
    if (answer?.success !== true || typeof jwt !== 'string' || jwt.trim() === '') throw refuse('without a jwt')
    return { accessToken: jwt, lifetimeSeconds: secondsLeft(jwt) ?? JWT_LIFETIME_S }
  }
}

/** Seconds until the JWT's `exp` claim, when it has a readable one (the claim is not trusted beyond the cache's clamps). */
function secondsLeft(jwt: string): number | undefined {
  try {
    const payload = jwt.split('.')[1]
    if (!payload) return undefined
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='))
    const exp = (JSON.parse(json) as { exp?: unknown }).exp
    return typeof exp === 'number' && Number.isFinite(exp) ? exp - Date.now() / 1000 : undefined
  } catch {
    return undefined
  }
}

/**
 * The API-key authenticator plug-in of a service descriptor: `auth.apiKey`/`auth.email`, then
 * `<PREFIX>_API_KEY`/`<PREFIX>_EMAIL`; the exchange URL from `auth.authUrl`, `<PREFIX>_AUTH_URL` or
 * `{baseUrl}/authorizer`.
 * @example export const service: ServiceDescriptor = { name: 'masterytrack', envPrefixes: ['MASTERYTRACK'], hostFamily: 'masterytrack', auth: apiKeyJwt }
 */
export const apiKeyJwt: AuthPlugin = ({ config, auth, transport, store, logger }) => {
  const { lookup, service } = config
  // Only the service's own prefixes: a TIMEBACK_API_KEY fallback would be a guess.
  const own = (suffix: string) => config.names(suffix).filter((n) => !n.startsWith('TIMEBACK_'))
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined)
  const apiKey = text(auth.apiKey) ?? pickVar(lookup, own('API_KEY'))?.value
  const email = text(auth.email) ?? pickVar(lookup, own('EMAIL'))?.value
  const missing: string[] = []
  if (!apiKey) missing.push(`auth.apiKey (env ${own('API_KEY').join(' or ')})`)
  if (!email) missing.push(`auth.email (env ${own('EMAIL').join(' or ')})`)
  if (missing.length) {
    const unread = [...(apiKey ? [] : [own('API_KEY')]), ...(email ? [] : [own('EMAIL')])]
    const hint = deniedEnvHint(lookup, unread, 'pass auth.apiKey and auth.email')
    throw new ConfigurationError(`Missing ${service} credentials: ${missing.join(' and ')}.${hint}`)
  }
  const fromVars = auth.authUrl === undefined ? pickVar(lookup, own('AUTH_URL')) : undefined
  const raw = text(auth.authUrl) ?? fromVars?.value ?? `${config.baseUrl}/authorizer`
  const authUrl = config.url(raw, fromVars ? fromVars.name : 'auth.authUrl')
  return new ApiKeyJwt({ authUrl, apiKey: apiKey!, email: email!, store, logger, waitUntil: config.waitUntil, transport })
}
