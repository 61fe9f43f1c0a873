// Delta sync: `changes({ since })` against the emulator with a hand-driven clock. Full sync, incremental runs,
// soft deletes as deletions, the checkpoint (last, from the server's Date header minus the overlap, monotonic),
// writes made between two pages of a run (found by the next run, never lost), a server that ignores the filter
// or sends no Date, short pages, a failing page (no checkpoint), and options refused before any request.

import type { Assert, Setup, Suite } from '../../harness/types.ts'
import type { Change, OneRosterClient, User } from '../../../src/services/oneroster/index.ts'
import { collect, connectWithHook, expectedCheckpoint, MINUTE, testClock, type Hook } from './changes-helpers.ts'
import { newUser, ROSTERING, seen } from './helpers.ts'

const listRequests = (s: Setup, from: number) => seen(s, from).filter((r) => r.startsWith(`GET ${ROSTERING}/users`))

// The README's "Delta sync (mirror a roster)" snippet, verbatim but for `client` being a parameter.
async function syncUsers(client: OneRosterClient, mirror: Map<string, User>, since: string | undefined): Promise<string | undefined> {
  let checkpoint = since
  for await (const change of client.users.changes({ since })) {
    switch (change.type) {
      case 'upsert': mirror.set(change.sourcedId, change.record); break
      case 'delete': mirror.delete(change.sourcedId); break
      case 'checkpoint': checkpoint = change.checkpoint // always the last item
    }
  }
  return checkpoint // store it only now: a run that threw leaves the old one, and nothing is skipped
}

