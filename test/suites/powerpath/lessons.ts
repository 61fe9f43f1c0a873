// PowerPathClient's `assessments` lesson flow against the emulator: an adaptive (powerpath-100) lesson taken to
// completion (next question → response → progress → attempts, XP × the first-attempt multiplier), a quiz answered
// then finalized, new and reset attempts. The emulator's generated banks answer question n with 'ABCD'[(n-1) % 4].

import type { Assert, Suite } from '../../harness/types.ts'
import { ppSetup, rejection } from './helpers.ts'

const STUDENT = 'seed-student-1'
// The emulator's seeded lessons (src/testing/powerpath/seed.ts SEED_LESSONS).
const ADAPTIVE = 'pp-lesson-math3-pp100'
const QUIZ = 'pp-lesson-math3-quiz'
const answerOf = (questionId: string, right = true): string => {
  const n = Number(/-q(\d+)$/.exec(questionId)![1])
  return 'ABCD'[(n - 1 + (right ? 0 : 1)) % 4]!
}

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  describe('powerpath: lessons', () => {
    it('takes an adaptive lesson to 100 and earns its XP × 1.25 on a perfect first attempt', async () => {
      const { client } = ppSetup(env)
      const lesson = ADAPTIVE
      let score = 0
      let answered = 0
      while (score < 100) {
        assert.ok(answered < 12, 'the lesson ends within its 12 questions')
        const next = await client.assessments.getNextQuestion({ student: STUDENT, lesson })
        assert.equal(next.score, score)
        assert.match(next.question.content?.rawXml ?? '', /qti-assessment-item/)
        const result = await client.assessments.updateStudentQuestionResponse({ student: STUDENT, lesson, question: next.question.id, response: answerOf(next.question.id) })
        answered++
        if (result.lessonType !== 'powerpath-100') throw new Error(`an adaptive answer, got ${result.lessonType}`)
        assert.equal(result.responseResult.isCorrect, true)
        assert.ok(result.powerpathScore > score, 'a right answer raises the score')
        score = result.powerpathScore
      }
      assert.equal(score, 100)
      const progress = await client.assessments.getAssessmentProgress({ student: STUDENT, lesson })
      if (progress.lessonType !== 'powerpath-100') throw new Error(`adaptive progress, got ${progress.lessonType}`)
      assert.equal(progress.seenQuestions.length, answered)
      assert.equal(progress.accuracy, 100)
      assert.equal(progress.multiplier, 1.25)
      assert.equal(progress.xp, 12.5) // the seeded lesson's 10 XP × 1.25
      const { attempts } = await client.assessments.getAttempts({ student: STUDENT, lesson })
      assert.equal(attempts.length, 1)
      assert.equal(attempts[0]!.scoreStatus, 'fully graded')
      assert.equal(attempts[0]!.xp, 12.5)
      // A completed attempt makes room for a new one; the first stays readable by number.
      const { attempt } = await client.assessments.createNewAttempt({ student: STUDENT, lesson })
      assert.equal(attempt.attempt, 2)
      assert.equal(attempt.score, 0)
      const first = await client.assessments.getAssessmentProgress({ student: STUDENT, lesson, attempt: 1 })
      assert.equal(first.xp, 12.5)
      assert.equal((await client.assessments.getAttempts({ student: STUDENT, lesson })).attempts.length, 2)
    })

    it('answers a quiz (recorded, not scored), finalizes it at 80 % for XP × 1, then resets a new attempt', async () => {
      const { client } = ppSetup(env)
      const lesson = QUIZ
      for (let n = 1; n <= 5; n++) {
        const question = `${lesson}-q${n}`
        const result = await client.assessments.updateStudentQuestionResponse({ student: STUDENT, lesson, question, response: answerOf(question, n !== 5) })
        assert.equal(result.lessonType, 'quiz')
        assert.equal('powerpathScore' in result, false)
      }
      const before = await client.assessments.getAssessmentProgress({ student: STUDENT, lesson })
      if (before.lessonType === 'powerpath-100') throw new Error('a quiz answers test progress')
      assert.equal(before.finalized, false)
      assert.equal(before.questions.length, 5)
      const done = await client.assessments.finalStudentAssessmentResponse({ student: STUDENT, lesson })
      assert.deepEqual(done, { lessonType: 'quiz', finalized: true, attempt: 1 })
      const after = await client.assessments.getAssessmentProgress({ student: STUDENT, lesson })
      if (after.lessonType === 'powerpath-100') throw new Error('a quiz answers test progress')
      assert.equal(after.finalized, true)
      assert.equal(after.accuracy, 80)
      assert.equal(after.xp, 5) // 5 XP × 1 (80–99 % on a first attempt)
      assert.equal(after.questions.filter((q) => q.correct === true).length, 4)

      await client.assessments.createNewAttempt({ student: STUDENT, lesson })
      const q1 = `${lesson}-q1`
      await client.assessments.updateStudentQuestionResponse({ student: STUDENT, lesson, question: q1, response: answerOf(q1) })
      assert.deepEqual(await client.assessments.resetAttempt({ student: STUDENT, lesson }), { success: true, score: 0 })
      const reset = await client.assessments.getAssessmentProgress({ student: STUDENT, lesson })
      if (reset.lessonType === 'powerpath-100') throw new Error('a quiz answers test progress')
      assert.equal(reset.attempt, 2)
      assert.equal(reset.questions.filter((q) => q.response !== undefined).length, 0)
    })

    it('surfaces the service refusals as ApiErrors (unknown lesson: 404; next question of a quiz: a 4xx)', async () => {
      const { client } = ppSetup(env)
      const missing = await rejection(client.assessments.getAttempts({ student: STUDENT, lesson: 'no-such-lesson' }))
      assert.ok(sdk.errors.isNotFoundError(missing), String(missing))
      const wrongType = await rejection(client.assessments.getNextQuestion({ student: STUDENT, lesson: QUIZ }))
      assert.ok(sdk.errors.isApiError(wrongType) && wrongType.status >= 400 && wrongType.status < 500, String(wrongType))
    })
  })
}

export default suite
