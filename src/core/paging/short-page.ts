/**
 * @module core/paging/short-page — `limit`/`offset` lists that carry no total (CASE): a page shorter than the
 * page size ends the listing. Any total an answer does carry is ignored, so a stray or lying count can neither
 * stop a listing early nor keep it going. The page size is what was asked, or the server's reported `limit`
 * when smaller (a cap); a cap the server does not report cannot be told from the last page.
 */

import { listPage, streamPages, type OffsetParams, type PageFetcher } from '../pagination.js'
import type { Paging } from './listing.js'

const withoutTotal = <T>(fetchPage: PageFetcher<T>): PageFetcher<T> => async (query, call) => {
  const { items, limit } = await fetchPage(query, call)
  return { items, limit, total: undefined }
}

/**
 * The short-page style for `listing()`: the offset pager, blind to totals.
 * @example const documents = listing(fetchPages(ctx, listDocuments), shortPaging, compileListQuery, byId('sourcedId'))
 */
export const shortPaging: Paging<OffsetParams> = {
  list: (fetchPage, params, call, compile) => listPage(withoutTotal(fetchPage), params, call, compile),
  stream: (fetchPage, params, call, compile, idOf) => streamPages(withoutTotal(fetchPage), params, call, compile, idOf),
}
