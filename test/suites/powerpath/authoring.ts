// PowerPathClient's test authoring against the emulator: internal tests (a QTI test, an assessment bank) added to
// a course as real lessons, an external placement test assigned to a student, its result written back by the tool
// (the emulator's stand-in) and imported, and the deprecated createExternalTestOut updating the course's test-out.

import type { Assert, Suite } from '../../harness/types.ts'
import { ppSetup } from './helpers.ts'

const STUDENT = 'seed-student-1'
// The emulator's seeded Math 3 course and its test-out lesson (src/testing/powerpath/seed.ts).
const COURSE = 'seed-course-1'
const TEST_OUT = 'pp-lesson-math3-test-out'

const suite: Suite = (env) => {
  const { h } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  describe('powerpath: authoring', () => {
    it('adds a QTI quiz and an assessment bank to a course, each a lesson students can take', async () => {
      const { client } = ppSetup(env)
      const quiz = await client.assessments.createInternalTest({
        courseId: COURSE, lessonType: 'quiz', testType: 'qti', qti: { url: 'https://qti.example/tests/fractions' }, lessonTitle: 'Fractions quiz', xp: 15, grades: [3],
      })
      assert.equal(quiz.lessonType, 'quiz')
      assert.equal(quiz.testType, 'qti')
      assert.deepEqual(quiz.grades, ['3'])
      assert.ok(quiz.lessonId && quiz.resourceId && quiz.courseComponentId)
      const progress = await client.assessments.getAssessmentProgress({ student: STUDENT, lesson: quiz.lessonId })
      if (progress.lessonType !== 'quiz') throw new Error(`a quiz, got ${progress.lessonType}`)
      assert.equal(progress.finalized, false)
      assert.ok(progress.questions.length > 0)

      const bank = await client.assessments.createInternalTest({
        courseId: COURSE, lessonType: 'unit-test', testType: 'assessment-bank', assessmentBank: { resources: [{ url: 'https://qti.example/t/a' }, { url: 'https://qti.example/t/b' }] },
      })
      assert.equal(bank.testType, 'assessment-bank')
      assert.equal(bank.childResourceIds?.length, 2)
      assert.notEqual(bank.lessonId, quiz.lessonId)
    })

    it('assigns an external placement test, then imports the result the tool wrote back', async () => {
      const { emulator, client } = ppSetup(env)
      const test = await client.assessments.createExternalPlacementTest({
        courseId: 'seed-course-2', lessonType: 'placement', toolProvider: 'mastery-track', grades: [8], launchUrl: 'https://mastery.example/launch', lessonTitle: 'Reading 8 placement',
      })
      assert.equal(test.toolProvider, 'mastery-track')
      assert.deepEqual(test.grades, ['8'])
      const assigned = await client.assessments.makeExternalTestAssignment({ student: STUDENT, lesson: test.lessonId })
      assert.equal(assigned.toolProvider, 'mastery-track')
      assert.equal(assigned.lessonType, 'placement')
      assert.equal(assigned.attempt, 1)
      assert.match(assigned.testUrl ?? '', /^https:\/\//)
      const pending = await client.assessments.importExternalTestAssignmentResults({ student: STUDENT, lesson: test.lessonId })
      assert.equal(pending.finalized, false)
      assert.equal(emulator.powerpath.writeBackExternalResult(STUDENT, test.lessonId, 95), true)
      const imported = await client.assessments.importExternalTestAssignmentResults({ student: STUDENT, lesson: test.lessonId })
      assert.equal(imported.finalized, true)
      assert.equal(imported.assignmentId, assigned.assignmentId)
      const { attempts } = await client.assessments.getAttempts({ student: STUDENT, lesson: test.lessonId })
      assert.equal(attempts[0]!.score, 95)
    })

    it('still serves the deprecated createExternalTestOut, updating the course’s test-out in place', async () => {
      const { client } = ppSetup(env)
      const updated = await client.assessments.createExternalTestOut({
        courseId: COURSE, lessonType: 'test-out', toolProvider: 'edulastic', grades: ['3'], xp: 30, vendorId: 'edu-77',
      })
      assert.equal(updated.lessonId, TEST_OUT)
      assert.equal(updated.toolProvider, 'edulastic')
      assert.equal(updated.vendorId, 'edu-77')
    })
  })
}

export default suite
