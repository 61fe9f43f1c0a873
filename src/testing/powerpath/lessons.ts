// The lesson flow: getNextQuestion → updateStudentQuestionResponse → getAssessmentProgress →
// finalStudentAssessmentResponse → getAttempts / createNewAttempt / resetAttempt. Answers come back as the spec's
// oneOf by lessonType: powerpath-100 answers carry the score and correctness, the other types only their type
// (they are scored when finalized). External tests (resource metadata.toolProvider) are finalized by
// importExternalTestAssignmentResults, not here.
import { route, type Ctx, type Route } from '../context.js'
import { HttpError, json, notFound } from '../http.js'
import { attemptView, attemptsOf, complete, currentAttempt, isCorrect, newAttempt, nextQuestion, responseOf, scorePowerPath100, tally } from './attempts.js'
import { lessonOf, questionView, questionsOf, requireType, studentOf, type Lesson, type PP } from './catalog.js'
import { onComplete, onStarted } from './completion.js'
import { needQuery, needString, readBody } from './request.js'
import type { Attempt, Difficulty, Question } from './state.js'

const ASSESSMENTS = ['quiz', 'test-out', 'placement', 'unit-test'] as const

/** Student and lesson from the query (GET routes), both checked. */
function fromQuery(pp: PP, ctx: Ctx): { student: string; lesson: Lesson } {
  const student = needQuery(ctx, 'student')
  const lessonId = needQuery(ctx, 'lesson')
  studentOf(pp, student)
  return { student, lesson: lessonOf(pp, lessonId) }
}

async function fromBody(pp: PP, ctx: Ctx): Promise<{ student: string; lesson: Lesson; body: Record<string, unknown> }> {
  const body = await readBody(ctx)
  const student = needString(body, 'student')
  const lessonId = needString(body, 'lesson')
  studentOf(pp, student)
  return { student, lesson: lessonOf(pp, lessonId), body }
}

function answeredView(q: Question, index: number, attempt: Attempt, reveal: boolean): Record<string, unknown> {
  const a = attempt.answers.get(q.id)
  const view = questionView(q, index)
  if (!a) return view
  const response = typeof a.response === 'string' ? a.response : [...a.response]
  if (!reveal) return { ...view, response, responses: { RESPONSE: response } }
  return { ...view, response, responses: { RESPONSE: response }, correct: a.correct, result: { score: a.correct ? 1 : 0, feedback: a.correct ? 'Correct.' : 'Incorrect.' } }
}

function progress(pp: PP, lesson: Lesson, attempt: Attempt): Record<string, unknown> {
  const bank = questionsOf(pp, lesson)
  const { correct, answered, accuracy } = tally(attempt)
  const common = { attempt: attempt.attempt, xp: attempt.xp, multiplier: attempt.multiplier, accuracy, correctQuestions: correct }
  if (lesson.lessonType === 'powerpath-100') {
    const remaining: Record<Difficulty, number> = { easy: 0, medium: 0, hard: 0 }
    for (const q of bank) if (!attempt.answers.has(q.id)) remaining[q.difficulty]++
    const seen = attempt.order.map((id) => bank.findIndex((q) => q.id === id)).map((i) => answeredView(bank[i]!, i, attempt, true))
    return { lessonType: lesson.lessonType, remainingQuestionsPerDifficulty: remaining, score: attempt.score, seenQuestions: seen, ...common, totalQuestions: answered }
  }
  return {
    lessonType: lesson.lessonType, finalized: attempt.finalized, score: attempt.score, questions: bank.map((q, i) => answeredView(q, i, attempt, attempt.finalized)),
    toolProvider: lesson.toolProvider, ...common, accuracy: attempt.finalized ? accuracy : 0, totalQuestions: bank.length,
  }
}

function getNextQuestion(pp: PP, ctx: Ctx): Response {
  const { student, lesson } = fromQuery(pp, ctx)
  requireType(lesson, ['powerpath-100'], 'getNextQuestion')
  const attempt = currentAttempt(pp, student, lesson.id)
  if (attempt.finalized) throw new HttpError(422, `Attempt ${attempt.attempt} of lesson '${lesson.id}' is complete (score ${attempt.score}): create a new attempt to continue.`)
  const bank = questionsOf(pp, lesson)
  const q = nextQuestion(bank, attempt)
  if (!q) throw new HttpError(422, `No questions left in lesson '${lesson.id}' for attempt ${attempt.attempt} (score ${attempt.score}): reset the attempt or create a new one.`)
  return json({ score: attempt.score, question: questionView(q, bank.indexOf(q)) })
}

