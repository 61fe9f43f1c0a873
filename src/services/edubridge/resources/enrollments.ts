/**
 * @module services/edubridge/resources/enrollments — course-centric enrollment (`/edubridge/enrollments/*`):
 * enrolling a user in a course creates the course's default class and its year/term sessions when missing.
 */

import { isConflictError, isNotFoundError, isValidationError } from '../../../core/error-guards.js'
import { NotFoundError } from '../../../core/errors.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { many, none, one, operation } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { Input } from './check.js'

/** Daily goals and course metrics an enrollment carries. */
export interface EnrollmentMetadata {
  goals?: Record<string, unknown>
  metrics?: Record<string, unknown>
  studentSpecificGoals?: Record<string, unknown>
  [key: string]: unknown
}

/** An active enrollment as EduBridge describes it (course-centric, with the course's app). */
export interface Enrollment {
  id: string
  role: string
  beginDate?: string | null
  endDate?: string | null
  metadata?: EnrollmentMetadata | null
  course: {
    id: string
    title: string
    metadata?: Record<string, unknown> | null
    subjects?: string[] | null
    grades?: string[] | null
    primaryApp?: { id: string; name: string; domains?: string[] } | null
  }
  school?: { id: string; name: string } | null
  [key: string]: unknown
}

/** A course's default class (created by the service when missing). */
export interface DefaultClass {
  id: string
  title: string
  classCode?: string | null
  subjectCodes?: string[] | null
  subjects?: string[] | null
  grades?: string[] | null
  periods?: string[] | null
  course?: Record<string, unknown>
  [key: string]: unknown
}

/** Roles an enrollment can have (default `student`). */
export type EnrollmentRole = 'administrator' | 'proctor' | 'student' | 'teacher'

/** What `enrollments.enroll` takes. */
export interface EnrollInput {
  userId: string
  courseId: string
  /** The school whose default class to use; without it the service picks the course's org. */
  schoolId?: string
  /** The OneRoster sourcedId to give the enrollment. */
  sourcedId?: string
  role?: EnrollmentRole
  /** `YYYY-MM-DD` or a Date (sent as its UTC day); a date-time is refused. The service's default is today. */
  beginDate?: string | Date
  metadata?: EnrollmentMetadata
}

/** What `resetGoals` answers: enrollments updated and the ones that failed. */
export interface ResetGoalsResult {
  updated: number
  errors: unknown[]
  [key: string]: unknown
}

const ROLES = 'administrator|proctor|student|teacher'
const data = /* @__PURE__ */ one<any>('data')

/** GET /edubridge/enrollments/user/{userId} — `{ data: Enrollment[] }`, active enrollments only. */
const listOp = /* @__PURE__ */ operation<{ userId: string }, Enrollment[]>({ method: 'GET', path: '/edubridge/enrollments/user/{userId}', unwrap: many('data') })
/** POST /edubridge/enrollments/enroll/{userId}/{courseId}[/{schoolId}] — 201 `{ data: Enrollment }`. */
const enrollOp = /* @__PURE__ */ operation<object, Enrollment>({ method: 'POST', path: '/edubridge/enrollments/enroll/{userId}/{courseId}', unwrap: data })
const enrollAtOp = /* @__PURE__ */ operation<object, Enrollment>({ method: 'POST', path: '/edubridge/enrollments/enroll/{userId}/{courseId}/{schoolId}', unwrap: data })
/** DELETE /edubridge/enrollments/unenroll/{userId}/{courseId}[/{schoolId}] — 204. */
const unenrollOp = /* @__PURE__ */ operation<object, void>({ method: 'DELETE', path: '/edubridge/enrollments/unenroll/{userId}/{courseId}', unwrap: none })
const unenrollAtOp = /* @__PURE__ */ operation<object, void>({ method: 'DELETE', path: '/edubridge/enrollments/unenroll/{userId}/{courseId}/{schoolId}', unwrap: none })
/** GET /edubridge/enrollments/defaultClass/{courseId}[/{schoolId}] — `{ data: DefaultClass }`. */
const defaultClassOp = /* @__PURE__ */ operation<object, DefaultClass>({ method: 'GET', path: '/edubridge/enrollments/defaultClass/{courseId}', unwrap: data })
const defaultClassAtOp = /* @__PURE__ */ operation<object, DefaultClass>({ method: 'GET', path: '/edubridge/enrollments/defaultClass/{courseId}/{schoolId}', unwrap: data })
/** POST /edubridge/enrollments/resetGoals/{courseId} (the vendor SDK's name) — `{ data: { updated, errors } }`. */
const resetGoalsOp = /* @__PURE__ */ operation<{ courseId: string }, ResetGoalsResult>({ method: 'POST', path: '/edubridge/enrollments/resetGoals/{courseId}', unwrap: data })
/** POST /edubridge/enrollments/propagateGoals/{courseId} (the name in the vendor's API notes): the fallback. */
const propagateGoalsOp = /* @__PURE__ */ operation<{ courseId: string }, ResetGoalsResult>({ method: 'POST', path: '/edubridge/enrollments/propagateGoals/{courseId}', unwrap: data })
/** DELETE /edubridge/enrollments/resetProgress/{userId}/{courseId} — 204. */
const resetProgressOp = /* @__PURE__ */ operation<object, void>({ method: 'DELETE', path: '/edubridge/enrollments/resetProgress/{userId}/{courseId}', unwrap: none })

