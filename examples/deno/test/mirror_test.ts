// The roster mirror against the served emulator: a full copy, then exactly the changes made through the SDK, a
// record changed while a run pages kept for the next run, and a failed run that loses nothing. Expected records
// come from the emulator's own store, never from the mirror or the SDK.
// @ts-types="./node-assert.d.ts"
import assert from 'node:assert/strict'
import { OneRosterClient } from '@timeback/sdk/oneroster'
import type { EmulatorServer } from '@timeback/sdk/testing'
import { mirrorRoster } from '../mirror.ts'
import { COLLECTIONS, readCheckpoint, readRecords, type Collection } from '../store.ts'
import type { SyncResult } from '../sync.ts'
import { withFixture } from './fixtures.ts'

/** The records the emulator holds that a mirror must have: active ones (soft-deleted ones are deletions). */
function activeInEmulator(server: EmulatorServer, collection: Collection): Map<string, Record<string, unknown>> {
  const records = server.emulator.state.list(collection).filter((r) => r.status === 'active')
  return new Map(records.map((r) => [r.sourcedId, r as Record<string, unknown>]))
}

/** The mirror holds exactly the emulator's active records, each with the emulator's dateLastModified. */
async function assertMirrors(kv: Deno.Kv, server: EmulatorServer): Promise<void> {
  for (const collection of COLLECTIONS) {
    const expected = activeInEmulator(server, collection)
    const mirrored = await readRecords(kv, collection)
    assert.deepEqual([...mirrored.keys()].sort(), [...expected.keys()].sort(), `${collection}: mirrored ids`)
    for (const [id, record] of mirrored) {
      assert.equal(record.dateLastModified, expected.get(id)!.dateLastModified, `${collection}/${id}: dateLastModified`)
      assert.equal(record.status, 'active', `${collection}/${id}: status`)
    }
  }
}

const counts = (results: SyncResult[]) => Object.fromEntries(results.map((r) => [r.collection, [r.upserted, r.deleted]]))

Deno.test('mirror: a full copy first, then exactly the changes made through the SDK', async () => {
  await withFixture({}, async ({ kv, server, options }) => {
    const client = new OneRosterClient(options)
    const { emulator } = server
    const everything = Object.fromEntries(COLLECTIONS.map((c) => [c, [emulator.state.count(c), 0]]))
    assert.ok(emulator.state.count('users') > 10 && emulator.state.count('enrollments') > 10, 'the seed has users and enrollments')

    const first = await mirrorRoster(kv, client)
    assert.deepEqual(counts(first), everything)
    assert.ok(first.every((r) => r.since === undefined))
    await assertMirrors(kv, server)
    for (const result of first) assert.equal(await readCheckpoint(kv, result.collection), result.checkpoint)

    // Three changes, through the SDK as an app would make them.
    const student = await client.users.get('seed-student-1')
    await client.users.update('seed-student-1', { ...student, givenName: 'Renamed' })
    await client.enrollments.delete('seed-enrollment-s2')
    await client.classes.create({
      sourcedId: 'mirror-class-1', title: 'Mirror Club', classCode: 'MIRROR-1', classType: 'homeroom',
      course: { sourcedId: 'seed-course-1' }, org: { sourcedId: 'seed-school-1' }, terms: [{ sourcedId: 'seed-term-1' }],
    })

    const second = await mirrorRoster(kv, client)
    assert.deepEqual(counts(second), { users: [1, 0], classes: [1, 0], enrollments: [0, 1] })
    for (const result of second) assert.equal(result.since, first.find((r) => r.collection === result.collection)!.checkpoint)
    await assertMirrors(kv, server)
    assert.equal((await readRecords(kv, 'users')).get('seed-student-1')!.givenName, 'Renamed')
    assert.equal((await readRecords(kv, 'classes')).get('mirror-class-1')!.title, 'Mirror Club')
    assert.equal((await readRecords(kv, 'enrollments')).has('seed-enrollment-s2'), false)

    // Nothing changed since. The checkpoint sits a minute (the SDK's overlap) before the last run began, so the
    // same three changes come again: the documented duplicates, applied idempotently; seed records do not.
    assert.deepEqual(counts(await mirrorRoster(kv, client)), { users: [1, 0], classes: [1, 0], enrollments: [0, 1] })
    await assertMirrors(kv, server)
  })
})

Deno.test('mirror: a record modified while a run pages is not lost by the run after', async () => {
  await withFixture({}, async ({ kv, server, options }) => {
    const writer = new OneRosterClient(options)
    await mirrorRoster(kv, writer)
    // A client whose users page, once answered, is followed by a write from elsewhere before the SDK reads it:
    // the run holds the teacher's old version, and the write is stamped after the run's first page.
    let wrote = false
    const tapping: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      const url = new URL(input instanceof Request ? input.url : String(input))
      if (!wrote && url.pathname.endsWith('/rostering/v1p2/users/')) {
        wrote = true
        const teacher = await writer.users.get('seed-teacher-1')
        await writer.users.update('seed-teacher-1', { ...teacher, givenName: 'Changed mid-run' })
      }
      return response
    }
    const during = await mirrorRoster(kv, new OneRosterClient({ ...options, fetch: tapping }))
    assert.equal(wrote, true, 'the write happened during the run')
    assert.deepEqual(counts(during).users, [0, 0])
    assert.notEqual((await readRecords(kv, 'users')).get('seed-teacher-1')!.givenName, 'Changed mid-run')

    const after = await mirrorRoster(kv, writer)
    assert.ok(after.find((r) => r.collection === 'users')!.upserted >= 1)
    assert.equal((await readRecords(kv, 'users')).get('seed-teacher-1')!.givenName, 'Changed mid-run')
    await assertMirrors(kv, server)
  })
})

Deno.test('mirror: a run that fails keeps the old checkpoint, and the next run brings the missed changes', async () => {
  await withFixture({}, async ({ kv, server, options }) => {
    const client = new OneRosterClient({ ...options, maxRetries: 0 })
    const first = await mirrorRoster(kv, client)
    const enrollmentsCheckpoint = first.find((r) => r.collection === 'enrollments')!.checkpoint
    await client.enrollments.delete('seed-enrollment-s3')
    await client.users.delete('seed-student-3')

    // Enrollments fail (after users and classes completed): the error surfaces, its checkpoint stays.
    const fault = server.emulator.faults.add({ method: 'GET', path: '/rostering/v1p2/enrollments/', status: 503, times: Infinity })
    await assert.rejects(mirrorRoster(kv, client), (error: Error) => error.name === 'ServerError')
    fault.remove()
    assert.equal(await readCheckpoint(kv, 'enrollments'), enrollmentsCheckpoint)
    assert.equal((await readRecords(kv, 'users')).has('seed-student-3'), false, 'users completed before the failure')
    assert.equal((await readRecords(kv, 'enrollments')).has('seed-enrollment-s3'), true, 'the failed run applied no enrollment')

    const next = await mirrorRoster(kv, client)
    assert.deepEqual(counts(next).enrollments, [0, 1])
    await assertMirrors(kv, server)
  })
})