async function updateResponse(pp: PP, ctx: Ctx): Promise<Response> {
  const { student, lesson, body } = await fromBody(pp, ctx)
  const questionId = needString(body, 'question')
  const response = responseOf(body)
  if (lesson.toolProvider !== null) throw new HttpError(422, `Lesson '${lesson.id}' is an external test (${lesson.toolProvider}): its answers are imported with importExternalTestAssignmentResults.`)
  const bank = questionsOf(pp, lesson)
  const q = bank.find((x) => x.id === questionId)
  if (!q) throw notFound(`Question '${questionId}' is not in the question bank of lesson '${lesson.id}'.`)
  const attempt = currentAttempt(pp, student, lesson.id)
  if (attempt.finalized) throw new HttpError(422, `Attempt ${attempt.attempt} of lesson '${lesson.id}' is already ${lesson.lessonType === 'powerpath-100' ? 'complete' : 'finalized'}: create a new attempt to answer again.`)
  if (attempt.answers.size === 0) onStarted(pp, lesson.id, student)
  if (lesson.lessonType !== 'powerpath-100') {
    if (!attempt.answers.has(q.id)) attempt.order.push(q.id)
    attempt.answers.set(q.id, { response, correct: isCorrect(q, response) }) // a quiz answer may be changed until finalized
    if (attempt.scoreStatus === 'not submitted') attempt.scoreStatus = 'submitted'
    return json({ lessonType: lesson.lessonType, questionResult: { question: q.id, scoreStatus: 'submitted' } })
  }
  if (attempt.answers.has(q.id)) throw new HttpError(422, `Question '${q.id}' was already answered in attempt ${attempt.attempt}.`)
  const answer = scorePowerPath100(attempt, q, response)
  const { correct, answered, accuracy } = tally(attempt)
  if (attempt.score >= 100) {
    complete(pp, lesson, attempt, accuracy)
    onComplete(pp, lesson, student, attempt, answered)
  }
  return json({
    lessonType: lesson.lessonType, powerpathScore: attempt.score,
    responseResult: { isCorrect: answer.correct, score: answer.correct ? 1 : 0, feedback: answer.correct ? 'Correct.' : 'Incorrect.' },
    accuracy, correctQuestions: correct, totalQuestions: answered, xp: attempt.xp, multiplier: attempt.multiplier,
  })
}

function getProgress(pp: PP, ctx: Ctx): Response {
  const { student, lesson } = fromQuery(pp, ctx)
  const raw = ctx.query.get('attempt')
  if (raw === null || raw === '') return json(progress(pp, lesson, currentAttempt(pp, student, lesson.id)))
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (!Number.isSafeInteger(n) || n < 1) throw new HttpError(400, `Invalid value for parameter 'attempt': '${raw}' (must be an integer >= 1).`)
  const attempt = attemptsOf(pp, student, lesson.id)[n - 1]
  if (!attempt) throw notFound(`Attempt ${n} of lesson '${lesson.id}' not found for student '${student}'.`)
  return json(progress(pp, lesson, attempt))
}

async function finalize(pp: PP, ctx: Ctx): Promise<Response> {
  const { student, lesson } = await fromBody(pp, ctx)
  requireType(lesson, ASSESSMENTS, 'finalStudentAssessmentResponse')
  if (lesson.toolProvider !== null) throw new HttpError(422, `Lesson '${lesson.id}' is an external test (${lesson.toolProvider}): finalize it with importExternalTestAssignmentResults.`)
  const attempt = currentAttempt(pp, student, lesson.id)
  if (!attempt.finalized) {
    const bank = questionsOf(pp, lesson)
    const missing = bank.filter((q) => !attempt.answers.has(q.id)).length
    if (missing > 0) throw new HttpError(422, `Lesson '${lesson.id}' cannot be finalized: ${missing} of ${bank.length} questions are unanswered in attempt ${attempt.attempt}.`)
    const { accuracy } = tally(attempt)
    attempt.score = accuracy
    complete(pp, lesson, attempt, accuracy)
    onComplete(pp, lesson, student, attempt, bank.length)
  }
  return json({ lessonType: lesson.lessonType, finalized: true, attempt: attempt.attempt })
}

async function createAttempt(pp: PP, ctx: Ctx): Promise<Response> {
  const { student, lesson } = await fromBody(pp, ctx)
  const list = attemptsOf(pp, student, lesson.id)
  const last = list[list.length - 1]
  // Only a completed attempt makes room for a new one; otherwise the open attempt is the answer (idempotent).
  const attempt = last && !last.finalized ? last : newAttempt(pp, list)
  return json({ attempt: attemptView(attempt) })
}

async function resetAttempt(pp: PP, ctx: Ctx): Promise<Response> {
  const { student, lesson } = await fromBody(pp, ctx)
  const attempt = currentAttempt(pp, student, lesson.id)
  attempt.answers.clear()
  attempt.order.length = 0
  Object.assign(attempt, { score: 0, scoreStatus: 'not submitted', xp: null, multiplier: null, completedAt: null, finalized: false, level: 0 })
  return json({ success: true, score: 0 })
}

function getAttempts(pp: PP, ctx: Ctx): Response {
  const { student, lesson } = fromQuery(pp, ctx)
  return json({ attempts: attemptsOf(pp, student, lesson.id).map(attemptView) })
}

export function lessonRoutes(pp: PP): Route[] {
  return [
    route('GET', '/powerpath/getNextQuestion', 'getNextQuestion', (ctx) => getNextQuestion(pp, ctx)),
    route('PUT', '/powerpath/updateStudentQuestionResponse', 'updateStudentQuestionResponse', (ctx) => updateResponse(pp, ctx)),
    route('GET', '/powerpath/getAssessmentProgress', 'getAssessmentProgress', (ctx) => getProgress(pp, ctx)),
    route('POST', '/powerpath/finalStudentAssessmentResponse', 'finalStudentAssessmentResponse', (ctx) => finalize(pp, ctx)),
    route('POST', '/powerpath/createNewAttempt', 'createNewAttempt', (ctx) => createAttempt(pp, ctx)),
    route('POST', '/powerpath/resetAttempt', 'resetAttempt', (ctx) => resetAttempt(pp, ctx)),
    route('GET', '/powerpath/getAttempts', 'getAttempts', (ctx) => getAttempts(pp, ctx)),
  ]
}
