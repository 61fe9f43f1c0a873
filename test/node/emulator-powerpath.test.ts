// The emulated PowerPath service driven by raw HTTP: the lesson flow and its XP multipliers, the LEARNING_FACTS it
// publishes, placement, test assignments, lesson plans and the rest, with the 400/404/422 answers.
// Run: node --import tsx --test test/node/emulator-powerpath.test.ts
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { BUILT_IN_SERVICES } from '../../src/testing/index.ts'
import type { EmulatedServiceModule } from '../../src/testing/index.ts'
import { LEARNING_FACTS, type LearningFact, type LearningFactsMessage } from '../../src/testing/learning-facts.ts'
import { assertImsx, connect, enc, mintToken, type Json } from './emulator-helpers.ts'

const START = Date.parse('2026-03-02T10:00:00.000Z')
const STUDENT = 'seed-student-1' // Ada Lovelace, in seed-class-1 of seed-course-1 (Math 3) through seed-enrollment-s1
const PP100 = 'pp-lesson-math3-pp100'
const QUIZ = 'pp-lesson-math3-quiz'

/** The seed's documented answer rule: question `<lesson>-q<n>` is answered by 'ABCD'[(n-1) % 4]. */
const rightAnswer = (questionId: string): string => 'ABCD'[(Number(/-q(\d+)$/.exec(questionId)![1]) - 1) % 4]!
const wrongAnswer = (questionId: string): string => (rightAnswer(questionId) === 'A' ? 'B' : 'A')

/** An emulator with a test-only module that records every LEARNING_FACTS message, and a clock the test moves. */
async function setup() {
  const facts: LearningFact[] = []
  const spy: EmulatedServiceModule = {
    name: 'factspy',
    create(env) {
      env.subscribe(LEARNING_FACTS, (message) => facts.push(...(message as LearningFactsMessage).facts))
      return { prefix: '/factspy', routes: () => [], reset: () => undefined }
    },
  }
  const clock = { t: START }
  const conn = await connect({ now: () => clock.t, tokenTtlSeconds: 400 * 86_400, services: [...BUILT_IN_SERVICES, spy] })
  const emu = conn.emu
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString()
  const next = (lesson = PP100, student = STUDENT) => conn.get(`/powerpath/getNextQuestion?${q({ student, lesson })}`)
  const answer = (question: string, response: string, lesson = PP100, student = STUDENT) =>
    conn.call('PUT', '/powerpath/updateStudentQuestionResponse', { student, lesson, question, responses: { RESPONSE: response } })
  /** Serve the next pp-100 question and answer it right or wrong; the answer's body. */
  const step = async (right: boolean, lesson = PP100): Promise<Json> => {
    const n = await next(lesson)
    assert.equal(n.status, 200, JSON.stringify(n.body))
    const id = n.body.question.id as string
    const res = await answer(id, right ? rightAnswer(id) : wrongAnswer(id), lesson)
    assert.equal(res.status, 200, JSON.stringify(res.body))
    return res.body
  }
  return { ...conn, emu, facts, clock, q, next, answer, step }
}

describe('PowerPath emulator: powerpath-100 lessons', () => {
  it('a perfect first attempt climbs 20, 50, 90, 100 through easy, medium, hard questions and earns xp × 1.25', async () => {
    const { step, next, clock, facts, get, q } = await setup()
    const first = await next()
    assert.equal(first.body.score, 0)
    assert.equal(first.body.question.difficulty, 'easy')
    const scores: number[] = []
    for (let i = 0; i < 4; i++) {
      clock.t += 30_000
      const body = await step(true)
      scores.push(body.powerpathScore)
      assert.equal(body.lessonType, 'powerpath-100')
      assert.deepEqual(body.responseResult, { isCorrect: true, score: 1, feedback: 'Correct.' })
    }
    assert.deepEqual(scores, [20, 50, 90, 100])
    const progress = await get(`/powerpath/getAssessmentProgress?${q({ student: STUDENT, lesson: PP100 })}`)
    assert.equal(progress.status, 200)
    assert.deepEqual(progress.body.seenQuestions.map((s: Json) => s.difficulty), ['easy', 'medium', 'hard', 'hard'])
    assert.equal(progress.body.multiplier, 1.25)
    assert.equal(progress.body.xp, 12.5) // seeded metadata.xp 10
    assert.equal(progress.body.accuracy, 100)
    assert.deepEqual(progress.body.remainingQuestionsPerDifficulty, { easy: 3, medium: 3, hard: 2 })
    const attempts = await get(`/powerpath/getAttempts?${q({ student: STUDENT, lesson: PP100 })}`)
    assert.equal(attempts.body.attempts.length, 1)
    assert.equal(attempts.body.attempts[0].scoreStatus, 'fully graded')
    assert.equal(attempts.body.attempts[0].completedAt, '2026-03-02T10:02:00.000Z')

    assert.equal(facts.length, 2)
    const [activity, time] = facts as [LearningFact, LearningFact]
    assert.deepEqual(
      { ...activity },
      {
        studentId: STUDENT, email: 'seed-student-1@seed.example', occurredAt: '2026-03-02T10:02:00.000Z', subject: 'Math', app: 'PowerPath',
        courseId: 'seed-course-1', courseName: 'Math 3', enrollmentId: 'seed-enrollment-s1', activityId: PP100, activityName: 'Multiplying by 2, 5 and 10',
        source: 'powerpath', eventType: 'ActivityEvent', xpEarned: 12.5, totalQuestions: 4, correctQuestions: 4, masteredUnits: 1,
        activeSeconds: 0, inactiveSeconds: 0, wasteSeconds: 0,
      },
    )
    assert.equal(time.eventType, 'TimeSpentEvent')
    assert.equal(time.activeSeconds, 120) // the attempt started at 10:00:00 (first question served), ended at 10:02:00
    assert.equal(time.xpEarned, 0)
  })

  it('first attempt at 80 % accuracy earns xp × 1.0; below 80 % earns nothing but still reports the questions', async () => {
    const a = await setup()
    const results = [await a.step(false), await a.step(true), await a.step(true), await a.step(true), await a.step(true)]
    assert.deepEqual(results.map((r) => r.powerpathScore), [0, 20, 50, 90, 100])
    assert.equal(results[4]!.accuracy, 80)
    assert.equal(results[4]!.multiplier, 1)
    assert.equal(results[4]!.xp, 10)
    assert.equal(results[3]!.xp, null, 'no XP before the lesson is complete')

    const b = await setup()
    for (const right of [false, false, true, true, true, true]) await b.step(right)
    const progress = await b.get(`/powerpath/getAssessmentProgress?${b.q({ student: STUDENT, lesson: PP100 })}`)
    assert.equal(progress.body.score, 100)
    assert.equal(progress.body.multiplier, 0)
    assert.equal(progress.body.xp, 0)
    assert.equal(b.facts[0]!.xpEarned, 0)
    assert.equal(b.facts[0]!.totalQuestions, 6)
    assert.equal(b.facts[0]!.correctQuestions, 4)
    assert.equal(b.facts[0]!.masteredUnits, 0)
  })

  it('a later attempt earns xp × 1.0 at 100 % and × 0.5 at 80 %; createNewAttempt on an open attempt returns it', async () => {
    const { step, call, facts } = await setup()
    for (let i = 0; i < 4; i++) await step(true)
    const second = await call('POST', '/powerpath/createNewAttempt', { student: STUDENT, lesson: PP100 })
    assert.equal(second.status, 200)
    assert.equal(second.body.attempt.attempt, 2)
    assert.equal(second.body.attempt.scoreStatus, 'not submitted')
    const again = await call('POST', '/powerpath/createNewAttempt', { student: STUDENT, lesson: PP100 })
    assert.equal(again.body.attempt.attempt, 2)
    let last: Json = {}
    for (let i = 0; i < 4; i++) last = await step(true)
    assert.deepEqual([last.multiplier, last.xp], [1, 10])
    await call('POST', '/powerpath/createNewAttempt', { student: STUDENT, lesson: PP100 })
    for (const right of [false, true, true, true, true]) last = await step(right)
    assert.deepEqual([last.accuracy, last.multiplier, last.xp], [80, 0.5, 5])
    assert.deepEqual(facts.filter((f) => f.eventType === 'ActivityEvent').map((f) => f.xpEarned), [12.5, 10, 5])
  })

  it('a completed attempt takes no more questions; resetAttempt clears it back to 0', async () => {
    const { step, next, answer, call, get, q } = await setup()
    for (let i = 0; i < 4; i++) await step(true)
    const more = await next()
    assert.equal(more.status, 422)
    assertImsx(more.body, 'invaliddata', /create a new attempt/)
    assert.equal((await answer(`${PP100}-q1`, 'A')).status, 422)
    const reset = await call('POST', '/powerpath/resetAttempt', { student: STUDENT, lesson: PP100 })
    assert.deepEqual(reset.body, { success: true, score: 0 })
    const progress = await get(`/powerpath/getAssessmentProgress?${q({ student: STUDENT, lesson: PP100 })}`)
    assert.deepEqual([progress.body.score, progress.body.seenQuestions.length, progress.body.xp], [0, 0, null])
    const attempts = await get(`/powerpath/getAttempts?${q({ student: STUDENT, lesson: PP100 })}`)
    assert.deepEqual(attempts.body.attempts.map((x: Json) => [x.attempt, x.scoreStatus]), [[1, 'not submitted']])
    assert.equal((await next()).status, 200)
  })
})

