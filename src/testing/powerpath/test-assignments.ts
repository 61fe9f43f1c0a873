// Test assignments: a standalone test-out for a student (subject + grade) gets an unlisted lesson of its own (a
// resource and a componentResource with no course) that the student takes through the lesson flow. Status:
// assigned → in_progress (first answer) → completed (score ≥ 90) or failed; `expired` once the clock passes
// expiresAt (30 days after assignment) while still open; `cancelled` through `emulator.powerpath`. Delete is soft.
import { route, type Ctx, type Route } from '../context.js'
import { json, noContent, notFound } from '../http.js'
import { addLesson, studentOf, type PP } from './catalog.js'
import { needQuery, needString, oneOf, optString, page, paging, queryEnum, readBody, type Body } from './request.js'
import { GRADES, nextId, SUBJECTS, type AssignmentStatus, type TestAssignment } from './state.js'

export const ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['assigned', 'in_progress', 'completed', 'failed', 'expired', 'cancelled']
const EXPIRY_MS = 30 * 86_400_000

/** The status as read now: an open assignment past its expiry reads `expired`. */
export function statusOf(pp: PP, a: TestAssignment): AssignmentStatus {
  const open = a.assignmentStatus === 'assigned' || a.assignmentStatus === 'in_progress'
  return open && Date.parse(a.expiresAt) <= pp.env.clock() ? 'expired' : a.assignmentStatus
}

export function assignmentView(pp: PP, a: TestAssignment): Record<string, unknown> {
  return {
    sourcedId: a.sourcedId, studentSourcedId: a.studentSourcedId, studentEmail: a.studentEmail, assignedByUserSourcedId: a.assignedByUserSourcedId,
    subject: a.subject, grade: a.grade, assignmentStatus: statusOf(pp, a), testName: a.testName, assignedAt: a.assignedAt, expiresAt: a.expiresAt,
    completedAt: a.completedAt, resourceSourcedId: a.resourceSourcedId, componentResourceSourcedId: a.componentResourceSourcedId,
  }
}

export interface NewAssignment {
  readonly student: string
  readonly subject: string
  readonly grade: string
  readonly testName?: string | undefined
  readonly origin?: TestAssignment['origin']
  readonly courseId?: string
  /** Reuse this lesson instead of making an unlisted one (course test-outs). */
  readonly lessonId?: string
}

/** Make the assignment (and its unlisted lesson unless given one). The student must exist. */
export function createAssignment(pp: PP, input: NewAssignment): TestAssignment {
  const user = studentOf(pp, input.student)
  const id = nextId(pp.state, 'test-assignment')
  const lessonId = input.lessonId ?? addLesson(pp, {
    id: `${id}-lesson`, title: input.testName ?? `${input.subject} grade ${input.grade} test-out`, lessonType: 'test-out', xp: 0, subject: input.subject, grades: [input.grade], questions: 5,
  }).id
  const now = pp.env.clock()
  const assignment: TestAssignment = {
    sourcedId: id, studentSourcedId: input.student, studentEmail: typeof user.email === 'string' ? user.email : '', assignedByUserSourcedId: null,
    subject: input.subject, grade: input.grade, assignmentStatus: 'assigned', testName: input.testName ?? null, assignedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + EXPIRY_MS).toISOString(), completedAt: null, resourceSourcedId: `${lessonId}-resource`, componentResourceSourcedId: lessonId,
    deleted: false, origin: input.origin ?? 'standalone', ...(input.courseId === undefined ? {} : { courseId: input.courseId }),
  }
  pp.state.assignments.push(assignment)
  return assignment
}

export const created = (a: TestAssignment) => ({ assignmentId: a.sourcedId, lessonId: a.componentResourceSourcedId, resourceId: a.resourceSourcedId })

/** The fields of a create/bulk item, checked (400 naming the field); the student is checked by createAssignment. */
function parseItem(body: Body): NewAssignment {
  return { student: needString(body, 'student'), subject: oneOf(body.subject, SUBJECTS, 'subject'), grade: oneOf(body.grade, GRADES, 'grade'), testName: optString(body, 'testName') }
}

/** One bulk item, checked, student included; the message naming what is wrong otherwise. */
export function checkItem(pp: PP, item: unknown): NewAssignment | string {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return 'each item must be an object with student, subject and grade'
  try {
    const input = parseItem(item as Body)
    studentOf(pp, input.student)
    return input
  } catch (err) {
    return (err as Error).message
  }
}

function live(pp: PP, id: string): TestAssignment {
  const a = pp.state.assignments.find((x) => x.sourcedId === id && !x.deleted)
  if (!a) throw notFound(`Test assignment '${id}' not found.`)
  return a
}

function list(pp: PP, ctx: Ctx, student: string | undefined): Response {
  const status = queryEnum(ctx, 'status', ASSIGNMENT_STATUSES)
  const grade = queryEnum(ctx, 'grade', GRADES)
  const subject = ctx.query.get('subject') || undefined
  const paged = paging(ctx)
  const items = pp.state.assignments
    .filter((a) => !a.deleted && (student === undefined || a.studentSourcedId === student) && (grade === undefined || a.grade === grade))
    .filter((a) => (subject === undefined || a.subject.toLowerCase() === subject.toLowerCase()) && (status === undefined || statusOf(pp, a) === status))
  return json(page('testAssignments', items.map((a) => assignmentView(pp, a)), paged))
}

async function create(pp: PP, ctx: Ctx): Promise<Response> {
  return json(created(createAssignment(pp, parseItem(await readBody(ctx)))))
}

async function update(pp: PP, ctx: Ctx): Promise<Response> {
  const a = live(pp, ctx.params.id!)
  const testName = needString(await readBody(ctx), 'testName')
  a.testName = testName
  return noContent()
}

export function assignmentRoutes(pp: PP): Route[] {
  return [
    route('GET', '/powerpath/test-assignments', 'listStudentTestAssignments', (ctx) => {
      const student = needQuery(ctx, 'student')
      return list(pp, ctx, student)
    }),
    route('POST', '/powerpath/test-assignments', 'createTestAssignment', (ctx) => create(pp, ctx)),
    route('GET', '/powerpath/test-assignments/admin', 'listAllTestAssignments', (ctx) => list(pp, ctx, ctx.query.get('student') || undefined)),
    route('GET', '/powerpath/test-assignments/{id}', 'getTestAssignment', (ctx) => json(assignmentView(pp, live(pp, ctx.params.id!)))),
    route('PUT', '/powerpath/test-assignments/{id}', 'updateTestAssignment', (ctx) => update(pp, ctx)),
    route('DELETE', '/powerpath/test-assignments/{id}', 'deleteTestAssignment', (ctx) => {
      live(pp, ctx.params.id!).deleted = true
      return noContent()
    }),
  ]
}
