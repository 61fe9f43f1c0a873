// SDK errors -> the status the browser sees. The page learns what kind of failure it was (not found, bad input,
// upstream down) but never the upstream's message, URL or the proxy's credentials.
import {
  isAuthenticationError, isConfigurationError, isConnectionError, isForbiddenError, isInputValidationError,
  isNotFoundError, isRateLimitError, isServerError, isTimeoutError,
} from '@timeback/sdk/errors'

/** An answer for a failed upstream call: status and a stable `error` code for the page. */
export interface ErrorAnswer {
  status: number
  error: string
  retryAfter?: number
}

/**
 * @example errorAnswer(new NotFoundError(...)) // { status: 404, error: 'not_found' }
 */
export function errorAnswer(error: unknown): ErrorAnswer {
  if (isNotFoundError(error)) return { status: 404, error: 'not_found' }
  if (isInputValidationError(error)) return { status: 400, error: 'invalid_request' }
  if (isRateLimitError(error)) {
    const seconds = error.retryAfter
    return { status: 503, error: 'upstream_busy', ...(typeof seconds === 'number' ? { retryAfter: Math.ceil(seconds) } : {}) }
  }
  // The proxy's own credentials or settings were refused: the page cannot fix that, the operator can.
  if (isAuthenticationError(error) || isForbiddenError(error) || isConfigurationError(error)) return { status: 502, error: 'proxy_misconfigured' }
  if (isTimeoutError(error)) return { status: 504, error: 'upstream_timeout' }
  if (isServerError(error) || isConnectionError(error)) return { status: 502, error: 'upstream_unavailable' }
  return { status: 500, error: 'internal_error' }
}
