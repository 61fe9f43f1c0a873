// @timeback/sdk/edge — token stores for Workers KV, Durable Objects and Deno KV, the memory store, webhook replay stores, and Caliper events through a Cloudflare Queue.
// Each store only names the slice of the platform API it uses, so the published types need no platform packages.

export { KVTokenStore, type KVNamespaceLike } from './cloudflare-kv.js'
export { DurableObjectTokenStore, type DurableObjectStorageLike } from './durable-object.js'
export { DenoKvTokenStore, type DenoKvLike } from './deno-kv.js'
export { KVReplayStore } from './cloudflare-kv-replay.js'
export { DenoKvReplayStore, type DenoKvAtomicLike, type DenoKvAtomicOperationLike } from './deno-kv-replay.js'
export { MemoryTokenStore, type TokenStore, type StoredToken } from '../core/auth/token-store.js'
// Caliper events through a Cloudflare Queue: a producer for the fetch handler, a consumer for the queue handler.
export { createCaliperQueueProducer, CaliperQueueSendError, type CaliperQueueProducer, type CaliperQueueSendOptions, type QueueProducerLike, type QueueSendRequestLike, type QueueContentTypeLike } from './caliper-queue-producer.js'
export { consumeCaliperBatch, type ConsumeCaliperOptions, type ConsumeCaliperResult, type CaliperQueueFailure, type CaliperSenderLike, type MessageBatchLike, type QueueMessageLike } from './caliper-queue-consumer.js'
export { CALIPER_MESSAGE_VERSION } from './caliper-queue-message.js'
