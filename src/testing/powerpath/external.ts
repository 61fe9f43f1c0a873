// Making tests: internal ones (a QTI test or an assessment bank of several) and external ones (Edulastic or
// MasteryTrack), as lessons of a course; and the external test round trip: makeExternalTestAssignment hands out
// the tool's link and credentials, the tool writes its result back (`emulator.powerpath.writeBackExternalResult`
// stands in for it: the emulator reaches no real tool), importExternalTestAssignmentResults finalizes the attempt.
import { route, type Ctx, type Route } from '../context.js'
import { badRequest, HttpError, json } from '../http.js'
import { complete, currentAttempt, newAttempt, attemptsOf } from './attempts.js'
import { addLesson, courseOf, lessonOf, lessonsOfCourse, metaOf, putRecord, record, requireType, studentOf, type Lesson, type PP } from './catalog.js'
import { onComplete, onStarted } from './completion.js'
import { needQuery, needString, oneOf, optString, readBody, type Body } from './request.js'
import { GRADES, LESSON_TYPES, nextId } from './state.js'

const EXTERNAL_TYPES = ['test-out', 'placement', 'unit-test'] as const

function gradesOf(body: Body, required: boolean): string[] | undefined {
  const grades = body.grades
  if (grades === undefined && !required) return undefined
  if (!Array.isArray(grades) || (required && grades.length === 0)) throw badRequest("Missing or invalid body field 'grades' (a list of grades '-1' to '13' is required).")
  return grades.map((g, i) => oneOf(g, GRADES, `grades[${i}]`))
}

/** Course, optional existing unit, optional courseIdOnFail: each checked (404 when unknown). */
function placeIn(pp: PP, body: Body): { courseId: string; componentId: string | undefined; courseIdOnFail: string | null } {
  const course = courseOf(pp, needString(body, 'courseId'))
  const componentId = optString(body, 'courseComponentSourcedId')
  if (componentId !== undefined && !record(pp, 'courseComponents', componentId)) throw new HttpError(404, `Course component '${componentId}' not found.`)
  const onFail = optString(body, 'courseIdOnFail') ?? null
  if (onFail !== null) courseOf(pp, onFail)
  return { courseId: course.sourcedId, componentId, courseIdOnFail: onFail }
}

/** A new unit for the test unless one is named. */
function unitFor(pp: PP, courseId: string, given: string | undefined, title: string): string {
  if (given !== undefined) return given
  const id = nextId(pp.state, 'unit')
  putRecord(pp, 'courseComponents', { sourcedId: id, title, course: { sourcedId: courseId }, sortOrder: 50 })
  return id
}

function subjectOf(pp: PP, courseId: string): string | undefined {
  const subjects = courseOf(pp, courseId).subjects
  return Array.isArray(subjects) && typeof subjects[0] === 'string' ? subjects[0] : undefined
}

/** Test-outs and placements update the course's existing test of that type (placements: of the same first grade). */
function existing(pp: PP, courseId: string, lessonType: string, grades: readonly string[] | undefined): Lesson | undefined {
  if (lessonType !== 'test-out' && lessonType !== 'placement') return undefined
  return lessonsOfCourse(pp, courseId).find((l) => l.lessonType === lessonType && (lessonType === 'test-out' || l.grades[0] === grades?.[0]))
}

