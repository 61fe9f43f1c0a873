/**
 * @module services/webhooks/replay — replay protection: remember which deliveries were accepted, for a window.
 *
 * The assumed signature is an HMAC of the body alone, with no timestamp: it proves who wrote the body, not
 * when, so a captured delivery verifies forever. The only defence a receiver has is to remember what it
 * accepted. A store records an id per accepted delivery, and parseWebhook refuses an id it already holds.
 *
 * The id is derived from what the signature covers, never from an unsigned header: anyone replaying a
 * delivery can change `x-caliper-delivery-id` to anything. With the default scheme the id is the SHA-256 of
 * the verified MAC (so every spelling of the same signature is one id, and the same body sent to two webhooks
 * with different secrets is two ids); with a custom `verify` it is the SHA-256 of the body.
 */

import { ConfigurationError, TimebackError, isTimebackError } from '../../core/errors.js'

/** Default `replayWindowSeconds`: 7 days, longer than common webhook retry schedules (hours to 3 days). */
export const DEFAULT_REPLAY_WINDOW_SECONDS = 7 * 24 * 60 * 60

/**
 * Where parseWebhook records accepted deliveries (`seen`). Memory, Workers KV and Deno KV versions exist:
 * `MemoryReplayStore` here, `KVReplayStore` and `DenoKvReplayStore` in `@timeback/sdk/edge`.
 * @example
 * // Any store with an atomic "set if absent, with expiry" works, e.g. Redis `SET key 1 NX EX ttl`:
 * const seen: ReplayStore = {
 *   claim: async (id, ttl) => (await redis.set(`hook:${id}`, '1', { nx: true, ex: ttl })) === 'OK',
 *   release: async (id) => void (await redis.del(`hook:${id}`)),
 * }
 */
export interface ReplayStore {
  /**
   * Records `id` for `ttlSeconds` and returns true when it was not already recorded; false when it was.
   * Anything else (or a throw) makes parseWebhook fail closed.
   */
  claim(id: string, ttlSeconds: number): Promise<boolean> | boolean
  /** Forgets `id`, so the sender's retry of a delivery you failed to process is accepted. */
  release(id: string): Promise<void> | void
}

/**
 * A verified delivery that was already accepted within the replay window: a retry of a delivery you
 * answered, or a replay. Its signature was valid. Answer 200 (or 409) so the sender stops retrying.
 * @example
 * try { await parseWebhook(request, { secret, seen }) } catch (e) {
 *   if (isWebhookReplayError(e)) return new Response(null, { status: 200 })
 *   throw e
 * }
 */
export class WebhookReplayError extends TimebackError {
  /** The id the store holds for this delivery. */
  readonly replayId: string
  constructor(replayId: string) {
    super(`Webhook delivery ${replayId} was already accepted.`, { code: 'replayed', name: 'WebhookReplayError' })
    this.replayId = replayId
  }
}

/**
 * True for a WebhookReplayError from any copy of the package.
 * @example if (isWebhookReplayError(e)) return new Response(null, { status: 200 })
 */
export function isWebhookReplayError(value: unknown): value is WebhookReplayError {
  return isTimebackError(value) && value.name === 'WebhookReplayError'
}

/** The `seen` option, checked before the body is read. */
export function replayStore(seen: unknown): ReplayStore | undefined {
  const store = seen as Partial<ReplayStore> | null | undefined
  if (store !== undefined && (typeof store?.claim !== 'function' || typeof store.release !== 'function')) {
    throw new ConfigurationError('parseWebhook: seen needs claim(id, ttlSeconds) and release(id), e.g. new MemoryReplayStore().')
  }
  return store as ReplayStore | undefined
}

/** Claims `id`, or throws: WebhookReplayError when already held, ConfigurationError when the store answers nonsense. */
export async function claimDelivery(store: ReplayStore, id: string, ttl: number): Promise<void> {
  const claimed: unknown = await store.claim(id, ttl)
  if (claimed !== true) throw claimed === false ? new WebhookReplayError(id) : new ConfigurationError('parseWebhook: seen.claim must return true or false.')
}

/**
 * A replay store in this isolate's memory: enough for one long-lived server, not for a Worker or Deno Deploy,
 * whose isolates each have their own (use `KVReplayStore` or `DenoKvReplayStore` there). Bounded: past
 * `maxEntries` the oldest ids are forgotten early. Only verified deliveries are recorded, so only the sender's
 * own traffic can fill it; size it for deliveries per window.
 * @example
 * const seen = new MemoryReplayStore({ maxEntries: 50_000 })
 * Bun.serve({ fetch: async (request) => { const { events } = await parseWebhook(request, { secret, seen }); … } })
 */
export class MemoryReplayStore implements ReplayStore {
  // Insertion order is claim order; with one window for every claim it is also expiry order.
  readonly #expiries = new Map<string, number>()
  readonly #maxEntries: number
  readonly #now: () => number

  /** `now` replaces `Date.now` (for tests that move the clock). */
  constructor(options: { maxEntries?: number; now?: () => number } = {}) {
    const maxEntries = options.maxEntries ?? 10_000
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new ConfigurationError('MemoryReplayStore: maxEntries must be a positive whole number (default 10000).')
    }
    this.#maxEntries = maxEntries
    this.#now = options.now ?? Date.now
  }

  /** How many ids are held (expired ones may linger until the next claim). */
  get size(): number {
    return this.#expiries.size
  }

  claim(id: string, ttlSeconds: number): boolean {
    const now = this.#now()
    const expiry = this.#expiries.get(id)
    if (expiry !== undefined && expiry > now) return false
    this.#expiries.delete(id)
    for (const [key, at] of this.#expiries) {
      if (at > now && this.#expiries.size < this.#maxEntries) break
      this.#expiries.delete(key)
    }
    this.#expiries.set(id, now + ttlSeconds * 1000)
    return true
  }

  release(id: string): void {
    this.#expiries.delete(id)
  }
}
