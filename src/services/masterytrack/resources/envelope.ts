/**
 * @module services/masterytrack/resources/envelope — MasteryTrack answers `{ success, data }`; errors are
 * `{ success: false, error, code? }`, which core reads into ApiError (`description` from `error`, `minorCodes`
 * from `code`). Here: unwrapping `data`, and reading the existing assignment out of a 409.
 */

import { isApiError } from '../../../core/error-guards.js'
import { ServerError } from '../../../core/errors.js'
import type { HttpRequest } from '../../../core/transport/http.js'
import type { AssignmentSummary } from './assignments.js'

/** `body.data` when it is an array / an object, else a ServerError `invalid_response` (a 2xx that lies). */
export function dataOf(body: any, req: HttpRequest, shape: 'array' | 'object'): any {
  const data = body?.success === false ? undefined : body?.data
  if (shape === 'array' ? Array.isArray(data) : !!data && typeof data === 'object' && !Array.isArray(data)) return data
  const got = body && typeof body === 'object' ? Object.keys(body).slice(0, 10) : typeof body
  throw new ServerError(`${req.path}: the response has no 'data' ${shape} (got ${JSON.stringify(got)})`, {
    status: 200, method: req.method, url: req.path, body: undefined,
  }, 'invalid_response')
}

/**
 * The assignment that blocked `assignments.assign` (a 409 `ASSIGNMENT_EXISTS` carries it as
 * `data.existing_assignment`), or undefined for any other error.
 * @example
 * try {
 *   await client.assignments.assign({ student_email, timeback_id })
 * } catch (e) {
 *   const existing = existingAssignmentOf(e)
 *   if (!existing) throw e
 *   return existing.test_url // the student already has it: send them there
 * }
 */
export function existingAssignmentOf(error: unknown): AssignmentSummary | undefined {
  if (!isApiError(error) || error.status !== 409) return undefined
  const existing = (error.body as { data?: { existing_assignment?: unknown } } | undefined)?.data?.existing_assignment
  return existing && typeof existing === 'object' ? (existing as AssignmentSummary) : undefined
}
