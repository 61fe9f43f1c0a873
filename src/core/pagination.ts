// Offset pagination (OneRoster, CASE, PowerPath lists): `limit`/`offset` plus a total in the body.
// The query grammar is the caller's (`compile`), so services without OneRoster filters do not ship them.
//
// Servers shape pages in two ways the loop must survive at once:
// - a cap: the server serves fewer records per page than asked (500 of 1000), and the next page starts where
//   that one ended. Advancing by the requested limit would skip records, so offsets advance by what came back.
// - Timeback's short pages: the server cuts the window [offset, offset+limit) and then leaves soft-deleted
//   records out of it, so the next window (offset + what came back) overlaps the previous one. The records of
//   the overlap are exactly records of the previous page, so those are dropped by id.
// Every page must bring a new record or the listing ends: no server, honest or not, can keep it requesting.

import { InputValidationError, type InputIssue } from './errors.js'
import { keyOf, recordStream } from './paging/record-stream.js'
import type { CallOptions } from './transport/http.js'

/**
 * Where the next page starts, whatever the service's paging style: spread it into the next `list()` call.
 * @example
 * let page = await client.users.list({ limit: 100 })
 * while (page.next) page = await client.users.list({ limit: 100, ...page.next })
 */
export type PageCursor = { offset: number } | { page: number; limit?: number }

/**
 * One page. `total` is the service's count; `hasMore` and `next` derive from it and from the records returned.
 * @example
 * const { data, hasMore, next } = await client.users.list({ limit: 100 })
 */
export interface PageResult<T> {
  data: T[]
  total: number | undefined
  hasMore: boolean
  /** The next page's `offset` for offset-paged lists (kept for compatibility; `next` says the same for every style). */
  nextOffset: number | undefined
  /** The params that fetch the next page (`{ offset }` or `{ page }`); undefined on the last page. */
  next?: PageCursor | undefined
}

/**
 * One page as a page fetcher reads it from an answer.
 * @example const page: RawPage<User> = { items: body.users, total: readTotal(body), limit: readPageSize(body) }
 */
export interface RawPage<T> {
  items: T[]
  total: number | undefined
  /** The page size the server says it used (`limit` in its envelope), when it says one. */
  limit?: number | undefined
  /** The number of pages, for page-numbered lists (QTI's `pages`). */
  pages?: number | undefined
}

/** Fetches one page for already-compiled query parameters. */
export type PageFetcher<T> = (query: Record<string, string | number | undefined>, call: CallOptions) => Promise<RawPage<T>>

/** The identity of a listed record (`sourcedId`, an event's `id`), used to drop records a page repeats. */
export type IdOf<T> = (item: T) => unknown

/**
 * Timeback's largest page (`limit`), the default bound of `checkPaging`.
 * @example checkPaging(params, MAX_LIMIT)
 */
export const MAX_LIMIT = 3000
const DEFAULT_LIMIT = 100
const STREAM_PAGE = 1000

function checkInt(issues: InputIssue[], value: unknown, path: string, min: number, max = Infinity): void {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    issues.push({ path, message: `must be an integer${max === Infinity ? ` >= ${min}` : ` from ${min} to ${max}`}, got ${String(value)}` })
  }
}

/** Checks limit/offset/maxItems; services with their own query grammar call this from their compiler. */
export function checkPaging(params: OffsetParams, maxLimit = MAX_LIMIT): void {
  if (!params || typeof params !== 'object') {
    throw new InputValidationError([{ path: 'params', message: 'must be an object' }])
  }
  const issues: InputIssue[] = []
  checkInt(issues, params.limit, 'limit', 1, maxLimit)
  checkInt(issues, params.offset, 'offset', 0)
  checkInt(issues, params.maxItems, 'maxItems', 1)
  if (issues.length) throw new InputValidationError(issues, 'Invalid list parameters')
}

/** Reads `totalCount` (a number, or a numeric string from some routes). */
export function readTotal(body: unknown, key = 'totalCount'): number | undefined {
  const raw = (body as Record<string, unknown> | undefined)?.[key]
  const n = typeof raw === 'string' ? Number(raw) : raw
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined
}