describe('PowerPath emulator: quiz lessons and finalization', () => {
  it('answers are not graded until finalized; 4 of 5 right scores 80 and earns the lesson xp × 1.0 once', async () => {
    const { answer, call, get, q, facts } = await setup()
    const ids = [1, 2, 3, 4, 5].map((n) => `${QUIZ}-q${n}`)
    const early = await call('POST', '/powerpath/finalStudentAssessmentResponse', { student: STUDENT, lesson: QUIZ })
    assert.equal(early.status, 422)
    assertImsx(early.body, 'invaliddata', /5 of 5 questions are unanswered/)
    for (const [i, id] of ids.entries()) {
      const res = await answer(id, i === 0 ? wrongAnswer(id) : rightAnswer(id), QUIZ)
      assert.equal(res.status, 200)
      assert.equal(res.body.lessonType, 'quiz')
      assert.equal(res.body.powerpathScore, undefined, 'a quiz answer does not reveal a score')
    }
    const before = await get(`/powerpath/getAssessmentProgress?${q({ student: STUDENT, lesson: QUIZ })}`)
    assert.equal(before.body.finalized, false)
    assert.equal(before.body.questions[0].correct, undefined)
    const done = await call('POST', '/powerpath/finalStudentAssessmentResponse', { student: STUDENT, lesson: QUIZ })
    assert.deepEqual(done.body, { lessonType: 'quiz', finalized: true, attempt: 1 })
    const after = await get(`/powerpath/getAssessmentProgress?${q({ student: STUDENT, lesson: QUIZ })}`)
    assert.deepEqual([after.body.finalized, after.body.score, after.body.multiplier, after.body.xp, after.body.totalQuestions], [true, 80, 1, 5, 5])
    assert.deepEqual(after.body.questions.map((x: Json) => x.correct), [false, true, true, true, true])
    const twice = await call('POST', '/powerpath/finalStudentAssessmentResponse', { student: STUDENT, lesson: QUIZ })
    assert.equal(twice.status, 200)
    assert.equal(facts.length, 2, 'finalizing again publishes nothing new')
  })

  it('getNextQuestion is for powerpath-100 only; finalizing a powerpath-100 lesson is refused', async () => {
    const { next, call } = await setup()
    const res = await next(QUIZ)
    assert.equal(res.status, 422)
    assertImsx(res.body, 'invaliddata', /powerpath-100/)
    assert.equal((await call('POST', '/powerpath/finalStudentAssessmentResponse', { student: STUDENT, lesson: PP100 })).status, 422)
  })
})

describe('PowerPath emulator: lesson flow input errors', () => {
  it("a 'studentId' sent for 'student' is a 400 naming 'student'", async () => {
    const { get, call } = await setup()
    const res = await get(`/powerpath/getNextQuestion?studentId=${STUDENT}&lesson=${PP100}`)
    assert.equal(res.status, 400)
    assertImsx(res.body, 'invaliddata', /'student'.*'studentId' was sent/)
    const body = await call('POST', '/powerpath/createNewAttempt', { studentId: STUDENT, lesson: PP100 })
    assert.equal(body.status, 400)
    assertImsx(body.body, 'invaliddata', /'student'/)
  })

  it('unknown students, lessons, questions and attempts are 404; a bad attempt number or a missing answer is 400', async () => {
    const { get, answer, call, q } = await setup()
    assertImsx((await get(`/powerpath/getAttempts?${q({ student: 'nobody', lesson: PP100 })}`)).body, 'unknownobject', /Student 'nobody'/)
    assertImsx((await get(`/powerpath/getAttempts?${q({ student: STUDENT, lesson: 'nope' })}`)).body, 'unknownobject', /Lesson 'nope'/)
    // A componentResource whose resource is not a PowerPath lesson (OneRoster's seeded video) is not a lesson.
    assert.equal((await get(`/powerpath/getAttempts?${q({ student: STUDENT, lesson: 'seed-component-resource-1' })}`)).status, 404)
    assert.equal((await answer('not-a-question', 'A')).status, 404)
    assert.equal((await get(`/powerpath/getAssessmentProgress?${q({ student: STUDENT, lesson: PP100, attempt: 'x' })}`)).status, 400)
    assert.equal((await get(`/powerpath/getAssessmentProgress?${q({ student: STUDENT, lesson: PP100, attempt: '9' })}`)).status, 404)
    const missing = await call('PUT', '/powerpath/updateStudentQuestionResponse', { student: STUDENT, lesson: PP100, question: `${PP100}-q1` })
    assert.equal(missing.status, 400)
    assertImsx(missing.body, 'invaliddata', /'responses'/)
  })

  it('lessons added to OneRoster (resource metadata.lessonType) are served with a generated bank; the seed leaves OneRoster counts alone', async () => {
    const { emu, get, q, answer } = await setup()
    assert.equal(emu.state.count('componentResources'), 1)
    assert.equal(emu.state.count('resources'), 1)
    emu.state.insert('resources', { sourcedId: 'or-res-1', title: 'OR quiz', vendorResourceId: 'v1', metadata: { lessonType: 'quiz', xp: 7, questionCount: 3 } })
    emu.state.insert('componentResources', { sourcedId: 'or-lesson-1', title: 'OR quiz', courseComponent: { sourcedId: 'seed-component-1' }, resource: { sourcedId: 'or-res-1' } })
    const progress = await get(`/powerpath/getAssessmentProgress?${q({ student: STUDENT, lesson: 'or-lesson-1' })}`)
    assert.equal(progress.status, 200)
    assert.deepEqual(progress.body.questions.map((x: Json) => x.id), ['or-lesson-1-q1', 'or-lesson-1-q2', 'or-lesson-1-q3'])
    assert.equal((await answer('or-lesson-1-q2', 'B', 'or-lesson-1')).status, 200)
    // A sourcedId with characters that mean something in URLs and XML is still one lesson, and its question XML stays well-formed.
    const odd = 'odd/lesson?#%"<&'
    emu.state.insert('componentResources', { sourcedId: odd, title: 'Odd', courseComponent: { sourcedId: 'seed-component-1' }, resource: { sourcedId: 'or-res-1' } })
    const oddProgress = await get(`/powerpath/getAssessmentProgress?${q({ student: STUDENT, lesson: odd })}`)
    assert.equal(oddProgress.body.questions[0].id, `${odd}-q1`)
    assert.match(oddProgress.body.questions[0].content.rawXml, /^<qti-assessment-item identifier="odd\/lesson\?#%&quot;&lt;&amp;-q1"/)
  })
})

