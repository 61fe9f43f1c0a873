// Delta sync of one collection into Deno KV: `changes({ since: <stored checkpoint> })`, applied in atomic
// batches, the new checkpoint committed with the last batch. Why that is safe:
// - A crash (or a thrown request) mid-run leaves the old checkpoint: the next run lists everything since then
//   again, including what this run had already applied. Re-applying is harmless (set by sourcedId, delete by
//   sourcedId), so nothing is skipped and nothing is doubled.
// - The checkpoint the SDK yields is the server's time at the run's first page minus an overlap, so a record
//   modified while this run was paging is listed by the next run even if this one saw its older version.
import type { Change } from '@timeback/sdk/oneroster'
import { applyBatch, readCheckpoint, type Collection, type StoredChange } from './store.ts'

/** What `changes()` is called on: any OneRoster collection resource (`client.users`, …). */
export interface ChangeSource {
  changes(options?: { since?: string }): AsyncGenerator<Change<unknown>, void, undefined>
}

/** What one run did to one collection. */
export interface SyncResult {
  collection: Collection
  /** The checkpoint the run started from (undefined: a full copy). */
  since: string | undefined
  upserted: number
  deleted: number
  /** The checkpoint stored for the next run. */
  checkpoint: string
}

/**
 * Deno KV commits hold at most 1000 mutations and 800 KiB (819,200 bytes): a batch is cut at 200 changes or about
 * 400 KB of records, whichever comes first (a OneRoster record is a few KB, so both leave ample room).
 */
const MAX_BATCH = 200
const MAX_BATCH_BYTES = 400_000

/**
 * About the bytes Deno KV stores for a record: its JSON length, doubled when any character is outside Latin-1
 * (KV's V8 serialization keeps such strings at two bytes a character, so 400,000 characters of Chinese names
 * would be 800,000 bytes). An estimate on the high side: it only makes batches smaller.
 */
function storedBytes(record: unknown): number {
  const json = JSON.stringify(record) ?? ''
  return /[^\u0000-\u00ff]/.test(json) ? json.length * 2 : json.length
}

/**
 * One delta-sync run of `collection` from its stored checkpoint.
 * @example const result = await syncCollection(kv, 'users', client.users) // { upserted: 30, deleted: 0, … }
 */
export async function syncCollection(kv: Deno.Kv, collection: Collection, source: ChangeSource): Promise<SyncResult> {
  const since = await readCheckpoint(kv, collection)
  let batch: StoredChange[] = []
  let bytes = 0
  let upserted = 0
  let deleted = 0
  for await (const change of source.changes({ since })) {
    if (change.type === 'checkpoint') {
      // Always last: the remaining changes and the checkpoint land together, or not at all.
      await applyBatch(kv, collection, batch, change.checkpoint)
      return { collection, since, upserted, deleted, checkpoint: change.checkpoint }
    }
    const size = change.type === 'upsert' ? storedBytes(change.record) : 0
    // Cut before a record that would take the batch past its budget, so no commit exceeds it.
    if (batch.length >= MAX_BATCH || (batch.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      await applyBatch(kv, collection, batch)
      batch = []
      bytes = 0
    }
    bytes += size
    if (change.type === 'upsert') {
      batch.push({ op: 'set', sourcedId: change.sourcedId, record: change.record })
      upserted++
    } else {
      batch.push({ op: 'delete', sourcedId: change.sourcedId })
      deleted++
    }
  }
  // The SDK ends every complete run with a checkpoint; a run that ended without one stored none.
  throw new Error(`the ${collection} changes ended without a checkpoint; the stored one (${since ?? 'none'}) is kept`)
}
