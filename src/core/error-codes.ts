/**
 * @module core/error-codes — the `code` strings the SDK's errors carry, as types: a `switch (error.code)` is checked by the compiler, and
 * a misspelt code is a compile error instead of a branch that never runs. Codes are stable API.
 */

/**
 * The `code` of an ApiError (an HTTP answer the SDK refused): one per status family, plus the answers that
 * were not usable (`invalid_response`: a 2xx that is not the JSON it should be; `response_too_large`: a body over
 * the client's `maxResponseBytes`; `redirect_refused`, `too_many_redirects`: a redirect the SDK would not follow).
 * @example
 * if (isApiError(e) && e.code === 'rate_limited') await sleep((e as RateLimitError).retryAfter ?? 1)
 */
export type ApiErrorCode =
  | 'api_error'
  | 'validation_error'
  | 'authentication_error'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'server_error'
  | 'invalid_response'
  | 'response_too_large'
  | 'redirect_refused'
  | 'too_many_redirects'

/** The codes a ServerError may carry. */
export type ServerErrorCode = 'server_error' | 'invalid_response' | 'response_too_large' | 'redirect_refused' | 'too_many_redirects'

/**
 * Every `code` an error thrown by the SDK carries: the ApiError codes, then the errors raised without an
 * answer (`connection_error`, `timeout`, `aborted`, `invalid_input`, `configuration_error`) and the
 * service-specific ones (`job_failed`; `invalid_signature`, `payload_too_large`, `replayed` when receiving
 * webhooks). `timeback_error` is the base class's default.
 * @example
 * try { await client.users.get(id) } catch (e) {
 *   if (!isTimebackError(e)) throw e
 *   const code: TimebackErrorCode = e.code
 *   switch (code) {
 *     case 'not_found': return undefined
 *     case 'timeout': case 'connection_error': return retryLater()
 *     default: throw e
 *   }
 * }
 */
export type TimebackErrorCode =
  | ApiErrorCode
  | 'timeback_error'
  | 'connection_error'
  | 'timeout'
  | 'aborted'
  | 'invalid_input'
  | 'configuration_error'
  | 'job_failed'
  | 'invalid_signature'
  | 'payload_too_large'
  | 'replayed'
