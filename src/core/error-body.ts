/**
 * @module core/error-body — reads the error bodies of every Timeback service: IMS imsx envelopes, `{ error, details }`,
 * `{ status, message, errors }`, `{ success: false, error, code }`; and formats the parts of a message.
 */

/** Reads a human message out of the error shapes Timeback services answer with. */
export function describeBody(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return typeof body === 'string' && body ? body.slice(0, 200) : undefined
  const b = body as Record<string, unknown>
  for (const key of ['imsx_description', 'message', 'error_description', 'error', 'detail', 'title']) {
    const v = b[key]
    if (typeof v === 'string' && v) return v
    if (v && typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string') {
      return (v as { message: string }).message
    }
  }
  return undefined
}

/**
 * The service's own error codes: IMS `imsx_codeMinorFieldValue` values, or the `code` of a `{ error, code }` body
 * (MasteryTrack's `ASSIGNMENT_EXISTS`, QTI's codes).
 * @example minorCodes({ success: false, error: 'Assignment already exists', code: 'ASSIGNMENT_EXISTS' }) // ['ASSIGNMENT_EXISTS']
 */
export function minorCodes(body: unknown): string[] {
  const code = (body as { code?: unknown } | null | undefined)?.code
  if (typeof code === 'string' && code) return [code]
  const minor = (body as { imsx_CodeMinor?: { imsx_codeMinorField?: unknown } } | undefined)?.imsx_CodeMinor
  const fields = minor?.imsx_codeMinorField
  if (!Array.isArray(fields)) return []
  return fields
    .map((f) => (f as { imsx_codeMinorFieldValue?: unknown })?.imsx_codeMinorFieldValue)
    .filter((v): v is string => typeof v === 'string')
}

export function detailsOf(body: unknown): unknown[] {
  if (!body || typeof body !== 'object') return []
  const b = body as Record<string, unknown>
  for (const key of ['imsx_error_details', 'details', 'errors']) {
    if (Array.isArray(b[key])) return b[key] as unknown[]
  }
  return []
}

export const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
}

export function pathOf(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return url
  }
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300)
}

/** The keys of an unexpected body, for an error's context: enough to debug, without copying the data. */
export function summarizeBody(body: unknown): unknown {
  return body && typeof body === 'object' ? { keys: Object.keys(body).slice(0, 10) } : body
}

// ANSI/VT escape sequences (CSI, OSC, two-byte ESC forms, the 8-bit CSI), then line breaks, then every
// other control or bidi-override character: a server's text must not paint a terminal or forge a log line.
const ESCAPES = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -~]?/g
const BREAKS = /[\t\n\v\f\r\x85\u2028\u2029]+/g
const CONTROLS = /[\0-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * `text` safe to print on one line: escape sequences and control characters removed, line breaks as spaces.
 * Runs once per error (no fast path: errors are rare, and bytes count in every bundle that can throw).
 * @example cleanText('\u001b[31mhacked\r\nfake line') // 'hacked fake line'
 */
export function cleanText(text: string): string {
  return text.replace(ESCAPES, '').replace(BREAKS, ' ').replace(CONTROLS, '')
}
