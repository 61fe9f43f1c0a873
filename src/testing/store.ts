// The kernel's generic in-memory store: named collections, each one array plus one id index. It knows nothing
// of the records it holds beyond their id (`keyOf`); service modules add their own write rules on top
// (OneRoster's `OneRosterStore` normalises records and fills defaults).

interface Collection<T> {
  // Insertion order is the natural listing order, so an unsorted page is a plain slice: listing 3000 of 100,000
  // records must cost a few ms, which rules out sorting or copying per request.
  readonly items: T[]
  readonly index: Map<string, number>
}

/**
 * Collections of records with an id index. Records are stored as given and replaced on write, never edited in
 * place, so a module may cache per-record work (such as JSON text) keyed by the record object.
 *
 * @example
 * const store = new Store<{ id: string; title: string }>((r) => r.id)
 * store.put('notes', { id: 'n1', title: 'Hello' })
 * store.get('notes', 'n1')?.title // 'Hello'
 */
export class Store<T extends object> {
  readonly #collections = new Map<string, Collection<T>>()
  readonly #keyOf: (record: T) => string

  constructor(keyOf: (record: T) => string) {
    this.#keyOf = keyOf
  }

  #col(name: string): Collection<T> {
    let col = this.#collections.get(name)
    if (!col) {
      col = { items: [], index: new Map() }
      this.#collections.set(name, col)
    }
    return col
  }

  /** Store a record exactly as given, replacing the record with the same id (which keeps its position). */
  put(collection: string, record: T): T {
    const col = this.#col(collection)
    const id = this.#keyOf(record)
    const at = col.index.get(id)
    if (at === undefined) {
      col.index.set(id, col.items.length)
      col.items.push(record)
    } else {
      col.items[at] = record
    }
    return record
  }

  get(collection: string, id: string): T | undefined {
    const col = this.#collections.get(collection)
    if (!col) return undefined
    const at = col.index.get(id)
    return at === undefined ? undefined : col.items[at]
  }

  has(collection: string, id: string): boolean {
    return this.#collections.get(collection)?.index.has(id) ?? false
  }

  /** All records of a collection in insertion order (the live array: do not modify it). */
  list(collection: string): readonly T[] {
    return this.#collections.get(collection)?.items ?? []
  }

  count(collection: string): number {
    return this.#collections.get(collection)?.items.length ?? 0
  }

  /** Hard-delete one record. */
  remove(collection: string, id: string): boolean {
    const col = this.#collections.get(collection)
    const at = col?.index.get(id)
    if (!col || at === undefined) return false
    col.items.splice(at, 1)
    col.index.delete(id)
    // Hard deletes are rare (tests only), so re-indexing the tail is acceptable.
    for (let i = at; i < col.items.length; i++) col.index.set(this.#keyOf(col.items[i]!), i)
    return true
  }

  /** Empty every collection. */
  clear(): void {
    this.#collections.clear()
  }
}
