// The EduBridge story against the emulator: enroll a student in a course, find the default class and the
// enrollment in OneRoster (read back with OneRosterClient), send a Caliper event through CaliperClient, and see
// it in the student's analytics (daily activity, weekly rows, the enrollment's facts) and in the totals of
// aggregateActivityMetrics.

import type { Assert, Suite } from '../../harness/types.ts'
import { ebSetup } from './helpers.ts'

const SENSOR = 'https://app.example/sensors/main'
const STUDENT = 'seed-student-1'
const COURSE = 'seed-course-2' // Reading 6, org seed-school-2
const userUrl = (id: string) => `https://api.alpha-1edtech.ai/ims/oneroster/rostering/v1p2/users/${id}`

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  describe('edubridge: story', () => {
    it('enroll -> default class and enrollment in OneRoster -> Caliper events -> analytics and totals', async () => {
      const s = ebSetup(env)
      const { client, emulator, options } = s
      // No beginDate: today, so that the enrollment lands in the default class of today's term.
      const enrollment = await client.enrollments.enroll({ userId: STUDENT, courseId: COURSE })
      assert.equal(enrollment.course.id, COURSE)
      assert.equal(enrollment.course.title, 'Reading 6')
      assert.equal(enrollment.role, 'student')
      assert.match(enrollment.beginDate ?? '', /^\d{4}-\d\d-\d\d$/)
      assert.equal(enrollment.school?.id, 'seed-school-2')
      const mine = await client.enrollments.list(STUDENT)
      assert.ok(mine.some((e) => e.id === enrollment.id), 'the new enrollment is listed')

      // The default class exists in OneRoster, and the enrollment is in it.
      const cls = await client.enrollments.getDefaultClass({ courseId: COURSE })
      const oneroster = new sdk.oneroster.OneRosterClient({ ...options, maxRetries: 0 })
      const rostered = await oneroster.classes.get(cls.id)
      assert.equal(rostered.course?.sourcedId, COURSE)
      assert.equal(rostered.title, 'Reading 6')
      const inClass = await oneroster.enrollments.listAll({ where: { 'class.sourcedId': cls.id } })
      assert.deepEqual(inClass.map((e) => [e.sourcedId, e.user.sourcedId]), [[enrollment.id, STUDENT]])

      // Two events of one activity, as an app sends them: what was done, and the time it took.
      const caliper = new sdk.caliper.CaliperClient({ ...options, baseUrl: emulator.services.caliper, maxRetries: 0 })
      const actor = { id: userUrl(STUDENT), email: `${STUDENT}@seed.example`, role: 'student' as const }
      const object = {
        id: 'https://app.example/activities/reading-1', subject: 'Reading' as const, app: { name: 'Reading Coach' },
        course: { id: `https://api.alpha-1edtech.ai/ims/oneroster/rostering/v1p2/courses/${COURSE}`, name: 'Reading 6' }, activity: { name: 'Chapter 1' },
      }
      const eventTime = '2026-03-04T15:00:00.000Z'
      await caliper.events.sendActivity(SENSOR, {
        actor, object, eventTime,
        metrics: [{ type: 'xpEarned', value: 12 }, { type: 'totalQuestions', value: 10 }, { type: 'correctQuestions', value: 9 }, { type: 'masteredUnits', value: 1 }],
      })
      await caliper.events.sendTimeSpent(SENSOR, { actor, object, eventTime, metrics: [{ type: 'active', value: 600 }, { type: 'inactive', value: 30 }] })

      const activity = await client.analytics.getActivity({ studentId: STUDENT, startDate: '2026-03-01', endDate: '2026-03-07', timezone: 'America/Chicago' })
      const day = activity.facts['2026-03-04']?.Reading
      assert.ok(day, `a Reading cell on 2026-03-04: ${JSON.stringify(activity.facts)}`)
      assert.deepEqual(day.activityMetrics, { xpEarned: 12, totalQuestions: 10, correctQuestions: 9, masteredUnits: 1 })
      assert.equal(day.timeSpentMetrics.activeSeconds, 600)
      // The same by email; a window that ends before the event has nothing.
      const byEmail = await client.analytics.getActivity({ email: `${STUDENT}@seed.example`, startDate: '2026-03-01', endDate: '2026-03-07' })
      assert.equal(byEmail.facts['2026-03-04']?.Reading?.activityMetrics.xpEarned, 12)
      const before = await client.analytics.getActivity({ studentId: STUDENT, startDate: '2026-03-01', endDate: '2026-03-04T14:59:59.999Z' })
      assert.deepEqual(before.facts, {})

      const expected = { totalXp: 12, totalQuestions: 10, correctQuestions: 9, masteredUnits: 1, activeSeconds: 600, inactiveSeconds: 30, wasteSeconds: 0 }
      assert.deepEqual(sdk.edubridge.aggregateActivityMetrics(activity), expected)
      // Weekly facts: one row per event; the totals are the same, not doubled.
      const week = await client.analytics.getWeeklyFacts({ studentId: STUDENT, weekDate: '2026-03-02' })
      assert.deepEqual(week.facts.map((r) => r.eventType).sort(), ['ActivityEvent', 'TimeSpentEvent'])
      assert.deepEqual(sdk.edubridge.aggregateActivityMetrics(week), expected)
      // The enrollment's facts hold them too.
      const facts = await client.analytics.getEnrollmentFacts({ enrollmentId: enrollment.id, startDate: '2026-03-01', endDate: '2026-03-31' })
      assert.equal(sdk.edubridge.aggregateActivityMetrics(facts).totalXp, 12)
    })
  })
}

export default suite
