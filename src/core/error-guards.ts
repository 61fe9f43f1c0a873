/**
 * @module core/error-guards — type guards for SDK errors. They read a brand stored under a global-registry symbol instead of using
 * `instanceof`, so they hold across two copies of the package and across realms.
 */

import type {
  AbortError, ApiError, AuthenticationError, ConfigurationError, ConflictError, ConnectionError, ForbiddenError,
  InputValidationError, NotFoundError, RateLimitError, ServerError, TimebackError, TimeoutError, ValidationError,
} from './errors.js'

/** Where every SDK error keeps its class name. */
export const BRAND = /* @__PURE__ */ Symbol.for('@timeback/sdk.error')

function brandOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined
  const brand = (value as Record<symbol, unknown>)[BRAND]
  return typeof brand === 'string' ? brand : undefined
}

const API_ERRORS = new Set([
  'ApiError', 'ValidationError', 'AuthenticationError', 'ForbiddenError', 'NotFoundError',
  'ConflictError', 'RateLimitError', 'ServerError',
])

/** True for any error thrown by this SDK, from this copy of the package or another. */
export function isTimebackError(value: unknown): value is TimebackError {
  return brandOf(value) !== undefined
}
/** True for an HTTP error answer (any status). */
export function isApiError(value: unknown): value is ApiError {
  const brand = brandOf(value)
  return brand !== undefined && API_ERRORS.has(brand)
}

function guard<T>(name: string): (value: unknown) => value is T {
  return (value: unknown): value is T => brandOf(value) === name
}
/** @example if (isNotFoundError(e)) return null */
export const isNotFoundError = /* @__PURE__ */ guard<NotFoundError>('NotFoundError')
export const isValidationError = /* @__PURE__ */ guard<ValidationError>('ValidationError')
export const isAuthenticationError = /* @__PURE__ */ guard<AuthenticationError>('AuthenticationError')
export const isForbiddenError = /* @__PURE__ */ guard<ForbiddenError>('ForbiddenError')
export const isConflictError = /* @__PURE__ */ guard<ConflictError>('ConflictError')
export const isRateLimitError = /* @__PURE__ */ guard<RateLimitError>('RateLimitError')
export const isServerError = /* @__PURE__ */ guard<ServerError>('ServerError')
export const isConnectionError = /* @__PURE__ */ guard<ConnectionError>('ConnectionError')
export const isTimeoutError = /* @__PURE__ */ guard<TimeoutError>('TimeoutError')
export const isAbortError = /* @__PURE__ */ guard<AbortError>('AbortError')
export const isInputValidationError = /* @__PURE__ */ guard<InputValidationError>('InputValidationError')
export const isConfigurationError = /* @__PURE__ */ guard<ConfigurationError>('ConfigurationError')
