// The emulator's `fetch`: request log and counters, then fault rules, then the real answer (./dispatch.ts), then
// the echo headers. Service-neutral: services enter only through `admit` and the dispatcher.
import { abortableDelay, type FaultRegistry, HTML_PAGE, truncate } from './faults.js'
import { headersObject } from './http.js'
import type { ErrorWriter } from './service.js'
import { type RequestStats, STATS_PATH } from './stats.js'
import type { FaultRule, FetchLike, RecordedRequest } from './types.js'

/** How the kernel sees one path: the service name it is counted under, its error body, and whether it issues tokens. */
export interface PathInfo<E> {
  /** `auth`, a service name, or `other`. */
  readonly counted: string
  readonly error: ErrorWriter
  /** Set for the token endpoint and API-key exchanges. */
  readonly endpoint: E | undefined
}

export interface PipelineParts<E> {
  readonly origin: string
  readonly stats: RequestStats
  readonly faults: FaultRegistry
  record(entry: RecordedRequest): void
  /** Classify one incoming path (the emulator also counts token-endpoint requests here). */
  admit(path: string): PathInfo<E>
  dispatch(request: Request, url: URL, endpoint: E | undefined, error: ErrorWriter): Promise<Response>
}

const isRequest = (v: unknown): v is Request =>
  typeof v === 'object' && v !== null && !(v instanceof URL) && typeof (v as Request).url === 'string' && typeof (v as Request).method === 'string'

/** Accept what `fetch` accepts; a path-only string is resolved against the emulator's origin. */
function toRequest(input: Request | string | URL, init: RequestInit | undefined, origin: string): Request {
  if (isRequest(input) && init === undefined) return input
  const target = typeof input === 'string' && input.startsWith('/') ? origin + input : input
  return new Request(target, init)
}

/** Add headers; a Response with immutable headers (e.g. from Response.redirect) is rebuilt instead. */
function withHeaders(response: Response, extra: Record<string, string>): Response {
  const entries = Object.entries(extra)
  if (entries.length === 0) return response
  try {
    for (const [name, value] of entries) response.headers.set(name, value)
    return response
  } catch {
    const headers = new Headers(response.headers)
    for (const [name, value] of entries) headers.set(name, value)
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
  }
}

function faultResponse(rule: FaultRule, error: ErrorWriter): Response | undefined {
  if (rule.body === 'html') return new Response(HTML_PAGE, { status: rule.status ?? 200, headers: { 'content-type': 'text/html; charset=utf-8' } })
  if (rule.body !== undefined && rule.body !== 'truncated') {
    return new Response(rule.body, { status: rule.status ?? 200, headers: { 'content-type': 'application/json' } })
  }
  if (rule.status !== undefined) return error(rule.status, `Injected fault: HTTP ${rule.status}.`)
  return undefined
}

/** Build the emulator's `fetch`. */
export function createFetch<E>(parts: PipelineParts<E>): FetchLike {
  const { origin, stats, faults } = parts

  /** Faults first, then the real answer, then the echo headers; HEAD answers lose their body. */
  async function answer(request: Request, url: URL, info: PathInfo<E>, signal: AbortSignal | null | undefined): Promise<Response> {
    const fault = faults.take(request.method, url.pathname, info.endpoint !== undefined)
    if (fault?.delayMs) await abortableDelay(fault.delayMs, signal ?? undefined)
    if (fault?.drop) throw new TypeError('fetch failed', { cause: new Error('timeback-emulator: connection dropped by an injected fault') })
    let response = (fault && faultResponse(fault, info.error)) ?? (await parts.dispatch(request, url, info.endpoint, info.error))
    if (fault?.body === 'truncated') response = await truncate(response)
    const extra: Record<string, string> = {}
    if (fault?.retryAfter !== undefined) extra['retry-after'] = String(fault.retryAfter)
    const requestId = request.headers.get('x-request-id')
    if (requestId !== null) extra['x-request-id'] = requestId
    response = withHeaders(response, extra)
    if (request.method === 'HEAD') return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers })
    return response
  }

  return async (input, init) => {
    const request = toRequest(input, init, origin)
    // The caller's own signal carries the reason they aborted with; Request wraps it in a follower.
    const signal = init?.signal ?? (isRequest(input) ? input.signal : undefined) ?? request.signal
    if (signal?.aborted) throw signal.reason
    const url = new URL(request.url)
    if (url.pathname === STATS_PATH) return stats.handle(request.method)
    const entry: RecordedRequest = { method: request.method, url: request.url, path: url.pathname, headers: headersObject(request.headers), status: 0 }
    parts.record(entry)
    const info = parts.admit(url.pathname)
    stats.request(url.pathname, info.counted)
    try {
      const response = await answer(request, url, info, signal)
      entry.status = response.status
      return response
    } finally {
      stats.answered(entry.status)
    }
  }
}
