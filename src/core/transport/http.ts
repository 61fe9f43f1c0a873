// The one place the SDK calls `fetch`: builds URLs, adds auth and request ids, retries what is safe to
// retry, enforces the call's deadline, reports to hooks, and turns failures into typed errors.

import {
  ApiError, ConfigurationError, ConnectionError, ServerError,
} from '../errors.js'
import { openCallScope, type CallScope } from './deadline.js'
import { callHeaders, clientHeaders } from './headers.js'
import { redactUrl } from './hooks.js'
import { checkFollowed, isRedirect, nextHop, type Hop } from './redirect.js'
import { Reporter, type Sent } from './report.js'
import { backoffDelay, mayRetryConnection, mayRetryStatus, retryAfterMs, sleep } from './retry.js'
import { readCapped } from './read.js'
import { discard, errorContext, messageOf, parseBody, pathOf, serializeBody, withQuery, type QueryValue } from './response.js'
import type { Authenticator, CallOptions, HttpRequest, TransportSettings } from './types.js'
import { randomUUID } from '../uuid.js'

export { withQuery, type QueryValue }
export type { Authenticator, CallOptions, HttpRequest, TransportSettings }

const DEFAULT_TIMEOUT = 30_000
const DEFAULT_RETRIES = 2
// 32 MiB: a OneRoster page at the services' largest limit (3000) of users with roles, agents and metadata is
// a few MB of JSON; this leaves room for fat metadata, and still fits several calls at once in a Worker's 128 MB.
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024

function checkCount(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new ConfigurationError(`${name} must be a number >= 0, got ${String(value)}.`)
  }
  return value
}

export class Transport {
  readonly baseUrl: string
  readonly #fetch: typeof fetch
  readonly #timeout: number
  readonly #maxRetries: number
  readonly #maxBytes: number
  readonly #settings: TransportSettings
  /** The client's `headers`, checked and lower-cased once. */
  readonly #headers: Record<string, string> | undefined
  readonly #reporter: Reporter

  constructor(settings: TransportSettings) {
    this.#settings = settings
    this.baseUrl = settings.baseUrl.replace(/\/+$/, '')
    const f = settings.fetch ?? (globalThis.fetch as typeof fetch | undefined)
    if (typeof f !== 'function') {
      throw new ConfigurationError('No fetch available: pass the fetch option (this runtime has no global fetch).')
    }
    // Bind lazily-resolved global fetch: some runtimes throw "Illegal invocation" when it is called detached.
    this.#fetch = settings.fetch ?? ((input, init) => globalThis.fetch(input, init))
    this.#timeout = checkCount(settings.timeout, 'timeout', DEFAULT_TIMEOUT)
    this.#maxRetries = Math.floor(checkCount(settings.maxRetries, 'maxRetries', DEFAULT_RETRIES))
    // Checked where clients resolve their options (config.ts): here it is trusted.
    this.#maxBytes = settings.maxResponseBytes ?? DEFAULT_MAX_BYTES
    this.#headers = clientHeaders(settings.headers)
    this.#reporter = new Reporter(settings.hooks, settings.logger, settings.logBodies, this.#headers)
  }

