// The one place the SDK calls `fetch`: builds URLs, adds auth and request ids, retries what is safe to
// retry, enforces the call's deadline, reports to hooks, and turns failures into typed errors.

import {
  ApiError, ConfigurationError, ConnectionError, ServerError,
} from '../errors.js'
import { openCallScope, type CallScope } from './deadline.js'
import { redactHeaders, redactUrl, type Hooks, type Logger } from './hooks.js'
import { backoffDelay, mayRetryConnection, mayRetryStatus, retryAfterMs, sleep } from './retry.js'
import { discard, errorContext, messageOf, pathOf, readBody, withQuery, type QueryValue } from './response.js'

export { withQuery, type QueryValue }

/** Adds credentials to a request; implemented by the OAuth2 and MasteryTrack authenticators. */
export interface Authenticator {
  /** Headers to add, and the token they carry (so a 401 can evict exactly that token). */
  authorize(signal: AbortSignal): Promise<{ headers: Record<string, string>; token: string }>
  invalidate(token: string): Promise<void>
}

/** Per-call options every SDK method accepts as its last argument. */
export interface CallOptions {
  signal?: AbortSignal
  /** Deadline in ms for this call, retries included; overrides the client's `timeout`. */
  timeout?: number
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number
  /** Declare a POST safe to repeat, so it is retried like a GET. */
  idempotent?: boolean
  /** Extra headers for this call. */
  headers?: Record<string, string>
}

/** A request as services describe it; `path` must already be encoded (use `buildPath`). */
export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  query?: Record<string, QueryValue>
  /** JSON body. */
  body?: unknown
  /** A JSON body already serialized (sent as is), for callers that had to serialize to measure it. */
  json?: string
  /** Form body; marks the request sensitive (token requests), so it is never logged. */
  form?: URLSearchParams
  /**
   * `json` (default): parsed body or undefined for empty; `bytes`: `{ data, headers }` with the body read
   * inside the call's deadline; `response`: the raw Response, body unread (the deadline no longer covers it).
   */
  responseType?: 'json' | 'bytes' | 'response'
  /** Skip authentication (token endpoint). */
  anonymous?: boolean
  /** Absolute URL instead of baseUrl + path (token endpoint). */
  absoluteUrl?: string
  /** `never`: any redirect is an error (the token request: its form carries the client secret). */
  redirects?: 'same-origin' | 'never'
  /** Statuses the caller handles itself instead of getting an ApiError (e.g. 404 for `exists`). */
  acceptStatus?: readonly number[]
}

export interface TransportSettings {
  baseUrl: string
  fetch?: typeof fetch
  timeout?: number
  maxRetries?: number
  hooks?: Hooks
  logger?: Logger
  logBodies?: boolean
  headers?: Record<string, string>
  authenticator?: Authenticator
}

