// The roster mirror: a local copy of OneRoster users, classes and enrollments in Deno KV, brought up to date by
// delta sync. Run it as often as you like (cron, Deno.cron, by hand): each run fetches only what changed since
// the last complete one.
//   deno task mirror            (TIMEBACK_ENV, TIMEBACK_CLIENT_ID, TIMEBACK_CLIENT_SECRET from the environment)
import { OneRosterClient } from '@timeback/sdk/oneroster'
import { kvPath } from './kv-path.ts'
import { COLLECTIONS } from './store.ts'
import { syncCollection, type SyncResult } from './sync.ts'

/**
 * One run over the three collections, one after another. A collection that fails keeps its old checkpoint; the
 * error is thrown after the collections before it were stored (their runs are complete and stay valid).
 * @example const results = await mirrorRoster(await Deno.openKv('roster.sqlite'), new OneRosterClient({ env: 'staging' }))
 */
export async function mirrorRoster(kv: Deno.Kv, client: OneRosterClient): Promise<SyncResult[]> {
  const results: SyncResult[] = []
  for (const collection of COLLECTIONS) results.push(await syncCollection(kv, collection, client[collection]))
  return results
}

/** One line per collection, e.g. `users: 30 upserted, 0 deleted (full copy) -> checkpoint 2026-…`. */
export function describe(result: SyncResult): string {
  const from = result.since ? `since ${result.since}` : 'full copy'
  return `${result.collection}: ${result.upserted} upserted, ${result.deleted} deleted (${from}) -> checkpoint ${result.checkpoint}`
}

if (import.meta.main) {
  const kv = await Deno.openKv(await kvPath(Deno.args))
  try {
    for (const result of await mirrorRoster(kv, new OneRosterClient())) console.log(describe(result))
  } catch (error) {
    // The collections before the failure are stored; the failed one keeps its checkpoint for the next run.
    console.error(`mirror: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
    Deno.exitCode = 1
  } finally {
    kv.close()
  }
}