/** Answer questions 1..total of an assessment lesson, the first `right` of them right, then finalize it. */
async function takeAssessment(s: Awaited<ReturnType<typeof setup>>, lesson: string, right: number, student = STUDENT, total = 5): Promise<Json> {
  for (let n = 1; n <= total; n++) {
    const id = `${lesson}-q${n}`
    const res = await s.answer(id, n <= right ? rightAnswer(id) : wrongAnswer(id), lesson, student)
    assert.equal(res.status, 200, JSON.stringify(res.body))
  }
  const done = await s.call('POST', '/powerpath/finalStudentAssessmentResponse', { student, lesson })
  assert.equal(done.status, 200, JSON.stringify(done.body))
  return done.body
}

describe('PowerPath emulator: placement', () => {
  const [G3, G4, G5] = ['pp-placement-math-g3', 'pp-placement-math-g4', 'pp-placement-math-g5']

  it('a score of 90+ moves the level to the next test; a lower one ends placement there (onboarded)', async () => {
    const s = await setup()
    const at = (path: string) => s.get(`/powerpath/placement/${path}?${s.q({ student: STUDENT, subject: 'Math' })}`)
    assert.deepEqual((await at('getCurrentLevel')).body, { gradeLevel: '3', onboarded: false, availableTests: 3 })
    assert.deepEqual((await at('getNextPlacementTest')).body, { exhaustedTests: false, gradeLevel: '3', lesson: G3, onboarded: false, availableTests: 3 })
    await takeAssessment(s, G3, 5)
    assert.deepEqual((await at('getCurrentLevel')).body, { gradeLevel: '4', onboarded: false, availableTests: 3 })
    assert.equal((await at('getNextPlacementTest')).body.lesson, G4)
    await takeAssessment(s, G4, 4) // 80 < 90
    assert.deepEqual((await at('getCurrentLevel')).body, { gradeLevel: '4', onboarded: true, availableTests: 3 })
    assert.deepEqual((await at('getNextPlacementTest')).body, { exhaustedTests: false, gradeLevel: '4', lesson: null, onboarded: true, availableTests: 3 })

    const data = await s.get(`/powerpath/placement/${STUDENT}`)
    assert.equal(data.status, 200)
    assert.deepEqual(data.body.Math.results.map((r: Json) => [r.testId, r.status, r.score ?? null]), [[G3, 'PASSED', 100], [G4, 'FAILED', 80], [G5, 'NOT_STARTED', null]])
    assert.deepEqual([data.body.Math.startingGrade, data.body.Math.currentGrade, data.body.Math.subjectHighestGrade, data.body.Math.status], [3, 4, 5, 'completed'])
    assert.equal(data.body.Reading.status, 'not_started')

    const all = await at('getAllPlacementTests')
    assert.deepEqual(all.body.placementTests.map((t: Json) => [t.component_resources.sourcedId, t.resources_metadata.lessonType, t.assessment_results?.[0]?.score ?? null]), [[G3, 'placement', 100], [G4, 'placement', 80], [G5, 'placement', null]])

    const reset = await s.call('POST', '/powerpath/placement/resetUserPlacement', { student: STUDENT, subject: 'Math' })
    assert.deepEqual(reset.body, { success: true, placementResultsDeleted: 2, onboardingReset: true })
    assert.deepEqual((await at('getCurrentLevel')).body, { gradeLevel: '3', onboarded: false, availableTests: 3 })
  })

  it('passing every test exhausts them; subject progress counts lessons, XP and the test-out of each course of the subject', async () => {
    const s = await setup()
    for (const t of [G3, G4, G5]) await takeAssessment(s, t, 5)
    const next = await s.get(`/powerpath/placement/getNextPlacementTest?${s.q({ student: STUDENT, subject: 'Math' })}`)
    assert.deepEqual(next.body, { exhaustedTests: true, gradeLevel: '5', lesson: null, onboarded: true, availableTests: 3 })
    await takeAssessment(s, QUIZ, 5) // 100 % on attempt 1: 5 × 1.25
    const progress = await s.get(`/powerpath/placement/getSubjectProgress?${s.q({ student: STUDENT, subject: 'Math' })}`)
    assert.equal(progress.body.progress.length, 1)
    const [math] = progress.body.progress
    assert.equal(math.course.sourcedId, 'seed-course-1')
    assert.deepEqual(
      [math.inEnrolled, math.hasUsedTestOut, math.testOutLessonId, math.completedLessons, math.totalLessons, math.totalAttainableXp, math.totalXpEarned],
      [true, false, 'pp-lesson-math3-test-out', 4, 7, 73, 6.25], // lessons: pp-100 10, quiz 5, unit test 8, test-out 50, 3 placements 0
    )
    const other = await s.get(`/powerpath/placement/getSubjectProgress?${s.q({ student: 'seed-student-9', subject: 'Math' })}`)
    assert.equal(other.body.progress[0].inEnrolled, false) // seed-student-9 is in Reading 6
  })

  it('subject must be one of the spec\'s subjects; student is required', async () => {
    const s = await setup()
    const bad = await s.get(`/powerpath/placement/getCurrentLevel?${s.q({ student: STUDENT, subject: 'Art' })}`)
    assert.equal(bad.status, 400)
    assertImsx(bad.body, 'invaliddata', /'subject'.*Reading, Language/)
    assert.equal((await s.get(`/powerpath/placement/getCurrentLevel?${s.q({ subject: 'Math' })}`)).status, 400)
    assert.equal((await s.get('/powerpath/placement/nobody')).status, 404)
    assert.equal((await s.call('POST', '/powerpath/placement/resetUserPlacement', { student: STUDENT, subject: 'math' })).status, 400)
  })
})

