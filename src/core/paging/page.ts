/**
 * @module core/paging/page — page-numbered lists (QTI): `page` (from 1) and `limit` in the query, and an answer
 * `{ items, total, page, pages, limit }`.
 *
 * Page numbers count windows of `limit` records, so the next page is always the next number, however many
 * records came back: a page that comes back short (records left out of its window) does not shift the next
 * window, and a server that caps `limit` and reports the cap in its answer has that cap used as the page
 * size from then on. The listing goes on while `pages` or `total` says records remain (without either: while
 * pages come back full), and ends at an empty page or a page of repeats, whatever the answer claims.
 */

import { InputValidationError, type InputIssue } from '../errors.js'
import { MAX_LIMIT, type IdOf, type PageFetcher, type PageResult, type QueryCompiler, type RawPage } from '../pagination.js'
import type { CallOptions } from '../transport/http.js'
import type { Paging } from './listing.js'
import { recordStream } from './record-stream.js'

/** Paging params of a page-numbered list. */
export interface PageParams {
  /** Page number, from 1. Default 1. */
  page?: number
  /** Records per page. Default 100 for `list`, 1000 per page for `stream`/`listAll`. */
  limit?: number
  /** `stream`/`listAll` stop after this many records. */
  maxItems?: number
}

const DEFAULT_LIMIT = 100
const STREAM_PAGE = 1000

/**
 * Checks `page`, `limit` (1 to `maxLimit`) and `maxItems`; a service's query compiler calls it first.
 * @example
 * const compileItemQuery = (params: ItemListParams) => { checkPageParams(params, 1000); return { query: params.query } }
 */
export function checkPageParams(params: PageParams, maxLimit = MAX_LIMIT): void {
  if (!params || typeof params !== 'object') throw new InputValidationError([{ path: 'params', message: 'must be an object' }])
  const issues: InputIssue[] = []
  const check = (name: keyof PageParams, max = Infinity) => {
    const value = params[name]
    if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= max)) {
      issues.push({ path: name, message: `must be an integer from 1${max === Infinity ? '' : ` to ${max}`}, got ${String(value)}` })
    }
  }
  check('page')
  check('limit', maxLimit)
  check('maxItems')
  if (issues.length) throw new InputValidationError(issues, 'Invalid list parameters')
}

/** The page size the server used: its reported `limit` when smaller than asked. */
const servedSize = (asked: number, answer: RawPage<unknown>): number =>
  answer.limit !== undefined && answer.limit < asked ? answer.limit : asked

/** True when records may follow page `page`, after `received` records up to and including it. */
function moreAfter(answer: RawPage<unknown>, page: number, size: number, received: number): boolean {
  const count = answer.items.length
  if (count === 0) return false
  const { pages, total } = answer
  if (pages === undefined && total === undefined) return count >= size
  // Either count saying more is enough: one request too many ends at an empty page, one too few loses records.
  return (pages !== undefined && page < pages) || (total !== undefined && received < total)
}

/**
 * One page as a PageResult: `next` is `{ page: page + 1 }` (plus the server's smaller `limit`, when it capped
 * the page) while records remain, and `nextOffset` is undefined (these lists have no offset).
 * @example const { data, next } = await listByPage(fetchPage, { page: 2, limit: 50 }, {}, compileItemQuery)
 */
export async function listByPage<T, P extends PageParams>(
  fetchPage: PageFetcher<T>, params: P, call: CallOptions = {}, compile: QueryCompiler<P>,
): Promise<PageResult<T>> {
  const query = compile(params)
  const limit = params.limit ?? DEFAULT_LIMIT
  const page = params.page ?? 1
  const answer = await fetchPage({ ...query, page, limit }, call)
  const size = servedSize(limit, answer)
  const hasMore = moreAfter(answer, page, size, (page - 1) * size + answer.items.length)
  return {
    data: answer.items,
    total: answer.total,
    hasMore,
    nextOffset: undefined,
    next: hasMore ? (size < limit ? { page: page + 1, limit: size } : { page: page + 1 }) : undefined,
  }
}

/**
 * Every record of every page from `params.page` on, each once by id, one page in memory.
 * @example for await (const item of streamByPage(fetchPage, { maxItems: 5000 }, {}, compileItemQuery, (i) => i.identifier)) use(item)
 */
export function streamByPage<T, P extends PageParams>(
  fetchPage: PageFetcher<T>, params: P, call: CallOptions = {}, compile: QueryCompiler<P>, idOf: IdOf<T>,
): AsyncGenerator<T, void, undefined> {
  let query: Record<string, string | number | undefined>
  let size: number
  let received: number
  const begin = () => {
    query = compile(params)
    size = params.limit ?? STREAM_PAGE
    const page = params.page ?? 1
    received = (page - 1) * size
    return { ...query, page, limit: size }
  }
  return recordStream(fetchPage, begin, (answer, asked) => {
    size = servedSize(size, answer)
    received += answer.items.length
    const page = asked.page as number
    return moreAfter(answer, page, size, received) ? { ...query, page: page + 1, limit: size } : undefined
  }, call, idOf, params)
}

/**
 * The page-numbered style for `listing()`.
 * @example const items = listing(fetchPages(ctx, searchItems), pagePaging, compileItemQuery, byId('identifier'))
 */
export const pagePaging: Paging<PageParams> = { list: listByPage, stream: streamByPage }
