// EduBridge enrollment routes (`/edubridge/enrollments/...`): list a user's active enrollments, enroll (default
// class, year and term made as needed), unenroll (enrollments → tobedeleted), the default class, the goals reset
// under both of its names, and the progress reset (assessment results → tobedeleted).
import { route, type Ctx, type Route } from '../context.js'
import { HttpError, json, noContent } from '../http.js'
import type { Entity } from '../oneroster/index.js'
import type { OneRosterStore } from '../oneroster/state.js'
import { activeOr404, bodyObject, isDate, isObject, oneOf, refId, rosterOf, text, utcDate, type Row } from './common.js'
import { classesOf, defaultClassFor, enroll, enrollmentsIn, schoolFor, termFor } from './roster.js'
import type { EduBridgeState, GoalsRouteName } from './state.js'

const ROLES = ['administrator', 'proctor', 'student', 'teacher'] as const
const E = '/edubridge/enrollments'

const nameOf = (store: OneRosterStore, collection: string, id: string | undefined): unknown =>
  id === undefined ? null : store.get(collection, id)?.[collection === 'orgs' ? 'name' : 'title'] ?? null

function courseView(course: Entity | undefined): Row | null {
  if (!course) return null
  const metadata = isObject(course.metadata) ? course.metadata : null
  return {
    id: course.sourcedId, title: course.title ?? null, metadata, subjects: course.subjects ?? [], grades: course.grades ?? [],
    primaryApp: metadata && isObject(metadata.primaryApp) ? metadata.primaryApp : null,
  }
}

/** An enrollment as EduBridge answers it: the course and school are inlined, goals and metrics come from its metadata. */
export function enrollmentView(store: OneRosterStore, e: Entity): Row {
  const klass = store.get('classes', refId(e.class) ?? '')
  const schoolId = refId(e.school) ?? refId(klass?.school)
  const meta = isObject(e.metadata) ? e.metadata : {}
  return {
    id: e.sourcedId, role: e.role, beginDate: e.beginDate ?? null, endDate: e.endDate ?? null,
    metadata: { goals: meta.goals ?? null, metrics: meta.metrics ?? null, studentSpecificGoals: meta.studentSpecificGoals ?? null },
    course: courseView(store.get('courses', refId(klass?.course) ?? '')),
    school: schoolId === undefined ? null : { id: schoolId, name: nameOf(store, 'orgs', schoolId) },
  }
}

function list(ctx: Ctx): Response {
  const store = rosterOf(ctx)
  const user = activeOr404(store, 'users', ctx.params.userId!, 'User')
  const mine = store.list('enrollments').filter((e) => e.status !== 'tobedeleted' && refId(e.user) === user.sourcedId)
  return json({ data: mine.map((e) => enrollmentView(store, e)).filter((v) => v.course !== null) })
}

async function enrollRoute(ctx: Ctx): Promise<Response> {
  const store = rosterOf(ctx)
  const body = await bodyObject(ctx, true)
  const user = activeOr404(store, 'users', ctx.params.userId!, 'User')
  const course = activeOr404(store, 'courses', ctx.params.courseId!, 'Course')
  const role = body.role === undefined ? 'student' : oneOf(body.role, ROLES, 'role')
  const beginDate = body.beginDate === undefined ? utcDate(ctx.env.clock()) : body.beginDate
  if (!isDate(beginDate)) throw new HttpError(400, `'beginDate' must be a date YYYY-MM-DD (got ${JSON.stringify(beginDate)}).`)
  if (body.metadata !== undefined && !isObject(body.metadata)) throw new HttpError(400, "'metadata' must be an object.")
  const today = utcDate(ctx.env.clock())
  const created = enroll(store, { user, course, schoolId: ctx.params.schoolId, role, beginDate, today, sourcedId: text(body, 'sourcedId'), metadata: body.metadata })
  return json({ data: enrollmentView(store, created) }, 201)
}

