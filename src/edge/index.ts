// @timeback/sdk/edge — token stores for Workers KV, Durable Objects and Deno KV, and the memory store.
// Each store only names the slice of the platform API it uses, so the published types need no platform packages.

export { KVTokenStore, type KVNamespaceLike } from './cloudflare-kv.js'
export { DurableObjectTokenStore, type DurableObjectStorageLike } from './durable-object.js'
export { DenoKvTokenStore, type DenoKvLike } from './deno-kv.js'
export { MemoryTokenStore, type TokenStore, type StoredToken } from '../core/auth/token-store.js'
