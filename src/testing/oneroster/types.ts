// Public types of the emulated OneRoster service (re-exported by ../types.ts and `@timeback/sdk/testing`).

/**
 * A stored record. Every record has a `sourcedId`; the rest is the OneRoster shape as written.
 *
 * @example
 * const user: Entity = { sourcedId: 'u1', status: 'active', givenName: 'Ada' }
 */
export interface Entity {
  sourcedId: string
  status?: string
  dateLastModified?: string
  [field: string]: unknown
}

/**
 * Store collection names. They are the OneRoster resource names; schools, terms, grading periods,
 * students and teachers live inside `orgs`, `academicSessions` and `users`.
 *
 * @example
 * const name: CollectionName = 'academicSessions'
 */
export type CollectionName =
  | 'users'
  | 'orgs'
  | 'classes'
  | 'courses'
  | 'enrollments'
  | 'academicSessions'
  | 'demographics'
  | 'lineItems'
  | 'results'
  | 'categories'
  | 'scoreScales'
  | 'assessmentLineItems'
  | 'assessmentResults'
  | 'resources'
  | 'courseComponents'
  | 'componentResources'

/**
 * The in-memory store behind the emulator. Returned records are the stored objects: read them, but
 * write through `insert` (records are replaced, never mutated in place by the emulator).
 *
 * @example
 * emulator.state.insert('users', { sourcedId: 'u1', givenName: 'Ada', familyName: 'Lovelace', roles: [] })
 * emulator.state.get('users', 'u1')?.givenName // 'Ada'
 */
export interface EmulatorState {
  /** Insert or replace one record (a missing `sourcedId` gets a UUID; `status` defaults to `active`). */
  insert(collection: CollectionName, entity: Partial<Entity> & Record<string, unknown>): Entity
  /** Insert or replace many records. */
  insertMany(collection: CollectionName, entities: Iterable<Partial<Entity> & Record<string, unknown>>): Entity[]
  get(collection: CollectionName, id: string): Entity | undefined
  has(collection: CollectionName, id: string): boolean
  /** All records of a collection in insertion order (the live array: do not modify it). */
  list(collection: CollectionName): readonly Entity[]
  count(collection: CollectionName): number
  /** Hard-delete one record (the HTTP API only soft-deletes). */
  remove(collection: CollectionName, id: string): boolean
  /** Empty every collection (the seed is not reloaded; `emulator.reset()` does that). */
  clear(): void
  /** Insert `n` valid users fast (for load tests); returns their ids. */
  seedUsers(n: number, options?: SeedUsersOptions): string[]
}

/**
 * Options of `state.seedUsers`.
 *
 * @example
 * emulator.state.seedUsers(100_000, { role: 'teacher', org: 'seed-school-2' })
 */
export interface SeedUsersOptions {
  /** OneRoster role of every user. Default `student`. */
  role?: string
  /** sourcedId of the org in the users' role. Default `seed-school-1`. */
  org?: string
}
