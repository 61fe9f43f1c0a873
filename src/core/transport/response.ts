// What the transport does with an answer's body and with URLs: parse JSON (keeping a short preview when it
// is not JSON), build error context, release unread bodies, shorten URLs for messages.

import { InputValidationError, type ApiErrorContext } from '../errors.js'

export type QueryValue = string | number | boolean | undefined | null | readonly (string | number | boolean)[]

const PREVIEW = 120

/** Appends query parameters, skipping undefined/null and repeating arrays (`roles=a&roles=b`). */
export function withQuery(url: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return url
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v))
    else params.append(key, String(value))
  }
  const qs = params.toString()
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url
}

/** The JSON text of a request body; a cycle, a BigInt or a throwing `toJSON` is an InputValidationError. */
export function serializeBody(value: unknown): string {
  try {
    return JSON.stringify(value)
  } catch (error) {
    throw new InputValidationError([{ path: 'body', message: `cannot be sent as JSON: ${messageOf(error)}` }])
  }
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; value: string; reason: string }

/**
 * An answer's text as JSON; on failure keeps a short preview, never the whole (possibly huge) text. Synchronous:
 * the transport reads the text itself, inside the call's deadline.
 * @example parseBody('{"a":1}', response) // { ok: true, value: { a: 1 } }
 */
export function parseBody(text: string, response: Response): ParsedBody {
  if (text === '') return { ok: true, value: undefined }
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('text/html') || /^\s*</.test(text)) {
    return { ok: false, value: preview(text), reason: 'HTML' }
  }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, value: preview(text), reason: type.includes('json') ? 'truncated or malformed JSON' : `content-type ${type || 'none'}` }
  }
}

export function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > PREVIEW ? `${flat.slice(0, PREVIEW)}…` : flat
}

export function errorContext(method: string, url: string, response: Response, body: unknown, requestId: string): ApiErrorContext {
  return {
    status: response.status,
    statusText: response.statusText,
    method,
    url,
    requestId: response.headers.get('x-request-id') ?? requestId,
    body,
    headers: response.headers,
  }
}

export function discard(response: Response): void {
  // Free the connection without waiting: some fetch stacks (msw interceptors) never settle cancel().
  response.body?.cancel().catch(() => undefined)
}

export function pathOf(url: string): string {
  const q = url.indexOf('?')
  const noQuery = q === -1 ? url : url.slice(0, q)
  const m = /^[a-z]+:\/\/[^/]+(\/.*)?$/i.exec(noQuery)
  return m ? (m[1] ?? '/') : noQuery
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause
    return cause instanceof Error && cause.message ? `${error.message} (${cause.message})` : error.message
  }
  return String(error)
}

