// The emulated MasteryTrack assignment rules: only supported tests are assignable (422 TEST_NOT_SUPPORTED); an
// active assignment (ASSIGNED, IN_PROGRESS, PAUSED) of the same test blocks another (409 ASSIGNMENT_EXISTS with
// data.existing_assignment); subject + grade_rank picks the first supported test of that grade the student has
// not been assigned; invalidation is permanent; grade_rank is an integer 0-12; the student must be a Timeback user
// (an active user of the emulator's OneRoster data with that email): 404 USER_NOT_FOUND otherwise.
import type { Ctx } from '../context.js'
import { json } from '../http.js'
import { masterytrackError } from './error.js'
import type { TestRecord } from './inventory.js'
import { ACTIVE_STATUSES } from './lifecycle.js'
import { studentOf, type WriteBack } from './roster.js'

export interface AssignmentRecord {
  id: number
  student_email: string
  timeback_id: string
  subject: string
  grade_rank: number
  test_name: string
  assigned_by: number
  test_url: string
  status: string
  expires_at: string
  metadata: Record<string, unknown>
  created_at: string
  /** Both write-back sourcedIds, when the assignment named them (not part of the service's answer). */
  write_back?: WriteBack
}

export interface MasteryTrackState {
  tests: TestRecord[]
  assignments: AssignmentRecord[]
  nextId: number
}

const DAY_MS = 86_400_000
const isActive = (a: AssignmentRecord) => ACTIVE_STATUSES.has(a.status)

/** Whether `email` names a Timeback user (see `studentOf`: any email passes without OneRoster mounted). */
const inTimeback = (ctx: Ctx, email: string): boolean => studentOf(ctx.env, email) !== null

const fail = (status: number, message: string, code?: string, data?: unknown): Response =>
  data === undefined ? masterytrackError(status, message, {}, code ? { code } : {}) : json({ success: false, error: message, code, data }, status)

async function readObject(ctx: Ctx): Promise<Record<string, unknown> | Response> {
  let body: unknown
  try {
    body = await ctx.body()
  } catch {
    return fail(400, 'Invalid JSON body', 'INVALID_PARAMETERS')
  }
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : fail(400, 'Body must be a JSON object', 'INVALID_PARAMETERS')
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined)
const gradeRankProblem = (value: unknown): boolean =>
  value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 12)
const sameSubject = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/** The test an assignment names: by timeback_id (its newest version), else the first untaken one of the subject. */
function pickTest(state: MasteryTrackState, email: string, timebackId: string | undefined, subject: string | undefined, rank: number | undefined): TestRecord | Response {
  if (timebackId) {
    const test = state.tests.filter((t) => t.timeback_id === timebackId).sort((a, b) => b.version - a.version)[0]
    return test ?? fail(404, `Test not found with timeback_id: ${timebackId}`, 'TEST_NOT_FOUND')
  }
  // Without grade_rank: the placement flow starts at the lowest grade of the subject.
  // Taken by name: another version of a test the student has had does not count as a new test.
  const taken = new Set(state.assignments.filter((a) => a.student_email === email).map((a) => a.test_name))
  const test = state.tests
    .filter((t) => t.supported && sameSubject(t.subject, subject ?? '') && (rank === undefined || t.grade_rank === rank))
    .sort((a, b) => a.grade_rank - b.grade_rank || a.name.localeCompare(b.name) || b.version - a.version)
    .find((t) => !taken.has(t.name))
  return test ?? fail(404, `No untaken test found for subject: ${subject}${rank === undefined ? '' : `, grade_rank: ${rank}`}`, 'TEST_NOT_FOUND')
}

