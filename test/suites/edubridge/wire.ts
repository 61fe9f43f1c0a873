// What the EduBridge client puts on the wire, seen by a recording fetch: ids as one encoded segment, dates
// expanded, repeated query keys, goals at the API root, the resetGoals → propagateGoals fallback on 404, and
// createCourse's long deadline without automatic retries.

import type { Assert, Suite } from '../../harness/types.ts'
import { recordingClient, type Seen } from './helpers.ts'

const notFound = () => Response.json({ imsx_codeMajor: 'failure', imsx_description: 'Unknown route' }, { status: 404 })

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const E = sdk.errors

  describe('edubridge: on the wire', () => {
    it('sends ids with / ? # % and spaces as one percent-encoded path segment', async () => {
      const { client, seen } = recordingClient(env, () => Response.json({ data: [] }))
      await client.enrollments.list('a/b?c#d%e')
      await client.analytics.getHighestGradeMastered({ studentId: 's 1', subject: 'Social Studies' }).catch(() => undefined)
      await client.enrollments.enroll({ userId: 'u/1', courseId: 'c?1', schoolId: 'sch#1', beginDate: new Date(Date.UTC(2026, 2, 2, 23)) }).catch(() => undefined)
      assert.deepEqual(seen.map((s) => s.path), [
        '/edubridge/enrollments/user/a%2Fb%3Fc%23d%25e',
        '/edubridge/analytics/highestGradeMastered/s%201/Social%20Studies',
        '/edubridge/enrollments/enroll/u%2F1/c%3F1/sch%231',
      ])
      // A Date beginDate goes as its UTC day.
      assert.deepEqual(seen[2]!.body, { beginDate: '2026-03-02' })
    })

    it('expands YYYY-MM-DD to T00:00:00.000Z, sends full ISO as given, passes the time zone and the one identity given', async () => {
      const { client, seen } = recordingClient(env, (s) => Response.json({ facts: s.path.endsWith('/weekly') ? [] : {} }))
      await client.analytics.getActivity({ studentId: 's1', startDate: '2026-03-01', endDate: '2026-03-07T23:59:59.999-06:00', timezone: 'America/Chicago' })
      await client.analytics.getWeeklyFacts({ email: 'ada@school.example', weekDate: new Date(Date.UTC(2026, 2, 4, 12)) })
      await client.analytics.getEnrollmentFacts({ enrollmentId: 'e/1' })
      const [activity, weekly, enrollment] = seen as [Seen, Seen, Seen]
      assert.equal(activity.path, '/edubridge/analytics/activity')
      assert.deepEqual([...activity.query.entries()].sort(), [
        ['endDate', '2026-03-07T23:59:59.999-06:00'], ['startDate', '2026-03-01T00:00:00.000Z'], ['studentId', 's1'], ['timezone', 'America/Chicago'],
      ])
      assert.equal(weekly.path, '/edubridge/analytics/facts/weekly')
      assert.deepEqual([...weekly.query.entries()].sort(), [['email', 'ada@school.example'], ['weekDate', '2026-03-04T12:00:00.000Z']])
      assert.equal(enrollment.path, '/edubridge/analytics/enrollment/e%2F1')
      assert.equal([...enrollment.query.keys()].length, 0)
    })

    it('an analytics answer without its facts is a ServerError invalid_response, not zero totals', async () => {
      const lying = recordingClient(env, (s) => Response.json(s.path.endsWith('/weekly') ? { facts: { '2026-03-02': {} } } : { facts: 'none' }))
      const day = { studentId: 's1', startDate: '2026-03-01', endDate: '2026-03-02' }
      const bad = (e: unknown) => E.isServerError(e) && (e as { code: string }).code === 'invalid_response'
      await assert.rejects(lying.client.analytics.getActivity(day), bad)
      await assert.rejects(lying.client.analytics.getEnrollmentFacts({ enrollmentId: 'e1' }), bad)
      await assert.rejects(lying.client.analytics.getWeeklyFacts({ studentId: 's1', weekDate: '2026-03-02' }), bad)
      const empty = recordingClient(env, () => new Response(null, { status: 200 }))
      await assert.rejects(empty.client.analytics.getActivity(day), bad)
      // The highest grade mastered: a 200 with null or without its grades is refused too, not handed on as an answer.
      const highest = { studentId: 's1', subject: 'Math' }
      await assert.rejects(recordingClient(env, () => Response.json(null)).client.analytics.getHighestGradeMastered(highest), bad)
      await assert.rejects(recordingClient(env, () => Response.json({ studentId: 's1', subject: 'Math' })).client.analytics.getHighestGradeMastered(highest), bad)
    })

    it('repeats roles and orgSourcedIds, pages by offset and reads totalCount', async () => {
      const users = Array.from({ length: 5 }, (_, i) => ({ sourcedId: `u${i}` }))
      const { client, seen } = recordingClient(env, (s) => {
        const offset = Number(s.query.get('offset'))
        const limit = Number(s.query.get('limit'))
        return Response.json({ users: users.slice(offset, offset + limit), totalCount: users.length })
      })
      const page = await client.users.list({ roles: ['student', 'teacher'], orgSourcedIds: 'school-1', limit: 2, search: 'ada' })
      assert.deepEqual(page.data.map((u) => u.sourcedId), ['u0', 'u1'])
      assert.equal(page.total, 5)
      assert.deepEqual(page.next, { offset: 2 })
      assert.deepEqual(seen[0]!.query.getAll('roles'), ['student', 'teacher'])
      assert.deepEqual(seen[0]!.query.getAll('orgSourcedIds'), ['school-1'])
      assert.equal(seen[0]!.query.get('search'), 'ada')
      assert.equal(seen[0]!.path, '/edubridge/users/')
      const all = await client.users.listAll({ roles: 'student', limit: 2 })
      assert.deepEqual(all.map((u) => u.sourcedId), ['u0', 'u1', 'u2', 'u3', 'u4'])
      assert.equal(seen.length, 1 + 3)
      await client.users.listTeachers({ limit: 1 })
      assert.deepEqual(seen.at(-1)!.query.getAll('roles'), ['teacher'])
      await client.users.listStudents()
      assert.deepEqual(seen.at(-1)!.query.getAll('roles'), ['student'])
      const frozen = Object.freeze({ roles: 'aide' as const, fields: 'sourcedId, email' })
      await client.users.list(frozen)
      assert.deepEqual(seen.at(-1)!.query.getAll('roles'), ['aide'])
      assert.equal(seen.at(-1)!.query.get('fields'), 'sourcedId,email')
      assert.equal(frozen.roles, 'aide')
    })

    it('addresses goals and AP readiness at the API root, not under /edubridge', async () => {
      const { client, seen } = recordingClient(env, (s) =>
        Response.json(s.path.startsWith('/ap-readiness') ? { goal: { sourcedId: 'g1' } } : s.method === 'GET' ? { studentId: 's1', subjects: [] } : { subject: { subject: 'Math' } }))
      await client.goals.listSubjectGoals('s1')
      await client.goals.updateSubjectGoal({ studentId: 's1', subject: 'Social Studies', pacing: { mode: 'target_date', endDate: '2027-01-01' } })
      // Frozen: the client must not normalise values (a Date to its day) in the caller's object.
      const apInput = Object.freeze({ studentSourcedId: 's1', subject: 'AP Biology', courseIds: ['c1'], startDate: new Date(Date.UTC(2026, 8, 1, 20)), endDate: '2027-05-01' })
      const goal = await client.goals.createApReadinessGoal(apInput)
      assert.equal(goal.sourcedId, 'g1')
      assert.deepEqual(seen.map((s) => `${s.method} ${s.path}`), [
        'GET /goals/s1/subjects', 'PATCH /goals/s1/subjects/Social%20Studies', 'POST /ap-readiness/goals',
      ])
      // The path's ids are not repeated in the body; a Date day goes as its UTC day.
      assert.deepEqual(seen[1]!.body, { pacing: { mode: 'target_date', endDate: '2027-01-01' } })
      assert.deepEqual(seen[2]!.body, { studentSourcedId: 's1', subject: 'AP Biology', courseIds: ['c1'], startDate: '2026-09-01', endDate: '2027-05-01' })
      assert.ok(apInput.startDate instanceof Date)
    })

    it('resetGoals sends resetGoals, falls back to propagateGoals on a 404, then goes straight to the route that answered', async () => {
      const { client, seen } = recordingClient(env, (s) =>
        s.path.includes('/resetGoals/') ? notFound() : Response.json({ data: { updated: 2, errors: [] } }))
      assert.deepEqual(await client.enrollments.resetGoals('c1'), { updated: 2, errors: [] })
      assert.deepEqual(seen.map((s) => s.path), ['/edubridge/enrollments/resetGoals/c1', '/edubridge/enrollments/propagateGoals/c1'])
      await client.enrollments.resetGoals('c2')
      assert.equal(seen.length, 3)
      assert.equal(seen[2]!.path, '/edubridge/enrollments/propagateGoals/c2')
    })

    it('resetGoals does not fall back on other errors, and a 404 from both routes is a NotFoundError', async () => {
      const unprocessable = recordingClient(env, () => Response.json({ imsx_description: 'no goals' }, { status: 422 }))
      await assert.rejects(unprocessable.client.enrollments.resetGoals('c1'), E.isValidationError)
      assert.equal(unprocessable.seen.length, 1)
      const missing = recordingClient(env, notFound)
      await assert.rejects(missing.client.enrollments.resetGoals('nope'), E.isNotFoundError)
      assert.equal(missing.seen.length, 2)
      // Neither route has answered yet, so the next call tries the SDK's name first again.
      await assert.rejects(missing.client.enrollments.resetGoals('nope'), E.isNotFoundError)
      assert.equal(missing.seen[2]!.path, '/edubridge/enrollments/resetGoals/nope')
      // A 422 from the fallback proves that route exists: the next call goes straight to it.
      const noGoals = recordingClient(env, (s) => (s.path.includes('/resetGoals/') ? notFound() : Response.json({ error: 'no goals' }, { status: 422 })))
      await assert.rejects(noGoals.client.enrollments.resetGoals('c1'), E.isValidationError)
      await assert.rejects(noGoals.client.enrollments.resetGoals('c1'), E.isValidationError)
      assert.deepEqual(noGoals.seen.map((s) => s.path.split('/')[3]), ['resetGoals', 'propagateGoals', 'propagateGoals'])
    })

    it('resetGoals: a failure that says nothing about routes (503, 429, 403) does not pin the client to one; concurrent calls both land', async () => {
      // (A 401 is core's: it refreshes the token and retries once.)
      for (const status of [503, 429, 403]) {
        let first = true
        // Only propagateGoals is served, but the very first request meets a failure that says nothing about routes.
        const { client, seen } = recordingClient(env, (s) => {
          if (first) return (first = false), Response.json({ error: 'busy' }, { status })
          return s.path.includes('/resetGoals/') ? notFound() : Response.json({ data: { updated: 1, errors: [] } })
        })
        await assert.rejects(client.enrollments.resetGoals('c1'), (e: unknown) => E.isApiError(e) && (e as { status: number }).status === status)
        assert.deepEqual(await client.enrollments.resetGoals('c1'), { updated: 1, errors: [] }, `after a ${status}`)
        assert.deepEqual(seen.map((x) => x.path.split('/')[3]), ['resetGoals', 'resetGoals', 'propagateGoals'], `after a ${status}`)
      }
      const { client, seen } = recordingClient(env, (s) => (s.path.includes('/resetGoals/') ? notFound() : Response.json({ data: { updated: 3, errors: [] } })))
      const both = await Promise.all([client.enrollments.resetGoals('c1'), client.enrollments.resetGoals('c2')])
      assert.deepEqual(both.map((r) => r.updated), [3, 3])
      assert.equal(seen.filter((x) => x.path.includes('/propagateGoals/')).length, 2)
    })

    it('createCourse outlives the client timeout and is never retried by default; other calls keep the client timeout', async () => {
      // A server slower than the client's 30 ms timeout (the timeout timer is armed before this one).
      const slow = (body: unknown) => new Promise<Response>((resolve) => setTimeout(() => resolve(Response.json(body)), 120))
      const { client, seen } = recordingClient(env, (s) => slow(s.path.endsWith('/create-course') ? { success: true, course: { sourcedId: 'c9' } } : { facts: {} }), { timeout: 30 })
      const input = { subject: 'math' as const, grade: 'K', app: 'timeback' as const, email: 'a@b.example', next: 'assessment', lessonIds: ['l1'] }
      await assert.rejects(client.analytics.getActivity({ studentId: 's', startDate: '2026-03-01', endDate: '2026-03-02' }), E.isTimeoutError)
      const created = await client.progression.createCourse(input)
      assert.equal(created.course.sourcedId, 'c9')
      assert.deepEqual(seen.at(-1)!.body, input)
      // A 503 (retried for any other POST under maxRetries) is not retried here.
      const busy = recordingClient(env, () => Response.json({ error: 'busy' }, { status: 503 }), { maxRetries: 2 })
      await assert.rejects(busy.client.progression.createCourse(input), E.isServerError)
      assert.equal(busy.seen.length, 1)
    })
  })
}

export default suite
