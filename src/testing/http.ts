// Response helpers shared by every module: JSON answers, the thrown HttpError, and the 1EdTech imsx error body
// (OneRoster, CASE, CLR), which is the kernel's default error body.

/** imsx minor code per status, as the OneRoster spec's error components declare them. */
export function minorCode(status: number): string {
  if (status === 401) return 'unauthorisedrequest'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'unknownobject'
  if (status === 429) return 'server_busy'
  if (status >= 500) return 'internal_server_error'
  return 'invaliddata'
}

/** The imsx failure body of the 1EdTech services (OneRoster, CASE, CLR). */
export function imsxBody(status: number, description: string): Record<string, unknown> {
  return {
    imsx_codeMajor: 'failure',
    imsx_severity: 'error',
    imsx_description: description,
    imsx_CodeMinor: {
      imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: minorCode(status) }],
    },
  }
}

/**
 * Thrown by handlers to answer with an error status; the kernel turns it into the service's error body (imsx by
 * default). Throwing keeps handlers linear: validation helpers can stop a request from any depth.
 *
 * @example
 * if (!note) throw new HttpError(404, `Note '${ctx.params.id}' not found`)
 */
export class HttpError extends Error {
  readonly status: number
  readonly headers: Record<string, string>
  constructor(status: number, description: string, headers: Record<string, string> = {}) {
    super(description)
    this.name = 'HttpError'
    this.status = status
    this.headers = headers
  }
}

export const notFound = (description: string): HttpError => new HttpError(404, description)
export const badRequest = (description: string, status = 400): HttpError => new HttpError(status, description)

/**
 * A JSON answer.
 *
 * @example
 * return json({ notes: [] }, 200, { 'cache-control': 'no-store' })
 */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

export function imsx(status: number, description: string, headers: Record<string, string> = {}): Response {
  return json(imsxBody(status, description), status, headers)
}

/** 204: no body, so no content type either (a typed empty body makes strict clients try to parse it). */
export function noContent(): Response {
  return new Response(null, { status: 204 })
}

/** Plain object of a Headers list (lower-case names, as Headers already normalises them). */
export function headersObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    out[name] = value
  })
  return out
}
