// OAuth2 client credentials: the authenticator of every Timeback service but MasteryTrack. Tokens live in the
// isolate-wide cache (./token-cache.ts); this file only knows how to ask the token endpoint for one and how to
// read its answer without ever echoing it.

import { AuthenticationError, ConfigurationError, isApiError } from '../errors.js'
import { deniedEnvHint, pickVar } from '../env.js'
import type { AuthPlugin } from '../service.js'
import type { Logger } from '../transport/hooks.js'
import type { Authenticator, Transport } from '../transport/http.js'
import { cachedToken, invalidateToken, tokenCacheKey, type FreshToken, type TokenSource } from './token-cache.js'
import { ANSWER_READ_MS, MAX_ANSWER_BYTES, pathlessUrl, readLimited } from './token-answer.js'
import type { TokenStore } from './token-store.js'

export interface ClientCredentialsOptions {
  tokenUrl: string
  clientId: string
  clientSecret: string
  scope?: string
  /** A shared second tier (KV, Durable Object, Deno KV); the isolate's memory tier is always in front. */
  store?: TokenStore
  /** Told once per isolate when the store misbehaves. */
  logger?: Logger
  /** Keeps the store write and background refresh alive past the response (a Worker's `ctx.waitUntil`). */
  waitUntil?: (promise: Promise<unknown>) => void
  /** The transport used for the token request itself (anonymous, no custom headers, never redirected). */
  transport: Transport
}


/**
 * The authenticator behind every OAuth2 Timeback client.
 * @example
 * const auth = new ClientCredentials({ tokenUrl, clientId, clientSecret, transport })
 * const { headers } = await auth.authorize(AbortSignal.timeout(5_000))
 */
export class ClientCredentials implements Authenticator {
  readonly #options: ClientCredentialsOptions
  readonly #form: URLSearchParams
  #source?: Promise<TokenSource>

  constructor(options: ClientCredentialsOptions) {
    this.#options = options
    this.#form = new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret })
    if (options.scope) this.#form.set('scope', options.scope)
  }

  async authorize(signal: AbortSignal): Promise<{ headers: Record<string, string>; token: string }> {
    const token = await this.token(signal)
    return { headers: { authorization: `Bearer ${token}` }, token }
  }

  /** A valid access token, from the isolate's cache, the shared store, or the token endpoint. */
  async token(signal?: AbortSignal): Promise<string> {
    return cachedToken(await this.#tokenSource(), signal)
  }

  /** The key this credential's token is cached under (no secret in it). */
  async cacheKey(): Promise<string> {
    return (await this.#tokenSource()).key
  }

  async invalidate(token: string): Promise<void> {
    invalidateToken(await this.#tokenSource(), token)
  }

  #tokenSource(): Promise<TokenSource> {
    const { tokenUrl, clientId, clientSecret, scope, store, logger, waitUntil } = this.#options
    return (this.#source ??= tokenCacheKey({ tokenUrl, clientId, clientSecret, scope }).then((key) => ({
      key, store, logger, waitUntil, fetch: () => this.#fetchToken(),
    })))
  }

  async #fetchToken(): Promise<FreshToken> {
    const { tokenUrl, transport } = this.#options
    let response: Response
    try {
      response = await transport.request<Response>(
        { method: 'POST', path: '', absoluteUrl: tokenUrl, form: this.#form, anonymous: true, responseType: 'response', redirects: 'never' },
        { idempotent: true },
      )
    } catch (error) {
      if (isApiError(error) && (error.status === 400 || error.status === 401 || error.status === 403)) {
        throw new AuthenticationError(
          `Token request rejected (${error.status}${error.description ? `: ${error.description}` : ''}). ` +
            `Check the client id and secret for this environment and the token URL ${pathlessUrl(tokenUrl)}.`,
          { status: error.status, method: 'POST', url: error.url, requestId: error.requestId, body: error.body },
        )
      }
      if (isApiError(error) && error.code === 'redirect_refused') {
        // Following would re-post client_secret wherever Location points, and trust whatever token came back.
        throw new AuthenticationError(
          `The token URL ${pathlessUrl(tokenUrl)} answered with a redirect, which the SDK never follows for the token ` +
            `request (it carries the client secret): ${error.message} Set auth.authUrl to the final token endpoint.`,
          { status: error.status, method: 'POST', url: error.url, requestId: error.requestId },
        )
      }
      throw error
    }
    // The body is the token: whatever goes wrong from here, no error may carry any of it.
    const refuse = (why: string) =>
      new AuthenticationError(`Token endpoint ${pathlessUrl(tokenUrl)} answered ${response.status} ${why}; check auth.authUrl.`, {
        status: response.status, method: 'POST', url: pathlessUrl(tokenUrl), requestId: response.headers.get('x-request-id') ?? undefined,
      })
    const text = await readLimited(response, MAX_ANSWER_BYTES, ANSWER_READ_MS)
    if (text === undefined) throw refuse(`with a body over ${MAX_ANSWER_BYTES} bytes or slower than ${ANSWER_READ_MS} ms`)
    let answer: unknown
    try {
      answer = JSON.parse(text)
    } catch {
      throw refuse(`with a body that is not JSON (content-type ${response.headers.get('content-type') ?? 'none'}, ${text.length} characters)`)
    }
    const accessToken = (answer as { access_token?: unknown } | null)?.access_token
    if (typeof accessToken !== 'string' || accessToken.trim() === '') throw refuse('without an access_token')
    return { accessToken, lifetimeSeconds: (answer as { expires_in?: unknown }).expires_in }
  }
}