describe('PowerPath emulator: test assignments', () => {
  const create = (s: Awaited<ReturnType<typeof setup>>, body: Json) => s.call('POST', '/powerpath/test-assignments', body)

  it('assigned → in_progress on the first answer → completed at 90+ or failed below; the unlisted lesson is taken like any other', async () => {
    const s = await setup()
    const made = await create(s, { student: 'seed-student-2', subject: 'Math', grade: '4', testName: 'Grade 4 check' })
    assert.equal(made.status, 200)
    const { assignmentId, lessonId, resourceId } = made.body
    assert.equal(resourceId, `${lessonId}-resource`)
    const read = async (id: string) => (await s.get(`/powerpath/test-assignments/${enc(id)}`)).body
    const first = await read(assignmentId)
    assert.deepEqual([first.assignmentStatus, first.studentEmail, first.grade, first.testName, first.assignedAt, first.expiresAt],
      ['assigned', 'seed-student-2@seed.example', '4', 'Grade 4 check', '2026-03-02T10:00:00.000Z', '2026-04-01T10:00:00.000Z'])
    await s.answer(`${lessonId}-q1`, rightAnswer(`${lessonId}-q1`), lessonId, 'seed-student-2')
    assert.equal((await read(assignmentId)).assignmentStatus, 'in_progress')
    s.clock.t += 60_000
    await takeAssessment(s, lessonId, 5, 'seed-student-2')
    const done = await read(assignmentId)
    assert.deepEqual([done.assignmentStatus, done.completedAt], ['completed', '2026-03-02T10:01:00.000Z'])

    const second = (await create(s, { student: 'seed-student-2', subject: 'Math', grade: '5' })).body
    await takeAssessment(s, second.lessonId, 4, 'seed-student-2')
    assert.equal((await read(second.assignmentId)).assignmentStatus, 'failed')
  })

  it('an open assignment reads expired after 30 days; cancelled is set through emulator.powerpath; status filters the list', async () => {
    const s = await setup()
    const a = (await create(s, { student: 'seed-student-3', subject: 'Reading', grade: '3' })).body
    const b = (await create(s, { student: 'seed-student-3', subject: 'Reading', grade: '4' })).body
    assert.equal(s.emu.powerpath.setTestAssignmentStatus(b.assignmentId, 'cancelled'), true)
    s.clock.t += 30 * 86_400_000
    const list = await s.get(`/powerpath/test-assignments?${s.q({ student: 'seed-student-3' })}`)
    assert.deepEqual(list.body.testAssignments.map((x: Json) => [x.sourcedId, x.assignmentStatus]), [[a.assignmentId, 'expired'], [b.assignmentId, 'cancelled']])
    const expired = await s.get(`/powerpath/test-assignments?${s.q({ student: 'seed-student-3', status: 'expired' })}`)
    assert.deepEqual(expired.body.testAssignments.map((x: Json) => x.sourcedId), [a.assignmentId])
    // An expired assignment stays expired when its lesson is answered late.
    await s.answer(`${a.lessonId}-q1`, 'A', a.lessonId, 'seed-student-3')
    assert.equal((await s.get(`/powerpath/test-assignments/${a.assignmentId}`)).body.assignmentStatus, 'expired')
  })

  it('lists page by offset with the spec\'s totals; the admin list spans students; subject and grade filter', async () => {
    const s = await setup()
    for (const grade of ['1', '2', '3', '4', '5']) await create(s, { student: 'seed-student-4', subject: 'Math', grade })
    await create(s, { student: 'seed-student-5', subject: 'Science', grade: '2' })
    const p1 = await s.get(`/powerpath/test-assignments?${s.q({ student: 'seed-student-4', limit: '2' })}`)
    assert.deepEqual([p1.body.testAssignments.map((x: Json) => x.grade), p1.body.totalCount, p1.body.pageCount, p1.body.pageNumber, p1.body.offset, p1.body.limit], [['1', '2'], 5, 3, 1, 0, 2])
    const p3 = await s.get(`/powerpath/test-assignments?${s.q({ student: 'seed-student-4', limit: '2', offset: '4' })}`)
    assert.deepEqual([p3.body.testAssignments.map((x: Json) => x.grade), p3.body.pageNumber], [['5'], 3])
    const admin = await s.get('/powerpath/test-assignments/admin')
    assert.equal(admin.body.totalCount, 6)
    assert.equal((await s.get(`/powerpath/test-assignments/admin?${s.q({ subject: 'Science' })}`)).body.totalCount, 1)
    assert.equal((await s.get(`/powerpath/test-assignments/admin?${s.q({ grade: '2' })}`)).body.totalCount, 2)
    assert.equal((await s.get(`/powerpath/test-assignments?${s.q({ student: 'seed-student-4', limit: '0' })}`)).status, 400)
    assert.equal((await s.get(`/powerpath/test-assignments?${s.q({ student: 'seed-student-4', limit: '3001' })}`)).status, 400)
  })

  it('bad input is 400 naming the field, an unknown student 404; update renames; delete is soft and then 404', async () => {
    const s = await setup()
    const noStudent = await s.get('/powerpath/test-assignments?studentId=seed-student-1')
    assert.equal(noStudent.status, 400)
    assertImsx(noStudent.body, 'invaliddata', /'student'/)
    assert.equal((await s.get(`/powerpath/test-assignments?${s.q({ student: STUDENT, status: 'done' })}`)).status, 400)
    const numericGrade = await create(s, { student: STUDENT, subject: 'Math', grade: 3 })
    assert.equal(numericGrade.status, 400)
    assertImsx(numericGrade.body, 'invaliddata', /'grade'/)
    assert.equal((await create(s, { student: 'ghost', subject: 'Math', grade: '3' })).status, 404)
    const { assignmentId } = (await create(s, { student: STUDENT, subject: 'Math', grade: '3' })).body
    assert.equal((await s.call('PUT', `/powerpath/test-assignments/${assignmentId}`, { testName: '' })).status, 400)
    const renamed = await s.call('PUT', `/powerpath/test-assignments/${assignmentId}`, { testName: 'Renamed' })
    assert.deepEqual([renamed.status, renamed.text], [204, ''])
    assert.equal((await s.get(`/powerpath/test-assignments/${assignmentId}`)).body.testName, 'Renamed')
    assert.equal((await s.call('DELETE', `/powerpath/test-assignments/${assignmentId}`)).status, 204)
    assert.equal((await s.get(`/powerpath/test-assignments/${assignmentId}`)).status, 404)
    assert.equal((await s.call('DELETE', `/powerpath/test-assignments/${assignmentId}`)).status, 404)
    assert.equal((await s.get(`/powerpath/test-assignments?${s.q({ student: STUDENT })}`)).body.totalCount, 0)
    assert.equal(s.emu.powerpath.testAssignments.find((a) => a.sourcedId === assignmentId)?.deleted, true)
  })

  it('bulk is all or nothing: any bad row answers 400 with every row error and creates nothing', async () => {
    const s = await setup()
    const bad = await s.call('POST', '/powerpath/test-assignments/bulk', {
      items: [{ student: STUDENT, subject: 'Math', grade: '3' }, { student: STUDENT, subject: 'Art', grade: '3' }, { student: 'ghost', subject: 'Math', grade: '3' }],
    })
    assert.equal(bad.status, 400)
    // The spec's body for refused rows, and nothing else (its schema has additionalProperties: false).
    assert.deepEqual(Object.keys(bad.body).sort(), ['errors', 'results', 'success'])
    assert.deepEqual([bad.body.success, bad.body.results], [false, []])
    assert.deepEqual(bad.body.errors.map((e: Json) => e.row), [1, 2])
    assert.match(bad.body.errors[0].message, /'subject'/)
    assert.match(bad.body.errors[1].message, /ghost/)
    assert.equal(s.emu.powerpath.testAssignments.length, 0)
    const good = await s.call('POST', '/powerpath/test-assignments/bulk', { items: [{ student: STUDENT, subject: 'Math', grade: '3' }, { student: 'seed-student-2', subject: 'Reading', grade: '4' }] })
    assert.equal(good.status, 200)
    assert.deepEqual([good.body.success, good.body.results.length, good.body.errors], [true, 2, []])
    assert.equal((await s.call('POST', '/powerpath/test-assignments/bulk', { items: [] })).status, 400)
    const tooMany = await s.call('POST', '/powerpath/test-assignments/bulk', { items: Array.from({ length: 3001 }, () => ({ student: STUDENT, subject: 'Math', grade: '3' })) })
    assertImsx(tooMany.body, 'invaliddata', /at most 3000/)
    assert.equal(s.emu.powerpath.testAssignments.length, 2)
  })

  it('import reads a published sheet (student by id or email, columns in any case); a bad row or an unreadable sheet is 400', async () => {
    const s = await setup()
    const url = 'https://docs.google.com/spreadsheets/d/abc/edit'
    s.emu.powerpath.publishSheet(url, 'Fall', 'Student,SUBJECT,Grade,testName\r\nseed-student-2@seed.example,math,3,"Check, part 1"\nseed-student-3,Reading,4,\n')
    const ok = await s.call('POST', '/powerpath/test-assignments/import', { spreadsheetUrl: url, sheet: 'Fall' })
    assert.equal(ok.status, 200, JSON.stringify(ok.body))
    assert.equal(ok.body.results.length, 2)
    assert.deepEqual(s.emu.powerpath.testAssignments.map((a) => [a.studentSourcedId, a.subject, a.grade, a.testName]), [['seed-student-2', 'Math', '3', 'Check, part 1'], ['seed-student-3', 'Reading', '4', null]])
    s.emu.powerpath.publishSheet(url, 'Bad', 'student,subject,grade\nseed-student-2,Math,3\nnobody@x.test,Math,3\n')
    const bad = await s.call('POST', '/powerpath/test-assignments/import', { spreadsheetUrl: url, sheet: 'Bad' })
    assert.deepEqual([bad.status, bad.body.errors.map((e: Json) => e.row)], [400, [1]])
    assert.equal(s.emu.powerpath.testAssignments.length, 2)
    assert.equal((await s.call('POST', '/powerpath/test-assignments/import', { spreadsheetUrl: url, sheet: 'fall' })).status, 400)
    s.emu.powerpath.publishSheet(url, 'NoGrade', 'student,subject\nseed-student-2,Math\n')
    assertImsx((await s.call('POST', '/powerpath/test-assignments/import', { spreadsheetUrl: url, sheet: 'NoGrade' })).body, 'invaliddata', /grade/)
  })
})

