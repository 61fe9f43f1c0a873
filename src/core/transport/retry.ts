// Retry policy: which failures are worth another attempt, and how long to wait before it.

import { parseRetryAfterSeconds } from '../errors.js'

/** Statuses that usually mean "try again later" rather than "your request is wrong". */
export const RETRYABLE_STATUS = new Set([429, 502, 503, 504])

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])

/**
 * POST and PATCH are retried only on 429 and 503, where the service promises it did not act on the request;
 * a 502/504 or a dropped connection may have happened after the write, so repeating it could duplicate data.
 */
export function mayRetryStatus(method: string, status: number, idempotent: boolean | undefined): boolean {
  if (!RETRYABLE_STATUS.has(status)) return false
  if (idempotent ?? IDEMPOTENT_METHODS.has(method)) return true
  return status === 429 || status === 503
}

export function mayRetryConnection(method: string, idempotent: boolean | undefined): boolean {
  return idempotent ?? IDEMPOTENT_METHODS.has(method)
}

const BASE_DELAY_MS = 500
const MAX_DELAY_MS = 8_000
/** A server asking for more than this is treated as "not within this call". */
export const MAX_RETRY_AFTER_MS = 60_000

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^n)]. `retry` counts from 0. */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry)
  return Math.round(random() * ceiling)
}

/** Milliseconds the server asked us to wait, capped; undefined when it did not say. */
export function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after')
  if (value == null) return undefined
  const seconds = parseRetryAfterSeconds(value)
  if (seconds === undefined) return undefined
  return Math.min(MAX_RETRY_AFTER_MS, Math.round(seconds * 1000))
}

/** Sleeps `ms`, rejecting with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