async function createInternal(pp: PP, ctx: Ctx): Promise<Response> {
  const body = await readBody(ctx)
  const lessonType = oneOf(body.lessonType, LESSON_TYPES, 'lessonType')
  const testType = oneOf(body.testType, ['qti', 'assessment-bank'], 'testType')
  const urls = testType === 'qti' ? [needString((body.qti ?? {}) as Body, 'url', 'qti')] : bankUrls(body)
  const grades = gradesOf(body, false)
  const { courseId, componentId, courseIdOnFail } = placeIn(pp, body)
  const xp = body.xp === undefined ? 0 : typeof body.xp === 'number' && body.xp >= 0 ? body.xp : (() => { throw badRequest("Invalid body field 'xp' (a number >= 0).") })()
  const prior = existing(pp, courseId, lessonType, grades)
  const id = prior?.id ?? nextId(pp.state, 'lesson')
  const unit = prior?.componentId ?? unitFor(pp, courseId, componentId, optString(body, 'unitTitle') ?? `${lessonType} test`)
  const childResourceIds = testType === 'assessment-bank' ? urls.map((url, i) => putRecord(pp, 'resources', { sourcedId: `${id}-resource-${i + 1}`, title: `Bank test ${i + 1}`, vendorResourceId: url, metadata: { type: 'qti', url } }).sourcedId) : undefined
  const resourceMetadata = body.resourceMetadata && typeof body.resourceMetadata === 'object' ? (body.resourceMetadata as Record<string, unknown>) : {}
  const subject = subjectOf(pp, courseId)
  const lesson = addLesson(pp, {
    id, title: optString(body, 'lessonTitle') ?? prior?.title ?? `${lessonType} test`, lessonType, xp, componentId: unit, ...(subject ? { subject } : {}), ...(grades ? { grades } : {}),
    metadata: { ...resourceMetadata, type: testType, ...(testType === 'qti' ? { url: urls[0] } : { resources: childResourceIds }), courseIdOnFail },
  })
  return json({ lessonType, testType, lessonId: lesson.id, courseComponentId: unit, resourceId: lesson.resourceId, ...(childResourceIds ? { childResourceIds } : {}), courseIdOnFail, grades: grades ?? [] })
}

function bankUrls(body: Body): string[] {
  const resources = ((body.assessmentBank ?? {}) as Body).resources
  if (!Array.isArray(resources) || resources.length === 0) throw badRequest("Missing or invalid body field 'assessmentBank.resources' (a non-empty list of { url } is required).")
  return resources.map((r, i) => needString((r ?? {}) as Body, 'url', `assessmentBank.resources[${i}]`))
}

async function createExternal(pp: PP, ctx: Ctx): Promise<Response> {
  const body = await readBody(ctx)
  const lessonType = oneOf(body.lessonType, ['test-out', 'placement'], 'lessonType')
  const toolProvider = oneOf(body.toolProvider, ['edulastic', 'mastery-track'], 'toolProvider')
  const grades = gradesOf(body, true)!
  if (lessonType === 'test-out' && typeof body.xp !== 'number') throw badRequest("Missing body field 'xp' (a number; required for test-out lessons).")
  const { courseId, componentId, courseIdOnFail } = placeIn(pp, body)
  const prior = existing(pp, courseId, lessonType, grades)
  if (prior && lessonType === 'placement' && prior.toolProvider !== toolProvider) {
    throw new HttpError(422, `Course '${courseId}' already has a grade ${grades[0]} placement test on '${prior.toolProvider ?? 'powerpath'}': update its resource's toolProvider first.`)
  }
  const id = prior?.id ?? nextId(pp.state, 'lesson')
  const unit = prior?.componentId ?? unitFor(pp, courseId, componentId, optString(body, 'unitTitle') ?? `External ${lessonType}`)
  const launchUrl = optString(body, 'launchUrl')
  const vendorId = optString(body, 'vendorId')
  const subject = subjectOf(pp, courseId)
  const lesson = addLesson(pp, {
    id, title: optString(body, 'lessonTitle') ?? prior?.title ?? `External ${lessonType}`, lessonType, xp: typeof body.xp === 'number' ? body.xp : 0, componentId: unit, grades, toolProvider,
    ...(subject ? { subject } : {}), metadata: { launchUrl, vendorId, description: optString(body, 'description'), courseIdOnFail },
  })
  return json({ lessonType, lessonId: lesson.id, courseComponentId: unit, resourceId: lesson.resourceId, ...(launchUrl ? { launchUrl } : {}), toolProvider, ...(vendorId ? { vendorId } : {}), courseIdOnFail, grades })
}

