/**
 * @module core/paging/listing — a list resource in one declaration: a GET operation that fetches one page, a
 * paging style (offset + total, page + pages, short pages, one call) and the query compiler give `list`,
 * `stream` and `listAll` with the same guarantees whatever the style: no record skipped or yielded twice, no
 * listing that requests forever, `maxItems` bounds records and requests.
 */

import {
  listPage, readPageSize, readTotal, streamPages,
  type IdOf, type OffsetParams, type PageFetcher, type PageResult, type QueryCompiler, type RawPage,
} from '../pagination.js'
import type { ServiceContext } from '../resource/context.js'
import { many, type Operation, type Query, type Unwrap } from '../resource/operation.js'
import type { CallOptions } from '../transport/http.js'
import { collect } from './walk.js'

/**
 * A paging style: how one page is listed and how a listing is walked. `Base` is the paging params it reads.
 * @example const style: Paging<OffsetParams> = offsetPaging
 */
export interface Paging<Base> {
  list<T, P extends Base>(fetchPage: PageFetcher<T>, params: P, call: CallOptions | undefined, compile: QueryCompiler<P>): Promise<PageResult<T>>
  stream<T, P extends Base>(
    fetchPage: PageFetcher<T>, params: P, call: CallOptions | undefined, compile: QueryCompiler<P>, idOf: IdOf<T>,
  ): AsyncGenerator<T, void, undefined>
}

/**
 * `limit`/`offset` with a total (`totalCount` in OneRoster, `pagination.total` in Caliper); without a total, a
 * short page ends the listing.
 * @example const users = listing(fetchPages(ctx, listUsers), offsetPaging, compileListQuery, byId('sourcedId'))
 */
export const offsetPaging: Paging<OffsetParams> = { list: listPage, stream: streamPages }

/** `list`, `stream` and `listAll` of one list route. */
export interface Listing<T, P> {
  /** One page, with `next` for the page after it. */
  list(params?: P, call?: CallOptions): Promise<PageResult<T>>
  /** Every record, one page in memory at a time. */
  stream(params?: P, call?: CallOptions): AsyncGenerator<T, void, undefined>
  /** Every record in an array (mind `maxItems` on big lists). */
  listAll(params?: P, call?: CallOptions): Promise<T[]>
}

/**
 * Builds `list`/`stream`/`listAll` for one list route.
 * @example
 * // GET /assessment-items
 * const searchItems = operation<{ query: Query }, RawPage<Item>>({ method: 'GET', path: '/assessment-items', unwrap: pageOf('items') })
 * const items = listing(fetchPages(ctx, searchItems), pagePaging, compileItemQuery, byId('identifier'))
 * for await (const item of items.stream({ maxItems: 500 })) console.log(item.identifier)
 */
export function listing<T, P extends Base, Base>(
  fetchPage: PageFetcher<T>, paging: Paging<Base>, compile: QueryCompiler<P>, idOf: IdOf<T>,
): Listing<T, P> {
  const stream = (params = {} as P, call?: CallOptions) => paging.stream(fetchPage, params, call, compile, idOf)
  return {
    list: (params = {} as P, call) => paging.list(fetchPage, params, call, compile),
    stream,
    listAll: (params, call) => collect(stream(params, call)),
  }
}

/**
 * A page fetcher from a GET operation: each page is one call with the pager's query (and `ids` for the path).
 * @example const fetchPage = fetchPages(ctx, listClassStudents, { classId })
 */
export function fetchPages<T>(
  ctx: ServiceContext, op: Operation<{ query: Query }, RawPage<T>>, ids?: Record<string, unknown>,
): PageFetcher<T> {
  return (query, call) => op(ctx, ids ? { ...ids, query } : { query }, call)
}

/**
 * Reads a list answer into a page: the records under `key` (or a bare array), and `total`, `pages` and `limit`
 * when the answer carries them as numbers.
 * @example operation({ method: 'GET', path: '/assessment-items', unwrap: pageOf('items') }) // { items, total, page, pages, limit }
 */
export function pageOf<T>(key: string, totalKey = 'total'): Unwrap<RawPage<T>> {
  const items = many<T>(key)
  return (body, req, ctx) => ({
    items: items(body, req, ctx),
    total: readTotal(body, totalKey),
    pages: readTotal(body, 'pages'),
    limit: readPageSize(body),
  })
}

/**
 * The id by which pagers drop a record a page repeats.
 * @example listing(fetchPage, pagePaging, compile, byId('identifier'))
 */
export function byId<T>(field: string): IdOf<T> {
  return (item) => (item && typeof item === 'object' ? (item as Record<string, unknown>)[field] : undefined)
}
