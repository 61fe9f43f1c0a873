// The OneRoster store (`emulator.state`): the kernel's generic store keyed by sourcedId, plus OneRoster's write
// rules (copy in, default status and dateLastModified, normalise to the read shape) and the fast bulk user loader.
import { Store } from '../store.js'
import { SEED_DATE } from './seed.js'
import type { CollectionName, EmulatorState, Entity, SeedUsersOptions } from './types.js'

/** What the store needs from the OneRoster module. */
export interface OneRosterStoreHooks {
  /** Turn a written record into its stored (read) shape, e.g. add ref hrefs, copy class.org to school. */
  prepare(collection: string, entity: Entity): Entity
  newId(): string
  nowIso(): string
  readonly origin: string
}

type Writable = Partial<Entity> & Record<string, unknown>

export class OneRosterStore extends Store<Entity> implements EmulatorState {
  readonly #hooks: OneRosterStoreHooks
  #bulkCounter = 0
  // Bulk users share their (frozen) roles and empty arrays: nothing edits a stored record in place, and sharing
  // keeps 100,000 users to one small object each.
  readonly #bulkRoles = new Map<string, readonly unknown[]>()
  readonly #none: readonly unknown[] = Object.freeze([])

  constructor(hooks: OneRosterStoreHooks) {
    super((e) => e.sourcedId)
    this.#hooks = hooks
  }

  insert(collection: CollectionName | (string & {}), entity: Writable): Entity {
    // structuredClone detaches the caller's object so later edits on it cannot leak into the store.
    const copy = structuredClone(entity) as Record<string, unknown>
    const sourcedId = typeof copy.sourcedId === 'string' && copy.sourcedId !== '' ? copy.sourcedId : this.#hooks.newId()
    const record = { sourcedId, ...copy } as Entity // sourcedId leads the key order
    record.sourcedId = sourcedId
    if (typeof record.status !== 'string') record.status = 'active'
    if (typeof record.dateLastModified !== 'string') record.dateLastModified = this.#hooks.nowIso()
    return this.put(collection, this.#hooks.prepare(collection, record))
  }

  insertMany(collection: CollectionName | (string & {}), entities: Iterable<Writable>): Entity[] {
    const out: Entity[] = []
    for (const e of entities) out.push(this.insert(collection, e))
    return out
  }

  override clear(): void {
    super.clear()
    this.#bulkCounter = 0
  }

  seedUsers(n: number, options: SeedUsersOptions = {}): string[] {
    const role = options.role ?? 'student'
    const org = options.org ?? 'seed-school-1'
    const ids: string[] = []
    for (let made = 0; made < n; ) {
      const k = ++this.#bulkCounter
      const id = `bulk-${role}-${k}`
      if (this.has('users', id)) continue
      this.put('users', this.#bulkUser(id, k, role, org))
      ids.push(id)
      made++
    }
    return ids
  }

  /** One ready-to-store user, built without the normalisation pass so 100,000 users take milliseconds, not seconds. */
  #bulkUser(id: string, n: number, role: string, org: string): Entity {
    const key = `${role}\u0000${org}`
    let roles = this.#bulkRoles.get(key)
    if (!roles) {
      const orgRef = { href: `${this.#hooks.origin}/ims/oneroster/rostering/v1p2/orgs/${encodeURIComponent(org)}`, sourcedId: org, type: 'org' }
      roles = Object.freeze([Object.freeze({ roleType: 'primary', role, org: Object.freeze(orgRef) })])
      this.#bulkRoles.set(key, roles)
    }
    return {
      sourcedId: id, status: 'active', dateLastModified: SEED_DATE, enabledUser: 'true',
      givenName: role.charAt(0).toUpperCase() + role.slice(1), familyName: `Bulk ${n}`, email: `${id}@bulk.example`, username: id,
      roles, agents: this.#none, userProfiles: this.#none,
    }
  }
}
