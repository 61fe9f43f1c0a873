// What services hand the transport: the request, the per-call options every SDK method accepts, the
// transport's settings, and the authenticator contract.

import type { Hooks, Logger } from './hooks.js'
import type { QueryValue } from './response.js'

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
  /** Extra headers for this call; like the client's `headers`, redacted in hooks and logs. Not `Authorization`. */
  headers?: Record<string, string>
}

/** A request as services describe it; `path` must already be encoded (use `buildPath`). */
export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  query?: Record<string, QueryValue>
  /** JSON body. */
  body?: unknown
  /** A body already serialized (sent as is), for callers that had to serialize to measure it; see `type`. */
  json?: string
  /** The content type of `json` when that text is not JSON (QTI's raw `application/xml` tests). */
  type?: string
  /** Form body; marks the request sensitive (token requests), so it is never logged. */
  form?: URLSearchParams
  /**
   * `json` (default): parsed body or undefined for empty; `bytes`: `{ data, headers, status }` with the body read
   * inside the call's deadline and under maxResponseBytes; `response`: the raw Response, body unread (the deadline no longer covers it).
   */
  responseType?: 'json' | 'bytes' | 'response'
  /** Skip authentication (token endpoint). */
  anonymous?: boolean
  /** Absolute URL instead of baseUrl + path (token endpoint). */
  absoluteUrl?: string
  /**
   * `same-origin` (default): follow up to 5 redirects within the request's origin, any other is an error;
   * `never`: any redirect is an error (the token request: its form carries the client secret).
   */
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
  /** Bytes an answer's body may have; past it the call fails (`response_too_large`). Default 32 MiB. */
  maxResponseBytes?: number
  headers?: Record<string, string>
  authenticator?: Authenticator
}
