/**
 * @module services/masterytrack/resources/assignments — assigning mastery tests to students
 * (POST /delivery/assignments/assign) and withdrawing them (POST /delivery/assignments/invalidate).
 * Field names are the service's own (snake_case), in and out.
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { objectInput, Problems } from './check.js'
import { send } from './envelope.js'

/** Statuses that block a new assignment of the same test and can be invalidated; others are final. */
export type AssignmentStatus = 'ASSIGNED' | 'IN_PROGRESS' | 'PAUSED' | 'COMPLETED' | 'ABANDONED' | 'INVALIDATED' | (string & {})

/** An assignment as a 409 `ASSIGNMENT_EXISTS` describes it (`data.existing_assignment`). */
export interface AssignmentSummary {
  id: number
  student_email: string
  test_name: string
  status: AssignmentStatus
  /** Deep link for the student's dashboard (through the login page when signed out). */
  test_url: string
}

/** A created assignment. */
export interface Assignment extends AssignmentSummary {
  /** Id of the API user that assigned it. */
  assigned_by: number
  /** 30 days after creation by default. */
  expires_at: string
  metadata: Record<string, unknown>
  created_at: string
}

/**
 * What `assignments.assign` takes. The variants: `timeback_id` (that test); `subject` (the placement flow);
 * `subject` + `grade_rank` (the first test of that grade the student has not taken); with either of the first
 * and last, both OneRoster sourcedIds to have the result written back to them.
 */
export interface AssignInput {
  student_email: string
  timeback_id?: string
  subject?: string
  /** 0 (kindergarten) to 12; needs `subject`. */
  grade_rank?: number
  /** With `assessment_result_sourced_id`: where the result is written back in OneRoster. */
  assessment_line_item_sourced_id?: string
  assessment_result_sourced_id?: string
}

/** What `assignments.assign` answers. */
export interface AssignResult {
  assignment: Assignment
  /** e.g. `Test successfully assigned to student@example.com`. */
  message: string
}

/**
 * What `assignments.invalidate` takes: `student_email` and one of `assignment_id`, `timeback_id` (every active
 * assignment of that test) or `subject` + `grade_rank`.
 */
export interface InvalidateInput {
  student_email: string
  assignment_id?: number
  timeback_id?: string
  subject?: string
  grade_rank?: number
}

/** What `assignments.invalidate` answers. */
export interface InvalidateResult {
  message: string
  total_invalidated: number
  invalidated_assignments: { assignment_id: number; student_email: string }[]
}

const ASSIGN_FIELDS = ['student_email', 'timeback_id', 'subject', 'grade_rank', 'assessment_line_item_sourced_id', 'assessment_result_sourced_id'] as const
const INVALIDATE_FIELDS = ['student_email', 'assignment_id', 'timeback_id', 'subject', 'grade_rank'] as const

/** The checks both routes share; returns the input as an object. */
function common(params: { input: unknown }, label: string, fields: readonly string[]): [Record<string, unknown>, Problems] {
  const input = objectInput(params.input, 'input', label)
  const problems = new Problems(label)
  problems.known(input, fields)
  problems.text(input, 'student_email', true)
  for (const key of fields.filter((f) => f !== 'student_email' && f !== 'grade_rank' && f !== 'assignment_id')) problems.text(input, key)
  problems.integer(input, 'grade_rank', 0, 12)
  return [input, problems]
}

function assignBody(params: { input: unknown }): AssignInput {
  const [input, problems] = common(params, 'assignments.assign', ASSIGN_FIELDS)
  if (input.timeback_id === undefined && input.subject === undefined) {
    problems.add('timeback_id', 'give timeback_id (a specific test) or subject (with grade_rank for a grade)')
  }
  if (input.grade_rank !== undefined && input.subject === undefined) problems.add('grade_rank', 'needs subject')
  if ((input.assessment_line_item_sourced_id === undefined) !== (input.assessment_result_sourced_id === undefined)) {
    const missing = input.assessment_line_item_sourced_id === undefined ? 'assessment_line_item_sourced_id' : 'assessment_result_sourced_id'
    problems.add(missing, 'is required with the other sourcedId (the result is written back to both)')
  }
  problems.throwIfAny()
  return input as unknown as AssignInput
}

function invalidateBody(params: { input: unknown }): InvalidateInput {
  const [input, problems] = common(params, 'assignments.invalidate', INVALIDATE_FIELDS)
  problems.integer(input, 'assignment_id', 1, Number.MAX_SAFE_INTEGER)
  const bySubject = input.subject !== undefined || input.grade_rank !== undefined
  if (input.assignment_id === undefined && input.timeback_id === undefined && !bySubject) {
    problems.add('assignment_id', 'give assignment_id, timeback_id, or subject with grade_rank')
  } else if (bySubject && (input.subject === undefined || input.grade_rank === undefined)) {
    problems.add(input.subject === undefined ? 'subject' : 'grade_rank', 'subject and grade_rank go together')
  }
  problems.throwIfAny()
  return input as unknown as InvalidateInput
}

/**
 * `client.assignments`: give students mastery tests, and take them back.
 * @example
 * const { assignment } = await client.assignments.assign({ student_email: 'ada@school.example', timeback_id: '_677e37c4' })
 * await client.assignments.invalidate({ student_email: 'ada@school.example', assignment_id: assignment.id })
 */
export interface AssignmentsResource {
  /**
   * POST /delivery/assignments/assign — only supported tests (422 `TEST_NOT_SUPPORTED`, a ValidationError); an
   * active assignment of the same test is a ConflictError `ASSIGNMENT_EXISTS` (see `existingAssignmentOf`).
   */
  assign(input: AssignInput, call?: CallOptions): Promise<AssignResult>
  /** POST /delivery/assignments/invalidate — permanent: assign again to retake. 404 when nothing active matches. */
  invalidate(input: InvalidateInput, call?: CallOptions): Promise<InvalidateResult>
}

/**
 * Builds `client.assignments`.
 * @example await createAssignments(ctx).assign({ student_email, subject: 'Math', grade_rank: 3 })
 */
export function createAssignments(ctx: ServiceContext): AssignmentsResource {
  return {
    // POST /delivery/assignments/assign — 201 `{ success, platform, data: { assignment, message } }`.
    assign: (input, call) => send(ctx, () => ({ method: 'POST', path: '/delivery/assignments/assign', body: assignBody({ input }) }), 'object', call),
    // POST /delivery/assignments/invalidate — 200 `{ success, data: { message, total_invalidated, invalidated_assignments } }`.
    invalidate: (input, call) => send(ctx, () => ({ method: 'POST', path: '/delivery/assignments/invalidate', body: invalidateBody({ input }) }), 'object', call),
  }
}
