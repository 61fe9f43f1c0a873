// @timeback/sdk/edge — token stores for Workers KV, Durable Objects and Deno KV, the memory store, and webhook replay stores.
// Each store only names the slice of the platform API it uses, so the published types need no platform packages.

export { KVTokenStore, type KVNamespaceLike } from './cloudflare-kv.js'
export { DurableObjectTokenStore, type DurableObjectStorageLike } from './durable-object.js'
export { DenoKvTokenStore, type DenoKvLike } from './deno-kv.js'
export { KVReplayStore } from './cloudflare-kv-replay.js'
export { DenoKvReplayStore, type DenoKvAtomicLike, type DenoKvAtomicOperationLike } from './deno-kv-replay.js'
export { MemoryTokenStore, type TokenStore, type StoredToken } from '../core/auth/token-store.js'
