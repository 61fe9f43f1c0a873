// Reading PowerPath requests: required query parameters and body fields by the spec's names (a `studentId` sent
// where the spec says `student` is a 400 naming `student`, not an empty answer), enums, paging. Every failure is
// an HttpError the kernel writes as the imsx envelope.
import type { Ctx } from '../context.js'
import { badRequest } from '../http.js'

export type Body = Record<string, unknown>

/** A required query parameter (non-blank), or 400 naming it. */
export function needQuery(ctx: Ctx, name: string): string {
  const value = ctx.query.get(name)
  if (value === null || value.trim() === '') {
    const sent: string[] = []
    ctx.query.forEach((_, k) => sent.push(k))
    throw badRequest(`Missing required query parameter '${name}'.${hintFor(name, sent)}`)
  }
  return value
}

/** The JSON body as an object, or 400. */
export async function readBody(ctx: Ctx): Promise<Body> {
  const body = await ctx.body()
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.')
  return body as Body
}

/** A required non-blank string field of `body`, or 400 naming it. */
export function needString(body: Body, name: string, where = 'body'): string {
  const value = body[name]
  if (typeof value !== 'string' || value.trim() === '') {
    throw badRequest(`Missing or invalid ${where} field '${name}' (a non-empty string is required).${hintFor(name, Object.keys(body))}`)
  }
  return value
}

/** An optional string field: `undefined` when absent or null, 400 when another type. */
export function optString(body: Body, name: string): string | undefined {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw badRequest(`Invalid body field '${name}' (must be a string).`)
  return value
}

/** A value from a closed list, or 400 listing the allowed values. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw badRequest(`Invalid value for '${name}': ${JSON.stringify(value)} (must be one of ${allowed.join(', ')}).`)
  }
  return value as T
}

/** Optional enum query parameter. */
export function queryEnum<T extends string>(ctx: Ctx, name: string, allowed: readonly T[]): T | undefined {
  const value = ctx.query.get(name)
  return value === null || value === '' ? undefined : oneOf(value, allowed, name)
}

function intParam(ctx: Ctx, name: string, fallback: number, min: number, max: number): number {
  const raw = ctx.query.get(name)
  if (raw === null || raw === '') return fallback
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) throw badRequest(`Invalid value for parameter '${name}': '${raw}' (must be an integer between ${min} and ${max}).`)
  return n
}

/** `limit` (1–3000, default 100) and `offset` (default 0), as the spec declares them. */
export function paging(ctx: Ctx): { limit: number; offset: number } {
  return { limit: intParam(ctx, 'limit', 100, 1, 3000), offset: intParam(ctx, 'offset', 0, 0, Number.MAX_SAFE_INTEGER) }
}

/** The spec's list envelope around one page of `items`. */
export function page<T>(many: string, items: readonly T[], { limit, offset }: { limit: number; offset: number }): Record<string, unknown> {
  const totalCount = items.length
  return { [many]: items.slice(offset, offset + limit), totalCount, pageCount: Math.ceil(totalCount / limit), pageNumber: Math.floor(offset / limit) + 1, offset, limit }
}

// `studentId` for `student`, `lessonId` for `lesson`: the mistakes the spec's naming invites.
function hintFor(name: string, sent: readonly string[]): string {
  const near = sent.find((s) => s !== name && (s === `${name}Id` || s === `${name}SourcedId` || s.toLowerCase() === name.toLowerCase()))
  return near === undefined ? '' : ` '${near}' was sent: the parameter is named '${name}'.`
}