/** POST /delivery/assignments/assign */
export async function assign(state: MasteryTrackState, ctx: Ctx): Promise<Response> {
  const body = await readObject(ctx)
  if (body instanceof Response) return body
  const email = text(body.student_email)
  if (!email) return fail(400, 'student_email is required', 'MISSING_PARAMETER')
  if (gradeRankProblem(body.grade_rank)) return fail(400, 'grade_rank must be a valid number between 0-12', 'INVALID_PARAMETERS')
  const timebackId = text(body.timeback_id)
  const subject = text(body.subject)
  if (!timebackId && !subject) return fail(400, 'timeback_id or subject is required', 'MISSING_PARAMETER')
  if (!inTimeback(ctx, email)) return fail(404, `User with email ${email} not found`, 'USER_NOT_FOUND')
  const test = pickTest(state, email, timebackId, subject, body.grade_rank as number | undefined)
  if (test instanceof Response) return test
  if (!test.supported) return fail(422, 'The requested test is not yet supported by the system', 'TEST_NOT_SUPPORTED')
  const existing = state.assignments.find((a) => a.student_email === email && a.timeback_id === test.timeback_id && isActive(a))
  if (existing) {
    const { id, student_email, test_name, status, test_url } = existing
    return fail(409, 'Assignment already exists', 'ASSIGNMENT_EXISTS', { existing_assignment: { id, student_email, test_name, status, test_url } })
  }
  const id = state.nextId++
  const assignment: AssignmentRecord = {
    id, student_email: email, timeback_id: test.timeback_id, subject: test.subject, grade_rank: test.grade_rank,
    test_name: test.name, assigned_by: 1, test_url: `https://masterytrack.example/assignment/${id}`, status: 'ASSIGNED',
    expires_at: new Date(ctx.env.clock() + 30 * DAY_MS).toISOString(),
    metadata: { ...test.metadata, grade: test.grade }, created_at: ctx.env.nowIso(),
  }
  const lineItem = text(body.assessment_line_item_sourced_id)
  const result = text(body.assessment_result_sourced_id)
  if (lineItem && result) assignment.write_back = { lineItem, result }
  state.assignments.push(assignment)
  const { timeback_id: _t, subject: _s, grade_rank: _g, write_back: _w, ...answer } = assignment
  return json({ success: true, platform: 'Mastery Track', data: { assignment: answer, message: `Test successfully assigned to ${email}` } }, 201)
}

/** POST /delivery/assignments/invalidate — invalidate errors carry no code, as documented. */
export async function invalidate(state: MasteryTrackState, ctx: Ctx): Promise<Response> {
  const body = await readObject(ctx)
  if (body instanceof Response) return body
  const email = text(body.student_email)
  if (!email) return json({ success: false, error: 'student_email is required' }, 400)
  const { assignment_id: assignmentId, grade_rank: rank } = body
  if (assignmentId !== undefined && (typeof assignmentId !== 'number' || !Number.isInteger(assignmentId) || assignmentId < 1)) {
    return json({ success: false, error: 'assignment_id must be a valid positive number' }, 400)
  }
  if (gradeRankProblem(rank)) return json({ success: false, error: 'grade_rank must be a valid number between 0-12' }, 400)
  const timebackId = text(body.timeback_id)
  const subject = text(body.subject)
  let match: (a: AssignmentRecord) => boolean
  let criteria: string
  if (assignmentId !== undefined) {
    match = (a) => a.id === assignmentId
    criteria = `assignment_id: ${assignmentId}`
  } else if (timebackId) {
    match = (a) => a.timeback_id === timebackId
    criteria = `timeback_id: ${timebackId}`
  } else if (subject && rank !== undefined) {
    match = (a) => sameSubject(a.subject, subject) && a.grade_rank === rank
    criteria = `subject: ${subject}, grade: ${rank}`
  } else {
    return json({ success: false, error: 'Either assignment_id, timeback_id, or (subject and grade/grade_rank) is required' }, 400)
  }
  if (!inTimeback(ctx, email)) return json({ success: false, error: `Student with email ${email} does not exist in timeback` }, 404)
  const hits = state.assignments.filter((a) => a.student_email === email && isActive(a) && match(a))
  if (!hits.length) return json({ success: false, error: `No active assignments found for student ${email} with criteria: ${criteria}` }, 404)
  for (const a of hits) a.status = 'INVALIDATED'
  return json({
    success: true,
    data: {
      message: 'Assignment(s) invalidated successfully.',
      total_invalidated: hits.length,
      invalidated_assignments: hits.map((a) => ({ assignment_id: a.id, student_email: a.student_email })),
    },
  })
}
