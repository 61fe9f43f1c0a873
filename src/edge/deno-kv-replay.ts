// Webhook replay store on Deno KV (Deno Deploy): one atomic "set if absent", so exactly one request wins a
// delivery id, whichever isolate or region it runs in.

import type { ReplayStore } from '../services/webhooks/replay.js'

/** The slice of `Deno.AtomicOperation` this store uses. */
export interface DenoKvAtomicOperationLike {
  check(...checks: { key: readonly unknown[]; versionstamp: string | null }[]): DenoKvAtomicOperationLike
  set(key: readonly unknown[], value: unknown, options?: { expireIn?: number }): DenoKvAtomicOperationLike
  commit(): Promise<{ ok: boolean }>
}

/** The slice of `Deno.Kv` the replay store uses. */
export interface DenoKvAtomicLike {
  atomic(): DenoKvAtomicOperationLike
  delete(key: readonly unknown[]): Promise<void>
}

/**
 * A replay store for `parseWebhook`'s `seen`, on Deno KV. A claim commits only if the key does not exist
 * (`check` with a null versionstamp), so it is exact across isolates. Deno KV deletes expired keys some time
 * after they expire, so an id may be held a little longer than the window, never shorter.
 * @example
 * const seen = new DenoKvReplayStore(await Deno.openKv())
 * Deno.serve(async (request) => {
 *   const { events } = await parseWebhook(request, { secret: Deno.env.get('WEBHOOK_SECRET')!, seen })
 *   return new Response(null, { status: 204 })
 * })
 */
export class DenoKvReplayStore implements ReplayStore {
  readonly #kv: DenoKvAtomicLike
  readonly #prefix: string

  constructor(kv: DenoKvAtomicLike, options: { prefix?: string } = {}) {
    this.#kv = kv
    this.#prefix = options.prefix ?? 'timeback-webhook-replay'
  }

  async claim(id: string, ttlSeconds: number): Promise<boolean> {
    const key = [this.#prefix, id]
    const result = await this.#kv.atomic()
      .check({ key, versionstamp: null })
      .set(key, Date.now(), { expireIn: Math.ceil(ttlSeconds * 1000) })
      .commit()
    return result.ok === true
  }

  async release(id: string): Promise<void> {
    await this.#kv.delete([this.#prefix, id])
  }
}