const DEFAULT_TIMEOUT = 30_000
const DEFAULT_RETRIES = 2

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
  readonly #settings: TransportSettings

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
  }

  /** Runs `req` under one deadline, with retries; resolves to the parsed body (or the Response). */
  async request<T = unknown>(req: HttpRequest, call: CallOptions = {}): Promise<T> {
    const timeout = checkCount(call.timeout, 'timeout', this.#timeout)
    const scope = openCallScope(call.signal, timeout)
    try {
      return await this.#run<T>(req, call, scope)
    } finally {
      scope.dispose()
    }
  }

  async #run<T>(req: HttpRequest, call: CallOptions, scope: CallScope): Promise<T> {
    const url = withQuery(req.absoluteUrl ?? `${this.baseUrl}${req.path}`, req.query)
    const safeUrl = redactUrl(url)
    const what = `${req.method} ${pathOf(safeUrl)}`
    const maxRetries = Math.floor(checkCount(call.maxRetries, 'maxRetries', this.#maxRetries))
    const requestId = crypto.randomUUID()
    const auth = req.anonymous ? undefined : this.#settings.authenticator
    const body = req.form ?? req.json ?? (req.body === undefined ? undefined : JSON.stringify(req.body))
    let retries = 0
    let authRetried = false

    for (let attempt = 1; ; attempt++) {
      if (scope.signal.aborted) throw scope.abortError(what)
      const headers: Record<string, string> = {
        accept: 'application/json',
        'x-request-id': requestId,
        ...this.#settings.headers,
        ...call.headers,
      }
      if (req.form) headers['content-type'] = 'application/x-www-form-urlencoded'
      else if (body !== undefined) headers['content-type'] = 'application/json'
      let token: string | undefined
      if (auth) {
        const granted = await this.#guard(auth.authorize(scope.signal), scope, what)
        Object.assign(headers, granted.headers)
        token = granted.token
      }

      this.#report('onRequest', () => ({
        method: req.method, url: safeUrl, headers: redactHeaders(headers), attempt, requestId,
        ...(this.#settings.logBodies && !req.form && body !== undefined ? { body: req.body ?? req.json } : {}),
      }))
      const started = Date.now()
      let response: Response
      try {
        response = await this.#fetch(url, { method: req.method, headers, body, signal: scope.signal })
      } catch (error) {
        if (scope.signal.aborted) throw scope.abortError(what)
        const failure = new ConnectionError(`${what} → connection failed: ${messageOf(error)}`, error)
        if (retries < maxRetries && mayRetryConnection(req.method, call.idempotent)) {
          await this.#backoff(req, scope, safeUrl, requestId, attempt, ++retries, undefined, 'connection failed')
          continue
        }
        throw failure
      }
      this.#report('onResponse', () => ({
        method: req.method, url: safeUrl, headers: redactHeaders(headers), attempt, requestId,
        status: response.status, durationMs: Date.now() - started,
      }))

      const status = response.status
      if (status === 401 && auth && token !== undefined && !authRetried) {
        // The token may have been revoked or expired early (clock skew): evict it and try once more.
        authRetried = true
        discard(response)
        await auth.invalidate(token)
        this.#report('onRetry', () => ({
          method: req.method, url: safeUrl, requestId, attempt: attempt + 1, delayMs: 0, reason: 'token rejected', status,
        }))
        continue
      }
      if (retries < maxRetries && mayRetryStatus(req.method, status, call.idempotent)) {
        const asked = retryAfterMs(response.headers)
        const delay = asked ?? backoffDelay(retries)
        // A wait that would outlive the deadline is pointless: report the service's answer now instead.
        if (Date.now() + delay < scope.deadline) {
          discard(response)
          await this.#backoff(req, scope, safeUrl, requestId, attempt, ++retries, delay, `status ${status}`, status)
          continue
        }
      }
      if (req.acceptStatus?.includes(status)) return response as T
      if (status < 200 || status >= 300) {
        const parsed = await this.#guard(readBody(response), scope, what)
        throw ApiError.from(errorContext(req.method, safeUrl, response, parsed.value, requestId))
      }
      if (req.responseType === 'response') return response as T
      if (req.responseType === 'bytes') {
        const data = new Uint8Array(await this.#guard(response.arrayBuffer(), scope, what))
        return { data, headers: response.headers } as T
      }
      const parsed = await this.#guard(readBody(response), scope, what)
      if (!parsed.ok) {
        const ctx = errorContext(req.method, safeUrl, response, parsed.value, requestId)
        throw new ServerError(
          `${what} → ${status}: the response is not valid JSON (${parsed.reason}): ${JSON.stringify(parsed.value)}` +
            ` (request id ${ctx.requestId})`,
          ctx,
          'invalid_response',
        )
      }
      return parsed.value as T
    }
  }

  /** Awaits `work`, mapping an abort of the call's signal to AbortError/TimeoutError. */
  async #guard<T>(work: Promise<T>, scope: CallScope, what: string): Promise<T> {
    try {
      return await work
    } catch (error) {
      if (scope.signal.aborted) throw scope.abortError(what)
      throw error
    }
  }

  async #backoff(
    req: HttpRequest, scope: CallScope, url: string, requestId: string, attempt: number,
    retry: number, delay: number | undefined, reason: string, status?: number,
  ): Promise<void> {
    const delayMs = delay ?? backoffDelay(retry - 1)
    this.#report('onRetry', () => ({ method: req.method, url, requestId, attempt: attempt + 1, delayMs, reason, status }))
    this.#settings.logger?.warn?.(`timeback: retrying ${req.method} ${pathOf(url)} in ${delayMs} ms (${reason})`, {
      requestId, attempt: attempt + 1,
    })
    try {
      await sleep(delayMs, scope.signal)
    } catch {
      throw scope.abortError(`${req.method} ${pathOf(url)}`)
    }
  }

  #report<K extends keyof NonNullable<TransportSettings['hooks']>>(
    name: K,
    info: () => Parameters<NonNullable<NonNullable<TransportSettings['hooks']>[K]>>[0],
  ): void {
    const hook = this.#settings.hooks?.[name]
    const logger = this.#settings.logger
    if (!hook && !logger?.debug) return
    const payload = info()
    if (logger?.debug) logger.debug(`timeback: ${name}`, payload)
    if (!hook) return
    try {
      ;(hook as (p: typeof payload) => void)(payload)
    } catch (error) {
      logger?.warn?.(`timeback: ${name} hook threw: ${messageOf(error)}`)
    }
  }
}
