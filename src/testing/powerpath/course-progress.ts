// A student's progress in a course (getCourseProgress: one line item per componentResource of the course with its
// results, and the course test-out's status), the on-demand course test-out (startTestOut), results written
// directly for an item (updateStudentItemResponse), and the deprecated testOut lookup.
import { route, type Ctx, type Route } from '../context.js'
import { badRequest, HttpError, json, notFound } from '../http.js'
import type { Entity } from '../oneroster/types.js'
import { attemptsOf } from './attempts.js'
import { courseOf, lessonsOfCourse, record, records, refId, roster, studentOf, type PP } from './catalog.js'
import { needQuery, needString, oneOf, readBody } from './request.js'
import { key, SUBJECTS, type TestAssignment } from './state.js'
import { createAssignment, statusOf } from './test-assignments.js'

const SCORE_STATUSES = ['exempt', 'fully graded', 'not submitted', 'partially graded', 'submitted'] as const

/** Whether `student` has an active enrollment in a class of `courseId`. */
export function enrolledIn(pp: PP, student: string, courseId: string): boolean {
  const store = roster(pp)
  return (store?.list('enrollments') ?? []).some((e) => e.status !== 'tobedeleted' && refId(e.user) === student && refId(store?.get('classes', refId(e.class) ?? '')?.course) === courseId)
}

/** The course's subject (first of `subjects` in the spec's list) and grade (first of `grades`). */
function subjectGrade(course: Entity): { subject: string | undefined; grade: string | undefined } {
  const subject = Array.isArray(course.subjects) ? SUBJECTS.find((s) => (course.subjects as unknown[]).includes(s)) : undefined
  return { subject, grade: Array.isArray(course.grades) && course.grades.length ? String(course.grades[0]) : undefined }
}

function courseTestOut(pp: PP, student: string, courseId: string): TestAssignment | undefined {
  return pp.state.assignments.filter((a) => !a.deleted && a.studentSourcedId === student && a.courseId === courseId).at(-1)
}

function testOutStatus(pp: PP, student: string, course: Entity): Record<string, unknown> {
  const a = courseTestOut(pp, student, course.sourcedId)
  if (a) {
    const s = statusOf(pp, a)
    const status = s === 'completed' || s === 'failed' ? s : s === 'assigned' || s === 'in_progress' ? 'in_progress' : undefined
    if (status) return { status, assignmentId: a.sourcedId, lessonId: a.componentResourceSourcedId }
  }
  const hasTestOut = lessonsOfCourse(pp, course.sourcedId).some((l) => l.lessonType === 'test-out')
  return { status: hasTestOut && enrolledIn(pp, student, course.sourcedId) ? 'available' : 'not_eligible' }
}

function progress(pp: PP, ctx: Ctx): Response {
  const course = courseOf(pp, ctx.params.courseId!)
  const student = ctx.params.studentId!
  studentOf(pp, student)
  const only = ctx.query.get('lessonId')
  const components = new Set(records(pp, 'courseComponents').filter((c) => refId(c.course) === course.sourcedId).map((c) => c.sourcedId))
  const lineItems = records(pp, 'componentResources')
    .filter((cr) => cr.status !== 'tobedeleted' && components.has(refId(cr.courseComponent) ?? '') && (!only || cr.sourcedId === only))
    .map((cr) => {
      const lineItem = `${cr.sourcedId}-line-item`
      const results: Record<string, unknown>[] = attemptsOf(pp, student, cr.sourcedId).filter((a) => a.scoreStatus !== 'not submitted').map((a) => ({
        sourcedId: `${cr.sourcedId}-${student}-attempt-${a.attempt}`, status: 'active', dateLastModified: a.completedAt ?? a.startedAt, metadata: { attempt: a.attempt, xp: a.xp, multiplier: a.multiplier },
        score: a.score, scoreDate: a.completedAt ?? a.startedAt, scoreStatus: a.scoreStatus, assessmentLineItem: { sourcedId: lineItem }, student: { sourcedId: student },
      }))
      const direct = pp.state.itemResults.get(key(student, cr.sourcedId))
      if (direct) results.push(direct)
      return { type: 'resource', assessmentLineItemSourcedId: lineItem, courseComponentResourceSourcedId: cr.sourcedId, title: cr.title ?? cr.sourcedId, results }
    })
  return json({ lineItems, testOut: testOutStatus(pp, student, course) })
}