function external(lesson: Lesson): string {
  requireType(lesson, EXTERNAL_TYPES, 'External test assignment')
  if (lesson.toolProvider === null) throw new HttpError(422, `Lesson '${lesson.id}' is not an external test (its resource has no metadata.toolProvider).`)
  return lesson.toolProvider
}

async function assign(pp: PP, ctx: Ctx): Promise<Response> {
  const body = await readBody(ctx)
  const student = studentOf(pp, needString(body, 'student'))
  const lesson = lessonOf(pp, needString(body, 'lesson'))
  const toolProvider = external(lesson)
  const testId = optString(body, 'testId')
  let attempt = currentAttempt(pp, student.sourcedId, lesson.id)
  if (attempt.finalized) attempt = newAttempt(pp, attemptsOf(pp, student.sourcedId, lesson.id))
  const n = nextId(pp.state, 'external')
  const host = toolProvider === 'edulastic' ? 'edulastic.emulator.test' : 'masterytrack.emulator.test'
  attempt.external = {
    assignmentId: n, testId: testId ?? String(metaOf(record(pp, 'resources', lesson.resourceId)).vendorId ?? lesson.id), testUrl: `https://${host}/assignments/${n}`,
    credentials: { email: typeof student.email === 'string' ? student.email : `${student.sourcedId}@students.emulator.test`, password: `pw-${n}` },
  }
  onStarted(pp, lesson.id, student.sourcedId)
  return json({ toolProvider, lessonType: lesson.lessonType, attempt: attempt.attempt, ...externalView(attempt.external, toolProvider) })
}

function externalView(e: NonNullable<ReturnType<typeof currentAttempt>['external']>, toolProvider: string): Record<string, unknown> {
  return { credentials: e.credentials, assignmentId: e.assignmentId, classId: toolProvider === 'edulastic' ? `class-${e.assignmentId}` : '', testUrl: e.testUrl, testId: e.testId }
}

function importResults(pp: PP, ctx: Ctx): Response {
  const student = needQuery(ctx, 'student')
  const lesson = lessonOf(pp, needQuery(ctx, 'lesson'))
  studentOf(pp, student)
  const toolProvider = external(lesson)
  const attempt = currentAttempt(pp, student, lesson.id)
  if (!attempt.external) throw new HttpError(422, `No external test assignment for student '${student}' in lesson '${lesson.id}': call makeExternalTestAssignment first.`)
  const score = attempt.external.writtenBack
  if (!attempt.finalized && score !== undefined) {
    attempt.score = score
    complete(pp, lesson, attempt, score)
    onComplete(pp, lesson, student, attempt, 0)
  }
  return json({ lessonType: lesson.lessonType, lessonId: lesson.id, toolProvider, finalized: attempt.finalized, attempt: attempt.attempt, ...externalView(attempt.external, toolProvider) })
}

/** What the tool's result write-back does: record `score` (0–100) for the student's current external attempt. */
export function writeBack(pp: PP, student: string, lessonId: string, score: number): boolean {
  const attempt = attemptsOf(pp, student, lessonId).at(-1)
  if (!attempt?.external || attempt.finalized) return false
  attempt.external.writtenBack = Math.max(0, Math.min(100, score))
  return true
}

export function externalRoutes(pp: PP): Route[] {
  return [
    route('POST', '/powerpath/createInternalTest', 'createInternalTest', (ctx) => createInternal(pp, ctx)),
    route('POST', '/powerpath/createExternalPlacementTest', 'createExternalPlacementTest', (ctx) => createExternal(pp, ctx)),
    route('POST', '/powerpath/createExternalTestOut', 'createExternalTestOut', (ctx) => createExternal(pp, ctx)),
    route('POST', '/powerpath/makeExternalTestAssignment', 'makeExternalTestAssignment', (ctx) => assign(pp, ctx)),
    route('GET', '/powerpath/importExternalTestAssignmentResults', 'importExternalTestAssignmentResults', (ctx) => importResults(pp, ctx)),
  ]
}
