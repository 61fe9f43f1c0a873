// Delta sync against a server that lies or misbehaves: a Date header hours ahead, in the distant past or
// garbage; a record stamped in the future; a total that undercounts; no total and a page cap it does not
// report; pages that ignore the offset; an HTML body; a record without sourcedId. And a consumer that stops
// early (break, abort), and a caller filtering on the fields the run controls. The rule checked throughout: a run
// either ends with a checkpoint from which the next run lists everything written after it, or ends without one.

import type { Assert, Suite } from '../../harness/types.ts'
import type { Change, User } from '../../../src/services/oneroster/index.ts'
import { collect, connectWithHook, HOUR, MINUTE, rewriteJson, testClock, type Hook } from './changes-helpers.ts'
import { ROSTERING } from './helpers.ts'

/** True for the users list (not a single user). */
const isUserList = (url: URL) => url.pathname.replace(/\/$/, '') === `${ROSTERING}/users`

/** The answer with its Date header replaced (or removed, for undefined). */
function withDate(response: Response, date: string | undefined): Response {
  const headers = new Headers(response.headers)
  if (date === undefined) headers.delete('date')
  else headers.set('date', date)
  return new Response(response.body, { status: response.status, headers })
}

const suite: Suite = (env) => {
  const { describe, it } = env.h
  const assert: Assert = env.h.assert
  const E = env.sdk.errors

  describe('oneroster: changes against a hostile server', () => {
    it('a server clock hours ahead (its Date header) does not put the checkpoint past writes not made yet', async () => {
      // The emulator's records are stamped with this machine's time; only the Date header runs six hours ahead
      // (an API host whose clock is off from the database that stamps the records).
      const clock = testClock(0)
      const s = env.setup({ now: clock.now })
      const client = connectWithHook(env, s, { on: (url, response) => isUserList(url) ? withDate(response, new Date(Date.now() + 6 * HOUR).toUTCString()) : undefined })
      const before = Date.now()
      const first = await collect(client.users.changes())
      assert.ok(Date.parse(first.checkpoint) <= Date.now() - MINUTE, `checkpoint ${first.checkpoint} is not after this machine's clock minus the overlap`)
      assert.ok(Date.parse(first.checkpoint) >= before - MINUTE - 1000, 'and not needlessly early')
      await client.users.update('seed-student-1', { ...(await client.users.get('seed-student-1')), givenName: 'Written after' })
      const second = await collect(client.users.changes({ since: first.checkpoint }))
      assert.equal((second.upserts.get('seed-student-1') as User | undefined)?.givenName, 'Written after', 'the write after the first run is in the second')
    })

    it('no Date header and a record stamped in the future: the checkpoint stays at this machine\'s clock', async () => {
      const clock = testClock(0)
      const s = env.setup({ now: clock.now })
      const client = connectWithHook(env, s, { on: (url, response) => isUserList(url) ? withDate(response, undefined) : undefined })
      // A record stamped twenty hours ahead (imported with a wrong date, or a database clock that was off).
      clock.jump(20 * HOUR)
      await client.users.update('seed-teacher-1', { ...(await client.users.get('seed-teacher-1')), givenName: 'From the future' })
      clock.jump(-20 * HOUR)
      const first = await collect(client.users.changes({ pageSize: 3000 }))
      assert.ok(Date.parse(first.checkpoint) <= Date.now() - MINUTE, `checkpoint ${first.checkpoint} is not after this machine's clock minus the overlap`)
      await client.users.update('seed-student-1', { ...(await client.users.get('seed-student-1')), givenName: 'Written after' })
      const second = await collect(client.users.changes({ since: first.checkpoint }))
      assert.equal((second.upserts.get('seed-student-1') as User | undefined)?.givenName, 'Written after')
      assert.ok(second.upserts.has('seed-teacher-1'), 'the future-stamped record comes again (a duplicate), it is not lost either')
    })

    it('a Date header in the distant past or unreadable never moves the checkpoint forward past unlisted writes', async () => {
      const clock = testClock()
      const s = env.setup({ now: clock.now })
      let date = 'Mon, 01 Jan 1990 00:00:00 GMT'
      const client = connectWithHook(env, s, { on: (url, response) => isUserList(url) ? withDate(response, date) : undefined })
      const since = new Date(clock.peek() - 10 * MINUTE).toISOString()
      const past = await collect(client.users.changes({ since }))
      assert.equal(past.checkpoint, since, 'a clock behind since keeps since (the next run repeats, skips nothing)')
      date = 'not a date'
      clock.jump(MINUTE)
      await client.users.update('seed-student-1', { ...(await client.users.get('seed-student-1')), givenName: 'Newest' })
      const stamp = (await client.users.get('seed-student-1')).dateLastModified!
      const garbage = await collect(client.users.changes({ pageSize: 3000 }))
      assert.equal(garbage.checkpoint, new Date(Date.parse(stamp) - MINUTE).toISOString(), 'unreadable: the newest dateLastModified of the first page')
    })

    it('a totalCount that undercounts does not end the run at a full page: every record is listed', async () => {
      const clock = testClock()
      const s = env.setup({ now: clock.now })
      s.emulator.state.seedUsers(20)
      // A total counted apart from the page (before a concurrent insert, or from a stale cache): always 10.
      const client = connectWithHook(env, s, { on: (url, response) => isUserList(url) ? rewriteJson(response, (body) => { body.totalCount = 10 }) : undefined })
      const run = await collect(client.users.changes({ pageSize: 5 }))
      const everyone = s.emulator.state.list('users').map((u) => u.sourcedId).sort()
      assert.deepEqual([...run.upserts.keys(), ...run.deletes.keys()].sort(), everyone)
    })

    it('a route that ignores limit and offset and sends everything with a right totalCount: one page, then the checkpoint', async () => {
      const s = env.setup({ now: testClock().now })
      s.emulator.state.seedUsers(12)
      let requests = 0
      const client = connectWithHook(env, s, {
        on: (url, response) => {
          if (!isUserList(url)) return
          requests++
          return rewriteJson(response, (body) => {
            body.users = s.emulator.state.list('users')
            body.totalCount = (body.users as unknown[]).length
            delete body.limit
          })
        },
      })
      const run = await collect(client.users.changes({ pageSize: 5 }))
      assert.equal(requests, 1)
      assert.equal(run.upserts.size + run.deletes.size, s.emulator.state.count('users'))
    })

    it('no totalCount and a page cap the server does not report: the run reads on to an empty page', async () => {
      const clock = testClock()
      const s = env.setup({ now: clock.now })
      s.emulator.state.seedUsers(12)
      // At most 3 records a page whatever the limit asked, and nothing in the envelope says so.
      const client = connectWithHook(env, s, {
        on: (url, response) => isUserList(url)
          ? rewriteJson(response, (body) => {
            body.users = (body.users as unknown[]).slice(0, 3)
            for (const key of ['totalCount', 'pageCount', 'pageNumber', 'offset', 'limit']) delete body[key]
          })
          : undefined,
      })
      const run = await collect(client.users.changes({ pageSize: 5 }))
      const everyone = s.emulator.state.list('users').map((u) => u.sourcedId).sort()
      assert.deepEqual([...run.upserts.keys(), ...run.deletes.keys()].sort(), everyone)
    })

    it('no totalCount and offset ignored: a short page sent again whole ends the run (it was everything)', async () => {
      const s = env.setup({ now: testClock().now })
      let requests = 0
      const everything: typeof fetch = async (input, init) => {
        const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
        if (!isUserList(url)) return (s.options.fetch ?? globalThis.fetch)(input, init)
        requests++
        url.searchParams.delete('offset')
        return rewriteJson(await (s.options.fetch ?? globalThis.fetch)(url.href, init), (body) => { delete body.totalCount })
      }
      const client = new env.sdk.oneroster.OneRosterClient({ ...s.options, fetch: everything, maxRetries: 0 })
      const run = await collect(client.users.changes({ pageSize: 3000 }))
      assert.equal(run.upserts.size + run.deletes.size, s.emulator.state.count('users'))
      assert.equal(requests, 2, 'the first page, then the same page again')
    })

    it('a server that ignores offset (the same page again and again) ends the run with an error and no checkpoint', async () => {
      const s = env.setup({ now: testClock().now })
      s.emulator.state.seedUsers(20)
      const stuck: typeof fetch = async (input, init) => {
        const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
        url.searchParams.delete('offset')
        return (s.options.fetch ?? globalThis.fetch)(url.href, init)
      }
      const client = new env.sdk.oneroster.OneRosterClient({ ...s.options, fetch: stuck, maxRetries: 0 })
      const got: Change<User>[] = []
      const error = await assert.rejects(async () => {
        for await (const change of client.users.changes({ pageSize: 5 })) got.push(change)
      }, E.isServerError)
      assert.match(error.message, /repeat records already listed/)
      assert.equal(got.length, 5, 'the first page only')
      assert.ok(got.every((c) => c.type !== 'checkpoint'))
    })

    it('an HTML page or a record without sourcedId ends the run with an error naming it, and no checkpoint', async () => {
      const s = env.setup({ now: testClock().now })
      const hook: { on?: Hook } = { on: (url) => isUserList(url) ? new Response('<html><body>Maintenance</body></html>', { status: 200, headers: { 'content-type': 'text/html' } }) : undefined }
      const client = connectWithHook(env, s, hook)
      const html = await assert.rejects(collect(client.users.changes()), E.isServerError)
      assert.match(html.message, /not valid JSON/)
      hook.on = (url, response) => isUserList(url) ? rewriteJson(response, (body) => { delete (body.users as Record<string, unknown>[])[1]!.sourcedId }) : undefined
      const got: Change<User>[] = []
      const missing = await assert.rejects(async () => {
        for await (const change of client.users.changes({ pageSize: 3 })) got.push(change)
      }, E.isServerError)
      assert.match(missing.message, /record 1 has no sourcedId/)
      assert.equal(got.length, 1)
    })

    it('a condition on status or dateLastModified is refused before any request; those words in a value or under metadata are not', async () => {
      const s = env.setup({ now: testClock().now })
      let requests = 0
      const client = connectWithHook(env, s, { on: (url) => void (isUserList(url) && requests++) })
      // status='active' would hide the soft deletes the run reports as deletions; a bound on dateLastModified could
      // leave out records that the checkpoint, taken from the clock, then claims were listed.
      const cases: [unknown, string][] = [
        [{ where: { status: 'active' } }, 'where'],
        [{ where: { OR: [{ givenName: 'Ada' }, { dateLastModified: { lt: new Date('2026-01-01T00:00:00Z') } }] } }, 'where'],
        [{ filter: "status='active'" }, 'filter'],
        [{ filter: "givenName='Ada' AND (dateLastModified<'2026-01-01')" }, 'filter'],
      ]
      for (const [options, field] of cases) {
        const error = await assert.rejects(client.users.changes(options as never).next(), E.isInputValidationError, JSON.stringify(options))
        assert.ok(error.issues.some((i: { path: string; message: string }) => i.path === field && /status|dateLastModified/.test(i.message)), `${JSON.stringify(options)}: ${error.message}`)
      }
      assert.equal(requests, 0, 'no request was sent')
      const quoted = await collect(client.users.changes({ where: { givenName: "status='active'" } }))
      assert.equal(quoted.items.length, 1, 'a value that reads like a condition is only a value: nobody matches, only the checkpoint')
      const nested = await collect(client.users.changes({ filter: "metadata.status='x'" }))
      assert.equal(nested.items.length, 1, 'a metadata field named status is the caller\'s own')
    })

    it('a consumer that breaks out or aborts gets no checkpoint, and no request is sent after it stopped', async () => {
      const s = env.setup({ now: testClock().now })
      s.emulator.state.seedUsers(10)
      let requests = 0
      const client = connectWithHook(env, s, { on: (url) => void (isUserList(url) && requests++) })
      const got: Change<User>[] = []
      for await (const change of client.users.changes({ pageSize: 2 })) {
        got.push(change)
        if (got.length === 3) break
      }
      assert.equal(requests, 2, 'two pages were read for three changes, then nothing')
      assert.ok(got.every((c) => c.type !== 'checkpoint'))
      const controller = new AbortController()
      const aborted: Change<User>[] = []
      requests = 0
      await assert.rejects(async () => {
        for await (const change of client.users.changes({ pageSize: 2, signal: controller.signal })) {
          aborted.push(change)
          if (aborted.length === 2) controller.abort()
        }
      }, E.isAbortError)
      assert.equal(aborted.length, 2)
      assert.ok(aborted.every((c) => c.type !== 'checkpoint'))
      assert.equal(requests, 1, 'the page after the abort was never answered')
    })
  })
}

export default suite
