// Token store on Cloudflare Workers KV: every isolate of a Worker shares one token instead of each
// fetching its own. KV is eventually consistent, so two isolates may still fetch at once after expiry; that
// costs one extra token request, never a wrong answer.

import type { StoredToken, TokenStore } from '../core/auth/token-store.js'

/** The slice of the Workers `KVNamespace` binding this store uses (declared here: no workers-types). */
export interface KVNamespaceLike {
  get(key: string, type: 'json'): Promise<unknown>
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>
  delete(key: string): Promise<void>
}

// KV refuses expirationTtl below 60 seconds.
const KV_MIN_TTL = 60

/**
 * @example
 * export default { fetch(req, env) { const client = new OneRosterClient({ vars: env, tokenStore: new KVTokenStore(env.TOKENS) }) } }
 */
export class KVTokenStore implements TokenStore {
  readonly #kv: KVNamespaceLike
  readonly #prefix: string

  constructor(kv: KVNamespaceLike, options: { prefix?: string } = {}) {
    this.#kv = kv
    this.#prefix = options.prefix ?? ''
  }

  async get(key: string): Promise<StoredToken | undefined> {
    const value = (await this.#kv.get(this.#prefix + key, 'json')) as StoredToken | null
    return value && value.expiresAt > Date.now() ? value : undefined
  }

  async set(key: string, token: StoredToken, ttlSeconds: number): Promise<void> {
    await this.#kv.put(this.#prefix + key, JSON.stringify(token), { expirationTtl: Math.max(KV_MIN_TTL, Math.ceil(ttlSeconds)) })
  }

  async delete(key: string): Promise<void> {
    await this.#kv.delete(this.#prefix + key)
  }
}
