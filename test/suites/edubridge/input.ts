// EduBridge bad input: every case is refused with an InputValidationError naming the field, before any request
// (not even the token request) — unknown parameter names, missing required ones, values outside the service's
// enums, dates in other formats, ids that cannot be a path segment.

import type { Assert, Suite } from '../../harness/types.ts'
import { refusalChecker } from '../refusals.ts'
import { recordingClient } from './helpers.ts'

const DAY = '2026-03-01'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const { isInputValidationError } = sdk.errors

  /** Runs each case, expecting an InputValidationError with an issue at `field` whose message matches `fix`. */
  const refuses = refusalChecker(env)

  describe('edubridge: bad input', () => {
    it('enrollments: missing, empty, unknown and out-of-enum parameters', async () => {
      const { client: c, counter } = recordingClient(env)
      const e = c.enrollments
      await refuses([
        [() => e.list(''), 'userId', /empty/],
        [() => e.list(undefined as never), 'userId'],
        [() => e.enroll({ courseId: 'c' } as never), 'userId', /required/],
        [() => e.enroll({ userId: 'u', courseId: 'c', role: 'owner' as never }), 'role', /"student"/],
        [() => e.enroll({ userId: 'u', courseId: 'c', studentId: 'x' } as never), 'studentId', /not a parameter of enrollments\.enroll/],
        [() => e.enroll({ userId: 'u', courseId: 'c', beginDate: '03/02/2026' }), 'beginDate', /YYYY-MM-DD/],
        // The service stores a day: a date-time would be refused by it (400), so it is refused here, naming the fix.
        [() => e.enroll({ userId: 'u', courseId: 'c', beginDate: '2026-03-01T00:00:00.000Z' }), 'beginDate', /day as YYYY-MM-DD or a Date/],
        [() => e.enroll({ userId: 'u', courseId: 'c', beginDate: '2026-02-29' }), 'beginDate', /day as YYYY-MM-DD/],
        [() => e.enroll({ userId: 'u', courseId: 'c', beginDate: new Date('soon') }), 'beginDate', /got an invalid Date/],
        [() => e.enroll({ userId: 'u', courseId: 'c', metadata: 'goals' as never }), 'metadata', /object/],
        [() => e.enroll('u' as never), 'input', /must be an object/],
        [() => e.unenroll({ userId: 'u' } as never), 'courseId'],
        [() => e.getDefaultClass({ courseId: ' ' }), 'courseId'],
        [() => e.getDefaultClass({ courseId: 'c', school: 's' } as never), 'school'],
        [() => e.resetGoals('..'), 'courseId', /change the URL path/],
        [() => e.resetProgress({ userId: 'u', courseId: 5 as never }), 'courseId'],
      ], () => counter.calls)
    })

    it('analytics: exactly one of studentId or email, dates as YYYY-MM-DD or full ISO, a known time zone, known subjects', async () => {
      const { client: c, counter } = recordingClient(env)
      const a = c.analytics
      await refuses([
        [() => a.getActivity({ startDate: DAY, endDate: DAY } as never), 'studentId', /exactly one of studentId .* or email/],
        [() => a.getActivity({ studentId: 's', email: 'a@b.example', startDate: DAY, endDate: DAY } as never), 'email', /exactly one/],
        [() => a.getActivity({ studentId: 's', startDate: '2026-02-30', endDate: DAY }), 'startDate', /YYYY-MM-DD or a full ISO 8601/],
        [() => a.getActivity({ studentId: 's', startDate: '2026-03-01T10:00:00', endDate: DAY }), 'startDate'],
        [() => a.getActivity({ studentId: 's', startDate: DAY, endDate: 'yesterday' }), 'endDate'],
        [() => a.getActivity({ studentId: 's', startDate: DAY, endDate: new Date(NaN) }), 'endDate', /got an invalid Date/],
        [() => a.getActivity({ studentId: 's', startDate: DAY } as never), 'endDate', /required/],
        // An end before the start (compared as instants, zones included) is a mistake, not an empty answer.
        [() => a.getActivity({ studentId: 's', startDate: '2026-03-08', endDate: DAY }), 'endDate', /must not be before startDate/],
        [() => a.getActivity({ studentId: 's', startDate: '2026-03-01T00:00:00-06:00', endDate: '2026-03-01T05:59:59Z' }), 'endDate', /before startDate/],
        [() => a.getEnrollmentFacts({ enrollmentId: 'e', startDate: new Date(Date.UTC(2026, 2, 2)), endDate: DAY }), 'endDate', /before startDate/],
        [() => a.getActivity({ studentId: 's', startDate: DAY, endDate: DAY, timezone: 'Mars/Olympus' }), 'timezone', /IANA/],
        [() => a.getActivity({ student: 's', startDate: DAY, endDate: DAY } as never), 'student', /not a parameter/],
        [() => a.getWeeklyFacts({ email: 'a@b.example', weekDate: 20260301 as never }), 'weekDate'],
        [() => a.getWeeklyFacts({ email: '', weekDate: DAY }), 'email', /non-empty/],
        [() => a.getEnrollmentFacts({ enrollmentId: '' }), 'enrollmentId'],
        [() => a.getEnrollmentFacts({ enrollmentId: 'e', startDate: '2026-13-01' }), 'startDate'],
        [() => a.getHighestGradeMastered({ studentId: 's', subject: 'math' }), 'subject', /"Math"/],
      ], () => counter.calls)
    })

    it('users: roles required and from the OneRoster roles, list parameters checked', async () => {
      const { client: c, counter } = recordingClient(env)
      const u = c.users
      await refuses([
        [() => u.list({} as never), 'roles', /required/],
        [() => u.list(), 'roles'],
        [() => u.list({ roles: ['pupil'] as never }), 'roles[0]', /student/],
        [() => u.list({ roles: [] }), 'roles', /non-empty/],
        [() => u.list({ roles: ['student'], role: 'x' } as never), 'role', /not a parameter/],
        [() => u.listAll({ roles: ['student'], limit: 0 }), 'limit'],
        [() => u.list({ roles: ['student'], orderBy: 'up' as never }), 'orderBy'],
        [() => u.stream({ roles: 'guardian', orgSourcedIds: [''] }).next(), 'orgSourcedIds[0]'],
        [() => u.listStudents({ offset: -1 }), 'offset'],
      ], () => counter.calls)
    })

    it('subject tracks, applications and learning reports: enums, grades "-1".."13", booleans, ids', async () => {
      const { client: c, counter } = recordingClient(env)
      const t = c.subjectTracks
      await refuses([
        [() => t.upsert({ subject: 'Maths', grade: '4', courseId: 'c' }), 'subject', /"Social Studies"/],
        [() => t.upsert({ subject: 'Math', grade: '14', courseId: 'c' }), 'grade', /"-1" \(pre-K\) to "13"/],
        [() => t.upsert({ subject: 'Math', grade: 4 as never, courseId: 'c' }), 'grade'],
        [() => t.upsert({ subject: 'Math', grade: '4' } as never), 'courseId'],
        [() => t.delete(''), 'id'],
        [() => t.groups.create({ subject: 'Math', grade: '4', courseId: 'c' } as never), 'orgSourcedIds'],
        [() => t.groups.update({ subject: 'Math', grade: '4', courseId: 'c', currentCourseId: 'b', strategy: 'merge' as never }), 'strategy', /"replace", "fail"/],
        [() => t.groups.update({ subject: 'Math', grade: '4', courseId: 'c' } as never), 'currentCourseId', /required/],
        [() => t.groups.delete({ subject: 'Math', grade: '4', courseId: 'c', isGlobal: 'yes' as never }), 'isGlobal', /true or false/],
        [() => c.applicationMetrics.add({ applicationSourcedId: 'a', metric: 'points' as never, metricSource: 'manual_entry' }), 'metric', /"xp"/],
        [() => c.applicationMetrics.remove({ applicationSourcedId: 'a', metric: 'xp', metricSource: 'excel' as never }), 'metricSource', /"powerpath"/],
        [() => c.applicationMetrics.list(''), 'applicationSourcedId'],
        [() => c.learningReports.getMapProfile('.'), 'userId'],
        [() => c.learningReports.getTimeSaved(undefined as never), 'userId'],
      ], () => counter.calls)
    })

    it('goals, progression and Caliper ingest: nested fields named by path', async () => {
      const { client: c, counter } = recordingClient(env)
      const g = c.goals
      const objective = { type: 'grade_mastery' as const, value: '5' }
      const pacing = { mode: 'target_date' as const, endDate: '2027-05-31' }
      const course = { subject: 'math' as const, grade: 4, app: 'timeback' as const, email: 'a@b.example', next: 'assessment', lessonIds: ['l1'] }
      const job = {
        assignmentId: 12, studentTimebackId: 's', studentEmail: 'a@b.example', subject: 'Math', grade: '5',
        currentCourseSourcedId: 'c', flowType: 'dcan' as const,
      }
      await refuses([
        [() => g.createCourseGoal({ studentId: 's', courseId: 'c', target: { metric: 'lessons' as never, value: '10' } }), 'target.metric', /"xp"/],
        [() => g.createCourseGoal({ studentId: 's', courseId: 'c', target: { metric: 'xp', value: 10 as never } }), 'target.value'],
        [() => g.createCourseGoal({ studentId: 's', courseId: 'c' } as never), 'target', /required/],
        [() => g.createSubjectGoal({ studentId: 's', subject: 'Math', objective } as never), 'pacing', /required/],
        [() => g.createSubjectGoal({ studentId: 's', subject: 'Math', objective, pacing: { mode: 'target_date', endDate: 'soon' } }), 'pacing.endDate'],
        [() => g.createSubjectGoal({ studentId: 's', subject: 'Math', objective, pacing: { ...pacing, dailyTargetXP: -1 } }), 'pacing.dailyTargetXP'],
        [() => g.previewSubjectGoal({ studentId: 's', subject: 'Math', objective: { ...objective, extra: 1 } as never, pacing }), 'objective.extra'],
        [() => g.updateSubjectGoal({ studentId: 's', subject: 'Maths' }), 'subject'],
        [() => g.updateSubjectGoal({ studentId: 's', subject: 'Math', objective: { value: '14' } }), 'objective.value', /"-1" \(pre-K\) to "13"/],
        [() => g.updateSubjectGoal({ studentId: 's', subject: 'Math', pacing: { dailyTargetXP: 0 } }), 'pacing.dailyTargetXP', /positive/],
        [() => g.listSubjectGoals(''), 'studentId'],
        [() => g.createApReadinessGoal({ studentSourcedId: 's', subject: 'Biology', courseIds: ['c'], startDate: DAY, endDate: DAY }), 'subject', /AP Biology/],
        [() => g.createApReadinessGoal({ studentSourcedId: 's', subject: 'AP Biology', courseIds: [], startDate: DAY, endDate: DAY }), 'courseIds'],
        [() => c.progression.catalog.list({ limit: 501 }), 'limit', /1 to 500/],
        [() => c.progression.catalog.list({ grade: '4' } as never), 'grade', /not a parameter/],
        [() => c.progression.createCourse({ ...course, subject: 'Math' as never }), 'subject', /"math"/],
        [() => c.progression.createCourse({ ...course, grade: 13 }), 'grade', /"PK", "K" or 1 to 12/],
        [() => c.progression.createCourse({ ...course, lessonIds: undefined as never }), 'lessonIds'],
        [() => c.progression.enqueue({ ...job, flowType: 'fast' as never }), 'flowType'],
        [() => c.progression.enqueue({ ...job, assignmentId: '12' as never }), 'assignmentId', /integer/],
        [() => c.caliper.ingest({ sensor: 's', data: [] }), 'data', /non-empty/],
        [() => c.caliper.ingest({ data: [{}] } as never), 'sensor'],
        [() => c.caliper.ingest({ sensor: 's', data: [{}], sendTime: 'now' }), 'sendTime'],
        [() => c.caliper.ingest({ sensor: 's', data: ['event'] as never }), 'data[0]'],
      ], () => counter.calls)
    })

    it('names every bad field of one call in one error', async () => {
      const { client, counter } = recordingClient(env)
      const error = await client.enrollments.enroll({ userId: '', courseId: 'c', role: 'owner' as never, extra: 1 } as never).then(() => undefined, (e) => e)
      assert.ok(isInputValidationError(error))
      assert.deepEqual(error.issues.map((i: { path: string }) => i.path).sort(), ['extra', 'role', 'userId'])
      assert.match(error.message, /^enrollments\.enroll: /)
      assert.equal(counter.calls, 0)
    })
  })
}

export default suite
