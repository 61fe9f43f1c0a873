/**
 * @module services/powerpath/resources/screening — NWEA MAP screening: a student's session (PIN, password,
 * assignment), results, resetting the session and assigning a screening test.
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { SCREENING_SUBJECTS } from './enums.js'
import { bind, route } from './route.js'

/** A student's NWEA screening session. */
export interface ScreeningSession {
  nweaStudentId: string
  createdOn: string
  password: string
  name: string
  proctorId: string
  pin: string
  testSessionId: string
  status: 'active' | 'inactive'
  assignment: {
    assignedTestKey: string | null
    status: 'enqueued' | 'assigned' | 'in_progress' | 'blocked' | 'completed' | 'abandoned' | 'failed' | null
    nweaStatus: 'ENQUEUED' | 'AWAITING_STUDENT' | 'IN_PROGRESS' | 'PAUSED' | 'SUSPENDED' | 'TERMINATED' | 'ABANDONED' | 'COMPLETED' | 'FAILED' | null
  }
  termId: string
}

/** The routes of `client.screening`, by method name. */
export const SCREENING_ROUTES = {
  getResults: /* @__PURE__ */ route('GET', '/powerpath/screening/results/{userId}'),
  getSession: /* @__PURE__ */ route('GET', '/powerpath/screening/session/{userId}'),
  // Spec defect: it declares `userId` as a path parameter of a path without one; the body carries it.
  resetSession: /* @__PURE__ */ route('POST', '/powerpath/screening/session/reset', { userId: 's' }),
  assignTest: /* @__PURE__ */ route('POST', '/powerpath/screening/tests/assign', { userId: 's', subject: SCREENING_SUBJECTS }),
}

/**
 * `client.screening`: NWEA MAP screening sessions.
 * @example
 * const session = await client.screening.assignTest({ userId: 'stu-1', subject: 'Math' })
 * console.log(session.pin, session.assignment.status)
 */
export interface ScreeningResource {
  /** GET /powerpath/screening/results/{userId} — screening results (shape not documented by the vendor). */
  getResults(params: { userId: string }, call?: CallOptions): Promise<Record<string, unknown>>
  /** GET /powerpath/screening/session/{userId} — the student's screening session. */
  getSession(params: { userId: string }, call?: CallOptions): Promise<ScreeningSession>
  /** POST /powerpath/screening/session/reset — resets the session (`userId` sent in the body). */
  resetSession(params: { userId: string }, call?: CallOptions): Promise<void>
  /** POST /powerpath/screening/tests/assign — assigns a screening test in Math, Reading, Language or Science. */
  assignTest(params: { userId: string; subject: (typeof SCREENING_SUBJECTS)[number] }, call?: CallOptions): Promise<ScreeningSession>
}

/**
 * Builds `client.screening`.
 * @example const session = await createScreening(ctx).getSession({ userId })
 */
export const createScreening = (ctx: ServiceContext): ScreeningResource => bind(ctx, 'screening', SCREENING_ROUTES) as unknown as ScreeningResource
