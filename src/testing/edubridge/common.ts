// Helpers every EduBridge route file shares: OneRoster's store (EduBridge keeps its rosters there), reads of
// stored references, request-body and enum checks that answer 400/404 in the imsx envelope, and dates.
import type { Ctx } from '../context.js'
import { HttpError } from '../http.js'
import { ONEROSTER_STORE, type Entity } from '../oneroster/index.js'
import type { OneRosterStore } from '../oneroster/state.js'

/** EduBridge's subjects and grades (`-1` is Pre-K, `13` AP). */
export const SUBJECTS = ['Reading', 'Language', 'Vocabulary', 'Social Studies', 'Writing', 'Science', 'FastMath', 'Math'] as const
export const GRADES = ['-1', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'] as const
export const DAY_MS = 86_400_000

export type Row = Record<string, unknown>

/** OneRoster's store, looked up per request; without the OneRoster module EduBridge has no rosters to work on. */
export function rosterOf(ctx: Ctx): OneRosterStore {
  const store = ctx.env.lookup<OneRosterStore>(ONEROSTER_STORE)
  if (!store) throw new HttpError(503, 'EduBridge needs the OneRoster module, which this emulator does not mount.')
  return store
}

export const isObject = (x: unknown): x is Row => typeof x === 'object' && x !== null && !Array.isArray(x)

/** The sourcedId of a stored reference (`{ sourcedId }` or `{ href, sourcedId, type }`). */
export const refId = (x: unknown): string | undefined => (isObject(x) && typeof x.sourcedId === 'string' ? x.sourcedId : undefined)

/** An active record of `collection`, or a 404 naming it. */
export function activeOr404(store: OneRosterStore, collection: string, id: string, label: string): Entity {
  const record = store.get(collection, id)
  if (!record || record.status === 'tobedeleted') throw new HttpError(404, `${label} '${id}' not found.`)
  return record
}

/** The JSON body as an object (an absent body reads as `{}` when `optional`). */
export async function bodyObject(ctx: Ctx, optional = false): Promise<Row> {
  const body = await ctx.body()
  if (body === undefined && optional) return {}
  if (!isObject(body)) throw new HttpError(400, 'The request body must be a JSON object.')
  return body
}

/** A non-empty string field, or a 400 naming it when `required`. */
export function text(body: Row, field: string, required: true): string
export function text(body: Row, field: string, required?: false): string | undefined
export function text(body: Row, field: string, required = false): string | undefined {
  const value = body[field]
  if (value === undefined || value === null) {
    if (required) throw new HttpError(400, `'${field}' is required.`)
    return undefined
  }
  if (typeof value !== 'string' || value.trim() === '') throw new HttpError(400, `'${field}' must be a non-empty string.`)
  return value
}

/** `value` when it is one of `allowed`, else a 400 listing them. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T
  throw new HttpError(400, `'${field}' must be one of ${allowed.join(', ')} (got ${JSON.stringify(value) ?? 'nothing'}).`)
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 does not). */
export function isDate(value: unknown): value is string {
  return typeof value === 'string' && DATE_ONLY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
}

export const isDateTime = (value: unknown): value is string =>
  typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))

/** The UTC calendar date of an epoch-ms instant. */
export const utcDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** Calendar arithmetic on `YYYY-MM-DD`. */
export const addDays = (date: string, days: number): string => utcDate(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS)

/** The user whose email matches (case-insensitively), active ones only. */
export function userByEmail(store: OneRosterStore, email: string): Entity | undefined {
  const wanted = email.trim().toLowerCase()
  return store.list('users').find((u) => u.status !== 'tobedeleted' && typeof u.email === 'string' && u.email.toLowerCase() === wanted)
}
