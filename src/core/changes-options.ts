/**
 * @module core/changes-options — what `changes({ since })` accepts, checked before any request, and the
 * checkpoint arithmetic (server time minus an overlap, never before `since`). The loop is in ./changes.ts.
 */

import { InputValidationError, type InputIssue } from './errors.js'
import { compileListQuery, withListedField } from './list-query.js'
import type { CallOptions } from './transport/http.js'
import type { Where } from './where.js'

/**
 * Options of `changes()`: the checkpoint to start from, an optional extra condition (AND-ed with the date
 * condition), the page size, the safety overlap, and the per-call options (`signal`, `timeout`, …) of every
 * page request.
 * @example const options: ChangesOptions<Where<User>> = { since: saved, where: { 'roles.role': 'student' }, signal }
 */
export interface ChangesOptions<W = Where> extends CallOptions {
  /**
   * The `checkpoint` a previous run yielded (an ISO 8601 string with a time zone, or a Date). Leave it out for
   * a full sync: every record, soft-deleted ones as deletions.
   */
  since?: string | Date | undefined
  /** Extra conditions, AND-ed with `dateLastModified>=since`; none on `status` or `dateLastModified`. */
  where?: W
  /** A raw 1EdTech filter, AND-ed with the date condition (for what `where` cannot say). Not with `where`; same limits. */
  filter?: string
  /** Sparse fieldset; `sourcedId`, `status` and `dateLastModified` are always added. */
  fields?: readonly string[] | string
  /** Timeback's free-text search, AND-ed like `where`. */
  search?: string
  /** Records per request, 1–3000. Default 1000. */
  pageSize?: number
  /**
   * How far (ms) the checkpoint is set before the first page's time (the server's, or this machine's if
   * earlier), so that writes stamped slightly earlier than they became visible (long transactions, several
   * server clocks, the `Date` header's one-second resolution) are listed again next run. Default 60 000; larger means more duplicates, never less data.
   */
  overlapMs?: number
}

/** A checked run: the query of every page (without limit/offset), the floor and the overlap. */
export interface ChangesPlan {
  query: Record<string, string | undefined>
  /** `since` in ms, or undefined for a full sync. */
  since: number | undefined
  overlapMs: number
  pageSize: number
  call: CallOptions
}

const DEFAULT_PAGE = 1000
const DEFAULT_OVERLAP = 60_000
/** A `since` this far ahead of this machine's clock is a mistake, not clock skew. */
const FUTURE_SLACK = 24 * 3600_000
/** Date and time with a zone (Z or ±hh:mm), or a date alone (midnight UTC, as `Date.parse` reads it). */
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/
/** Paging that would break the guarantee: a run pages by itself, from the first match to the last. */
const REFUSED = ['limit', 'offset', 'maxItems', 'sort', 'orderBy']
const REFUSAL = 'is not accepted by changes(): a run pages by itself (pageSize), sorted by sourcedId, to the last match; ' +
  'to stop early, break out of the loop and keep your old checkpoint'

function readSince(value: unknown, issues: InputIssue[]): number | undefined {
  if (value === undefined) return undefined
  let ms: number
  if (value instanceof Date) ms = value.getTime()
  else if (typeof value === 'string' && ISO.test(value.trim())) ms = Date.parse(value.trim())
  else {
    const got = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value
    issues.push({ path: 'since', message: `must be the checkpoint of a previous run (an ISO 8601 date-time with Z or an offset) or a Date, got ${got}` })
    return undefined
  }
  if (!Number.isFinite(ms)) {
    issues.push({ path: 'since', message: 'is not a valid date; pass the checkpoint a previous run yielded' })
    return undefined
  }
  if (ms > Date.now() + FUTURE_SLACK) {
    issues.push({ path: 'since', message: `is in the future (${new Date(ms).toISOString()}); pass the checkpoint a previous run yielded` })
    return undefined
  }
  return ms
}

function readInt(issues: InputIssue[], value: unknown, path: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    issues.push({ path, message: `must be an integer from ${min} to ${max}, got ${String(value)}` })
    return fallback
  }
  return value
}

/**
 * Checks `changes()` options and builds the page query: `filter` is the caller's condition AND
 * `dateLastModified>='<since as toISOString>'` (the live service compares dates as text, so the value has the
 * exact shape of its own timestamps), sorted by sourcedId ascending.
 * @example planChanges({ since: '2026-01-01T00:00:00Z' }).query.filter // "dateLastModified>='2026-01-01T00:00:00.000Z'"
 */
export function planChanges(options: ChangesOptions<unknown> | undefined = {}): ChangesPlan {
  if (!options || typeof options !== 'object') throw new InputValidationError([{ path: 'options', message: 'must be an object' }], 'Invalid changes options')
  const issues: InputIssue[] = []
  for (const key of REFUSED) if ((options as Record<string, unknown>)[key] !== undefined) issues.push({ path: key, message: REFUSAL })
  const since = readSince(options.since, issues)
  const pageSize = readInt(issues, options.pageSize, 'pageSize', 1, 3000, DEFAULT_PAGE)
  const overlapMs = readInt(issues, options.overlapMs, 'overlapMs', 0, 7 * 24 * 3600_000, DEFAULT_OVERLAP)
  const { where, filter, fields, search, signal, timeout, maxRetries, idempotent, headers } = options
  let query: Record<string, string | undefined> = {}
  try {
    query = compileListQuery(withListedField(withListedField(withListedField({ where, filter, fields, search }, 'sourcedId'), 'status'), 'dateLastModified'))
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error
    issues.push(...error.issues)
  }
  // The run's own fields, outside quoted values and not under another field (metadata.status is the caller's):
  // status='active' would hide the soft deletes it reports, a bound on dateLastModified could leave out records
  // the checkpoint then passes.
  const own = query.filter?.replace(/'(?:[^']|'')*'/g, '').match(/(?:^|[^.\w])(status|dateLastModified)\s*[!=<>~@]/)?.[1]
  if (own) {
    issues.push({ path: where === undefined ? 'filter' : 'where', message: `must not test ${own}: changes() reports soft deletes by status and bounds dateLastModified by since; skip what you do not want as you apply the changes` })
  }
  if (issues.length) throw new InputValidationError(issues, 'Invalid changes options')
  const clauses = [query.filter === undefined ? undefined : `(${query.filter})`, since === undefined ? undefined : `dateLastModified>='${new Date(since).toISOString()}'`]
  const condition = clauses.filter((c) => c !== undefined).join(' AND ')
  return {
    query: { ...query, filter: condition || undefined, sort: 'sourcedId', orderBy: 'asc' },
    since,
    overlapMs,
    pageSize,
    call: { signal, timeout, maxRetries, idempotent, headers },
  }
}

/**
 * The checkpoint to store: the first page's time (`changes()` passes the earlier of the server's `Date` header,
 * else the newest `dateLastModified` of the first page, and this machine's clock) minus the overlap; never
 * before `since`; the epoch when there is nothing to go by (the next run is then a full sync).
 * @example checkpointOf(Date.parse('2026-03-01T10:00:00Z'), undefined, 60_000) // '2026-03-01T09:59:00.000Z'
 */
export function checkpointOf(serverMs: number | undefined, since: number | undefined, overlapMs: number): string {
  let at = serverMs === undefined ? undefined : serverMs - overlapMs
  if (since !== undefined && (at === undefined || at < since)) at = since
  return new Date(at ?? 0).toISOString()
}
