// @timeback/sdk/errors — the error hierarchy shared by every Timeback client.
//
// Every error the SDK throws is a TimebackError with a stable string `code`. API answers become an ApiError
// subclass chosen by status. Guards use a brand symbol from the global registry instead of `instanceof`, so
// they work when two copies of the package are loaded (a bundled Worker plus a test helper, say) or across realms.

import { BRAND } from './error-guards.js'
import { cleanText, describeBody, detailsOf, minorCodes, oneLine, pathOf, STATUS_TEXT } from './error-body.js'
import { isSecretName, REDACTED } from './redaction.js'

/** One problem with user input: where it is (`path`, e.g. `user.email` or `where.role'`) and what to do. */
export interface InputIssue {
  path: string
  message: string
}

/** Context that every API error carries; `url` never contains query secrets. */
export interface ApiErrorContext {
  status: number
  statusText?: string
  method: string
  url: string
  requestId?: string
  body?: unknown
  headers?: Headers
}

/**
 * Base of every error thrown by the SDK.
 * @example
 * try { await client.users.get('x') } catch (e) { if (isTimebackError(e)) console.log(e.code) }
 */
export class TimebackError extends Error {
  readonly code: string
  declare readonly [BRAND]: string

  constructor(message: string, options: { code?: string; cause?: unknown; name?: string } = {}) {
    // Messages often quote a server's answer: strip what could paint a terminal or forge a log line.
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
  readonly status: number
  readonly method: string
  readonly url: string
  readonly requestId: string | undefined
  /** The parsed response body (JSON when it parsed, else a short text preview). */
  readonly body: unknown
  /** IMS `imsx_codeMinorFieldValue` values, e.g. `['unknownobject']`. */
  readonly minorCodes: string[]
  /** `imsx_error_details`, `details` or `errors` from the body. */
  readonly details: unknown[]
  readonly description: string | undefined

  constructor(message: string, ctx: ApiErrorContext, options: { code?: string; cause?: unknown; name?: string } = {}) {
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
    const statusText = cleanText(ctx.statusText || STATUS_TEXT[ctx.status] || '')
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
/** 5xx, or a 2xx whose body is not the JSON it should be (HTML from a proxy, a cut-off answer). */
export class ServerError extends ApiError {
  constructor(message: string, ctx: ApiErrorContext, code = 'server_error') {
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
/** Input rejected before any request; `issues` lists each bad field with its path. */
export class InputValidationError extends TimebackError {
  readonly issues: InputIssue[]
  constructor(issues: InputIssue[], context?: string) {
    issues = issues.map(hideSecretValue)
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

// What an issue message says it received: `… but received "x"`, `…, got 'x'`, to the end of the message.
const RECEIVED = /\b(received|got)\b[\s\S]*$/i
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g

/** An issue on a secret-named field (`auth.clientSecret`, `user.password`) never prints the value it got. */
function hideSecretValue(issue: InputIssue): InputIssue {
  if (!issue.path.split('.').some(isSecretName)) return issue
  const message = issue.message.replace(RECEIVED, `$1 ${REDACTED}`).replace(QUOTED, REDACTED)
  return message === issue.message ? issue : { ...issue, message }
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