/**
 * `client.enrollments`: who is enrolled in what, by course rather than by class.
 * @example
 * const enrollment = await client.enrollments.enroll({ userId: 'student-1', courseId: 'math-g4' })
 * const cls = await client.enrollments.getDefaultClass({ courseId: 'math-g4' })
 * const mine = await client.enrollments.list('student-1')
 */
export interface EnrollmentsResource {
  /** GET /edubridge/enrollments/user/{userId} — the user's active enrollments. */
  list(userId: string, call?: CallOptions): Promise<Enrollment[]>
  /** POST /edubridge/enrollments/enroll/{userId}/{courseId}[/{schoolId}] — creates the default class and sessions when missing. */
  enroll(input: EnrollInput, call?: CallOptions): Promise<Enrollment>
  /** DELETE /edubridge/enrollments/unenroll/{userId}/{courseId}[/{schoolId}] — marks the class enrollments `tobedeleted`. */
  unenroll(input: { userId: string; courseId: string; schoolId?: string }, call?: CallOptions): Promise<void>
  /** GET /edubridge/enrollments/defaultClass/{courseId}[/{schoolId}] — the course's default class (created when missing). */
  getDefaultClass(input: { courseId: string; schoolId?: string }, call?: CallOptions): Promise<DefaultClass>
  /**
   * POST /edubridge/enrollments/resetGoals/{courseId}: copies the course's goals onto its enrollments (404 unknown
   * course, 422 no goals). The vendor's notes call the route `propagateGoals`, its SDK `resetGoals`: this sends
   * `resetGoals` and, on a 404, `propagateGoals`; the route that answered (a success, or its own 400/409/422)
   * is used for the client's later calls.
   * When both answer 404 the NotFoundError's message holds both answers (one of them names the unknown course).
   */
  resetGoals(courseId: string, call?: CallOptions): Promise<ResetGoalsResult>
  /** DELETE /edubridge/enrollments/resetProgress/{userId}/{courseId} — the user's results in the course become `tobedeleted`. */
  resetProgress(input: { userId: string; courseId: string }, call?: CallOptions): Promise<void>
}

const ids = (label: string, input: unknown, fields: string, optional = ''): Record<string, unknown> => {
  const check = new Input(label, input, optional ? `${fields}|${optional}` : fields)
  for (const key of fields.split('|')) check.text(key, true)
  if (optional) check.text(optional)
  return check.done()
}

function enrollParams(input: unknown): Record<string, unknown> {
  const check = new Input('enrollments.enroll', input, 'userId|courseId|schoolId|sourcedId|role|beginDate|metadata')
  check.text('userId', true).text('courseId', true).text('schoolId').text('sourcedId').pick('role', ROLES).object('metadata').day('beginDate')
  const { userId, courseId, schoolId, ...body } = check.done()
  return { userId, courseId, schoolId, body }
}

/**
 * Builds `client.enrollments`.
 * @example const enrollments = await createEnrollments(ctx).list('student-1')
 */
export function createEnrollments(ctx: ServiceContext): EnrollmentsResource {
  // Which goals route this deployment serves, once one has answered as only that route can.
  let goalsOp: typeof resetGoalsOp | undefined
  return {
    list: async (userId, call) => listOp(ctx, { userId }, call),
    enroll: async (input, call) => {
      const params = enrollParams(input)
      return (params.schoolId === undefined ? enrollOp : enrollAtOp)(ctx, params, call)
    },
    unenroll: async (input, call) => {
      const params = ids('enrollments.unenroll', input, 'userId|courseId', 'schoolId')
      return (params.schoolId === undefined ? unenrollOp : unenrollAtOp)(ctx, params, call)
    },
    getDefaultClass: async (input, call) => {
      const params = ids('enrollments.getDefaultClass', input, 'courseId', 'schoolId')
      return (params.schoolId === undefined ? defaultClassOp : defaultClassAtOp)(ctx, params, call)
    },
    resetGoals: async (courseId, call) => {
      if (goalsOp) return goalsOp(ctx, { courseId }, call)
      const attempt = async (op: typeof resetGoalsOp) => {
        try {
          const result = await op(ctx, { courseId }, call)
          goalsOp = op
          return result
        } catch (error) {
          // Only the route's own refusals (400/422 no goals, 409) prove it exists; a 404 may be a missing route, and
          // a 403, 429, 5xx or network failure may come from in front of the routing: settling on those would pin
          // the client to a route the deployment may not serve.
          if (isValidationError(error) || isConflictError(error)) goalsOp = op
          throw error
        }
      }
      return attempt(resetGoalsOp).catch((first) => {
        if (!isNotFoundError(first)) throw first
        return attempt(propagateGoalsOp).catch((second) => {
          if (!isNotFoundError(second)) throw second
          // Both 404: one says the course is unknown, the other (most likely) that it has no such route, and
          // which is which cannot be told apart: one NotFoundError carries both answers.
          throw new NotFoundError(`${first.message}; then ${second.message}`, first)
        })
      })
    },
    resetProgress: async (input, call) => resetProgressOp(ctx, ids('enrollments.resetProgress', input, 'userId|courseId'), call),
  }
}
