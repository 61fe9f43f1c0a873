// EduBridge goals (at the API root), progression and the Caliper ingest route against the emulator: a course
// goal on an enrolled course, subject goals created, previewed (nothing saved), replaced and updated, an AP
// readiness goal; the page-numbered lesson catalog, a hole-filling course created and enrolled in, a queued job;
// and events posted through EduBridge's ingest route showing up in analytics.

import type { Assert, Suite } from '../../harness/types.ts'
import { ebSetup } from './helpers.ts'

const END = '2099-06-30'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const E = sdk.errors

  describe('edubridge: goals and progression', () => {
    it('course goal on an enrolled course (422 when not enrolled); subject goals: preview saves nothing, create replaces, update merges', async () => {
      const { client, emulator } = ebSetup(env)
      const g = client.goals
      await assert.rejects(g.createCourseGoal({ studentId: 'seed-student-9', courseId: 'seed-course-1', target: { metric: 'xp', value: '500' } }), E.isValidationError)
      await client.enrollments.enroll({ userId: 'seed-student-9', courseId: 'seed-course-1' })
      const cg = await g.createCourseGoal({ studentId: 'seed-student-9', courseId: 'seed-course-1', target: { metric: 'xp', value: '500' }, pacing: { mode: 'target_date', endDate: END } })
      assert.equal(cg.course.id, 'seed-course-1')
      assert.equal(cg.goal.status, 'active')
      assert.deepEqual(cg.goal.target, { metric: 'xp', value: '500' })
      assert.equal(cg.progress.totalXP, 500)
      assert.ok(emulator.requests.some((r) => r.path === '/goals/seed-student-9/courses'), 'served at the API root')

      const input = { studentId: 'seed-student-9', subject: 'Math', objective: { type: 'grade_mastery' as const, value: '4' }, pacing: { mode: 'target_date' as const, endDate: END } }
      const preview = await g.previewSubjectGoal(input)
      assert.equal(preview.subject, 'Math')
      assert.deepEqual(await g.listSubjectGoals('seed-student-9'), [], 'a preview saves nothing')
      const first = await g.createSubjectGoal(input)
      assert.deepEqual(first.goal?.objective, { type: 'grade_mastery', value: '4' })
      const second = await g.createSubjectGoal({ ...input, objective: { type: 'grade_mastery', value: '5' } })
      const rows = await g.listSubjectGoals('seed-student-9')
      assert.equal(rows.length, 1, 'one active goal per subject: create replaced it')
      assert.equal(rows[0]?.goal?.id, second.goal?.id)
      const updated = await g.updateSubjectGoal({ studentId: 'seed-student-9', subject: 'Math', pacing: { dailyTargetXP: 25 } })
      assert.equal((updated.goal?.pacing as { dailyTargetXP: number; endDate: string }).dailyTargetXP, 25)
      assert.equal((updated.goal?.pacing as { endDate: string }).endDate, END, 'the other pacing fields are kept')
      assert.deepEqual(updated.goal?.objective, { type: 'grade_mastery', value: '5' })
      await assert.rejects(g.updateSubjectGoal({ studentId: 'seed-student-9', subject: 'Reading', pacing: { dailyTargetXP: 5 } }), E.isNotFoundError)
    })

    it('AP readiness goal at /ap-readiness/goals', async () => {
      const { client } = ebSetup(env)
      const goal = await client.goals.createApReadinessGoal({
        studentSourcedId: 'seed-student-5', subject: 'AP Biology', courseIds: ['seed-course-1'], startDate: '2026-09-01', endDate: '2027-05-01', practiceTestCourseIds: ['seed-course-2'],
      })
      assert.equal(goal.studentSourcedId, 'seed-student-5')
      assert.deepEqual(goal.courseIds, ['seed-course-1'])
      assert.equal(typeof goal.sourcedId, 'string')
      await assert.rejects(client.goals.createApReadinessGoal({ studentSourcedId: 'nobody', subject: 'AP Biology', courseIds: ['seed-course-1'], startDate: '2026-09-01', endDate: '2027-05-01' }), E.isNotFoundError)
    })

    it('catalog pages by page number (list, stream, listAll agree); createCourse builds and enrolls; enqueue queues', async () => {
      const { client, emulator, options } = ebSetup(env)
      const p = client.progression
      const all = await p.catalog.listAll({ subject: 'math', gradeLevel: ['3', '4'], limit: 4 })
      assert.equal(all.length, 6, 'three lessons per grade')
      assert.ok(all.every((l) => l.subject === 'math' && (l.gradeLevel === '3' || l.gradeLevel === '4')))
      assert.equal(new Set(all.map((l) => l.lessonId)).size, 6)
      const page2 = await p.catalog.list({ subject: 'math', gradeLevel: ['3', '4'], limit: 4, page: 2 })
      assert.deepEqual(page2.data.map((l) => l.lessonId), all.slice(4).map((l) => l.lessonId))
      assert.equal(page2.hasMore, false)
      const page1 = await p.catalog.list({ subject: 'math', gradeLevel: ['3', '4'], limit: 4 })
      assert.deepEqual(page1.next, { page: 2 })
      const streamed: string[] = []
      for await (const l of p.catalog.stream({ subject: 'reading', limit: 5, maxItems: 7 })) streamed.push(l.lessonId)
      assert.equal(streamed.length, 7)

      const created = await p.createCourse({
        subject: 'math', grade: 3, app: 'freckle', email: 'seed-student-4@seed.example', next: 'assessment',
        lessonIds: [all[0]!.lessonId, all[1]!.lessonId], courseDetails: { title: 'Fractions catch-up', xpPerLesson: 15 },
      })
      assert.equal(created.success, true)
      assert.deepEqual([created.course.title, created.course.totalLessons, created.course.totalXp], ['Fractions catch-up', 2, 30])
      const oneroster = new sdk.oneroster.OneRosterClient({ ...options, maxRetries: 0 })
      assert.equal((await oneroster.courses.get(created.course.sourcedId)).title, 'Fractions catch-up')
      assert.ok((await client.enrollments.list('seed-student-4')).some((e) => e.course.id === created.course.sourcedId), 'the student is enrolled')

      const job = await p.enqueue({
        assignmentId: 42, studentTimebackId: 'seed-student-4', studentEmail: 'seed-student-4@seed.example', subject: 'Math', grade: '3',
        currentCourseSourcedId: created.course.sourcedId, flowType: 'existingPlan', readOnly: true,
      })
      assert.equal(job.success, true)
      const enqueued = (emulator as unknown as { edubridge: { enqueued: { messageId: string; assignmentId: number }[] } }).edubridge.enqueued
      assert.deepEqual(enqueued.map((j) => [j.messageId, j.assignmentId]), [[job.messageId, 42]])
    })

    it('Caliper events posted to the EduBridge ingest route show up in analytics', async () => {
      const { client } = ebSetup(env)
      const event = sdk.caliper.createActivityEvent({
        actor: { id: 'https://api.alpha-1edtech.ai/ims/oneroster/rostering/v1p2/users/seed-student-6', email: 'seed-student-6@seed.example', role: 'student' },
        object: { id: 'https://app.example/activities/m1', subject: 'Math', app: { name: 'Math Raiders' } },
        metrics: [{ type: 'xpEarned', value: 7 }, { type: 'totalQuestions', value: 3 }, { type: 'correctQuestions', value: 2 }],
        eventTime: '2026-04-07T10:00:00.000Z',
      })
      const answer = await client.caliper.ingest({ sensor: 'Math Raiders', data: [event] })
      assert.equal(answer.success, true)
      const activity = await client.analytics.getActivity({ studentId: 'seed-student-6', startDate: '2026-04-06', endDate: '2026-04-08' })
      assert.deepEqual(activity.facts['2026-04-07']?.Math?.activityMetrics, { xpEarned: 7, totalQuestions: 3, correctQuestions: 2, masteredUnits: 0 })
    })
  })
}

export default suite
