// Attempts and scoring. powerpath-100: the score starts at 0, a right answer adds 20/30/40 (easy/medium/hard) and
// raises the next question's difficulty one step, a wrong one takes 10 off (not below 0) and lowers it; the attempt
// completes when the score reaches 100. Quiz, test-out, placement, unit-test: answers are scored when the attempt is
// finalized (score = % right). XP = resource metadata.xp × multiplier: attempt 1 → 1.25 at 100 % accuracy, 1.0 at
// 80–99 %, 0 below; later attempts 1.0 / 0.5 / 0 (our notes, PP-12 descriptions; the spec itself gives no figures).
import { HttpError } from '../http.js'
import type { Lesson, PP } from './catalog.js'
import { key, type Answer, type Attempt, type Difficulty, type Question } from './state.js'

export const PASS_SCORE = 90 // placement and test-out: "scores of 90 or greater" (getCurrentLevel's description)
const GAIN: Readonly<Record<Difficulty, number>> = { easy: 20, medium: 30, hard: 40 }
const LOSS = 10
const LEVELS: readonly Difficulty[] = ['easy', 'medium', 'hard']

export function attemptsOf(pp: PP, student: string, lesson: string): Attempt[] {
  const k = key(student, lesson)
  let list = pp.state.attempts.get(k)
  if (!list) {
    list = []
    pp.state.attempts.set(k, list)
  }
  return list
}

export function newAttempt(pp: PP, list: Attempt[]): Attempt {
  const attempt: Attempt = {
    attempt: list.length + 1, score: 0, scoreStatus: 'not submitted', xp: null, multiplier: null, startedAt: pp.env.nowIso(), completedAt: null,
    finalized: false, order: [], answers: new Map(), level: 0,
  }
  list.push(attempt)
  return attempt
}

/** The student's current (latest) attempt, made on first use. */
export function currentAttempt(pp: PP, student: string, lesson: string): Attempt {
  const list = attemptsOf(pp, student, lesson)
  return list[list.length - 1] ?? newAttempt(pp, list)
}

/** The XP multiplier for `accuracy` (%) on attempt number `attempt`. */
export function multiplierFor(attempt: number, accuracy: number): number {
  if (accuracy >= 100) return attempt === 1 ? 1.25 : 1
  if (accuracy >= 80) return attempt === 1 ? 1 : 0.5
  return 0
}

export const round2 = (n: number): number => Math.round(n * 100) / 100

/** Correct answers, answered questions and accuracy (% of answered; 0 when none). */
export function tally(attempt: Attempt): { correct: number; answered: number; accuracy: number } {
  let correct = 0
  for (const a of attempt.answers.values()) if (a.correct) correct++
  const answered = attempt.answers.size
  return { correct, answered, accuracy: answered === 0 ? 0 : round2((correct / answered) * 100) }
}

/** True when `response` (string, list, or a `responses` map) is the question's right answer. */
export function isCorrect(q: Question, response: string | readonly string[]): boolean {
  return typeof response === 'string' ? response === q.correct : response.length === 1 && response[0] === q.correct
}

/** The response a body carries: `responses` (the map; its single value) wins over the deprecated `response`. */
export function responseOf(body: Record<string, unknown>): string | readonly string[] {
  const isAnswer = (v: unknown): v is string | string[] => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))
  const map = body.responses
  if (map !== undefined && map !== null) {
    const values = typeof map === 'object' && !Array.isArray(map) ? Object.values(map) : []
    if (values.length === 0 || !values.every(isAnswer)) throw new HttpError(400, "Invalid body field 'responses': an object of response identifiers to a string or a list of strings is required.")
    return values.length === 1 ? values[0]! : values.flat()
  }
  if (isAnswer(body.response)) return body.response
  throw new HttpError(400, "Missing body field 'responses' (or the deprecated 'response'): the student's answer is required.")
}

/** The next pp-100 question: the first unseen one at the attempt's level, else the nearest level that has one. */
export function nextQuestion(bank: readonly Question[], attempt: Attempt): Question | undefined {
  const unseen = bank.filter((q) => !attempt.answers.has(q.id))
  const byDistance = [0, 1, -1, 2, -2].map((d) => attempt.level + d).filter((l) => l >= 0 && l <= 2)
  for (const level of byDistance) {
    const q = unseen.find((x) => x.difficulty === LEVELS[level])
    if (q) return q
  }
  return undefined
}

/** Record a pp-100 answer; returns the answer. Completing the attempt is the caller's (it publishes facts). */
export function scorePowerPath100(attempt: Attempt, q: Question, response: string | readonly string[]): Answer {
  const correct = isCorrect(q, response)
  attempt.score = correct ? Math.min(100, attempt.score + GAIN[q.difficulty]) : Math.max(0, attempt.score - LOSS)
  attempt.level = Math.max(0, Math.min(2, attempt.level + (correct ? 1 : -1)))
  const answer: Answer = { response, correct, scoreAfter: attempt.score }
  attempt.answers.set(q.id, answer)
  attempt.order.push(q.id)
  if (attempt.scoreStatus === 'not submitted') attempt.scoreStatus = 'partially graded'
  return answer
}

/** Close an attempt: status, completion time, multiplier and XP. */
export function complete(pp: PP, lesson: Lesson, attempt: Attempt, accuracy: number): void {
  attempt.finalized = true
  attempt.scoreStatus = 'fully graded'
  attempt.completedAt = pp.env.nowIso()
  attempt.multiplier = multiplierFor(attempt.attempt, accuracy)
  attempt.xp = round2(lesson.xp * attempt.multiplier)
}

/** The spec's attempt summary. */
export function attemptView(a: Attempt): Record<string, unknown> {
  return { attempt: a.attempt, score: a.score, scoreStatus: a.scoreStatus, xp: a.xp, startedAt: a.startedAt, completedAt: a.completedAt }
}