/**
 * The OAuth2 authenticator plug-in of a service descriptor: credentials from `auth.clientId`/`clientSecret`,
 * then `<PREFIX>_CLIENT_ID`/`_SECRET`, then `TIMEBACK_CLIENT_ID`/`_SECRET`; the token URL from `auth.authUrl`,
 * `<PREFIX>_TOKEN_URL`, `TIMEBACK_TOKEN_URL` or the environment.
 * @example export const service: ServiceDescriptor = { name: 'oneroster', envPrefixes: ['ONEROSTER'], hostFamily: 'api', auth: clientCredentials }
 */
export const clientCredentials: AuthPlugin = ({ config, auth, transport, store, logger }) => {
  const { names, lookup } = config
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined)
  const clientId = text(auth.clientId) ?? pickVar(lookup, names('CLIENT_ID'))?.value
  const clientSecret = text(auth.clientSecret) ?? pickVar(lookup, names('CLIENT_SECRET'))?.value
  const missing: string[] = []
  if (!clientId) missing.push(`auth.clientId (env ${names('CLIENT_ID').join(' or ')})`)
  if (!clientSecret) missing.push(`auth.clientSecret (env ${names('CLIENT_SECRET').join(' or ')})`)
  if (missing.length) {
    // Deno without --allow-env: say so, rather than leave the user hunting for variables that are set.
    const unread = [...(clientId ? [] : [names('CLIENT_ID')]), ...(clientSecret ? [] : [names('CLIENT_SECRET')])]
    const hint = deniedEnvHint(lookup, unread, 'pass auth.clientId and auth.clientSecret')
    throw new ConfigurationError(`Missing ${config.service} credentials: ${missing.join(' and ')}.${hint}`)
  }

  const fromVars = auth.authUrl === undefined ? pickVar(lookup, names('TOKEN_URL')) : undefined
  const raw = (auth.authUrl as string | undefined) ?? fromVars?.value ?? config.hosts?.tokenUrl
  if (!raw) {
    throw new ConfigurationError(
      `No token URL: with an explicit baseUrl pass auth.authUrl, or set ${names('TOKEN_URL').join(' / ')}, or pass env.`,
    )
  }
  const tokenUrl = config.url(raw, fromVars ? fromVars.name : 'auth.authUrl')
  const scope = text(auth.scope)
  return new ClientCredentials({ tokenUrl, clientId: clientId!, clientSecret: clientSecret!, scope, store, logger, waitUntil: config.waitUntil, transport })
}
