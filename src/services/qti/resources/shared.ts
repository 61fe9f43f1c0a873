/**
 * @module services/qti/resources/shared — what the QTI resources share: list parameters and their query
 * compiler (page-numbered lists with `query`, `filter`, `sort`, `order`), small input checks that collect every
 * problem before one InputValidationError, the answer check, the 409 message on create, and `patch`'s
 * fetch-check-merge step.
 */

import { ConflictError, InputValidationError, ServerError, type InputIssue } from '../../../core/errors.js'
import { isApiError } from '../../../core/error-guards.js'
import { checkPageParams, type PageParams } from '../../../core/paging/page.js'
import type { Unwrap } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'

/**
 * Parameters of every QTI list: page number and size, a fuzzy `query` over title and identifier, `sort` and
 * `order`. `maxItems` caps `stream`/`listAll`.
 * @example const params: QtiListParams<'title'> = { query: 'fractions', sort: 'title', order: 'asc', limit: 50 }
 */
export interface QtiListParams<S extends string = string> extends PageParams {
  query?: string
  sort?: S
  order?: 'asc' | 'desc'
}

/**
 * A list that also takes the service's `filter` expression (`=, !=, >, >=, <, <=, ~`, `AND`/`OR`), sent as written.
 * @example const params: FilteredListParams<'title'> = { filter: "type='choice' AND title~'frac'" }
 */
export interface FilteredListParams<S extends string = string> extends QtiListParams<S> {
  filter?: string
}

/** Where a stored record's last change is read (every QTI record carries it). @example const { updatedAt }: Stamped = await client.assessmentTests.get('t1') */
export interface Stamped {
  updatedAt?: string
}

/**
 * Options of a `patch`: the call's options, and `ifUnmodifiedSince` to refuse the write when the record changed
 * after that time (as its `updatedAt` says when fetched).
 * @example await client.assessmentItems.patch('q1', { metadata: { difficulty: 'hard' } }, { ifUnmodifiedSince: loadedAt })
 */
export interface PatchOptions extends CallOptions {
  ifUnmodifiedSince?: Date | string
}

const ORDERS = ['asc', 'desc'] as const

/**
 * The id by which listings drop repeated records: the identifier, or a record's own JSON when it has none (a
 * server repeating id-less records would otherwise be paged as long as its `pages` claims).
 * @example listing(fetchPages(ctx, searchItems), pagePaging, compileItems, identifierOf)
 */
export const identifierOf = (record: unknown): unknown => (record as { identifier?: unknown } | null)?.identifier ?? JSON.stringify(record)

/** Pushes `message` at `path` unless `ok`. @example need(issues, Array.isArray(x), 'items', 'must be an array') */
export const need = (issues: InputIssue[], ok: unknown, path: string, message: string): void => {
  if (!ok) issues.push({ path, message })
}

/** A non-empty string (or nothing when `optional`). @example text(issues, input.title, 'title') */
export const text = (issues: InputIssue[], value: unknown, path: string, optional?: boolean): void =>
  need(issues, (optional && value === undefined) || (typeof value === 'string' && value.trim() !== ''), path, 'must be a non-empty string')

/** One of `values` (or nothing when `optional`). @example oneOf(issues, input.order, ['asc', 'desc'], 'order', true) */
export const oneOf = (issues: InputIssue[], value: unknown, values: readonly string[], path: string, optional?: boolean): void =>
  need(issues, (optional && value === undefined) || values.includes(value as string), path, `must be one of ${values.join(', ')} (got ${JSON.stringify(value)})`)

/** A plain object (not an array). @example isObject({}) // true */
export const isObject = (value: unknown): value is Record<string, any> => !!value && typeof value === 'object' && !Array.isArray(value)

/** Throws one InputValidationError for everything collected. @example done(issues, 'sections.create') */
export const done = (issues: InputIssue[], label: string): void => {
  if (issues.length) throw new InputValidationError(issues, label)
}

/** `input` must be an object; answers the issues list to fill. @example const issues = start(input, 'item', 'assessmentItems.create') */
export function start(input: unknown, name: string, label: string): InputIssue[] {
  if (!isObject(input)) throw new InputValidationError([{ path: name, message: 'must be an object' }], label)
  return []
}

/**
 * The query compiler of one list route: `sorts` are the spec's sort fields, `extra` the route's other query
 * names (a list of values for an enum, `null` for free text). Unknown names are refused: the service ignores
 * them, which would silently list everything.
 * @example const compileItems = listQuery(['title', 'identifier'], { filter: null })
 */