/** Reads the page size a server reports (`limit`): a whole number of at least 1, else undefined. */
export function readPageSize(body: unknown, key = 'limit'): number | undefined {
  const n = readTotal(body, key)
  return n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined
}

/** Turns a service's list params into query parameters (limit/offset are added by the paginator). */
export type QueryCompiler<P> = (params: P) => Record<string, string | number | undefined>

/** Page-size related params every offset-paginated listing accepts. */
export interface OffsetParams {
  limit?: number
  offset?: number
  maxItems?: number
}

/** The size the server really served: what it reports when smaller than asked, else what was asked. */
function servedLimit(asked: number, page: RawPage<unknown>): number {
  return page.limit !== undefined && page.limit < asked ? page.limit : asked
}

/** True when records may follow a page of `count` records that started at `offset`. */
function moreAfter(page: RawPage<unknown>, offset: number, served: number): boolean {
  const count = page.items.length
  if (count === 0) return false
  // Without a total, only a full page can have a successor (CASE lists; the vendor's own paginator does the same).
  return page.total !== undefined ? offset + count < page.total : count >= served
}

/**
 * One page as a PageResult. `nextOffset` is `offset` plus the records that came back (not the limit asked), so a
 * server that caps pages skips nothing; under Timeback's short pages the next page may repeat a record of this one
 * (`stream`/`listAll` drop those).
 */
export async function listPage<T, P extends OffsetParams>(
  fetchPage: PageFetcher<T>, params: P, call: CallOptions = {}, compile: QueryCompiler<P>,
): Promise<PageResult<T>> {
  const query = compile(params)
  const limit = params.limit ?? DEFAULT_LIMIT
  const offset = params.offset ?? 0
  const page = await fetchPage({ ...query, limit, offset }, call)
  const hasMore = moreAfter(page, offset, servedLimit(limit, page))
  const nextOffset = hasMore ? offset + page.items.length : undefined
  return { data: page.items, total: page.total, hasMore, nextOffset, next: nextOffset === undefined ? undefined : { offset: nextOffset } }
}

// The de-duplication key (by id) lives with the record stream; re-exported for the other pagers.
export { keyOf }

/**
 * Yields every item of every page, holding one page in memory. A page that fails after the transport's
 * retries ends the stream with that error.
 *
 * Judgement calls (stated in the README): an empty page ends the listing; so does a page made only of records
 * the previous page already yielded; the listing also ends once the offset reaches the total (without a total: at
 * a page shorter than the served page size). Every other page yields at least one new record, so `maxItems`
 * bounds the number of requests as well as the records. Records without an id are never dropped as repeats.
 */
export function streamPages<T, P extends OffsetParams>(
  fetchPage: PageFetcher<T>, params: P, call: CallOptions = {}, compile: QueryCompiler<P>, idOf: IdOf<T>,
): AsyncGenerator<T, void, undefined> {
  // Not a generator: see recordStream. `compile` still runs on the first next(), where bad params reject.
  return recordStream<T>(
    fetchPage,
    () => ({ ...compile(params), limit: params.limit ?? STREAM_PAGE, offset: params.offset ?? 0 }),
    (page, query) => {
      // A server cap, reported in the envelope, becomes the page size for the rest of the listing.
      const limit = servedLimit(query.limit as number, page)
      const offset = query.offset as number
      return moreAfter(page, offset, limit) ? { ...query, limit, offset: offset + page.items.length } : undefined
    },
    call, idOf, params,
  )
}

/** Collects `streamPages` into an array. */
export async function collectAll<T, P extends OffsetParams>(
  fetchPage: PageFetcher<T>, params: P, call: CallOptions = {}, compile: QueryCompiler<P>, idOf: IdOf<T>,
): Promise<T[]> {
  const out: T[] = []
  for await (const item of streamPages(fetchPage, params, call, compile, idOf)) out.push(item)
  return out
}
