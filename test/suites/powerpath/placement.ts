// PowerPathClient's `placement` against the emulator: a student's Math placement, passing the grade 3 test
// (moves the level to grade 4), failing grade 4 (onboarded there), the placement record per subject, subject
// progress, and resetting the placement. Placement tests are taken through the lesson flow of `assessments`.

import type { Assert, Suite } from '../../harness/types.ts'
import { ppSetup } from './helpers.ts'

const STUDENT = 'seed-student-1'
// The emulator's seeded Math placement tests, grades 3 to 5 (src/testing/powerpath/seed.ts), 5 questions each,
// question n answered by 'ABCD'[(n-1) % 4].
const TESTS = ['pp-placement-math-g3', 'pp-placement-math-g4', 'pp-placement-math-g5']

const suite: Suite = (env) => {
  const { h } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  describe('powerpath: placement', () => {
    it('places a student: pass grade 3, fail grade 4, then reset', async () => {
      const { client } = ppSetup(env)
      const take = async (lesson: string, right: number) => {
        for (let n = 1; n <= 5; n++) {
          const response = 'ABCD'[(n - 1 + (n <= right ? 0 : 1)) % 4]!
          await client.assessments.updateStudentQuestionResponse({ student: STUDENT, lesson, question: `${lesson}-q${n}`, response })
        }
        await client.assessments.finalStudentAssessmentResponse({ student: STUDENT, lesson })
      }
      const params = { student: STUDENT, subject: 'Math' } as const
      const { placementTests } = await client.placement.getAllPlacementTests(params)
      assert.equal(placementTests.length, 3)
      const start = await client.placement.getCurrentLevel(params)
      assert.equal(start.gradeLevel, '3')
      assert.equal(start.onboarded, false)
      assert.equal(start.availableTests, 3)
      assert.equal((await client.placement.getNextPlacementTest(params)).lesson, TESTS[0])

      await take(TESTS[0]!, 5) // 100 %: passed
      assert.equal((await client.placement.getCurrentLevel(params)).gradeLevel, '4')
      const next = await client.placement.getNextPlacementTest(params)
      assert.equal(next.lesson, TESTS[1])
      assert.equal(next.exhaustedTests, false)

      await take(TESTS[1]!, 3) // 60 %: placed at grade 4
      const placed = await client.placement.getCurrentLevel(params)
      assert.equal(placed.gradeLevel, '4')
      assert.equal(placed.onboarded, true)
      assert.equal((await client.placement.getNextPlacementTest(params)).lesson, null)

      const record = await client.placement.getPlacement({ studentId: STUDENT })
      assert.ok(record.Math, 'Math is in the placement record')
      assert.equal(record.Math.subjectLowestGrade, 3)
      assert.equal(record.Math.subjectHighestGrade, 5)
      assert.equal(record.Math.results.length, 3)
      assert.equal(record.Math.nextTestId, null)
      assert.equal(record.Reading?.nextTestId, 'pp-placement-reading-g6')

      const reset = await client.placement.resetUserPlacement(params)
      assert.deepEqual(reset, { success: true, placementResultsDeleted: 2, onboardingReset: true })
      const after = await client.placement.getCurrentLevel(params)
      assert.equal(after.gradeLevel, '3')
      assert.equal(after.onboarded, false)
    })

    it('reports progress per course of a subject, with the XP earned there', async () => {
      const { client } = ppSetup(env)
      const lesson = 'pp-lesson-math3-quiz'
      for (let n = 1; n <= 5; n++) {
        await client.assessments.updateStudentQuestionResponse({ student: STUDENT, lesson, question: `${lesson}-q${n}`, response: 'ABCD'[(n - 1) % 4]! })
      }
      await client.assessments.finalStudentAssessmentResponse({ student: STUDENT, lesson })
      const { progress } = await client.placement.getSubjectProgress({ student: STUDENT, subject: 'Math' })
      const math3 = progress.find((p) => p.course.sourcedId === 'seed-course-1')
      assert.ok(math3, `seed-course-1 in ${JSON.stringify(progress.map((p) => p.course.sourcedId))}`)
      assert.equal(math3.completedLessons, 1)
      assert.equal(math3.totalXpEarned, 6.25) // the quiz's 5 XP × 1.25 (100 % on a first attempt)
      assert.equal(math3.testOutLessonId, 'pp-lesson-math3-test-out')
      assert.equal(math3.hasUsedTestOut, false)
    })
  })
}

export default suite
