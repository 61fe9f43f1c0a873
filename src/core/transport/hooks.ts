// Observability: hooks and a logger see every attempt, with credentials redacted and bodies left out unless
// the user turns `logBodies` on.

/**
 * What `onRequest` sees. Headers are redacted (`authorization: Bearer [redacted]`, every header from the
 * `headers` options `[redacted]`).
 */
export interface RequestInfo {
  method: string
  url: string
  headers: Record<string, string>
  /** 1 for the first attempt. */
  attempt: number
  requestId: string
  /**
   * Only with `logBodies: true`, and never for token requests: a bounded copy with secret-named fields
   * (`password`, `client_secret`, `access_token`, `apiKey`…) shown as `[redacted]` at any depth.
   */
  body?: unknown
}

/** What `onResponse` sees; with `logBodies: true`, `body` is the parsed JSON answer (redacted, bounded). */
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

// Secret-looking header names: authorization, x-api-key, cookie, x-auth-token, x-hub-signature…
const SECRET_HEADER = /token|secret|key|auth|signature|password|cookie|session|credential/i
const SECRET_PARAM = /token|secret|password|api[_-]?key|signature|credential/i

/**
 * Copies headers for hooks and logs: credentials become `Bearer [redacted]` / `[redacted]`, and so does every
 * header the user supplied (`custom`: the client's and the call's `headers`), since those often carry keys.
 * The request id stays readable: it is in errors too.
 * @example redactHeaders({ authorization: 'Bearer abc', 'x-tenant': 't1' }, { 'x-tenant': 't1' })
 * // { authorization: 'Bearer [redacted]', 'x-tenant': '[redacted]' }
 */
export function redactHeaders(headers: Record<string, string>, ...custom: (Record<string, string> | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase()
    if (lower === 'x-request-id') out[lower] = value
    else if (custom.some((c) => c !== undefined && Object.prototype.hasOwnProperty.call(c, lower))) out[lower] = '[redacted]'
    else if (!SECRET_HEADER.test(lower)) out[lower] = value
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
