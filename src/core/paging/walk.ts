/**
 * @module core/paging/walk — the loop the page-numbered and single-call pagers share: fetch a page, yield its
 * records that the previous page did not already yield (by id), ask the style which request comes next.
 * The offset pager (../pagination.ts) runs the same rules in its own loop.
 */

import { keyOf, type IdOf, type PageFetcher, type RawPage } from '../pagination.js'
import type { CallOptions } from '../transport/http.js'

/** A page's query parameters, as the fetcher takes them. */
export type PageQuery = Parameters<PageFetcher<unknown>>[0]

/** The request after `page` (fetched with `query`), or undefined when the style says the listing is complete. */
export type NextQuery = (page: RawPage<unknown>, query: PageQuery) => PageQuery | undefined

/**
 * Yields every new record of every page, one page in memory. `begin` runs on the first `next()` (so bad
 * params reject the iteration instead of throwing where `stream()` was called) and returns the first query.
 *
 * The listing ends at an empty page, at a page whose records the previous page already yielded (a server that
 * ignores the page parameter), when `next` says so, or at `maxItems`. Every other page yields a new record, so
 * `maxItems` bounds the requests as well as the records. Records without an id are never dropped as repeats.
 * @example
 * const records = walkPages(fetchPage, () => ({ page: 1, limit: 100 }), (page, q) => page.items.length ? { ...q, page: Number(q.page) + 1 } : undefined, {}, (r) => r.id, { maxItems: 500 })
 */
export async function* walkPages<T>(
  fetchPage: PageFetcher<T>, begin: () => PageQuery, next: NextQuery, call: CallOptions,
  idOf: IdOf<T>, params: { maxItems?: number },
): AsyncGenerator<T, void, undefined> {
  let query: PageQuery | undefined = begin()
  const max = params.maxItems ?? Infinity
  let yielded = 0
  let previous = new Set<string>()
  while (query && yielded < max) {
    const page = await fetchPage(query, call)
    const current = new Set<string>()
    let fresh = 0
    for (const item of page.items) {
      const key = keyOf(item, idOf)
      if (key !== undefined) {
        // A repeat stays in `current`: the next page may repeat it again.
        const size = current.size
        current.add(key)
        if (current.size === size || previous.has(key)) continue
      }
      if (yielded >= max) return
      fresh++
      yield item
      yielded++
    }
    if (fresh === 0) return
    previous = current
    query = next(page, query)
  }
}

/**
 * Collects an async iterable into an array (`listAll`).
 * @example const all = await collect(listing.stream({ maxItems: 5000 }))
 */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}