function unenroll(ctx: Ctx): Response {
  const store = rosterOf(ctx)
  const user = activeOr404(store, 'users', ctx.params.userId!, 'User')
  const course = activeOr404(store, 'courses', ctx.params.courseId!, 'Course')
  if (ctx.params.schoolId !== undefined) activeOr404(store, 'orgs', ctx.params.schoolId, 'School')
  const now = ctx.env.nowIso()
  for (const e of enrollmentsIn(store, classesOf(store, course.sourcedId, ctx.params.schoolId), user.sourcedId)) {
    store.insert('enrollments', { ...e, status: 'tobedeleted', dateLastModified: now })
  }
  return noContent()
}

function defaultClass(ctx: Ctx): Response {
  const store = rosterOf(ctx)
  const course = activeOr404(store, 'courses', ctx.params.courseId!, 'Course')
  const school = schoolFor(store, course, ctx.params.schoolId)
  const klass = defaultClassFor(store, course, school, termFor(store, school.sourcedId, utcDate(ctx.env.clock())))
  const { sourcedId: id, title, classCode, subjectCodes, subjects, grades, periods } = klass
  return json({ data: { id, title, classCode, subjectCodes, subjects, grades, periods, course: courseView(course) } })
}

/** Copy the course's goals into every active enrollment of its classes. */
function resetGoals(state: EduBridgeState, name: GoalsRouteName, ctx: Ctx): Response {
  const only = state.quirks.onlyGoalsRoute
  if (only !== undefined && only !== name) throw new HttpError(404, `Unknown route: POST ${new URL(ctx.request.url).pathname}`)
  const store = rosterOf(ctx)
  const course = activeOr404(store, 'courses', ctx.params.courseId!, 'Course')
  const goals = isObject(course.metadata) ? course.metadata.goals : undefined
  if (!isObject(goals)) throw new HttpError(422, `Course '${course.sourcedId}' has no goals (metadata.goals) to propagate.`)
  const now = ctx.env.nowIso()
  const targets = enrollmentsIn(store, classesOf(store, course.sourcedId))
  for (const e of targets) {
    const metadata = { ...(isObject(e.metadata) ? e.metadata : {}), goals }
    store.insert('enrollments', { ...e, metadata, dateLastModified: now })
  }
  return json({ data: { updated: targets.length, errors: [] } })
}

/** Soft-delete the user's assessment results of the course (line items that name it). */
function resetProgress(ctx: Ctx): Response {
  const store = rosterOf(ctx)
  const user = activeOr404(store, 'users', ctx.params.userId!, 'User')
  const course = activeOr404(store, 'courses', ctx.params.courseId!, 'Course')
  const lineItems = new Set(store.list('assessmentLineItems').filter((l) => refId(l.course) === course.sourcedId).map((l) => l.sourcedId))
  const now = ctx.env.nowIso()
  for (const r of store.list('assessmentResults')) {
    if (r.status !== 'tobedeleted' && refId(r.student) === user.sourcedId && lineItems.has(refId(r.assessmentLineItem) ?? '')) {
      store.insert('assessmentResults', { ...r, status: 'tobedeleted', dateLastModified: now })
    }
  }
  return noContent()
}

export function enrollmentRoutes(state: EduBridgeState): Route[] {
  return [
    route('GET', `${E}/user/{userId}`, 'listEnrollments', list),
    route('POST', `${E}/enroll/{userId}/{courseId}`, 'enroll', enrollRoute),
    route('POST', `${E}/enroll/{userId}/{courseId}/{schoolId}`, 'enrollInSchool', enrollRoute),
    route('DELETE', `${E}/unenroll/{userId}/{courseId}`, 'unenroll', unenroll),
    route('DELETE', `${E}/unenroll/{userId}/{courseId}/{schoolId}`, 'unenrollInSchool', unenroll),
    route('GET', `${E}/defaultClass/{courseId}`, 'getDefaultClass', defaultClass),
    route('GET', `${E}/defaultClass/{courseId}/{schoolId}`, 'getDefaultClassInSchool', defaultClass),
    route('POST', `${E}/resetGoals/{courseId}`, 'resetGoals', (ctx) => resetGoals(state, 'resetGoals', ctx)),
    route('POST', `${E}/propagateGoals/{courseId}`, 'propagateGoals', (ctx) => resetGoals(state, 'propagateGoals', ctx)),
    route('DELETE', `${E}/resetProgress/{userId}/{courseId}`, 'resetProgress', resetProgress),
  ]
}
