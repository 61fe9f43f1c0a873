// Token store on Deno KV (Deno Deploy): shared by every isolate of a deployment, expiring by itself.

import type { StoredToken, TokenStore } from '../core/auth/token-store.js'

/** The slice of `Deno.Kv` this store uses. */
export interface DenoKvLike {
  get<T = unknown>(key: readonly unknown[]): Promise<{ value: T | null }>
  set(key: readonly unknown[], value: unknown, options?: { expireIn?: number }): Promise<unknown>
  delete(key: readonly unknown[]): Promise<void>
}

/**
 * @example
 * const tokenStore = new DenoKvTokenStore(await Deno.openKv())
 */
export class DenoKvTokenStore implements TokenStore {
  readonly #kv: DenoKvLike
  readonly #prefix: string

  constructor(kv: DenoKvLike, options: { prefix?: string } = {}) {
    this.#kv = kv
    this.#prefix = options.prefix ?? 'timeback'
  }

  async get(key: string): Promise<StoredToken | undefined> {
    const { value } = await this.#kv.get<StoredToken>([this.#prefix, key])
    return value && value.expiresAt > Date.now() ? value : undefined
  }

  async set(key: string, token: StoredToken, ttlSeconds: number): Promise<void> {
    await this.#kv.set([this.#prefix, key], token, { expireIn: Math.ceil(ttlSeconds * 1000) })
  }

  async delete(key: string): Promise<void> {
    await this.#kv.delete([this.#prefix, key])
  }
}
