// EduBridge enrollments against the emulator: unenroll, enrolling in another school's default class, the goals
// reset under whichever name the deployment serves (emulator fault `edubridgeOnlyGoalsRoute`), the progress reset
// seen in OneRoster, the highest grade mastered from OneRoster results, and 404s passed on as NotFoundError.

import type { Assert, Suite } from '../../harness/types.ts'
import { ebSetup } from './helpers.ts'

type GoalsFaults = { edubridgeOnlyGoalsRoute(name?: 'resetGoals' | 'propagateGoals'): void }

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const E = sdk.errors

  describe('edubridge: enrollments', () => {
    it('unenroll removes the enrollment from the list; a schoolId picks that school default class', async () => {
      const { client } = ebSetup(env)
      const e = client.enrollments
      const at2 = await e.enroll({ userId: 'seed-student-2', courseId: 'seed-course-1', schoolId: 'seed-school-2', role: 'student' })
      assert.equal(at2.school?.id, 'seed-school-2')
      const here = await e.getDefaultClass({ courseId: 'seed-course-1' })
      const there = await e.getDefaultClass({ courseId: 'seed-course-1', schoolId: 'seed-school-2' })
      assert.notEqual(here.id, there.id)
      assert.equal(there.course?.id, 'seed-course-1')
      assert.ok((await e.list('seed-student-2')).some((x) => x.id === at2.id))
      await e.unenroll({ userId: 'seed-student-2', courseId: 'seed-course-1', schoolId: 'seed-school-2' })
      assert.equal((await e.list('seed-student-2')).some((x) => x.id === at2.id), false)
      const teacher = await e.enroll({ userId: 'seed-teacher-1', courseId: 'seed-course-2', role: 'teacher' })
      assert.equal(teacher.role, 'teacher')
      await e.unenroll({ userId: 'seed-teacher-1', courseId: 'seed-course-2' })
      assert.equal((await e.list('seed-teacher-1')).some((x) => x.id === teacher.id), false)
      await assert.rejects(e.list('nobody'), E.isNotFoundError)
      await assert.rejects(e.enroll({ userId: 'seed-student-2', courseId: 'no-such-course' }), E.isNotFoundError)
    })

    it('resetGoals copies the course goals onto its enrollments, through propagateGoals when resetGoals is not served', async () => {
      const { client, emulator, options } = ebSetup(env)
      const oneroster = new sdk.oneroster.OneRosterClient({ ...options, maxRetries: 0 })
      const goals = { dailyXp: 40, dailyLessons: 2 }
      const { sourcedId: courseId } = await oneroster.courses.create({
        title: 'Math 4', courseCode: 'MATH-4', grades: ['4'], subjects: ['Math'], org: { sourcedId: 'seed-school-1' }, metadata: { goals },
      } as never)
      await client.enrollments.enroll({ userId: 'seed-student-1', courseId })
      await client.enrollments.enroll({ userId: 'seed-student-2', courseId })
      const faults = emulator.faults as unknown as GoalsFaults
      faults.edubridgeOnlyGoalsRoute('propagateGoals')
      const mark = emulator.requests.length
      assert.deepEqual(await client.enrollments.resetGoals(courseId), { updated: 2, errors: [] })
      const sent = emulator.requests.slice(mark).filter((r) => r.path.includes('Goals')).map((r) => `${r.path.split('/')[3]} ${r.status}`)
      assert.deepEqual(sent, ['resetGoals 404', 'propagateGoals 200'])
      const [mine] = (await client.enrollments.list('seed-student-2')).filter((x) => x.course.id === courseId)
      assert.deepEqual(mine?.metadata?.goals, goals)
      // The client now goes straight to propagateGoals.
      const mark2 = emulator.requests.length
      await client.enrollments.resetGoals(courseId)
      assert.deepEqual(emulator.requests.slice(mark2).map((r) => r.path.split('/')[3]), ['propagateGoals'])
      // A course without goals: 422 from the route that exists, no fallback.
      faults.edubridgeOnlyGoalsRoute(undefined)
      const fresh = ebSetup(env)
      const mark3 = fresh.emulator.requests.length
      await assert.rejects(fresh.client.enrollments.resetGoals('seed-course-1'), E.isValidationError)
      assert.deepEqual(fresh.emulator.requests.slice(mark3).filter((r) => r.path.startsWith('/edubridge/')).map((r) => r.path.split('/')[3]), ['resetGoals'])
    })

    it('resetGoals on an unknown course keeps the course-not-found answer, whichever route the deployment serves', async () => {
      for (const only of ['resetGoals', 'propagateGoals'] as const) {
        const { client, emulator } = ebSetup(env)
        ;(emulator.faults as unknown as GoalsFaults).edubridgeOnlyGoalsRoute(only)
        const e = await assert.rejects(client.enrollments.resetGoals('no-such-course'), E.isNotFoundError)
        // The route that exists said which course is missing; the other only that it has no such route.
        assert.match(e.message, /Course 'no-such-course' not found/, only)
        assert.match(e.message, /resetGoals\/no-such-course .*propagateGoals\/no-such-course/, only)
        assert.equal(e.status, 404)
      }
    })

    it('resetProgress marks the student results of the course tobedeleted in OneRoster', async () => {
      const { client, options } = ebSetup(env)
      const oneroster = new sdk.oneroster.OneRosterClient({ ...options, maxRetries: 0 })
      const before = await oneroster.assessmentResults.get('seed-assessment-result-1')
      assert.equal(before.status, 'active')
      await client.enrollments.resetProgress({ userId: 'seed-student-1', courseId: 'seed-course-1' })
      const after = await oneroster.assessmentResults.get('seed-assessment-result-1').then((r) => r.status, (e) => (E.isNotFoundError(e) ? 'gone' : e))
      assert.ok(after === 'tobedeleted' || after === 'gone', `result after reset: ${String(after)}`)
    })

    it('getHighestGradeMastered reads passed placement results of the subject from OneRoster', async () => {
      const { client, options } = ebSetup(env)
      const empty = await client.analytics.getHighestGradeMastered({ studentId: 'seed-student-2', subject: 'Math' })
      assert.equal(empty.grades.highestGradeOverall, null)
      const oneroster = new sdk.oneroster.OneRosterClient({ ...options, maxRetries: 0 })
      await oneroster.assessmentResults.create({
        assessmentLineItem: { sourcedId: 'seed-assessment-line-item-1' }, student: { sourcedId: 'seed-student-2' },
        score: 95, scoreDate: '2026-03-01T12:00:00.000Z', scoreStatus: 'fully graded', metadata: { testType: 'placement', passed: true },
      } as never)
      const mastered = await client.analytics.getHighestGradeMastered({ studentId: 'seed-student-2', subject: 'Math' })
      assert.deepEqual([mastered.studentId, mastered.subject, mastered.grades.placementGrade, mastered.grades.highestGradeOverall], ['seed-student-2', 'Math', '3', '3'])
      const reading = await client.analytics.getHighestGradeMastered({ studentId: 'seed-student-2', subject: 'Reading' })
      assert.equal(reading.grades.placementGrade, null)
      await assert.rejects(client.analytics.getHighestGradeMastered({ studentId: 'nobody', subject: 'Math' }), E.isNotFoundError)
    })
  })
}

export default suite
