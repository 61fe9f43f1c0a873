// Envelope helpers and field schemas shared by the webhook and webhook-filter resources (not exported).

import * as v from 'valibot'
import { ServerError } from '../../../core/errors.js'

/** Record timestamps every webhook object carries; `deletedAt` stays null until a delete. */
export interface Timestamps {
  createdAt: string | null
  updatedAt: string | null
  deletedAt: string | null
}

/** `{ [key]: item }` → item. The bare object is accepted too, in case a route answers without the envelope. */
export function unwrapOne<T>(body: unknown, key: string, where: string): T {
  const record = body as Record<string, unknown> | undefined
  const item = record?.[key] ?? body
  if (item && typeof item === 'object' && !Array.isArray(item)) return item as T
  throw invalid(body, where, `no '${key}' object`)
}

/** `{ [key]: items }` → items; a bare array is accepted too. */
export function unwrapMany<T>(body: unknown, key: string, where: string): T[] {
  const items = Array.isArray(body) ? body : (body as Record<string, unknown> | undefined)?.[key]
  if (Array.isArray(items)) return items as T[]
  throw invalid(body, where, `no '${key}' array`)
}

function invalid(body: unknown, where: string, what: string): ServerError {
  const keys = body && typeof body === 'object' ? Object.keys(body).slice(0, 10) : typeof body
  return new ServerError(`${where}: the response has ${what} (got ${JSON.stringify(keys)})`, {
    status: 200, method: 'GET', url: where, body: undefined,
  }, 'invalid_response')
}

export const nonEmpty = (what = 'must not be empty') => v.pipe(v.string('must be a string'), v.minLength(1, what))
export const nullableText = v.optional(v.nullable(v.string('must be a string or null')), null)