describe('PowerPath emulator: lesson plans', () => {
  const LP = '/powerpath/lessonPlans'
  const target = (type: 'component' | 'resource', id: string) => ({ type, id })
  /** Root components of a tree answer and each one's visible componentResources. */
  const outline = (tree: Json) => tree.lessonPlan.lessonPlan.subComponents.map((c: Json) => [c.sourcedId, c.componentResources.map((r: Json) => r.sourcedId)])

  it('one plan per course and student, built from the course structure of both catalogs; 404 for an unknown course, user or class', async () => {
    const s = await setup()
    const first = await s.call('POST', `${LP}/`, { courseId: 'seed-course-1', userId: STUDENT })
    assert.equal(first.status, 201)
    const again = await s.call('POST', `${LP}/`, { courseId: 'seed-course-1', userId: STUDENT, classId: 'seed-class-1' })
    assert.deepEqual([again.status, again.body.lessonPlanId], [200, first.body.lessonPlanId])
    const tree = await s.get(`${LP}/seed-course-1/${STUDENT}`)
    assert.equal(tree.body.lessonPlan.lessonPlan.course.title, 'Math 3')
    assert.deepEqual(outline(tree.body), [
      ['seed-component-1', ['seed-component-resource-1']],
      ['pp-unit-math3-multiplication', [PP100, QUIZ, 'pp-lesson-math3-unit-test']],
      ['pp-unit-math3-test-out', ['pp-lesson-math3-test-out']],
      ['pp-unit-math-placement', ['pp-placement-math-g3', 'pp-placement-math-g4', 'pp-placement-math-g5']],
    ])
    assert.equal(tree.body.lessonPlan.lessonPlan.subComponents[1].componentResources[0].resource.metadata.lessonType, 'powerpath-100')
    assert.equal((await s.call('POST', `${LP}/`, { courseId: 'nope', userId: STUDENT })).status, 404)
    assert.equal((await s.call('POST', `${LP}/`, { courseId: 'seed-course-1', userId: 'ghost' })).status, 404)
    assert.equal((await s.call('POST', `${LP}/`, { courseId: 'seed-course-1', userId: STUDENT, classId: 'no-class' })).status, 404)
    assertImsx((await s.call('POST', `${LP}/`, { courseId: 'seed-course-1', studentId: STUDENT })).body, 'invaliddata', /'userId'/)
    assert.equal((await s.get(`${LP}/seed-course-1/seed-student-2`)).status, 404)
  })

  it('stored operations wait for sync, which applies them in sequence order; a failing one is reported, the rest still apply', async () => {
    const s = await setup()
    const id = (await s.call('POST', `${LP}/`, { courseId: 'seed-course-1', userId: STUDENT })).body.lessonPlanId
    const ops = [
      { type: 'set-skipped', payload: { target: target('resource', QUIZ), value: true } },
      { type: 'move-item-to-start', payload: { target: target('resource', 'pp-lesson-math3-unit-test') } },
      { type: 'change-item-parent', payload: { target: target('resource', PP100), new_parent_id: 'pp-unit-math3-test-out', position: 'start' } },
      { type: 'move-item-before', payload: { target: target('component', 'pp-unit-math-placement'), reference_id: 'seed-component-1' } },
      { type: 'add-custom-resource', payload: { resource_id: 'seed-resource-1', parent_component_id: 'pp-unit-math3-multiplication' } },
      { type: 'set-skipped', payload: { target: target('component', 'no-such-unit'), value: true } },
      // Applied after the move to start above: the unit test ends up after the custom resource, last.
      { type: 'move-item-to-end', payload: { target: target('resource', 'pp-lesson-math3-unit-test') } },
    ]
    for (const [i, operation] of ops.entries()) {
      const stored = await s.call('POST', `${LP}/${id}/operations`, { operation, reason: `step ${i + 1}` })
      assert.equal(stored.status, 201, JSON.stringify(stored.body))
      assert.equal(stored.body.success, true)
    }
    const before = await s.get(`${LP}/tree/${id}`)
    assert.deepEqual(outline(before.body)[1], ['pp-unit-math3-multiplication', [PP100, QUIZ, 'pp-lesson-math3-unit-test']], 'nothing applied before sync')
    const log = await s.get(`${LP}/${id}/operations`)
    assert.deepEqual(log.body.operations.map((o: Json) => [o.sequenceNumber, o.type, o.reason]), ops.map((o, i) => [i + 1, o.type, `step ${i + 1}`]))

    const sync = await s.call('POST', `${LP}/${id}/operations/sync`)
    assert.deepEqual([sync.body.success, sync.body.operationCount, sync.body.operationResults.map((r: Json) => r.success)], [false, 7, [true, true, true, true, true, false, true]])
    assert.match(sync.body.operationResults[5].errors[0].message, /no-such-unit/)
    const expected = [
      ['pp-unit-math-placement', ['pp-placement-math-g3', 'pp-placement-math-g4', 'pp-placement-math-g5']],
      ['seed-component-1', ['seed-component-resource-1']],
      ['pp-unit-math3-multiplication', ['custom-seed-resource-1', 'pp-lesson-math3-unit-test']], // the quiz is skipped
      ['pp-unit-math3-test-out', [PP100, 'pp-lesson-math3-test-out']],
    ]
    assert.deepEqual(outline((await s.get(`${LP}/tree/${id}`)).body), expected)
    const structure = await s.get(`${LP}/tree/${id}/structure`)
    const unit = structure.body.lessonPlan.lessonPlan.structure[2]
    assert.deepEqual(unit.componentResources.map((r: Json) => [r.componentResourceId, r.skipped, r.order]), [[QUIZ, true, '1'], ['custom-seed-resource-1', false, '2'], ['pp-lesson-math3-unit-test', false, '3']])
    assert.equal((await s.call('POST', `${LP}/${id}/operations/sync`)).body.operationCount, 0, 'a second sync has nothing pending')

    const recreated = await s.call('POST', `${LP}/${id}/recreate`)
    assert.equal(recreated.body.operationCount, 7)
    assert.deepEqual(outline((await s.get(`${LP}/tree/${id}`)).body), expected)

    // A structural change to the base course reaches the plan through a course sync, personalisation kept.
    s.emu.state.insert('courseComponents', { sourcedId: 'or-unit-9', title: 'Unit 9', course: { sourcedId: 'seed-course-1' }, sortOrder: 9 })
    const courseSync = await s.call('POST', `${LP}/course/seed-course-1/sync`)
    assert.deepEqual(courseSync.body, { lessonPlansAffected: [id] })
    assert.deepEqual(outline((await s.get(`${LP}/tree/${id}`)).body).map((c: unknown[]) => c[0]), ['pp-unit-math-placement', 'seed-component-1', 'pp-unit-math3-multiplication', 'pp-unit-math3-test-out', 'or-unit-9'])
  })

  it('a component cannot move into itself; bad operations are 400, unknown plans 404; deleteAll removes the course\'s plans', async () => {
    const s = await setup()
    const id = (await s.call('POST', `${LP}/`, { courseId: 'seed-course-1', userId: STUDENT })).body.lessonPlanId
    await s.call('POST', `${LP}/${id}/operations`, { operation: { type: 'change-item-parent', payload: { target: target('component', 'seed-component-1'), new_parent_id: 'seed-component-1' } } })
    const sync = await s.call('POST', `${LP}/${id}/operations/sync`)
    assert.match(sync.body.operationResults[0].errors[0].message, /into itself/)
    assertImsx((await s.call('POST', `${LP}/${id}/operations`, { operation: { type: 'explode', payload: {} } })).body, 'invaliddata', /'operation.type'/)
    assertImsx((await s.call('POST', `${LP}/${id}/operations`, { operation: { type: 'set-skipped', payload: { target: target('resource', QUIZ) } } })).body, 'invaliddata', /value/)
    assert.equal((await s.call('POST', `${LP}/${id}/operations`, {})).status, 400)
    assert.equal((await s.call('POST', `${LP}/nope/operations`, { operation: { type: 'move-item-to-end', payload: { target: target('resource', QUIZ) } } })).status, 404)
    assert.equal((await s.get(`${LP}/tree/nope`)).status, 404)
    assert.equal((await s.call('DELETE', `${LP}/seed-course-1/deleteAll`)).status, 204)
    assert.equal((await s.get(`${LP}/tree/${id}`)).status, 404)
  })

  it('the syllabus is the course structure with nothing skipped', async () => {
    const s = await setup()
    const syl = await s.get('/powerpath/syllabus/seed-course-2')
    assert.deepEqual(syl.body.syllabus.subComponents.map((c: Json) => c.sourcedId), ['pp-unit-read6-main-idea', 'pp-unit-read6-test-out', 'pp-unit-reading-placement'])
    assert.equal((await s.get('/powerpath/syllabus/nope')).status, 404)
  })
})

