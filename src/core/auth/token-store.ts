// Where access tokens live between calls. The SDK stores tokens, never secrets; keys are derived from the
// token URL, client id and scope, so one store can serve many clients.

/** A cached access token. `expiresAt` and `refreshAt` are epoch milliseconds. */
export interface StoredToken {
  accessToken: string
  expiresAt: number
  /** When to fetch a new one: before expiry, with jitter, so a fleet of Workers does not refresh in lockstep. */
  refreshAt: number
}

/**
 * Pluggable token cache. Implementations exist for memory (default), Workers KV, Durable Objects and Deno KV
 * (`@timeback/sdk/edge`). `ttlSeconds` is a hint for stores that expire entries themselves.
 * @example
 * const store: TokenStore = { get: (k) => kv.get(k, 'json'), set: (k, t, ttl) => kv.put(k, JSON.stringify(t), { expirationTtl: ttl }), delete: (k) => kv.delete(k) }
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined | null> | StoredToken | undefined | null
  set(key: string, token: StoredToken, ttlSeconds: number): Promise<void> | void
  delete(key: string): Promise<void> | void
}

/**
 * The default store: a Map in this isolate's memory.
 * @example new OneRosterClient({ env: 'staging', tokenStore: new MemoryTokenStore() })
 */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, StoredToken>()

  get(key: string): StoredToken | undefined {
    const token = this.#tokens.get(key)
    if (token && token.expiresAt <= Date.now()) {
      this.#tokens.delete(key)
      return undefined
    }
    return token
  }

  set(key: string, token: StoredToken): void {
    this.#tokens.set(key, token)
  }

  delete(key: string): void {
    this.#tokens.delete(key)
  }
}
