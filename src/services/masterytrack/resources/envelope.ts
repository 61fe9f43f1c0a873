/**
 * @module services/masterytrack/resources/envelope — MasteryTrack answers `{ success, data }`; errors are
 * `{ success: false, error, code? }`, which core reads into ApiError (`description` from `error`, `minorCodes`
 * from `code`). Here: sending one call and unwrapping `data`, and reading the existing assignment out of a 409.
 */

import { isApiError } from '../../../core/error-guards.js'
import { ServerError } from '../../../core/errors.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import type { CallOptions, HttpRequest } from '../../../core/transport/http.js'
import type { AssignmentSummary } from './assignments.js'

/**
 * One MasteryTrack call: its `data`, an array or an object. No route has an id in its path, so this stands in for
 * core's `operation()` and its path-template compiler, which a MasteryTrack-only bundle then does without. Bad
 * input rejects (never throws): `request` runs the checks inside this async function, before anything is sent.
 * @example const tests = await send(ctx, () => ({ method: 'GET', path: '/authoring/inventory/search', query }), 'array')
 */
export async function send(ctx: ServiceContext, request: () => HttpRequest, shape: 'array' | 'object', call?: CallOptions): Promise<any> {
  const req = request()
  return dataOf(await ctx.transport.request(req, call), req, shape)
}

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
