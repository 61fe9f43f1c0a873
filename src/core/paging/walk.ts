/**
 * @module core/paging/walk — `listAll()` for every paging style: the records of `stream()` collected. Every
 * style's `stream()` is one loop, `recordStream` (./record-stream.ts); each style only says which page comes
 * next.
 */

/**
 * Collects an async iterable into an array (`listAll`).
 * @example const all = await collect(listing.stream({ maxItems: 5000 }))
 */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}