describe('PowerPath emulator: course progress and test-outs', () => {
  it('getCourseProgress lists the course\'s items with the student\'s results; lessonId narrows it', async () => {
    const s = await setup()
    await takeAssessment(s, QUIZ, 5)
    const written = await s.call('POST', '/powerpath/lessonPlans/updateStudentItemResponse', {
      studentId: STUDENT, componentResourceId: 'seed-component-resource-1', result: { status: 'active', scoreStatus: 'fully graded', score: 70, scoreDate: '2026-03-02T09:00:00.000Z' },
    })
    assert.equal(written.status, 201)
    assert.equal(written.body.componentResourceResult.score, 70)
    const all = await s.get(`/powerpath/lessonPlans/getCourseProgress/seed-course-1/student/${STUDENT}`)
    assert.equal(all.body.lineItems.length, 8)
    const byId = Object.fromEntries(all.body.lineItems.map((l: Json) => [l.courseComponentResourceSourcedId, l.results]))
    assert.deepEqual(byId[QUIZ].map((r: Json) => [r.score, r.scoreStatus]), [[100, 'fully graded']])
    assert.deepEqual(byId['seed-component-resource-1'].map((r: Json) => r.score), [70])
    assert.deepEqual(byId[PP100], [])
    assert.deepEqual(all.body.testOut, { status: 'available' })
    const one = await s.get(`/powerpath/lessonPlans/getCourseProgress/seed-course-1/student/${STUDENT}?lessonId=${QUIZ}`)
    assert.deepEqual(one.body.lineItems.map((l: Json) => l.courseComponentResourceSourcedId), [QUIZ])
    const other = await s.get('/powerpath/lessonPlans/getCourseProgress/seed-course-1/student/seed-student-9')
    assert.deepEqual(other.body.testOut, { status: 'not_eligible' }) // seed-student-9 is enrolled in Reading 6 only
    const bad = await s.call('POST', '/powerpath/lessonPlans/updateStudentItemResponse', { studentId: STUDENT, componentResourceId: QUIZ, result: { status: 'active', scoreStatus: 'graded', scoreDate: '2026-03-02' } })
    assertImsx(bad.body, 'invaliddata', /'result.scoreStatus'/)
  })

  it('startTestOut creates, then reuses, the course test-out; its outcome shows in getCourseProgress and closes eligibility', async () => {
    const s = await setup()
    const start = () => s.call('POST', '/powerpath/lessonPlans/startTestOut', { courseId: 'seed-course-1', studentId: STUDENT })
    const made = await start()
    assert.deepEqual([made.status, made.body.status, made.body.lessonId], [200, 'created', 'pp-lesson-math3-test-out'])
    const reused = await start()
    assert.deepEqual([reused.body.status, reused.body.assignmentId], ['existing', made.body.assignmentId])
    const progress = async () => (await s.get(`/powerpath/lessonPlans/getCourseProgress/seed-course-1/student/${STUDENT}`)).body.testOut
    assert.deepEqual(await progress(), { status: 'in_progress', assignmentId: made.body.assignmentId, lessonId: 'pp-lesson-math3-test-out' })
    const legacy = async () => (await s.get(`/powerpath/testOut?${s.q({ student: STUDENT, course: 'seed-course-1' })}`)).body
    assert.deepEqual([(await legacy()).lessonId, (await legacy()).finalized], ['pp-lesson-math3-test-out', false])
    await takeAssessment(s, 'pp-lesson-math3-test-out', 5)
    assert.equal((await progress()).status, 'completed')
    assert.equal((await legacy()).finalized, true)
    const closed = await start()
    assertImsx(closed.body, 'invaliddata', /already has a completed Math grade 3 test-out/)
    const notEnrolled = await s.call('POST', '/powerpath/lessonPlans/startTestOut', { courseId: 'seed-course-1', studentId: 'seed-student-9' })
    assert.equal(notEnrolled.status, 422)
  })
})

