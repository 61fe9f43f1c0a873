// Offset pagination (OneRoster, CASE, PowerPath lists): `limit`/`offset` plus a `totalCount` in the body.
// Timeback returns short pages in the middle of a listing, so the loop trusts totalCount, never page length.
// The query grammar is the caller's (`compile`), so services without OneRoster filters do not ship them.

import { InputValidationError, type InputIssue } from './errors.js'
import type { CallOptions } from './transport/http.js'

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

/** One page as a PageResult. */
export async function listPage<T, P extends OffsetParams>(
  fetchPage: PageFetcher<T>, params: P, call: CallOptions = {}, compile: QueryCompiler<P>,
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
export async function* streamPages<T, P extends OffsetParams>(
  fetchPage: PageFetcher<T>, params: P, call: CallOptions = {}, compile: QueryCompiler<P>,
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
export async function collectAll<T, P extends OffsetParams>(
  fetchPage: PageFetcher<T>, params: P, call: CallOptions = {}, compile: QueryCompiler<P>,
): Promise<T[]> {
  const out: T[] = []
  for await (const item of streamPages(fetchPage, params, call, compile)) out.push(item)
  return out
}
