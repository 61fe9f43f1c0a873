// PowerPathClient's course progress and course test-outs against the emulator: line items with the results of the
// lessons taken, the test-out state as a union on `status` (available → in_progress once started), startTestOut
// (created, then existing), a result written for one item, and the deprecated assessments.testOut lookup.

import type { Assert, Suite } from '../../harness/types.ts'
import { ppSetup } from './helpers.ts'

const STUDENT = 'seed-student-1'
const COURSE = 'seed-course-1'
// Seeded in the emulator's PowerPath catalog for Math 3 (src/testing/powerpath/seed.ts).
const QUIZ = 'pp-lesson-math3-quiz'
const UNIT_TEST = 'pp-lesson-math3-unit-test'
const TEST_OUT = 'pp-lesson-math3-test-out'

const suite: Suite = (env) => {
  const { h } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  describe('powerpath: course progress', () => {
    it('reports results per lesson and the course test-out, started once', async () => {
      const { client } = ppSetup(env)
      for (let n = 1; n <= 5; n++) {
        await client.assessments.updateStudentQuestionResponse({ student: STUDENT, lesson: QUIZ, question: `${QUIZ}-q${n}`, response: 'ABCD'[(n - 1) % 4]! })
      }
      await client.assessments.finalStudentAssessmentResponse({ student: STUDENT, lesson: QUIZ })

      const before = await client.lessonPlans.getCourseProgress({ courseId: COURSE, studentId: STUDENT })
      const quiz = before.lineItems.find((li) => li.type === 'resource' && li.courseComponentResourceSourcedId === QUIZ)
      assert.ok(quiz, 'the quiz has a line item')
      assert.equal(quiz.results.length, 1)
      assert.equal(quiz.results[0]!.scoreStatus, 'fully graded')
      assert.equal(before.testOut.status, 'available')

      const started = await client.lessonPlans.startTestOut({ courseId: COURSE, studentId: STUDENT })
      assert.equal(started.status, 'created')
      assert.equal(started.lessonId, TEST_OUT)
      const again = await client.lessonPlans.startTestOut({ courseId: COURSE, studentId: STUDENT })
      assert.deepEqual(again, { ...started, status: 'existing' })
      const after = await client.lessonPlans.getCourseProgress({ courseId: COURSE, studentId: STUDENT })
      if (after.testOut.status !== 'in_progress') throw new Error(`test-out in progress, got ${after.testOut.status}`)
      assert.equal(after.testOut.assignmentId, started.assignmentId)
      assert.equal(after.testOut.lessonId, TEST_OUT)
      const assignment = await client.testAssignments.get({ id: started.assignmentId })
      assert.equal(assignment.subject, 'Math')
    })

    it('writes a result for one item and filters progress by lesson', async () => {
      const { client } = ppSetup(env)
      const written = await client.lessonPlans.updateStudentItemResponse({
        studentId: STUDENT, componentResourceId: UNIT_TEST, result: { status: 'active', scoreStatus: 'fully graded', scoreDate: '2026-03-01T10:00:00.000Z', score: 88 },
      })
      assert.equal(written.componentResourceResult?.score, 88)
      const { lineItems } = await client.lessonPlans.getCourseProgress({ courseId: COURSE, studentId: STUDENT, lessonId: UNIT_TEST })
      assert.equal(lineItems.length, 1)
      assert.equal(lineItems[0]!.type === 'resource' && lineItems[0]!.courseComponentResourceSourcedId, UNIT_TEST)
      assert.deepEqual(lineItems[0]!.results.map((r) => r.score), [88])
    })

    it('still answers the deprecated testOut lookup', async () => {
      const { client } = ppSetup(env)
      const answer = await client.assessments.testOut({ student: STUDENT, course: COURSE })
      assert.equal(answer.lessonType, 'test-out')
      assert.equal(answer.lessonId, TEST_OUT)
      assert.equal(answer.finalized, false)
    })
  })
}

export default suite