async function startTestOut(pp: PP, ctx: Ctx): Promise<Response> {
  const body = await readBody(ctx)
  const course = courseOf(pp, needString(body, 'courseId'))
  const student = needString(body, 'studentId')
  studentOf(pp, student)
  const { subject, grade } = subjectGrade(course)
  if (!subject || !grade) throw new HttpError(422, `Course '${course.sourcedId}' has no supported subject and grade for a test-out.`)
  const same = pp.state.assignments.filter((a) => !a.deleted && a.studentSourcedId === student && a.subject === subject && a.grade === grade)
  const open = same.find((a) => ['assigned', 'in_progress'].includes(statusOf(pp, a)))
  if (open) return json({ assignmentId: open.sourcedId, lessonId: open.componentResourceSourcedId, resourceId: open.resourceSourcedId, status: 'existing' })
  if (!enrolledIn(pp, student, course.sourcedId)) throw new HttpError(422, `Student '${student}' is not actively enrolled in course '${course.sourcedId}' (${subject}, grade ${grade}): not eligible for its test-out.`)
  const taken = same.find((a) => ['completed', 'failed'].includes(statusOf(pp, a)))
  if (taken) throw new HttpError(422, `Student '${student}' already has a ${statusOf(pp, taken)} ${subject} grade ${grade} test-out ('${taken.sourcedId}'): not eligible.`)
  const lesson = lessonsOfCourse(pp, course.sourcedId).find((l) => l.lessonType === 'test-out')
  const a = createAssignment(pp, { student, subject, grade, origin: 'course-test-out', courseId: course.sourcedId, ...(lesson ? { lessonId: lesson.id } : {}) })
  return json({ assignmentId: a.sourcedId, lessonId: a.componentResourceSourcedId, resourceId: a.resourceSourcedId, status: 'created' })
}

async function updateItem(pp: PP, ctx: Ctx): Promise<Response> {
  const body = await readBody(ctx)
  const student = needString(body, 'studentId')
  const crId = needString(body, 'componentResourceId')
  const result = body.result
  if (result === null || typeof result !== 'object' || Array.isArray(result)) throw badRequest("Missing or invalid body field 'result' (an object with status, scoreDate and scoreStatus is required).")
  const r = result as Record<string, unknown>
  oneOf(r.status, ['active', 'tobedeleted'], 'result.status')
  oneOf(r.scoreStatus, SCORE_STATUSES, 'result.scoreStatus')
  const scoreDate = needString(r, 'scoreDate', 'result')
  if (Number.isNaN(Date.parse(scoreDate))) throw badRequest(`Invalid field 'result.scoreDate': '${scoreDate}' is not a date-time.`)
  if (r.score !== undefined && r.score !== null && typeof r.score !== 'number') throw badRequest("Invalid field 'result.score' (a number or null).")
  studentOf(pp, student)
  const cr = record(pp, 'componentResources', crId)
  if (!cr) throw notFound(`Component resource '${crId}' not found.`)
  const lineItemId = `${crId}-line-item`
  const componentResourceLineItem = {
    sourcedId: lineItemId, status: 'active', dateLastModified: pp.env.nowIso(), title: cr.title ?? crId, componentResource: { sourcedId: crId },
    ...(refId(cr.courseComponent) ? { component: { sourcedId: refId(cr.courseComponent) } } : {}), resultValueMin: 0, resultValueMax: 100,
  }
  const componentResourceResult = { ...r, sourcedId: `${crId}-${student}-item-result`, dateLastModified: pp.env.nowIso(), assessmentLineItem: { sourcedId: lineItemId }, student: { sourcedId: student } }
  pp.state.itemResults.set(key(student, crId), componentResourceResult as Entity)
  return json({ componentResourceLineItem, componentResourceResult }, 201)
}

/** Deprecated: the course's test-out lesson and where the student stands in it. */
function testOut(pp: PP, ctx: Ctx): Response {
  const student = needQuery(ctx, 'student')
  const course = courseOf(pp, needQuery(ctx, 'course'))
  studentOf(pp, student)
  const lesson = lessonsOfCourse(pp, course.sourcedId).find((l) => l.lessonType === 'test-out')
  const attempt = lesson ? attemptsOf(pp, student, lesson.id).at(-1) : undefined
  const external = attempt?.external
  return json({
    lessonType: 'test-out', lessonId: lesson?.id ?? null, finalized: attempt?.finalized ?? false, toolProvider: lesson?.toolProvider ?? null, attempt: attempt?.attempt ?? 1,
    ...(external ? { credentials: external.credentials, assignmentId: external.assignmentId, classId: '', testUrl: external.testUrl, testId: external.testId } : {}),
  })
}

export function courseProgressRoutes(pp: PP): Route[] {
  return [
    route('GET', '/powerpath/lessonPlans/getCourseProgress/{courseId}/student/{studentId}', 'getCourseProgress', (ctx) => progress(pp, ctx)),
    route('POST', '/powerpath/lessonPlans/startTestOut', 'startTestOut', (ctx) => startTestOut(pp, ctx)),
    route('POST', '/powerpath/lessonPlans/updateStudentItemResponse', 'updateStudentItemResponse', (ctx) => updateItem(pp, ctx)),
    route('GET', '/powerpath/testOut', 'testOut', (ctx) => testOut(pp, ctx)),
  ]
}