  /** Runs `req` under one deadline, with retries; resolves to the parsed body (or the Response). */
  async request<T = unknown>(req: HttpRequest, call: CallOptions = {}): Promise<T> {
    // One async function for the whole call (no inner layers): every await here is a microtask on the hot path.
    const timeout = checkCount(call.timeout, 'timeout', this.#timeout)
    const extra = call.headers === undefined ? undefined : callHeaders(call.headers)
    const maxRetries = Math.floor(checkCount(call.maxRetries, 'maxRetries', this.#maxRetries))
    const url = withQuery(req.absoluteUrl ?? `${this.baseUrl}${req.path}`, req.query)
    // Redaction parses the URL: done only when something is reported or thrown, never on a quiet success.
    let redacted: string | undefined
    const safeUrl = () => (redacted ??= redactUrl(url))
    const what = () => `${req.method} ${pathOf(safeUrl())}`
    // Header names are lower-case on every side, so a caller's X-Request-ID replaces ours instead of joining it.
    const requestId = extra?.['x-request-id'] ?? this.#headers?.['x-request-id'] ?? randomUUID()
    const auth = req.anonymous ? undefined : this.#settings.authenticator
    const body = req.form ?? req.json ?? (req.body === undefined ? undefined : serializeBody(req.body))
    const redirects = req.redirects ?? 'same-origin'
    const reporter = this.#reporter
    // Bodies are logged only when asked for, never for a form (the token request and its secret).
    const logBody = reporter.bodies && !req.form
    const sentBody = logBody && body !== undefined ? { value: req.body, json: req.json } : undefined
    // With logBodies, an answer is reported once its body is read (below); otherwise right away.
    const deferred = logBody && req.responseType !== 'response' && req.responseType !== 'bytes'
    let retries = 0
    let authRetried = false
    // A returned Response's body is read after the call: its deadline keeps running (as it always did).
    const scope = openCallScope(call.signal, timeout, req.responseType === 'response')
    try {
      attempts: for (let attempt = 1; ; attempt++) {
        if (scope.signal.aborted) throw scope.abortError(what())
        const headers: Record<string, string> = { accept: 'application/json', 'x-request-id': requestId, ...this.#headers, ...extra }
        if (req.form) headers['content-type'] = 'application/x-www-form-urlencoded'
        else if (body !== undefined) headers['content-type'] = req.type ?? 'application/json'
        let token: string | undefined
        if (auth) {
          let granted: { headers: Record<string, string>; token: string }
          try {
            granted = await auth.authorize(scope.signal)
          } catch (error) {
            if (scope.signal.aborted) throw scope.abortError(what())
            throw error
          }
          Object.assign(headers, granted.headers)
          token = granted.token
        }

        // What goes out; a Hop object is built only when a redirect is followed.
        let target = url
        let method: string = req.method
        let payload: BodyInit | undefined = body
        let sending = headers
        let sent: Sent | undefined
        if (reporter.listening) reporter.request((sent = { method, url: safeUrl(), headers, attempt, requestId, callHeaders: extra }), sentBody)
        let started = sent ? Date.now() : 0
        let response: Response
        for (let followed = 0; ; followed++) {
          try {
            response = await this.#fetch(target, { method, headers: sending, body: payload, signal: scope.fetchSignal, redirect: 'manual' })
          } catch (error) {
            if (scope.signal.aborted) throw scope.abortError(what())
            const failure = new ConnectionError(`${what()} → connection failed: ${messageOf(error)}`, error)
            if (retries < maxRetries && mayRetryConnection(req.method, call.idempotent)) {
              await this.#backoff(req, scope, safeUrl(), requestId, attempt, ++retries, undefined, 'connection failed')
              continue attempts
            }
            throw failure
          }
          if (response.redirected) checkFollowed(response, method, target, url, redirects, requestId)
          if (!isRedirect(response)) break
          // Followed by hand, within the origin only: fetch would re-send the body and token to any host.
          if (sent) reporter.response(sent, response.status, started)
          discard(response)
          const hop: Hop = nextHop(response, { url: target, method, body: payload, headers: sending }, url, redirects, followed, requestId)
          target = hop.url
          method = hop.method
          payload = hop.body
          sending = hop.headers
          if (reporter.listening) {
            sent = { method, url: redactUrl(target), headers: sending, attempt, requestId, callHeaders: extra }
            reporter.request(sent, payload === undefined ? undefined : sentBody)
          }
          if (sent) started = Date.now()
        }
        if (sent && !deferred) reporter.response(sent, response.status, started)

        const status = response.status
        if (status === 401 && auth && token !== undefined && !authRetried) {
          if (sent && deferred) reporter.response(sent, status, started)
          // The token may have been revoked or expired early (clock skew): evict it and try once more.
          authRetried = true
          discard(response)
          await auth.invalidate(token)
          reporter.emit('onRetry', () => ({
            method: req.method, url: safeUrl(), requestId, attempt: attempt + 1, delayMs: 0, reason: 'token rejected', status,
          }))
          continue
        }
        if (retries < maxRetries && mayRetryStatus(req.method, status, call.idempotent)) {
          const asked = retryAfterMs(response.headers)
          const delay = asked ?? backoffDelay(retries)
          // A wait that would outlive the deadline is pointless: report the service's answer now instead.
          if (Date.now() + delay < scope.deadline) {
            if (sent && deferred) reporter.response(sent, status, started)
            discard(response)
            await this.#backoff(req, scope, safeUrl(), requestId, attempt, ++retries, delay, `status ${status}`, status)
            continue
          }
        }
        if (req.acceptStatus?.includes(status)) {
          if (sent && deferred) reporter.response(sent, status, started)
          return response as T
        }
        const ok = status >= 200 && status < 300
        if (ok && req.responseType === 'response') return response as T
        // Bytes, or the size of a body over the cap (never read whole).
        let data: Uint8Array | number
        try {
          data = await readCapped(response, this.#maxBytes)
        } catch (error) {
          if (scope.signal.aborted) throw scope.abortError(what())
          if (ok) throw error
          // An error body that cannot be read still makes the status's error, only without the body's details.
          data = 0
        }
        const whole = typeof data !== 'number'
        if (ok && whole && req.responseType === 'bytes') return { data, headers: response.headers, status } as T
        // Decoded once, whole: like text(), UTF-8 with a leading BOM dropped. A body over the cap parses as empty.
        const parsed = parseBody(whole ? new TextDecoder().decode(data as Uint8Array) : '', response)
        if (sent && deferred) reporter.response(sent, status, started, parsed)
        if (!ok) throw ApiError.from(errorContext(method, finalUrl(target), response, parsed.value, requestId))
        if (!whole || !parsed.ok) {
          const ctx = errorContext(method, finalUrl(target), response, parsed.value, requestId)
          // Not retried: the same request would get the same answer.
          throw new ServerError(
            `${what()} → ${status}: ${parsed.ok
              ? `the response is at least ${data} bytes, over maxResponseBytes (${this.#maxBytes}): raise maxResponseBytes or ask for smaller pages (limit)`
              : `the response is not valid JSON (${parsed.reason}): ${JSON.stringify(parsed.value)}`} (request id ${ctx.requestId})`,
            ctx,
            parsed.ok ? 'response_too_large' : 'invalid_response',
          )
        }
        return parsed.value as T
      }
    } finally {
      scope.dispose()
    }

    function finalUrl(target: string): string {
      return target === url ? safeUrl() : redactUrl(target)
    }
  }

  async #backoff(
    req: HttpRequest, scope: CallScope, url: string, requestId: string, attempt: number,
    retry: number, delay: number | undefined, reason: string, status?: number,
  ): Promise<void> {
    const delayMs = delay ?? backoffDelay(retry - 1)
    this.#reporter.emit('onRetry', () => ({ method: req.method, url, requestId, attempt: attempt + 1, delayMs, reason, status }))
    this.#settings.logger?.warn?.(`timeback: retrying ${req.method} ${pathOf(url)} in ${delayMs} ms (${reason})`, {
      requestId, attempt: attempt + 1,
    })
    try {
      await sleep(delayMs, scope.signal)
    } catch {
      throw scope.abortError(`${req.method} ${pathOf(url)}`)
    }
  }
}
