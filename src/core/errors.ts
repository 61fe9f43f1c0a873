/**
 * @module core/errors — the error hierarchy shared by every Timeback client.
 *
 * Every error the SDK throws is a TimebackError with a stable string `code`. API answers become an ApiError
 * subclass chosen by status. Guards use a brand symbol from the global registry instead of `instanceof`, so
 * they work when two copies of the package are loaded (a bundled Worker plus a test helper, say) or across realms.
 */

import type { ApiErrorCode, ServerErrorCode, TimebackErrorCode } from './error-codes.js'
import { BRAND } from './error-guards.js'
import { cleanText, describeBody, detailsOf, minorCodes, oneLine, pathOf, STATUS_TEXT } from './error-body.js'

/**
 * One problem with user input: where it is (`path`, e.g. `user.email` or `where.role`) and what to do.
 * @example const issue: InputIssue = { path: 'user.email', message: 'must be an email address' }
 */
export interface InputIssue {
  path: string
  message: string
}

/**
 * Context that every API error carries; `url` never contains query secrets.
 * @example const error = ApiError.from({ status: 404, method: 'GET', url: 'https://api.example/users/x', body: { message: 'gone' } })
 */
export interface ApiErrorContext {
  status: number
  statusText?: string
  method: string
  url: string
  requestId?: string
  body?: unknown
  headers?: Headers
}

/** What every error constructor takes besides its message. */
interface ErrorOptions<C extends TimebackErrorCode = TimebackErrorCode> {
  code?: C
  cause?: unknown
  name?: string
}

/**
 * Base of every error thrown by the SDK. `code` is one of {@link TimebackErrorCode}.
 * @example
 * try { await client.users.get('x') } catch (e) { if (isTimebackError(e)) console.log(e.code) }
 */
export class TimebackError extends Error {
  readonly code: TimebackErrorCode
  declare readonly [BRAND]: string

  constructor(message: string, options: ErrorOptions = {}) {
    // The one place messages are cleaned: they often quote a server's answer or a received value, and must
    // not paint a terminal or forge a log line.
    super(cleanText(message), options.cause === undefined ? undefined : { cause: options.cause })
    this.code = options.code ?? 'timeback_error'
    // The name is passed explicitly: minifiers rename classes, and guards must survive that.
    Object.defineProperty(this, BRAND, { value: options.name ?? 'TimebackError', enumerable: false })
  }

  override get name(): string {
    return (this as unknown as Record<symbol, string>)[BRAND] ?? 'TimebackError'
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message }
  }
}

/**
 * An HTTP answer outside 2xx. `ApiError.from(...)` picks the subclass by status.
 * @example
 * if (isApiError(e) && e.status === 404) return undefined
 */
export class ApiError extends TimebackError {
  declare readonly code: ApiErrorCode
  readonly status: number
  readonly method: string
  readonly url: string
  readonly requestId: string | undefined
  /** The parsed response body (JSON when it parsed, else a short text preview). */
  readonly body: unknown
  /** The service's codes: IMS `imsx_codeMinorFieldValue` values (`['unknownobject']`) or a body's `code` (`['ASSIGNMENT_EXISTS']`). */
  readonly minorCodes: string[]
  /** `imsx_error_details`, `details` or `errors` from the body. */
  readonly details: unknown[]
  readonly description: string | undefined

  constructor(message: string, ctx: ApiErrorContext, options: ErrorOptions<ApiErrorCode> = {}) {
    super(message, { code: options.code ?? 'api_error', cause: options.cause, name: options.name ?? 'ApiError' })
    this.status = ctx.status
    this.method = ctx.method
    this.url = ctx.url
    this.requestId = ctx.requestId
    this.body = ctx.body
    this.minorCodes = minorCodes(ctx.body)
    this.details = detailsOf(ctx.body)
    const description = describeBody(ctx.body)
    this.description = description === undefined ? undefined : cleanText(description)
  }

  /** Builds the subclass that matches `ctx.status`, with a one-line message. */
  static from(ctx: ApiErrorContext): ApiError {
    const description = describeBody(ctx.body)
    const path = pathOf(ctx.url)
    const statusText = ctx.statusText || STATUS_TEXT[ctx.status] || ''
    // Not cleaned here: the base constructor cleans the whole message once.
    const message =
      `${ctx.method} ${path} → ${ctx.status}${statusText ? ` ${statusText}` : ''}` +
      (description ? `: ${oneLine(description)}` : '') +
      (ctx.requestId ? ` (request id ${ctx.requestId})` : '')
    const s = ctx.status
    if (s === 400 || s === 422) return new ValidationError(message, ctx)
    if (s === 401) return new AuthenticationError(message, ctx)
    if (s === 403) return new ForbiddenError(message, ctx)
    if (s === 404) return new NotFoundError(message, ctx)
    if (s === 409) return new ConflictError(message, ctx)
    if (s === 429) return new RateLimitError(message, ctx)
    if (s >= 500) return new ServerError(message, ctx)
    return new ApiError(message, ctx)
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      method: this.method,
      url: this.url,
      requestId: this.requestId,
      minorCodes: this.minorCodes,
      description: this.description,
    }
  }
}

