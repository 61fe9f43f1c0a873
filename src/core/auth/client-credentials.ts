// OAuth2 client credentials with a shared cache: one token fetch per (token URL, client id, scope) however
// many calls wait for it, refreshed before expiry with jitter, evicted when an API call answers 401.

import { AuthenticationError, isApiError } from '../errors.js'
import type { Authenticator, Transport } from '../transport/http.js'
import { MemoryTokenStore, type StoredToken, type TokenStore } from './token-store.js'

export interface ClientCredentialsOptions {
  tokenUrl: string
  clientId: string
  clientSecret: string
  scope?: string
  store?: TokenStore
  /** The transport used for the token request itself (anonymous, same fetch/retries/hooks). */
  transport: Transport
}

interface TokenAnswer {
  access_token?: unknown
  expires_in?: unknown
  token_type?: unknown
}

const EARLY_REFRESH_MS = 60_000
const DEFAULT_LIFETIME_S = 3600

// In-flight token fetches, per store then per key. Keyed by store so that two clients sharing a store (the
// unified client's sub-clients, say) also share the fetch.
const inflightByStore = /* @__PURE__ */ new WeakMap<TokenStore, Map<string, Promise<StoredToken>>>()

/**
 * The authenticator behind every OAuth2 Timeback client.
 * @example
 * const auth = new ClientCredentials({ tokenUrl, clientId, clientSecret, transport })
 */
export class ClientCredentials implements Authenticator {
  readonly key: string
  readonly #options: ClientCredentialsOptions
  readonly #store: TokenStore
  readonly #form: URLSearchParams

  constructor(options: ClientCredentialsOptions) {
    this.#options = options
    // Without a store each client caches for itself; pass one store to share tokens between clients.
    this.#store = options.store ?? new MemoryTokenStore()
    // The key names the token URL, client id and scope; never the secret.
    this.key = `timeback-token:${options.tokenUrl}|${options.clientId}|${options.scope ?? ''}`
    this.#form = new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret })
    if (options.scope) this.#form.set('scope', options.scope)
  }

  async authorize(signal: AbortSignal): Promise<{ headers: Record<string, string>; token: string }> {
    const token = await this.token(signal)
    return { headers: { authorization: `Bearer ${token}` }, token }
  }

  /** A valid access token, from the store or freshly fetched. */
  async token(signal?: AbortSignal): Promise<string> {
    const cached = await this.#store.get(this.key)
    const now = Date.now()
    if (cached && now < cached.refreshAt) return cached.accessToken
    try {
      return (await this.#singleFlight(signal)).accessToken
    } catch (error) {
      // A refresh that fails while the old token is still valid should not fail the call.
      if (cached && Date.now() < cached.expiresAt && !isApiError(error)) return cached.accessToken
      throw error
    }
  }

  async invalidate(token: string): Promise<void> {
    const cached = await this.#store.get(this.key)
    // Only evict the token that failed: another caller may already have stored a fresh one.
    if (!cached || cached.accessToken === token) await this.#store.delete(this.key)
  }

  #singleFlight(signal?: AbortSignal): Promise<StoredToken> {
    let inflight = inflightByStore.get(this.#store)
    if (!inflight) inflightByStore.set(this.#store, (inflight = new Map()))
    const running = inflight.get(this.key)
    if (running) return running
    const map = inflight
    // The shared fetch must not die with the first caller's signal: others wait on it too.
    const promise = this.#fetchToken().finally(() => map.delete(this.key))
    map.set(this.key, promise)
    return signal ? raceAbort(promise, signal) : promise
  }

  async #fetchToken(): Promise<StoredToken> {
    let answer: TokenAnswer
    try {
      answer = await this.#options.transport.request<TokenAnswer>(
        { method: 'POST', path: '', absoluteUrl: this.#options.tokenUrl, form: this.#form, anonymous: true },
        { idempotent: true },
      )
    } catch (error) {
      if (isApiError(error) && (error.status === 400 || error.status === 401 || error.status === 403)) {
        throw new AuthenticationError(
          `Token request rejected (${error.status}${error.description ? `: ${error.description}` : ''}). ` +
            `Check the client id and secret for this environment and the token URL ${pathlessHost(this.#options.tokenUrl)}.`,
          { status: error.status, method: 'POST', url: error.url, requestId: error.requestId, body: error.body },
        )
      }
      throw error
    }
    const accessToken = answer?.access_token
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new AuthenticationError('Token endpoint answered without an access_token.', {
        status: 200, method: 'POST', url: this.#options.tokenUrl,
      })
    }
    const lifetimeS = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : DEFAULT_LIFETIME_S
    const now = Date.now()
    const lifetimeMs = lifetimeS * 1000
    // Refresh a minute early (a quarter of the lifetime for short-lived tokens), minus up to half that again
    // at random so a fleet of isolates does not refresh in the same second.
    const margin = Math.min(EARLY_REFRESH_MS, lifetimeMs / 4)
    const jitter = Math.random() * (margin / 2)
    const token: StoredToken = { accessToken, expiresAt: now + lifetimeMs, refreshAt: now + lifetimeMs - margin - jitter }
    await this.#store.set(this.key, token, Math.max(1, Math.floor(lifetimeS)))
    return token
  }
}

function pathlessHost(url: string): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return '(invalid URL)'
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort)
        resolve(v)
      },
      (e) => {
        signal.removeEventListener('abort', onAbort)
        reject(e)
      },
    )
  })
}
