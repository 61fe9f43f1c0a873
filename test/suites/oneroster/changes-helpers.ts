// Shared pieces of the delta-sync suites: a hand-driven emulator clock, a client whose answers a test can
// rewrite (a hostile or odd server), and a collector that checks a run ended with exactly one checkpoint.

import type { Setup, SuiteEnv } from '../../harness/types.ts'
import type { Change, OneRosterClient } from '../../../src/services/oneroster/index.ts'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE

/**
 * A clock the test moves: each read is 1 ms later (writes get distinct stamps), `jump` moves it on. It starts
 * `offsetMs` from this machine's clock: an hour behind by default, so that the jumps a test makes keep it
 * behind (changes() takes the earlier of the server's clock and this machine's for the checkpoint, and these
 * tests check the server's side).
 */
export function testClock(offsetMs = -HOUR) {
  // Whole seconds plus 400 ms, so the Date header (whole seconds) is visibly below the clock.
  let at = Math.floor((Date.now() + offsetMs) / 1000) * 1000 + 400
  return { now: () => at++, jump: (ms: number) => { at += ms }, peek: () => at }
}

export type Hook = (url: URL, response: Response) => Response | Promise<Response> | void | Promise<void>

/** A client whose fetch goes to the emulator (injected or global) and lets a test act on each answer. */
export function connectWithHook(env: SuiteEnv, s: Setup, hook: { on?: Hook }): OneRosterClient {
  const base: typeof fetch = s.options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const hooked: typeof fetch = async (input, init) => {
    const response = await base(input, init)
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    return (await hook.on?.(url, response)) ?? response
  }
  return new env.sdk.oneroster.OneRosterClient({ ...s.options, fetch: hooked, maxRetries: 0 })
}

/** A run's changes by kind, in order, and its checkpoint; throws unless the checkpoint came last, once. */
export async function collect<T>(run: AsyncIterable<Change<T>>): Promise<{ upserts: Map<string, T>; deletes: Map<string, T>; order: string[]; checkpoint: string; items: Change<T>[] }> {
  const items: Change<T>[] = []
  for await (const change of run) items.push(change)
  const upserts = new Map<string, T>()
  const deletes = new Map<string, T>()
  const order: string[] = []
  for (const c of items.slice(0, -1)) {
    if (c.type === 'checkpoint') throw new Error('a checkpoint before the end')
    order.push(c.sourcedId)
    ;(c.type === 'upsert' ? upserts : deletes).set(c.sourcedId, c.record)
  }
  const last = items[items.length - 1]
  if (!last || last.type !== 'checkpoint') throw new Error(`the run did not end with a checkpoint: ${JSON.stringify(last)}`)
  return { upserts, deletes, order, checkpoint: last.checkpoint, items }
}

/** The checkpoint a run started at `clockMs` must give: the Date header's whole second, minus one minute. */
export const expectedCheckpoint = (clockMs: number) => new Date(Math.floor(clockMs / 1000) * 1000 - MINUTE).toISOString()

/** A JSON answer rewritten by `edit` (its headers kept but for the length, which changes). */
export async function rewriteJson(response: Response, edit: (body: Record<string, unknown>) => void): Promise<Response> {
  const body = await response.json() as Record<string, unknown>
  edit(body)
  const headers = new Headers(response.headers)
  headers.delete('content-length')
  return new Response(JSON.stringify(body), { status: response.status, headers })
}