describe('PowerPath emulator: internal and external tests', () => {
  it('createInternalTest adds a QTI or assessment-bank lesson to the course; a test-out is updated in place, not duplicated', async () => {
    const s = await setup()
    const qti = await s.call('POST', '/powerpath/createInternalTest', { courseId: 'seed-course-2', lessonType: 'quiz', testType: 'qti', qti: { url: 'https://qti.example/tests/1.xml' }, xp: 12, lessonTitle: 'Vocab quiz' })
    assert.equal(qti.status, 200, JSON.stringify(qti.body))
    assert.deepEqual([qti.body.lessonType, qti.body.testType, qti.body.grades], ['quiz', 'qti', []])
    const progress = await s.get(`/powerpath/getAssessmentProgress?${s.q({ student: 'seed-student-9', lesson: qti.body.lessonId })}`)
    assert.deepEqual([progress.status, progress.body.lessonType, progress.body.questions.length], [200, 'quiz', 12])
    const bank = await s.call('POST', '/powerpath/createInternalTest', {
      courseId: 'seed-course-1', lessonType: 'test-out', testType: 'assessment-bank', xp: 60, assessmentBank: { resources: [{ url: 'https://qti.example/a.xml' }, { url: 'https://qti.example/b.xml' }] },
    })
    assert.equal(bank.body.lessonId, 'pp-lesson-math3-test-out', 'the course already has a test-out: it is updated')
    assert.equal(bank.body.childResourceIds.length, 2)
    const subject = await s.get(`/powerpath/placement/getSubjectProgress?${s.q({ student: STUDENT, subject: 'Math' })}`)
    assert.equal(subject.body.progress[0].totalAttainableXp, 83) // the test-out now gives 60 instead of 50
    assert.equal((await s.call('POST', '/powerpath/createInternalTest', { courseId: 'nope', lessonType: 'quiz', testType: 'qti', qti: { url: 'https://qti.example/1.xml' } })).status, 404)
    assertImsx((await s.call('POST', '/powerpath/createInternalTest', { courseId: 'seed-course-1', lessonType: 'quiz', testType: 'qti' })).body, 'invaliddata', /'url'/)
    assertImsx((await s.call('POST', '/powerpath/createInternalTest', { courseId: 'seed-course-1', lessonType: 'exam', testType: 'qti', qti: { url: 'https://x.test/1' } })).body, 'invaliddata', /'lessonType'/)
  })

  it('external tests: same-grade placements must share a provider; xp is required for a test-out', async () => {
    const s = await setup()
    const clash = await s.call('POST', '/powerpath/createExternalPlacementTest', { courseId: 'seed-course-2', toolProvider: 'edulastic', grades: ['6'], lessonType: 'placement' })
    assertImsx(clash.body, 'invaliddata', /grade 6 placement test on 'powerpath'/)
    const made = await s.call('POST', '/powerpath/createExternalPlacementTest', { courseId: 'seed-course-2', toolProvider: 'edulastic', grades: ['8'], lessonType: 'placement', vendorId: 'E-77' })
    assert.equal(made.status, 200, JSON.stringify(made.body))
    assert.deepEqual([made.body.toolProvider, made.body.grades, made.body.vendorId, made.body.lessonType], ['edulastic', ['8'], 'E-77', 'placement'])
    const tests = await s.get(`/powerpath/placement/getAllPlacementTests?${s.q({ student: 'seed-student-9', subject: 'Reading' })}`)
    assert.deepEqual(tests.body.placementTests.map((t: Json) => t.component_resources.sourcedId), ['pp-placement-reading-g6', 'pp-placement-reading-g7', made.body.lessonId])
    assertImsx((await s.call('POST', '/powerpath/createExternalTestOut', { courseId: 'seed-course-2', toolProvider: 'mastery-track', grades: ['6'], lessonType: 'test-out' })).body, 'invaliddata', /'xp'/)
    assertImsx((await s.call('POST', '/powerpath/createExternalTestOut', { courseId: 'seed-course-2', toolProvider: 'pearson', grades: ['6'], lessonType: 'test-out', xp: 1 })).body, 'invaliddata', /'toolProvider'/)
  })

  it('an external test round trip: assignment hands out link and credentials; results import once the tool wrote back, with XP and facts', async () => {
    const s = await setup()
    const lesson = 'pp-lesson-read6-test-out' // seeded, on mastery-track, xp 40
    const student = 'seed-student-9'
    const importResults = () => s.get(`/powerpath/importExternalTestAssignmentResults?${s.q({ student, lesson })}`)
    assertImsx((await importResults()).body, 'invaliddata', /makeExternalTestAssignment first/)
    assert.equal((await s.call('POST', '/powerpath/finalStudentAssessmentResponse', { student, lesson })).status, 422)
    const assigned = await s.call('POST', '/powerpath/makeExternalTestAssignment', { student, lesson })
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body))
    assert.deepEqual([assigned.body.toolProvider, assigned.body.lessonType, assigned.body.attempt, assigned.body.credentials.email, assigned.body.classId], ['mastery-track', 'test-out', 1, 'seed-student-9@seed.example', ''])
    assert.match(assigned.body.testUrl, /^https:\/\//)
    const pending = await importResults()
    assert.deepEqual([pending.status, pending.body.finalized, pending.body.assignmentId], [200, false, assigned.body.assignmentId])
    assert.equal(s.emu.powerpath.writeBackExternalResult(student, lesson, 95), true)
    const done = await importResults()
    assert.equal(done.body.finalized, true)
    const progress = await s.get(`/powerpath/getAssessmentProgress?${s.q({ student, lesson })}`)
    assert.deepEqual([progress.body.score, progress.body.multiplier, progress.body.xp, progress.body.toolProvider], [95, 1, 40, 'mastery-track'])
    assert.deepEqual(s.facts.filter((f) => f.eventType === 'ActivityEvent').map((f) => [f.studentId, f.subject, f.xpEarned, f.courseId]), [[student, 'Reading', 40, 'seed-course-2']])
    assert.equal(s.emu.powerpath.writeBackExternalResult(student, lesson, 10), false, 'a finalized attempt takes no write-back')
    assertImsx((await s.call('POST', '/powerpath/makeExternalTestAssignment', { student, lesson: QUIZ })).body, 'invaliddata', /quiz|external/)
  })
})

