// syncCollection's own guarantees, with a scripted change source (no service needed): batches are committed as
// they fill, the checkpoint only with the last one, a run that breaks off stores no checkpoint, and large records
// of non-Latin-1 text are cut into commits Deno KV accepts.
// @ts-types="./node-assert.d.ts"
import assert from 'node:assert/strict'
import type { Change } from '@timeback/sdk/oneroster'
import { readCheckpoint, readRecords } from '../store.ts'
import { syncCollection, type ChangeSource } from '../sync.ts'

function source(changes: Change<unknown>[], failAfter?: number): ChangeSource {
  return {
    async *changes() {
      for (const [i, change] of changes.entries()) {
        if (i === failAfter) throw new Error('connection lost')
        yield change
      }
    },
  }
}

const user = (n: number) => ({ sourcedId: `u${n}`, status: 'active', givenName: `User ${n}` })
const upserts = (from: number, to: number): Change<unknown>[] =>
  Array.from({ length: to - from }, (_, i) => ({ type: 'upsert' as const, sourcedId: `u${from + i}`, record: user(from + i) }))

async function withKv(fn: (kv: Deno.Kv) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: 'timeback-deno-sync-' })
  const kv = await Deno.openKv(`${dir}/sync.sqlite`)
  try {
    await fn(kv)
  } finally {
    kv.close()
    await Deno.remove(dir, { recursive: true })
  }
}

Deno.test('sync: a run broken off after a full batch keeps that batch but stores no checkpoint; the rerun completes', async () => {
  await withKv(async (kv) => {
    const all = [...upserts(0, 250), { type: 'checkpoint' as const, checkpoint: '2026-01-01T00:00:00.000Z' }]
    await assert.rejects(syncCollection(kv, 'users', source(all, 230)), /connection lost/)
    assert.equal(await readCheckpoint(kv, 'users'), undefined)
    assert.equal((await readRecords(kv, 'users')).size, 200, 'the first batch of 200 was committed whole')

    const result = await syncCollection(kv, 'users', source(all))
    assert.deepEqual([result.since, result.upserted, result.deleted, result.checkpoint], [undefined, 250, 0, '2026-01-01T00:00:00.000Z'])
    assert.equal((await readRecords(kv, 'users')).size, 250)
    assert.equal(await readCheckpoint(kv, 'users'), '2026-01-01T00:00:00.000Z')
  })
})

Deno.test('sync: a delete after an upsert of the same id in one batch leaves it deleted; a stream without a checkpoint is an error', async () => {
  await withKv(async (kv) => {
    await syncCollection(kv, 'users', source([
      ...upserts(0, 3),
      { type: 'delete', sourcedId: 'u1', record: { ...user(1), status: 'tobedeleted' } },
      { type: 'checkpoint', checkpoint: '2026-02-01T00:00:00.000Z' },
    ]))
    assert.deepEqual([...(await readRecords(kv, 'users')).keys()].sort(), ['u0', 'u2'])
    await assert.rejects(syncCollection(kv, 'users', source(upserts(5, 7))), /ended without a checkpoint/)
    assert.equal(await readCheckpoint(kv, 'users'), '2026-02-01T00:00:00.000Z')
  })
})

Deno.test('sync: batches stay within Deno KV\'s 800 KiB commit when records are large and not Latin-1 (2 bytes a character in KV)', async () => {
  await withKv(async (kv) => {
    // 28,000 CJK characters: about 28 KB of JSON text but 56 KB as Deno KV stores it (under the 64 KiB a value may hold).
    const big = (n: number) => ({ ...user(n), givenName: '名'.repeat(28_000) })
    const changes: Change<unknown>[] = Array.from({ length: 40 }, (_, n) => ({ type: 'upsert' as const, sourcedId: `u${n}`, record: big(n) }))
    const result = await syncCollection(kv, 'users', source([...changes, { type: 'checkpoint', checkpoint: '2026-03-01T00:00:00.000Z' }]))
    assert.equal(result.upserted, 40)
    const stored = await readRecords<{ givenName: string }>(kv, 'users')
    assert.equal(stored.size, 40)
    assert.equal(stored.get('u39')!.givenName.length, 28_000)
    assert.equal(await readCheckpoint(kv, 'users'), '2026-03-01T00:00:00.000Z')
  })
})
