// QTI's error bodies (not imsx): a 400 of the validation layer is `{ error, code, meta: { issues: [{ field,
// message, code }] } }`, other 4xx answers are `{ error }`, a 5xx is `{ error, message, details }` (the spec's
// schemas). The kernel uses the writer for its own answers on QTI's paths; handlers throw `InvalidField` to name
// the field at fault.
import { HttpError, json } from '../http.js'
import type { ErrorWriter } from '../service.js'

/** One entry of `meta.issues` in a 400 body. */
export interface Issue {
  readonly field: string
  readonly message: string
  readonly code: string
}

/**
 * A 400 that names the request field at fault; the module's route wrapper writes it with its issue.
 *
 * @example
 * throw new InvalidField('identifier', 'identifier is required', 'required')
 */
export class InvalidField extends HttpError {
  readonly issue: Issue
  constructor(field: string, message: string, code = 'invalid') {
    super(400, message)
    this.issue = { field, message, code }
  }
}

/**
 * QTI's error body. For a 400, `extra.details` may be the list of issues (`meta.issues`); for other statuses a
 * string `extra.details` is passed on as `details`.
 *
 * @example
 * qtiError(404, "Assessment item 'q1' not found") // { error: "Assessment item 'q1' not found" }
 */
export const qtiError: ErrorWriter = (status, message, headers = {}, extra = {}) => {
  const body: Record<string, unknown> = { error: message }
  if (status === 400) {
    body.code = extra.code ?? 'VALIDATION_ERROR'
    body.meta = { issues: Array.isArray(extra.details) ? extra.details : [] }
  } else {
    if (extra.code !== undefined) body.code = extra.code
    if (status >= 500) body.message = message
    if (extra.details !== undefined || status >= 500) body.details = extra.details ?? ''
  }
  return json(body, status, headers)
}
