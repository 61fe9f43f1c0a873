// Token store on a Durable Object's storage: strongly consistent, for code running inside a Durable Object
// (or one that owns token refresh for a whole Worker).

import type { StoredToken, TokenStore } from '../core/auth/token-store.js'

/** The slice of `DurableObjectStorage` this store uses. */
export interface DurableObjectStorageLike {
  get<T = unknown>(key: string): Promise<T | undefined>
  put<T>(key: string, value: T): Promise<void>
  delete(key: string): Promise<boolean>
}

/**
 * @example
 * export class Tokens { constructor(state) { this.store = new DurableObjectTokenStore(state.storage) } }
 */
export class DurableObjectTokenStore implements TokenStore {
  readonly #storage: DurableObjectStorageLike

  constructor(storage: DurableObjectStorageLike) {
    this.#storage = storage
  }

  async get(key: string): Promise<StoredToken | undefined> {
    const value = await this.#storage.get<StoredToken>(key)
    if (value && value.expiresAt <= Date.now()) {
      await this.#storage.delete(key)
      return undefined
    }
    return value
  }

  async set(key: string, token: StoredToken): Promise<void> {
    await this.#storage.put(key, token)
  }

  async delete(key: string): Promise<void> {
    await this.#storage.delete(key)
  }
}