/** 400 or 422: the service rejected the request's content. */
export class ValidationError extends ApiError {
  constructor(message: string, ctx: ApiErrorContext) {
    super(message, ctx, { code: 'validation_error', name: 'ValidationError' })
  }
}
/** 401, or a token request the identity provider refused. */
export class AuthenticationError extends ApiError {
  constructor(message: string, ctx: ApiErrorContext) {
    super(message, ctx, { code: 'authentication_error', name: 'AuthenticationError' })
  }
}
/** 403: the credentials lack a scope or role for this call. */
export class ForbiddenError extends ApiError {
  constructor(message: string, ctx: ApiErrorContext) {
    super(message, ctx, { code: 'forbidden', name: 'ForbiddenError' })
  }
}
/** 404: the record or route does not exist. */
export class NotFoundError extends ApiError {
  constructor(message: string, ctx: ApiErrorContext) {
    super(message, ctx, { code: 'not_found', name: 'NotFoundError' })
  }
}
/** 409: the write conflicts with existing state. */
export class ConflictError extends ApiError {
  constructor(message: string, ctx: ApiErrorContext) {
    super(message, ctx, { code: 'conflict', name: 'ConflictError' })
  }
}
/** 429 after the retries ran out; `retryAfter` is in seconds when the service said. */
export class RateLimitError extends ApiError {
  readonly retryAfter: number | undefined
  constructor(message: string, ctx: ApiErrorContext) {
    super(message, ctx, { code: 'rate_limited', name: 'RateLimitError' })
    const header = ctx.headers?.get('retry-after')
    this.retryAfter = header == null ? undefined : parseRetryAfterSeconds(header)
  }
}
/**
 * 5xx, or an answer the SDK could not use: a 2xx whose body is not the JSON it should be (HTML from a proxy, a
 * cut-off answer: `invalid_response`), a body over the client's `maxResponseBytes` (`response_too_large`; not
 * retried), or a redirect it would not follow (`redirect_refused`, `too_many_redirects`).
 * @example if (isServerError(e) && e.code === 'redirect_refused') console.error('fix baseUrl:', e.message)
 */
export class ServerError extends ApiError {
  declare readonly code: ServerErrorCode
  constructor(message: string, ctx: ApiErrorContext, code: ServerErrorCode = 'server_error') {
    super(message, ctx, { code, name: 'ServerError' })
  }
}

/** The request never got an answer: DNS, refused or reset connection. */
export class ConnectionError extends TimebackError {
  constructor(message: string, cause?: unknown) {
    super(message, { code: 'connection_error', cause, name: 'ConnectionError' })
  }
}
/** The call's `timeout` elapsed (retries included). Distinct from the caller aborting. */
export class TimeoutError extends TimebackError {
  readonly timeoutMs: number
  constructor(message: string, timeoutMs: number) {
    super(message, { code: 'timeout', name: 'TimeoutError' })
    this.timeoutMs = timeoutMs
  }
}
/** The caller's `AbortSignal` fired; `cause` is the signal's reason. */
export class AbortError extends TimebackError {
  constructor(message: string, cause?: unknown) {
    super(message, { code: 'aborted', cause, name: 'AbortError' })
  }
}
/**
 * Input rejected before any request; `issues` lists each bad field with its path. Messages must not carry a
 * secret's value: the checks that echo what they received (valibot's, in `parseInput`) hide the values of
 * secret-named fields first (`hideSecretValues` in redaction.ts), so this class stays small.
 * @example
 * if (isInputValidationError(e)) for (const { path, message } of e.issues) form.showError(path, message)
 */
export class InputValidationError extends TimebackError {
  readonly issues: InputIssue[]
  constructor(issues: InputIssue[], context?: string) {
    const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')
    super(`${context ? `${context}: ` : ''}${summary}`, { code: 'invalid_input', name: 'InputValidationError' })
    this.issues = issues
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues }
  }
}
/** The client cannot be built: a setting is missing or wrong. The message names the option and env var. */
export class ConfigurationError extends TimebackError {
  constructor(message: string) {
    super(message, { code: 'configuration_error', name: 'ConfigurationError' })
  }
}

/** Seconds from a `Retry-After` header (delta-seconds or HTTP date); undefined when unparseable. */
export function parseRetryAfterSeconds(value: string, now = Date.now()): number | undefined {
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, (date - now) / 1000)
}

export * from './error-guards.js'
export type { ApiErrorCode, ServerErrorCode, TimebackErrorCode } from './error-codes.js'
