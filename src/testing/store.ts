// The emulator's in-memory store: one array plus one id index per collection.
import type { CollectionName, EmulatorState, Entity, SeedUsersOptions } from './types.js'

interface Collection {
  // Insertion order is the natural listing order, so an unsorted page is a plain slice: listing
  // 3000 of 100,000 users must cost a few ms, which rules out sorting or copying per request.
  readonly items: Entity[]
  readonly index: Map<string, number>
}

/** Hooks the emulator gives the store: record normalisation and a fast user factory. */
export interface StoreHooks {
  /** Turn a written record into its stored (read) shape, e.g. add ref hrefs, copy class.org to school. */
  prepare(collection: string, entity: Entity): Entity
  /** Build one ready-to-store user for `seedUsers` (bypasses `prepare` for speed). */
  bulkUser(id: string, n: number, role: string, org: string): Entity
  newId(): string
  nowIso(): string
}

export class Store implements EmulatorState {
  readonly #collections = new Map<string, Collection>()
  readonly #hooks: StoreHooks
  #bulkCounter = 0

  constructor(hooks: StoreHooks) {
    this.#hooks = hooks
  }

  #col(name: string): Collection {
    let col = this.#collections.get(name)
    if (!col) {
      col = { items: [], index: new Map() }
      this.#collections.set(name, col)
    }
    return col
  }

  /** Store a record exactly as given (already prepared). Replaces a record with the same id. */
  put(collection: string, entity: Entity): Entity {
    const col = this.#col(collection)
    const at = col.index.get(entity.sourcedId)
    if (at === undefined) {
      col.index.set(entity.sourcedId, col.items.length)
      col.items.push(entity)
    } else {
      col.items[at] = entity
    }
    return entity
  }

  insert(collection: CollectionName | (string & {}), entity: Partial<Entity> & Record<string, unknown>): Entity {
    // structuredClone detaches the caller's object so later edits on it cannot leak into the store.
    const copy = structuredClone(entity) as Record<string, unknown>
    const sourcedId = typeof copy.sourcedId === 'string' && copy.sourcedId !== '' ? copy.sourcedId : this.#hooks.newId()
    const record = { sourcedId, ...copy } as Entity // sourcedId leads the key order
    record.sourcedId = sourcedId
    if (typeof record.status !== 'string') record.status = 'active'
    if (typeof record.dateLastModified !== 'string') record.dateLastModified = this.#hooks.nowIso()
    return this.put(collection, this.#hooks.prepare(collection, record))
  }

  insertMany(collection: CollectionName | (string & {}), entities: Iterable<Partial<Entity> & Record<string, unknown>>): Entity[] {
    const out: Entity[] = []
    for (const e of entities) out.push(this.insert(collection, e))
    return out
  }

  get(collection: CollectionName | (string & {}), id: string): Entity | undefined {
    const col = this.#collections.get(collection)
    if (!col) return undefined
    const at = col.index.get(id)
    return at === undefined ? undefined : col.items[at]
  }

  has(collection: CollectionName | (string & {}), id: string): boolean {
    return this.#collections.get(collection)?.index.has(id) ?? false
  }

  list(collection: CollectionName | (string & {})): readonly Entity[] {
    return this.#collections.get(collection)?.items ?? []
  }

  count(collection: CollectionName | (string & {})): number {
    return this.#collections.get(collection)?.items.length ?? 0
  }

  remove(collection: CollectionName | (string & {}), id: string): boolean {
    const col = this.#collections.get(collection)
    const at = col?.index.get(id)
    if (!col || at === undefined) return false
    col.items.splice(at, 1)
    col.index.delete(id)
    // Hard deletes are rare (tests only), so re-indexing the tail is acceptable.
    for (let i = at; i < col.items.length; i++) col.index.set(col.items[i]!.sourcedId, i)
    return true
  }

  clear(): void {
    this.#collections.clear()
    this.#bulkCounter = 0
  }

  seedUsers(n: number, options: SeedUsersOptions = {}): string[] {
    const role = options.role ?? 'student'
    const org = options.org ?? 'seed-school-1'
    const col = this.#col('users')
    const ids: string[] = []
    for (let made = 0; made < n; ) {
      const k = ++this.#bulkCounter
      const id = `bulk-${role}-${k}`
      if (col.index.has(id)) continue
      col.index.set(id, col.items.length)
      col.items.push(this.#hooks.bulkUser(id, k, role, org))
      ids.push(id)
      made++
    }
    return ids
  }
}
