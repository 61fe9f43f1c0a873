// The mirror's layout in Deno KV, one concern: writing a batch of changes and reading them back.
//   ['roster', <collection>, <sourcedId>]  -> the record as OneRoster last sent it
//   ['roster-checkpoint', <collection>]    -> the checkpoint to pass as `since` next run
// A batch is one atomic commit, so a crash leaves each batch applied whole or not at all; the checkpoint is
// written in the commit of the run's last batch, after every change of the run, never before.

/** The collections the mirror keeps. */
export const COLLECTIONS = ['users', 'classes', 'enrollments'] as const
export type Collection = (typeof COLLECTIONS)[number]

/** One change to apply: store the record, or remove it (a soft delete on the service). */
export type StoredChange = { op: 'set'; sourcedId: string; record: unknown } | { op: 'delete'; sourcedId: string }

const recordKey = (collection: Collection, sourcedId: string) => ['roster', collection, sourcedId] as const
const checkpointKey = (collection: Collection) => ['roster-checkpoint', collection] as const

/**
 * Applies `changes` (in order; a later change of the same id wins) and, when given, the new checkpoint, in one
 * atomic commit.
 * @example await applyBatch(kv, 'users', [{ op: 'set', sourcedId: 'u1', record }], '2026-01-01T00:00:00.000Z')
 */
export async function applyBatch(kv: Deno.Kv, collection: Collection, changes: readonly StoredChange[], checkpoint?: string): Promise<void> {
  // Coalesced by id: one mutation per key keeps the commit small and its meaning obvious.
  const last = new Map<string, StoredChange>()
  for (const change of changes) {
    last.delete(change.sourcedId)
    last.set(change.sourcedId, change)
  }
  const op = kv.atomic()
  for (const change of last.values()) {
    if (change.op === 'set') op.set(recordKey(collection, change.sourcedId), change.record)
    else op.delete(recordKey(collection, change.sourcedId))
  }
  if (checkpoint !== undefined) op.set(checkpointKey(collection), checkpoint)
  const result = await op.commit()
  // No checks are made, so a commit can only fail by throwing; a false `ok` would still mean nothing was written.
  if (!result.ok) throw new Error(`Deno KV refused the ${collection} batch of ${last.size} changes`)
}

/** The checkpoint of the last complete run of `collection`, or undefined before the first. */
export async function readCheckpoint(kv: Deno.Kv, collection: Collection): Promise<string | undefined> {
  const entry = await kv.get<string>(checkpointKey(collection))
  return entry.value ?? undefined
}

/** Every mirrored record of `collection`, by sourcedId. */
export async function readRecords<T = Record<string, unknown>>(kv: Deno.Kv, collection: Collection): Promise<Map<string, T>> {
  const records = new Map<string, T>()
  for await (const entry of kv.list<T>({ prefix: ['roster', collection] })) records.set(String(entry.key[2]), entry.value)
  return records
}
