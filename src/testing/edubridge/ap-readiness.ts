// `POST /ap-readiness/goals` (API root): an AP readiness goal over curriculum courses. The documentation speaks of
// 19 College Board exam names but shows only two; the emulator accepts those two and says so in its 400.
import { route, type Ctx, type Route } from '../context.js'
import { HttpError, json } from '../http.js'
import type { OneRosterStore } from '../oneroster/state.js'
import { activeOr404, bodyObject, isDate, oneOf, rosterOf, text, type Row } from './common.js'
import type { EduBridgeState } from './state.js'

/** The AP exam names the documentation shows (its full list of 19 is not published where we could read it). */
export const AP_SUBJECTS = ['AP Biology', 'AP Calculus AB'] as const

function courseIds(store: OneRosterStore, body: Row, field: string, required: boolean): string[] {
  const ids = body[field]
  if (ids === undefined && !required) return []
  if (!Array.isArray(ids) || (required && ids.length === 0) || ids.some((id) => typeof id !== 'string' || id === '')) {
    throw new HttpError(400, `'${field}' must be ${required ? 'a non-empty' : 'an'} array of course sourcedIds.`)
  }
  return ids.map((id) => activeOr404(store, 'courses', id as string, 'Course').sourcedId)
}

async function createGoal(state: EduBridgeState, ctx: Ctx): Promise<Response> {
  const store = rosterOf(ctx)
  const body = await bodyObject(ctx)
  const student = activeOr404(store, 'users', text(body, 'studentSourcedId', true), 'Student')
  const subject = oneOf(body.subject, AP_SUBJECTS, 'subject')
  const courses = courseIds(store, body, 'courseIds', true)
  const practice = courseIds(store, body, 'practiceTestCourseIds', false)
  for (const field of ['startDate', 'endDate']) {
    if (!isDate(body[field])) throw new HttpError(400, `'${field}' must be a date YYYY-MM-DD.`)
  }
  if ((body.startDate as string) > (body.endDate as string)) throw new HttpError(400, "'startDate' must not be after 'endDate'.")
  const now = ctx.env.nowIso()
  const goal = {
    sourcedId: ctx.env.newId(), dateLastModified: now, studentSourcedId: student.sourcedId, goalType: 'ap_readiness',
    targetValue: subject, targetMetric: 'ap_exam', paceType: 'target_date', startDate: body.startDate, endDate: body.endDate,
    goalCreatedAt: now, courseIds: courses, metadata: { practice_test_course_ids: practice }, curriculumCourseIds: courses,
  }
  state.apGoals.push(goal)
  return json({ goal }, 201)
}

export function apReadinessRoutes(state: EduBridgeState): Route[] {
  return [route('POST', '/ap-readiness/goals', 'createApReadinessGoal', (ctx) => createGoal(state, ctx))]
}
