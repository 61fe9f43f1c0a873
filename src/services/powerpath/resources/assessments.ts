/**
 * @module services/powerpath/resources/assessments — lessons as a student takes them (next question, responses,
 * progress, attempts, finalizing) and tests as a course author adds them (internal QTI / assessment-bank tests,
 * external placement tests and test-outs, external test assignments): the vendor SDK's `assessments` group. The
 * authoring inputs and their checks live in assessment-authoring.ts.
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { EXTERNAL, external, internal, NEW_LESSON, TEST_TYPE, type CreatedTest, type ExternalAssignment, type ExternalTestInput, type InternalTestInput } from './assessment-authoring.js'
import { LESSON_TYPES, type ScoreStatus } from './enums.js'
import { bind, route, type Extra } from './route.js'

/** Student and lesson (a lesson is a ComponentResource sourcedId). */
export interface StudentLesson {
  student: string
  lesson: string
}

/** One question of a lesson. */
export interface Question {
  id: string
  index: number
  title: string
  url: string
  difficulty: 'easy' | 'medium' | 'hard'
  humanApproved?: boolean | null
  content?: { type?: string; rawXml: string }
  response?: string | string[]
  responses?: Record<string, unknown>
  correct?: boolean
  result?: { outcomes?: Record<string, unknown>; score: number; feedback: string }
  learningObjectives?: string[]
}

/** One attempt at a lesson. */
export interface Attempt {
  attempt: number | null
  score: number
  scoreStatus: ScoreStatus
  xp: number | null
  startedAt: string | null
  completedAt: string | null
}

/** The scores every progress answer carries. */
interface Scores {
  attempt: number
  /** XP earned: the lesson's XP times `multiplier` (1st attempt: 100% → 1.25, 80–99% → 1, below → 0). */
  xp: number | null
  multiplier: number | null
  accuracy: number
  correctQuestions: number
  totalQuestions: number
}

/** Progress in an adaptive `powerpath-100` lesson. */
export interface AdaptiveProgress extends Scores {
  lessonType: 'powerpath-100'
  remainingQuestionsPerDifficulty: { easy: number; medium: number; hard: number }
  score: number
  seenQuestions: Question[]
}

/** Progress in a test (quiz, test-out, placement, unit test). */
export interface TestProgress extends Scores {
  lessonType: 'quiz' | 'test-out' | 'placement' | 'unit-test'
  finalized: boolean
  score?: number
  questions: Question[]
  toolProvider: string | null
  enrollmentFailed?: boolean
}

/**
 * What `getAssessmentProgress` answers, told apart by `lessonType`.
 * @example if (progress.lessonType === 'powerpath-100') console.log(progress.remainingQuestionsPerDifficulty)
 */
export type AssessmentProgress = AdaptiveProgress | TestProgress

/**
 * What `updateStudentQuestionResponse` answers, told apart by `lessonType`: an adaptive lesson scores at once;
 * a test only records the response until it is finalized.
 * @example if (answer.lessonType === 'powerpath-100' && answer.responseResult.isCorrect) console.log(answer.powerpathScore)
 */
export type QuestionResponseResult =
  | ({ lessonType: 'powerpath-100'; powerpathScore: number; responseResult: { isCorrect: boolean; score: number; feedback?: unknown }; questionResult?: unknown; testResult?: unknown } & Omit<Scores, 'attempt'>)
  | { lessonType: 'quiz' | 'test-out' | 'placement' | 'unit-test'; questionResult?: unknown }

/** What `updateStudentQuestionResponse` takes: `response` (one value or several) or `responses` (by interaction). */
export interface QuestionResponseInput extends StudentLesson {
  question: string
  response?: string | string[]
  responses?: Record<string, unknown>
}

const LESSON = { student: 's', lesson: 's' } as const
const responseOk: Extra = (p, issues) => {
  const r = p.response
  if (r !== undefined && typeof r !== 'string' && !(Array.isArray(r) && r.every((x) => typeof x === 'string'))) {
    issues.push({ path: 'response', message: 'must be a string or an array of strings' })
  }
  if (r === undefined && p.responses === undefined) issues.push({ path: 'response', message: 'give response (or responses, by interaction)' })
}

const attemptOk: Extra = (p, issues) => {
  if (p.attempt === undefined) return
  if (!/^[1-9]\d*$/.test(String(p.attempt))) issues.push({ path: 'attempt', message: 'must be an attempt number from 1' })
  else p.attempt = String(p.attempt)
}

