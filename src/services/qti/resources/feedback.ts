/**
 * @module services/qti/resources/feedback — feedback on questions and lessons. The spec places these routes at
 * the API root (`/question`, `/lesson`, `/lesson/{lessonId}`, `/{id}`); our notes flag that a `/feedback`
 * prefix is plausible but undocumented, so the paths follow the spec.
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import { many, none, operation } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { done, need, record, start, text } from './shared.js'
import type { Feedback, FeedbackInput } from './types.js'

/** POST /question */
const postQuestion = /* @__PURE__ */ operation<{ body: FeedbackInput }, Feedback>({ method: 'POST', path: '/question', unwrap: record })
/** POST /lesson */
const postLesson = /* @__PURE__ */ operation<{ body: FeedbackInput }, Feedback>({ method: 'POST', path: '/lesson', unwrap: record })
/** GET /lesson/{lessonId} */
const getByLesson = /* @__PURE__ */ operation<{ lessonId: string }, Feedback[]>({ method: 'GET', path: '/lesson/{lessonId}', unwrap: many('items') })
/** DELETE /{id} */
const deleteFeedback = /* @__PURE__ */ operation<{ id: string }, void>({ method: 'DELETE', path: '/{id}', unwrap: none })

/** The feedback routes of a QtiClient. @example const feedback: FeedbackResource = client.feedback */
export interface FeedbackResource {
  /** POST /question: feedback on one question (`questionId`) of a lesson. */
  createForQuestion(feedback: FeedbackInput, call?: CallOptions): Promise<Feedback>
  /** POST /lesson: feedback on a lesson as a whole. */
  createForLesson(feedback: FeedbackInput, call?: CallOptions): Promise<Feedback>
  /** GET /lesson/{lessonId}: every feedback of a lesson (question and lesson feedback). */
  listByLesson(lessonId: string, call?: CallOptions): Promise<Feedback[]>
  /** DELETE /{id} */
  delete(id: string, call?: CallOptions): Promise<void>
}

function checked(input: unknown, label: string, question: boolean): FeedbackInput {
  const issues = start(input, 'feedback', label)
  const feedback = input as Record<string, unknown>
  for (const key of ['userId', 'lessonId', 'feedback']) text(issues, feedback[key], key)
  // The spec makes questionId optional on both routes; feedback on a question names it.
  text(issues, feedback.questionId, 'questionId', !question)
  need(issues, feedback.humanApproved === undefined || typeof feedback.humanApproved === 'boolean', 'humanApproved', 'must be true or false')
  done(issues, label)
  return input as FeedbackInput
}

/**
 * The feedback resource bound to a client's context.
 * @example await createFeedback(ctx).createForLesson({ userId: 'u1', lessonId: 'l1', feedback: 'Too long' })
 */
export function createFeedback(ctx: ServiceContext): FeedbackResource {
  return {
    createForQuestion: async (feedback, call) => postQuestion(ctx, { body: checked(feedback, 'feedback.createForQuestion', true) }, call),
    createForLesson: async (feedback, call) => postLesson(ctx, { body: checked(feedback, 'feedback.createForLesson', false) }, call),
    listByLesson: (lessonId, call) => getByLesson(ctx, { lessonId }, call),
    delete: (id, call) => deleteFeedback(ctx, { id }, call),
  }
}
