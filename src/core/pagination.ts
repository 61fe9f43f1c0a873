// Offset pagination (OneRoster, CASE, PowerPath lists): `limit`/`offset` plus a `totalCount` in the body.
// Timeback returns short pages in the middle of a listing, so the loop trusts totalCount, never page length.

import { InputValidationError, type InputIssue } from './errors.js'
import type { CallOptions } from './transport/http.js'
import { isFieldName, whereToFilter, type Where } from './where.js'

/** Query options of every list call. */
export interface ListParams<W = Where> {
  /** Page size, 1–3000 (Timeback's cap). Default 100 for `list`, 1000 per page for `stream`/`listAll`. */
  limit?: number
  offset?: number
  /** Typed conditions, compiled to `filter` with escaping. */
  where?: W
  /** A raw 1EdTech filter string, sent as is. Prefer `where`. */
  filter?: string
  sort?: string
  orderBy?: 'asc' | 'desc'
  /** Sparse fieldset: only these fields are returned. */
  fields?: readonly string[] | string
  /** Timeback's free-text search (users, courses, orgs; ignored by the service elsewhere). */
  search?: string
}

/** `stream`/`listAll` also accept a cap on the number of items. */
export interface StreamParams<W = Where> extends ListParams<W> {
  maxItems?: number
}

/** One page. `total` is the service's count; `hasMore` and `nextOffset` derive from it. */
export interface PageResult<T> {
  data: T[]
  total: number | undefined
  hasMore: boolean
  nextOffset: number | undefined
}

export interface RawPage<T> {
  items: T[]
  total: number | undefined
}

/** Fetches one page for already-compiled query parameters. */
export type PageFetcher<T> = (query: Record<string, string | number | undefined>, call: CallOptions) => Promise<RawPage<T>>

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

/** Validates list params and turns them into query parameters (without limit/offset). */
export function compileListQuery(params: StreamParams<unknown> = {}): Record<string, string | undefined> {
  checkPaging(params)
  const issues: InputIssue[] = []
  if (params.sort !== undefined && (typeof params.sort !== 'string' || !isFieldName(params.sort))) {
    issues.push({ path: 'sort', message: `must be a field name, got ${JSON.stringify(params.sort)}` })
  }
  if (params.orderBy !== undefined && params.orderBy !== 'asc' && params.orderBy !== 'desc') {
    issues.push({ path: 'orderBy', message: `must be 'asc' or 'desc', got ${JSON.stringify(params.orderBy)}` })
  }
  const fieldList = typeof params.fields === 'string' ? params.fields.split(',').map((f) => f.trim()) : params.fields
  if (fieldList !== undefined) {
    if (!Array.isArray(fieldList) || fieldList.length === 0) issues.push({ path: 'fields', message: 'must be a non-empty list of field names' })
    else fieldList.forEach((f, i) => {
      if (typeof f !== 'string' || !isFieldName(f)) issues.push({ path: `fields[${i}]`, message: `${JSON.stringify(f)} is not a field name` })
    })
  }
  if (params.filter !== undefined && typeof params.filter !== 'string') {
    issues.push({ path: 'filter', message: 'must be a string' })
  }
  if (params.where !== undefined && params.filter !== undefined) {
    issues.push({ path: 'where', message: 'pass either where or filter, not both' })
  }
  if (params.search !== undefined && typeof params.search !== 'string') {
    issues.push({ path: 'search', message: 'must be a string' })
  }
  if (issues.length) throw new InputValidationError(issues, 'Invalid list parameters')
  const filter = params.where !== undefined ? whereToFilter(params.where as Where) : params.filter || undefined
  return {
    filter,
    sort: params.sort,
    orderBy: params.orderBy,
    fields: fieldList?.join(','),
    search: params.search,
  }
}

/** Reads `totalCount` (a number, or a numeric string from some routes). */
export function readTotal(body: unknown, key = 'totalCount'): number | undefined {
  const raw = (body as Record<string, unknown> | undefined)?.[key]
  const n = typeof raw === 'string' ? Number(raw) : raw
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined
}

/** Turns a service's list params into query parameters (limit/offset are added by the paginator). */
export type QueryCompiler<P> = (params: P) => Record<string, string | number | undefined>

/** Page-size related params every offset-paginated listing accepts. */
export interface OffsetParams {
  limit?: number
  offset?: number
  maxItems?: number
}

/** One page as a PageResult. `compile` defaults to the OneRoster query grammar. */
export async function listPage<T, P extends OffsetParams = ListParams<unknown>>(
  fetchPage: PageFetcher<T>, params: P = {} as P, call: CallOptions = {},
  compile: QueryCompiler<P> = compileListQuery as QueryCompiler<P>,
): Promise<PageResult<T>> {
  const query = compile(params)
  const limit = params.limit ?? DEFAULT_LIMIT
  const offset = params.offset ?? 0
  const page = await fetchPage({ ...query, limit, offset }, call)
  const hasMore = page.total !== undefined ? offset + limit < page.total : page.items.length >= limit
  return { data: page.items, total: page.total, hasMore, nextOffset: hasMore ? offset + limit : undefined }
}

/**
 * Yields every item of every page, holding one page in memory. A page that fails after the transport's
 * retries ends the stream with that error; nothing is skipped or yielded twice.
 */
export async function* streamPages<T, P extends OffsetParams = StreamParams<unknown>>(
  fetchPage: PageFetcher<T>, params: P = {} as P, call: CallOptions = {},
  compile: QueryCompiler<P> = compileListQuery as QueryCompiler<P>,
): AsyncGenerator<T, void, undefined> {
  const query = compile(params)
  const limit = params.limit ?? STREAM_PAGE
  const max = params.maxItems ?? Infinity
  let offset = params.offset ?? 0
  let yielded = 0
  while (yielded < max) {
    const page = await fetchPage({ ...query, limit, offset }, call)
    for (const item of page.items) {
      if (yielded >= max) return
      yield item
      yielded++
    }
    // Advance by the page size, not by what came back: short pages are not the end of the listing.
    offset += limit
    if (page.total !== undefined ? offset >= page.total : page.items.length < limit) return
  }
}

/** Collects `streamPages` into an array. */
export async function collectAll<T, P extends OffsetParams = StreamParams<unknown>>(
  fetchPage: PageFetcher<T>, params: P = {} as P, call: CallOptions = {},
  compile: QueryCompiler<P> = compileListQuery as QueryCompiler<P>,
): Promise<T[]> {
  const out: T[] = []
  for await (const item of streamPages(fetchPage, params, call, compile)) out.push(item)
  return out
}