describe('PowerPath emulator: self-service test-outs, course sequences, screening', () => {
  it('eligibility needs an enrollment in the subject and targets the lowest sequence assessment grade, then mastered + 1', async () => {
    const s = await setup()
    const check = async (student: string, subject: string) => (await s.get(`/powerpath/test-out/getTestOutEligibility/${student}/${subject}`)).body
    assert.deepEqual(await check(STUDENT, 'math'), { eligible: true })
    const reading = await check(STUDENT, 'Reading')
    assert.equal(reading.eligible, false)
    assert.match(reading.reason, /No active enrollment in a Reading course/)
    const make = () => s.call('POST', '/powerpath/test-out/makeExternalStudentTestOutAssignment', { oneRosterSourcedId: STUDENT, subject: 'Math' })
    const first = await make()
    assert.deepEqual([first.body.success, first.body.data.grade, first.body.data.status], [true, '3', 'created']) // the seeded Math sequence assesses grades 3-5
    assert.equal((await make()).body.data.assignmentId, first.body.data.assignmentId, 'an open one is reused')
    await takeAssessment(s, first.body.data.lessonId, 5)
    const next = await make()
    assert.deepEqual([next.body.success, next.body.data.grade], [true, '4'], 'grade 3 mastered: the next target is 4')
    assert.deepEqual((await s.call('POST', '/powerpath/test-out/makeExternalStudentTestOutAssignment', { oneRosterSourcedId: 'seed-student-9', subject: 'Math' })).body.success, false)
    assert.equal((await s.get(`/powerpath/test-out/getTestOutEligibility/${STUDENT}/Art`)).status, 400)
    assert.equal((await s.get('/powerpath/test-out/getTestOutEligibility/ghost/Math')).status, 404)
    assert.equal((await s.call('POST', '/powerpath/test-out/makeExternalStudentTestOutAssignment', { studentId: STUDENT, subject: 'Math' })).status, 400)
  })

  it('a course sequence, its stages (bare array, limit, grade) and the stage after an assessment', async () => {
    const s = await setup()
    const id = '5e9a0c2e-6b1f-4c39-9d3e-000000000001'
    const seq = await s.get(`/powerpath/course-sequence/${id}`)
    assert.deepEqual([seq.body.subject, seq.body.status, seq.body.stages.length], ['Math', 'active', 4])
    assert.equal((await s.get(`/powerpath/course-sequence/${id}/stages`)).body.length, 4)
    assert.deepEqual((await s.get(`/powerpath/course-sequence/${id}/stages?limit=1`)).body.map((x: Json) => x.id), ['stage-math-placement'])
    assert.deepEqual((await s.get(`/powerpath/course-sequence/${id}/stages?grade=4`)).body.map((x: Json) => x.id), ['stage-math-placement', 'stage-math-4'])
    const after = (query: string) => s.get(`/powerpath/course-sequence/${id}/stages/after/assessment?${query}`)
    assert.equal((await after('test_grade=3')).body.id, 'stage-math-4')
    assert.equal((await after('test_grade=3&test_type=placement')).body.id, 'stage-math-3')
    assert.equal((await after('test_grade=5')).status, 404)
    assert.equal((await after('test_type=placement')).status, 400)
    assert.equal((await s.get('/powerpath/course-sequence/nope')).status, 404)
  })

  it('screening: assign makes the session, results come with the finished test, reset clears the assignment', async () => {
    const s = await setup()
    assert.equal((await s.get(`/powerpath/screening/session/${STUDENT}`)).status, 404)
    const assigned = await s.call('POST', '/powerpath/screening/tests/assign', { userId: STUDENT, subject: 'Math' })
    assert.equal(assigned.status, 200)
    assert.deepEqual([assigned.body.name, assigned.body.status, assigned.body.assignment], ['Ada Lovelace', 'active', { assignedTestKey: 'MAP-Math-G3', status: 'assigned', nweaStatus: 'AWAITING_STUDENT' }])
    assert.deepEqual((await s.get(`/powerpath/screening/results/${STUDENT}`)).body, {})
    assert.equal(s.emu.powerpath.completeScreening(STUDENT, 'Math', 201), true)
    assert.deepEqual((await s.get(`/powerpath/screening/results/${STUDENT}`)).body, { Math: { grade: '3', ritScore: 201, testName: 'MAP-Math-G3', completedAt: '2026-03-02T10:00:00.000Z' } })
    assert.deepEqual((await s.get(`/powerpath/placement/${STUDENT}`)).body.Math.RIT, { SCREENING: { score: 201, grade: 3 } })
    const reset = await s.call('POST', '/powerpath/screening/session/reset', { userId: STUDENT })
    assert.equal(reset.status, 204)
    assert.equal((await s.get(`/powerpath/screening/session/${STUDENT}`)).body.assignment.assignedTestKey, null)
    assert.equal((await s.call('POST', '/powerpath/screening/tests/assign', { userId: STUDENT, subject: 'Art' })).status, 400)
  })
})

describe('PowerPath emulator: module life', () => {
  it('reset() forgets attempts, assignments and added lessons and reloads the seed; seed: false starts empty', async () => {
    const s = await setup()
    await s.step(true)
    s.emu.powerpath.addLesson({ id: 'extra-lesson', courseId: 'seed-course-1', lessonType: 'quiz', xp: 3, questions: [{ correct: 'D' }] })
    await s.call('POST', '/powerpath/test-assignments', { student: STUDENT, subject: 'Math', grade: '3' })
    s.emu.reset()
    assert.deepEqual(s.emu.powerpath.attempts(STUDENT, PP100), [])
    assert.equal(s.emu.powerpath.testAssignments.length, 0)
    // reset() also revoked the token: a new one reads the reseeded catalog.
    const token = await mintToken(s.emu)
    const read = async (lesson: string) => (await s.emu.fetch(`${s.emu.origin}/powerpath/getAttempts?${new URLSearchParams({ student: STUDENT, lesson })}`, { headers: { authorization: `Bearer ${token}` } })).status
    assert.deepEqual([await read(PP100), await read('extra-lesson')], [200, 404])

    const empty = await connect({ seed: false })
    empty.emu.state.insert('users', { sourcedId: 'u1', givenName: 'U', familyName: 'One', roles: [] })
    const res = await empty.get(`/powerpath/getAttempts?${new URLSearchParams({ student: 'u1', lesson: PP100 })}`)
    assertImsx(res.body, 'unknownobject', /Lesson 'pp-lesson-math3-pp100' not found/)
  })

  it('EduBridge receives the facts of a finished lesson through the hub', async () => {
    const s = await setup()
    for (let i = 0; i < 4; i++) await s.step(true)
    const received = s.emu.edubridge.facts.filter((f) => f.source === 'powerpath')
    assert.deepEqual(received.map((f) => [f.eventType, f.studentId, f.xpEarned, f.activityId]), [['ActivityEvent', STUDENT, 12.5, PP100], ['TimeSpentEvent', STUDENT, 0, PP100]])
  })
})

describe('every PowerPath operation of powerpath-api.2025-12.json and the 2026 additions', () => {
  const file = resolve(fileURLToPath(new URL('../../', import.meta.url)), process.env.TIMEBACK_SPECS ?? '../shared/specs', 'powerpath-api.2025-12.json')
  // Like the other spec walks: without the spec the test skips, except under CI=true where it must fail.
  const missing = existsSync(file) ? undefined : `spec not found at ${file} (set TIMEBACK_SPECS)`
  const ADDITIONS = [
    ['GET', '/powerpath/course-sequence/{id}'], ['GET', '/powerpath/course-sequence/:id/stages'], ['GET', '/powerpath/course-sequence/:id/stages/after/assessment'],
    ['GET', '/powerpath/test-out/getTestOutEligibility/{studentId}/{subject}'], ['POST', '/powerpath/test-out/makeExternalStudentTestOutAssignment'],
  ]

  it('routes each (method, path): no answer is the kernel\'s unknown-route 404 or a 405', async (t) => {
    if (missing) {
      if (process.env.CI === 'true') assert.fail(missing)
      return t.skip(missing)
    }
    const spec = JSON.parse(readFileSync(file, 'utf8')) as Json
    const ops: string[][] = []
    for (const [path, item] of Object.entries(spec.paths as Json)) {
      for (const m of Object.keys(item as Json)) if (['get', 'post', 'put', 'delete', 'patch'].includes(m)) ops.push([m.toUpperCase(), path])
    }
    assert.equal(ops.length, 45)
    const s = await setup()
    const problems: string[] = []
    for (const [method, path] of [...ops, ...ADDITIONS]) {
      // Express-style `:id` segments are path parameters too.
      const url = path!.replace(/\{[^}]+\}|:[A-Za-z]+/g, 'emulator-x')
      const res = await s.call(method!, url, method === 'GET' || method === 'DELETE' ? undefined : {})
      if (res.status === 405 || (res.status === 404 && /Unknown route/.test(res.body?.imsx_description ?? ''))) problems.push(`${method} ${path} -> ${res.status}`)
    }
    assert.deepEqual(problems, [])
  })
})