/** The routes of `client.assessments`, by method name. */
export const ASSESSMENT_ROUTES = {
  getNextQuestion: /* @__PURE__ */ route('GET', '/powerpath/getNextQuestion', LESSON),
  updateStudentQuestionResponse: /* @__PURE__ */ route('PUT', '/powerpath/updateStudentQuestionResponse', { ...LESSON, question: 's', response: '*?', responses: 'o?' }, undefined, responseOk),
  getAssessmentProgress: /* @__PURE__ */ route('GET', '/powerpath/getAssessmentProgress', { ...LESSON, attempt: '*?' }, undefined, attemptOk),
  finalStudentAssessmentResponse: /* @__PURE__ */ route('POST', '/powerpath/finalStudentAssessmentResponse', LESSON),
  createNewAttempt: /* @__PURE__ */ route('POST', '/powerpath/createNewAttempt', LESSON),
  resetAttempt: /* @__PURE__ */ route('POST', '/powerpath/resetAttempt', LESSON),
  getAttempts: /* @__PURE__ */ route('GET', '/powerpath/getAttempts', LESSON),
  createInternalTest: /* @__PURE__ */ route('POST', '/powerpath/createInternalTest', {
    ...NEW_LESSON, lessonType: LESSON_TYPES, testType: TEST_TYPE, qti: 'o?', assessmentBank: 'o?', grades: 'a?',
  }, undefined, internal),
  createExternalPlacementTest: /* @__PURE__ */ route('POST', '/powerpath/createExternalPlacementTest', EXTERNAL, undefined, external),
  createExternalTestOut: /* @__PURE__ */ route('POST', '/powerpath/createExternalTestOut', EXTERNAL, undefined, external),
  makeExternalTestAssignment: /* @__PURE__ */ route('POST', '/powerpath/makeExternalTestAssignment', {
    ...LESSON, applicationName: 's?', testId: 's?', skipCourseEnrollment: 'b?',
  }),
  importExternalTestAssignmentResults: /* @__PURE__ */ route('GET', '/powerpath/importExternalTestAssignmentResults', { ...LESSON, applicationName: 's?' }),
  testOut: /* @__PURE__ */ route('GET', '/powerpath/testOut', { student: 's', course: 's' }),
}

/**
 * `client.assessments`: taking lessons, and adding tests to courses.
 * @example
 * const { question } = await client.assessments.getNextQuestion({ student, lesson })
 * const answer = await client.assessments.updateStudentQuestionResponse({ student, lesson, question: question.id, response: 'B' })
 */
export interface AssessmentsResource {
  /** GET /powerpath/getNextQuestion — the next question of an adaptive (`powerpath-100`) lesson, and the score so far. */
  getNextQuestion(params: StudentLesson, call?: CallOptions): Promise<{ score: number; question: Question }>
  /** PUT /powerpath/updateStudentQuestionResponse — records an answer; an adaptive lesson scores it at once. */
  updateStudentQuestionResponse(params: QuestionResponseInput, call?: CallOptions): Promise<QuestionResponseResult>
  /** GET /powerpath/getAssessmentProgress — progress of the current attempt (or of `attempt`). */
  getAssessmentProgress(params: StudentLesson & { attempt?: number | string }, call?: CallOptions): Promise<AssessmentProgress>
  /** POST /powerpath/finalStudentAssessmentResponse — finalizes a quiz, test-out, placement or unit test. */
  finalStudentAssessmentResponse(params: StudentLesson, call?: CallOptions): Promise<{ lessonType: 'quiz' | 'test-out' | 'placement' | 'unit-test'; finalized: boolean; attempt: number }>
  /** POST /powerpath/createNewAttempt — starts a new attempt (the previous one must be complete). */
  createNewAttempt(params: StudentLesson, call?: CallOptions): Promise<{ attempt: Attempt }>
  /** POST /powerpath/resetAttempt — clears the current attempt's responses. */
  resetAttempt(params: StudentLesson, call?: CallOptions): Promise<{ success: boolean; score: number }>
  /** GET /powerpath/getAttempts — every attempt at a lesson. */
  getAttempts(params: StudentLesson, call?: CallOptions): Promise<{ attempts: Attempt[] }>
  /** POST /powerpath/createInternalTest — adds a QTI or assessment-bank test lesson to a course. */
  createInternalTest(params: InternalTestInput, call?: CallOptions): Promise<CreatedTest>
  /** POST /powerpath/createExternalPlacementTest — adds (or updates) an externally delivered test lesson. */
  createExternalPlacementTest(params: ExternalTestInput, call?: CallOptions): Promise<CreatedTest>
  /**
   * POST /powerpath/createExternalTestOut
   * @deprecated The vendor deprecated this route: use `createExternalPlacementTest` with `lessonType: 'test-out'`.
   */
  createExternalTestOut(params: ExternalTestInput, call?: CallOptions): Promise<CreatedTest>
  /** POST /powerpath/makeExternalTestAssignment — assigns an external test lesson to a student. */
  makeExternalTestAssignment(params: StudentLesson & { applicationName?: string; testId?: string; skipCourseEnrollment?: boolean }, call?: CallOptions): Promise<ExternalAssignment>
  /** GET /powerpath/importExternalTestAssignmentResults — pulls the results of an external test. */
  importExternalTestAssignmentResults(params: StudentLesson & { applicationName?: string }, call?: CallOptions): Promise<ExternalAssignment & { lessonId: string | null; finalized: boolean }>
  /**
   * GET /powerpath/testOut — the test-out lesson of a course for a student.
   * @deprecated The vendor deprecated this route: use `lessonPlans.getCourseProgress` (its `testOut`).
   */
  testOut(params: { student: string; course: string }, call?: CallOptions): Promise<Omit<ExternalAssignment, 'lessonType' | 'attempt'> & { lessonType: 'test-out'; lessonId: string | null; finalized: boolean; attempt?: number }>
}

/**
 * Builds `client.assessments`.
 * @example const { attempts } = await createAssessments(ctx).getAttempts({ student, lesson })
 */
export const createAssessments = (ctx: ServiceContext): AssessmentsResource => bind(ctx, 'assessments', ASSESSMENT_ROUTES) as unknown as AssessmentsResource