const suite: Suite = (env) => {
  const { describe, it } = env.h
  const assert: Assert = env.h.assert

  describe('oneroster: changes (delta sync)', () => {
    it('full sync: every user, soft-deleted ones as deletes, then a checkpoint from the server clock', async () => {
      const clock = testClock()
      const s = env.setup({ now: clock.now })
      const client = connectWithHook(env, s, {})
      s.emulator.state.seedUsers(25)
      await client.users.delete('bulk-student-3')
      const before = s.emulator.state.list('users')
      const startedAt = clock.peek()
      const run = await collect(client.users.changes({ pageSize: 7 }))
      assert.equal(run.upserts.size + run.deletes.size, before.length, 'every user once')
      assert.deepEqual([...run.deletes.keys()], ['bulk-student-3'])
      assert.equal((run.deletes.get('bulk-student-3') as User).status, 'tobedeleted')
      assert.equal(new Set(run.order).size, run.order.length, 'no duplicates without concurrent writes')
      assert.deepEqual(run.order, [...run.order].sort(), 'listed in sourcedId order')
      assert.equal(run.checkpoint, expectedCheckpoint(startedAt))
      assert.equal(run.items.filter((c) => c.type === 'checkpoint').length, 1)
    })

    it('incremental: only what changed since the checkpoint, and the checkpoint moves forward', async () => {
      const clock = testClock()
      const s = env.setup({ now: clock.now })
      const client = connectWithHook(env, s, {})
      const first = await collect(client.users.changes())
      clock.jump(5 * MINUTE)
      await client.users.update('seed-student-1', { ...(await client.users.get('seed-student-1')), givenName: 'Renamed' })
      await client.users.delete('seed-teacher-1')
      const created = await client.users.create(newUser({ sourcedId: 'changes-new-user' }))
      const startedAt = clock.peek()
      const second = await collect(client.users.changes({ since: first.checkpoint }))
      assert.deepEqual([...second.upserts.keys()].sort(), [created.sourcedId, 'seed-student-1'])
      assert.equal((second.upserts.get('seed-student-1') as User).givenName, 'Renamed')
      assert.deepEqual([...second.deletes.keys()], ['seed-teacher-1'])
      assert.equal(second.checkpoint, expectedCheckpoint(startedAt))
      assert.ok(second.checkpoint > first.checkpoint, 'monotonic')
      // Nothing changed since, but the three writes are within the overlap (one minute before the second run's
      // server time): the next run lists them again (the documented duplicates); the one after that, nothing.
      clock.jump(5 * MINUTE)
      const third = await collect(client.users.changes({ since: new Date(second.checkpoint) }))
      assert.deepEqual([...third.order].sort(), [created.sourcedId, 'seed-student-1', 'seed-teacher-1'])
      assert.ok(third.checkpoint > second.checkpoint)
      const fourth = await collect(client.users.changes({ since: third.checkpoint }))
      assert.equal(fourth.items.length, 1, 'only the checkpoint')
      assert.ok(fourth.checkpoint >= third.checkpoint)
      // The filter sent is the caller's condition AND the date, sorted by sourcedId.
      const from = s.emulator.requests.length
      await collect(client.users.changes({ since: second.checkpoint, where: { givenName: 'Renamed' } }))
      const sent = new URL(s.emulator.requests[from]!.url).searchParams
      assert.equal(sent.get('filter'), `(givenName='Renamed') AND dateLastModified>='${second.checkpoint}'`)
      assert.equal(sent.get('sort'), 'sourcedId')
      assert.equal(sent.get('orderBy'), 'asc')
    })

    it('writes between two pages of a run are never lost: the next run lists them', async () => {
      const clock = testClock()
      const s = env.setup({ now: clock.now })
      s.emulator.state.seedUsers(20)
      const hook: { on?: Hook } = {}
      const client = connectWithHook(env, s, hook)
      const writer = new env.sdk.oneroster.OneRosterClient({ ...s.options, maxRetries: 0 })
      const baseline = await collect(client.users.changes())
      clock.jump(MINUTE * 2)
      const everyone = s.emulator.state.list('users').map((u) => u.sourcedId)
      let pages = 0
      hook.on = async (url) => {
        if (!url.pathname.startsWith(`${ROSTERING}/users`) || ++pages !== 2) return
        // After page 1 of the run: a user before the run's position is renamed, one is created whose id sorts
        // first (every later record moves one place right), and one already passed is soft-deleted.
        // The run is slow: seconds pass before and after the writes (with overlapMs 0 below, a checkpoint taken
        // from any later page than the first would be past these writes and lose them).
        hook.on = undefined
        clock.jump(3000)
        await writer.users.update('bulk-student-1', { ...(await writer.users.get('bulk-student-1')), familyName: 'During' })
        await writer.users.create(newUser({ sourcedId: '0-created-during-run' }))
        await writer.users.delete('bulk-student-10')
        clock.jump(3000)
      }
      // Every user changes so the run has many pages; the writes then land while it is under way.
      for (const id of everyone) await writer.users.update(id, { ...(await writer.users.get(id)), middleName: 'x' })
      const during = await collect(client.users.changes({ since: baseline.checkpoint, pageSize: 4, overlapMs: 0 }))
      assert.ok(pages >= 2, 'the hook ran between pages')
      for (const id of everyone) assert.ok(during.upserts.has(id) || during.deletes.has(id), `${id} listed by the run it was modified before`)
      clock.jump(MINUTE * 2)
      const next = await collect(client.users.changes({ since: during.checkpoint, pageSize: 4 }))
      assert.equal((next.upserts.get('bulk-student-1') as User).familyName, 'During', 'the rename is in the next run')
      assert.ok(next.upserts.has('0-created-during-run'), 'the created user is in the next run')
      assert.equal((next.deletes.get('bulk-student-10') as User).status, 'tobedeleted', 'the delete is in the next run')
      // Duplicates are allowed (records written during the run come again next time), losses are not.
      assert.ok(during.checkpoint > baseline.checkpoint && next.checkpoint > during.checkpoint)
    })

    it('a server that ignores the filter: old records come too (duplicates), nothing is lost', async () => {
      const clock = testClock()
      const s = env.setup({ now: clock.now })
      const client = connectWithHook(env, s, {})
      const first = await collect(client.users.changes())
      clock.jump(5 * MINUTE)
      await client.users.update('seed-student-1', { ...(await client.users.get('seed-student-1')), givenName: 'Again' })
      const strip: typeof fetch = async (input, init) => {
        const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
        url.searchParams.delete('filter')
        return (s.options.fetch ?? globalThis.fetch)(url.href, init)
      }
      const ignoring = new env.sdk.oneroster.OneRosterClient({ ...s.options, fetch: strip, maxRetries: 0 })
      const run = await collect(ignoring.users.changes({ since: first.checkpoint, pageSize: 5 }))
      assert.equal(run.upserts.size + run.deletes.size, s.emulator.state.count('users'), 'every record, changed or not')
      assert.equal((run.upserts.get('seed-student-1') as User).givenName, 'Again')
      assert.ok(run.checkpoint > first.checkpoint)
    })

    it('no Date header: the checkpoint falls back to the newest dateLastModified of the first page', async () => {
      const clock = testClock()
      const s = env.setup({ now: clock.now })
      const client = connectWithHook(env, s, {
        on: (_url, response) => {
          const headers = new Headers(response.headers)
          headers.delete('date')
          return new Response(response.body, { status: response.status, headers })
        },
      })
      clock.jump(MINUTE)
      await client.users.update('seed-student-1', { ...(await client.users.get('seed-student-1')), givenName: 'Newest' })
      const stamp = (await client.users.get('seed-student-1')).dateLastModified!
      clock.jump(10 * MINUTE)
      const run = await collect(client.users.changes({ pageSize: 3000 }))
      assert.equal(run.checkpoint, new Date(Date.parse(stamp) - MINUTE).toISOString())
      // With nothing to go by (no Date, no record), the checkpoint stays at since; without since, at the epoch.
      const empty = await collect(client.users.changes({ where: { givenName: 'nobody-has-this-name' } }))
      assert.equal(empty.checkpoint, '1970-01-01T00:00:00.000Z')
      const kept = await collect(client.users.changes({ since: run.checkpoint, where: { givenName: 'nobody-has-this-name' } }))
      assert.equal(kept.checkpoint, run.checkpoint)
    })

    it('short pages (soft-deleted records left out of their slots) do not end a run early', async () => {
      const clock = testClock()
      const s = env.setup({ now: clock.now })
      const client = connectWithHook(env, s, {})
      const ids = s.emulator.state.seedUsers(30)
      // Ten soft-deleted users in a row: whole pages of 4 come back empty while the total says more follow.
      for (const id of ids.slice(5, 15)) await client.users.delete(id)
      s.emulator.faults.shortPages()
      const run = await collect(client.users.changes({ pageSize: 4 }))
      const active = s.emulator.state.list('users').filter((u) => u.status === 'active').map((u) => u.sourcedId)
      assert.deepEqual([...run.upserts.keys()].sort(), [...active].sort(), 'every active user, including those after the empty pages')
    })

    it('a page that fails ends the run with the error and no checkpoint', async () => {
      const clock = testClock()
      const s = env.setup({ now: clock.now })
      let pages = 0
      const client = connectWithHook(env, s, {
        on: (url) => {
          if (url.pathname.startsWith(`${ROSTERING}/users`) && ++pages === 2) return new Response('{"imsx_description":"busy"}', { status: 503 })
        },
      })
      const got: Change<User>[] = []
      const error = await assert.rejects(async () => {
        for await (const change of client.users.changes({ pageSize: 3 })) got.push(change)
      }, env.sdk.errors.isApiError)
      assert.equal(error.status, 503)
      assert.equal(got.length, 3, 'the first page was yielded')
      assert.ok(got.every((c) => c.type !== 'checkpoint'))
    })

    it('bad options are refused before any request, naming the field', async () => {
      const s = env.setup()
      const client = connectWithHook(env, s, {})
      const from = s.emulator.requests.length
      const cases: [unknown, string][] = [
        [{ since: 'yesterday' }, 'since'],
        [{ since: '2026-01-01T10:00:00' }, 'since'], // no zone: local time would depend on the machine
        [{ since: 1767225600000 }, 'since'],
        [{ since: new Date('nope') }, 'since'],
        [{ since: new Date(Date.now() + 3 * 24 * 3600_000).toISOString() }, 'since'],
        [{ pageSize: 0 }, 'pageSize'],
        [{ overlapMs: -1 }, 'overlapMs'],
        [{ maxItems: 10 }, 'maxItems'],
        [{ limit: 10 }, 'limit'],
        [{ sort: 'givenName' }, 'sort'],
        [{ where: { givenName: 'a' }, filter: "givenName='a'" }, 'where'],
      ]
      for (const [options, field] of cases) {
        const error = await assert.rejects(client.users.changes(options as never).next(), env.sdk.errors.isInputValidationError, JSON.stringify(options))
        assert.ok(error.issues.some((i: { path: string }) => i.path === field), `${JSON.stringify(options)} names ${field}: ${error.message}`)
      }
      assert.deepEqual(listRequests(s, from), [], 'no request was sent')
    })

    it("the README's mirror: after each sync the copy equals the service's active users", async () => {
      const clock = testClock()
      const s = env.setup({ now: clock.now })
      const client = connectWithHook(env, s, {})
      const active = () => s.emulator.state.list('users').filter((u) => u.status === 'active').map((u) => u.sourcedId).sort()
      const mirror = new Map<string, User>()
      let since = await syncUsers(client, mirror, undefined)
      assert.deepEqual([...mirror.keys()].sort(), active())
      clock.jump(5 * MINUTE)
      await client.users.delete('seed-student-1')
      await client.users.create(newUser({ sourcedId: 'mirror-new' }))
      await client.users.update('seed-teacher-1', { ...(await client.users.get('seed-teacher-1')), givenName: 'Mirrored' })
      clock.jump(5 * MINUTE)
      since = await syncUsers(client, mirror, since)
      assert.deepEqual([...mirror.keys()].sort(), active())
      assert.equal(mirror.get('seed-teacher-1')!.givenName, 'Mirrored')
      assert.ok(!mirror.has('seed-student-1') && mirror.has('mirror-new'))
      assert.equal(typeof since, 'string')
    })

    it('other collections: classes and enrollments carry changes() too', async () => {
      const clock = testClock()
      const s = env.setup({ now: clock.now })
      const client = connectWithHook(env, s, {})
      const classes = await collect(client.classes.changes())
      assert.equal(classes.upserts.size, s.emulator.state.count('classes'))
      clock.jump(5 * MINUTE)
      const enrollments = await client.enrollments.listAll()
      await client.enrollments.delete(enrollments[0]!.sourcedId)
      const run = await collect(client.enrollments.changes({ since: classes.checkpoint }))
      assert.deepEqual([...run.deletes.keys()], [enrollments[0]!.sourcedId])
      assert.equal(run.upserts.size, 0)
      const orgs = await collect(client.orgs.changes({ since: classes.checkpoint }))
      assert.equal(orgs.items.length, 1, 'no org changed: only the checkpoint')
    })
  })
}

export default suite
