// Webhook replay store on Cloudflare Workers KV: every isolate and location of a Worker reads the same ids.
//
// Best-effort, not exact. KV has no compare-and-set, so a claim is a read then a write, and two requests can
// both read "absent" before either write lands. Within one isolate a set of claims in flight closes that gap;
// across isolates and locations it stays open, and KV is eventually consistent: a write can take 60 s or more
// to be seen in other locations (and a read that missed may be cached there for a while). A replay sent to
// another location within that time can be accepted once more. For exact once-only acceptance use a Durable
// Object (one place, transactional storage) or Deno KV's atomic check.

import type { ReplayStore } from '../services/webhooks/replay.js'
import type { KVNamespaceLike } from './cloudflare-kv.js'

// KV refuses expirationTtl below 60 seconds.
const KV_MIN_TTL = 60
// Keys being claimed in this isolate right now: a second request for one of them is a duplicate.
const claiming = /* @__PURE__ */ new Set<string>()

/**
 * A replay store for `parseWebhook`'s `seen`, on a Workers KV namespace. Best-effort across isolates and
 * locations (see the module notes); exact within one isolate.
 * @example
 * export default {
 *   async fetch(request: Request, env: { WEBHOOK_SECRET: string; REPLAY: KVNamespace }) {
 *     const { events } = await parseWebhook(request, { secret: env.WEBHOOK_SECRET, seen: new KVReplayStore(env.REPLAY) })
 *     return new Response(null, { status: 204 })
 *   },
 * }
 */
export class KVReplayStore implements ReplayStore {
  readonly #kv: KVNamespaceLike
  readonly #prefix: string

  constructor(kv: KVNamespaceLike, options: { prefix?: string } = {}) {
    this.#kv = kv
    this.#prefix = options.prefix ?? 'webhook-replay:'
  }

  async claim(id: string, ttlSeconds: number): Promise<boolean> {
    const key = this.#prefix + id
    if (claiming.has(key)) return false
    claiming.add(key)
    try {
      if ((await this.#kv.get(key, 'json')) !== null) return false
      await this.#kv.put(key, '1', { expirationTtl: Math.max(KV_MIN_TTL, Math.ceil(ttlSeconds)) })
      return true
    } finally {
      claiming.delete(key)
    }
  }

  async release(id: string): Promise<void> {
    await this.#kv.delete(this.#prefix + id)
  }
}
