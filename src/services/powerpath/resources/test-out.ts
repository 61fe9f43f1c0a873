/**
 * @module services/powerpath/resources/test-out — self-service test-outs (2026 additions): whether a student may
 * ask for one in a subject, and creating it.
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { TEST_OUT_SUBJECTS } from './enums.js'
import { bind, route } from './route.js'

/**
 * A subject a student can test out of (any letter case is accepted and sent in this spelling).
 * @example const subject: TestOutSubject = 'Reading'
 */
export type TestOutSubject = (typeof TEST_OUT_SUBJECTS)[number]

/** The routes of `client.testOut`, by method name. */
export const TEST_OUT_ROUTES = {
  getEligibility: /* @__PURE__ */ route('GET', '/powerpath/test-out/getTestOutEligibility/{studentId}/{subject}', { subject: TEST_OUT_SUBJECTS }),
  makeExternalStudentTestOutAssignment: /* @__PURE__ */ route('POST', '/powerpath/test-out/makeExternalStudentTestOutAssignment', {
    oneRosterSourcedId: 's', subject: TEST_OUT_SUBJECTS,
  }),
}

/**
 * `client.testOut`: self-elected test-outs.
 * @example
 * const { eligible, reason } = await client.testOut.getEligibility({ studentId: 'stu-1', subject: 'Math' })
 * if (eligible) await client.testOut.makeExternalStudentTestOutAssignment({ oneRosterSourcedId: 'stu-1', subject: 'Math' })
 */
export interface TestOutResource {
  /**
   * GET /powerpath/test-out/getTestOutEligibility/{studentId}/{subject} — eligible unless a graded self-elected
   * test-out exists at the target grade (`reason` says why not).
   */
  getEligibility(params: { studentId: string; subject: TestOutSubject }, call?: CallOptions): Promise<{ eligible: boolean; reason?: string }>
  /** POST /powerpath/test-out/makeExternalStudentTestOutAssignment — re-checks eligibility, then assigns the test-out. */
  makeExternalStudentTestOutAssignment(params: { oneRosterSourcedId: string; subject: TestOutSubject }, call?: CallOptions): Promise<{ success: boolean; data?: Record<string, unknown> }>
}

/**
 * Builds `client.testOut`.
 * @example const { eligible } = await createTestOut(ctx).getEligibility({ studentId, subject: 'Reading' })
 */
export const createTestOut = (ctx: ServiceContext): TestOutResource => bind(ctx, 'testOut', TEST_OUT_ROUTES) as unknown as TestOutResource
