// Observability: hooks and a logger see every attempt, with credentials redacted and bodies left out unless
// the user turns `logBodies` on.

/** What `onRequest` sees. Headers are redacted (`authorization: Bearer [redacted]`). */
export interface RequestInfo {
  method: string
  url: string
  headers: Record<string, string>
  /** 1 for the first attempt. */
  attempt: number
  requestId: string
  /** Only with `logBodies: true`, and never for token requests. */
  body?: unknown
}

/** What `onResponse` sees. */
export interface ResponseInfo extends RequestInfo {
  status: number
  durationMs: number
}

/** What `onRetry` sees before the SDK sleeps and tries again. */
export interface RetryInfo {
  method: string
  url: string
  requestId: string
  /** The attempt about to be made (2 for the first retry). */
  attempt: number
  delayMs: number
  /** `status 503`, `connection failed`, `token rejected` … */
  reason: string
  status?: number
}

/** Callbacks for every attempt; a throwing hook is reported to the logger and does not fail the call. */
export interface Hooks {
  onRequest?: (info: RequestInfo) => void
  onResponse?: (info: ResponseInfo) => void
  onRetry?: (info: RetryInfo) => void
}

/** Any object with console-like methods (`console` itself works). */
export interface Logger {
  debug?: (message: string, data?: unknown) => void
  info?: (message: string, data?: unknown) => void
  warn?: (message: string, data?: unknown) => void
  error?: (message: string, data?: unknown) => void
}

const SECRET_HEADERS = new Set(['authorization', 'x-auth-token', 'cookie', 'set-cookie', 'x-api-key', 'proxy-authorization'])
const SECRET_PARAM = /token|secret|password|api[_-]?key|signature|credential/i

/** Copies headers with credentials replaced, e.g. `Bearer [redacted]`. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase()
    if (!SECRET_HEADERS.has(lower)) out[lower] = value
    else out[lower] = /^(bearer|basic)\s/i.test(value) ? `${value.split(/\s/)[0]} [redacted]` : '[redacted]'
  }
  return out
}

/** The URL with secret-looking query parameters replaced; errors and logs use this form. */
export function redactUrl(url: string): string {
  if (!url.includes('?')) return url
  try {
    const parsed = new URL(url)
    let changed = false
    for (const name of [...parsed.searchParams.keys()]) {
      if (SECRET_PARAM.test(name)) {
        parsed.searchParams.set(name, '[redacted]')
        changed = true
      }
    }
    return changed ? parsed.toString() : url
  } catch {
    return url.split('?')[0] ?? url
  }
}
