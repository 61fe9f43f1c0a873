// MasteryTrack's error body, for the kernel's own answers on its paths and for the module's routes.
import { json } from '../http.js'
import type { ErrorWriter } from '../service.js'

/** Codes of the service's error body by status, as its documentation lists them (others carry no code). */
function codeFor(status: number): string | undefined {
  if (status === 400) return 'INVALID_PARAMETERS'
  if (status === 401) return 'UNAUTHORIZED'
  if (status === 403) return 'ACCESS_DENIED'
  if (status >= 500) return 'INTERNAL_ERROR'
  return undefined
}

/** MasteryTrack's error body: `{ success: false, error, code?, details? }`. */
export const masterytrackError: ErrorWriter = (status, message, headers = {}, extra = {}) => {
  const code = extra.code ?? codeFor(status)
  const body: Record<string, unknown> = { success: false, error: message }
  if (code !== undefined) body.code = code
  if (extra.details !== undefined) body.details = extra.details
  return json(body, status, headers)
}
