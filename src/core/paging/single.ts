/**
 * @module core/paging/single — lists answered whole in one call (Webhooks' `/webhooks/`): `list` is that one
 * page (`hasMore` false, `next` undefined), `stream`/`listAll` yield its records once by id, up to `maxItems`.
 */

import type { PageFetcher, PageResult, QueryCompiler } from '../pagination.js'
import type { CallOptions } from '../transport/http.js'
import type { Paging } from './listing.js'
import { recordStream } from './record-stream.js'

/** `stream`/`listAll` of a one-call list accept a cap. */
export interface SingleCallParams {
  maxItems?: number
}

async function listWhole<T, P extends SingleCallParams>(
  fetchPage: PageFetcher<T>, params: P, call: CallOptions = {}, compile: QueryCompiler<P>,
): Promise<PageResult<T>> {
  const { items, total } = await fetchPage(compile(params), call)
  return { data: items, total: total ?? items.length, hasMore: false, nextOffset: undefined, next: undefined }
}

/**
 * The one-call style for `listing()`.
 * @example const filters = listing(fetchPages(ctx, listFilters), singleCall, () => ({}), byId('id'))
 */
export const singleCall: Paging<SingleCallParams> = {
  list: listWhole,
  stream: (fetchPage, params, call = {}, compile, idOf) => recordStream(fetchPage, () => compile(params), () => undefined, call, idOf, params),
}
