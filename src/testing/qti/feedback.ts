// Feedback on questions and lessons (the spec puts these routes at the API root): create question feedback, create
// lesson feedback, read a lesson's feedback, delete one entry by id.
import { route, type Route } from '../context.js'
import { HttpError, json } from '../http.js'
import { needString, optBoolean, optString, readObject } from './request.js'
import type { Qti } from './state.js'

function create(q: Qti, type: 'QUESTION' | 'LESSON'): Route['handle'] {
  return async (ctx) => {
    const body = await readObject(ctx)
    const entry: Record<string, unknown> = {
      id: q.env.newId(), userId: needString(body, 'userId'), feedback: needString(body, 'feedback'), type, lessonId: needString(body, 'lessonId'),
      humanApproved: optBoolean(body, 'humanApproved') ?? false, createdAt: q.env.nowIso(),
    }
    const questionId = optString(body, 'questionId')
    if (questionId !== undefined) entry.questionId = questionId
    q.state.feedback.set(entry.id as string, entry)
    return json(entry, 201)
  }
}

/** The feedback routes. */
export function feedbackRoutes(q: Qti): Route[] {
  return [
    route('POST', '/question', 'createQuestionFeedback', create(q, 'QUESTION')),
    route('POST', '/lesson', 'createLessonFeedback', create(q, 'LESSON')),
    route('GET', '/lesson/{lessonId}', 'getFeedbackByLessonId', (ctx) => json([...q.state.feedback.values()].filter((f) => f.lessonId === ctx.params.lessonId))),
    route('DELETE', '/{id}', 'deleteFeedback', (ctx) => {
      if (!q.state.feedback.delete(ctx.params.id!)) throw new HttpError(404, `Feedback '${ctx.params.id}' not found.`)
      return json({ message: `Feedback '${ctx.params.id}' deleted.` })
    }),
  ]
}