/* @__NO_SIDE_EFFECTS__ */
export function listQuery(sorts: readonly string[], extra: Record<string, readonly string[] | null> = {}) {
  return (params: Record<string, unknown>): Record<string, string | undefined> => {
    checkPageParams(params)
    const issues: InputIssue[] = []
    const query: Record<string, string | undefined> = {}
    for (const name in params) {
      const value = params[name]
      if (name === 'page' || name === 'limit' || name === 'maxItems' || value === undefined) continue
      const values = name === 'sort' ? sorts : name === 'order' ? ORDERS : name === 'query' ? null : extra[name]
      if (values === undefined) issues.push({ path: name, message: `unknown parameter (expected ${['query', 'sort', 'order', ...Object.keys(extra)].join(', ')}, page, limit, maxItems)` })
      else if (values) oneOf(issues, value, values, name)
      else if (typeof value === 'string') query[name] = value
      else issues.push({ path: name, message: 'must be a string' })
      if (values && !issues.length) query[name] = value as string
    }
    done(issues, 'Invalid list parameters')
    return query
  }
}

/**
 * Runs `check` on `input` and, for a replacement (`identifier` given), requires that identifier; throws what it found.
 * @example const section = checkedInput<Section>(input, 'sections.update', checkSection, 's1')
 */
export function checkedInput<T>(input: unknown, label: string, check: (input: any, issues: InputIssue[]) => void, identifier?: string): T {
  const issues: InputIssue[] = []
  check(input, issues)
  if (identifier !== undefined) need(issues, isObject(input) && input.identifier === identifier, 'identifier', `must be '${identifier}', the identifier being replaced`)
  done(issues, label)
  return input as T
}

/** The answer must be a JSON object (a 2xx that is not one is a ServerError `invalid_response`). @example operation({ method: 'GET', path: '/stimuli/{identifier}', unwrap: record }) */
export const record: Unwrap<any> = (body, req) => {
  if (isObject(body)) return body
  throw new ServerError(`${req.method} ${req.path}: the response is not a JSON object`, { status: 200, method: req.method, url: req.path }, 'invalid_response')
}

/**
 * Runs a create; a 409 becomes a ConflictError whose message says that `what` `id` already exists.
 * @example await creating(createItem(ctx, { body }, call), 'assessment item', body.identifier)
 */
export async function creating<T>(work: Promise<T>, what: string, id: unknown): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (!isApiError(error) || error.status !== 409) throw error
    const said = error.description ? ` (the service said: ${error.description})` : ''
    throw new ConflictError(
      `${error.message.split(' → ')[0]} → 409 Conflict: the ${what} identifier '${String(id)}' already exists; update replaces it${said}`,
      { status: 409, method: error.method, url: error.url, requestId: error.requestId, body: error.body },
    )
  }
}

/**
 * `patch`'s first step: checks `ifUnmodifiedSince`, fetches the record and refuses (a ConflictError with
 * status 412, nothing written) when its `updatedAt` is later or unreadable.
 * @example const current = await fetchUnchanged(() => get(id, options), options, 'assessmentItems.patch', id)
 */
export async function fetchUnchanged<T extends Stamped>(get: () => Promise<T>, options: PatchOptions, label: string, id: string): Promise<T> {
  const since = options.ifUnmodifiedSince
  // Only a Date or a date-time with its zone: null read as 1970, and a zoneless string as the machine's local time.
  const readable = since instanceof Date || (typeof since === 'string' && /\d(Z|[+-]\d\d:?\d\d)$/i.test(since.trim()))
  const limit = since === undefined ? undefined : readable ? new Date(since).getTime() : NaN
  if (limit !== undefined && Number.isNaN(limit)) {
    throw new InputValidationError([{ path: 'ifUnmodifiedSince', message: 'must be a Date or an ISO 8601 date-time with a zone (2026-03-02T10:00:00Z)' }], label)
  }
  const current = await get()
  if (limit !== undefined) {
    const changed = Date.parse(current.updatedAt ?? '')
    if (!(changed <= limit)) {
      const when = Number.isNaN(changed) ? 'has no readable updatedAt' : `changed at ${current.updatedAt}`
      throw new ConflictError(
        `${label}: '${id}' ${when}, after ifUnmodifiedSince ${new Date(limit).toISOString()}; nothing was written (fetch it again and re-apply the change)`,
        { status: 412, statusText: 'Precondition Failed', method: 'PUT', url: id, body: { updatedAt: current.updatedAt } },
      )
    }
  }
  return current
}

/** Fields the service writes itself: never sent back in a replacement. */
const SERVER_FIELDS = ['rawXml', 'content', 'createdAt', 'updatedAt', '__v', '_id', 'isValidXml']

/**
 * The fields of a fetched record a PUT may carry, with `changes` over them (`metadata` merged key by key).
 * @example merged({ identifier: 't', title: 'A', rawXml: '…', metadata: { a: 1 } }, { metadata: { b: 2 } }) // { identifier: 't', title: 'A', metadata: { a: 1, b: 2 } }
 */
export function merged(current: Record<string, any>, changes: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {}
  for (const key in current) if (!SERVER_FIELDS.includes(key)) out[key] = current[key]
  Object.assign(out, changes)
  if (isObject(changes.metadata) && isObject(current.metadata)) out.metadata = { ...current.metadata, ...changes.metadata }
  return out
}
