/**
 * @module core/resource — the 1EdTech (OneRoster) resource factory: given a resource's paths, envelope keys and
 * schemas, it builds the standard methods (list, listAll, first, stream, get, exists here; create, update,
 * upsert, patch, delete in ./resource-write.ts) on the shared blocks: each request is an `operation()`
 * (./resource/operation.ts), each listing the offset pager (./pagination.ts).
 */

import { ServerError } from './errors.js'
import { summarizeBody } from './error-body.js'
import {
  collectAll, listPage, readPageSize, readTotal, streamPages, type PageFetcher, type PageResult, type RawPage,
} from './pagination.js'
import { compileListQuery, withListedField, type ListParams, type StreamParams } from './list-query.js'
import { buildPath } from './paths.js'
import type { ServiceContext } from './resource/context.js'
import { operation, unwrapItem, type Query } from './resource/operation.js'
import type { CallOptions } from './transport/http.js'
import { dotPath, runSchema, type Schema } from './validation.js'
import type { Where } from './where.js'

export type { ServiceContext }
export { unwrapItem }

/**
 * `list`, `listAll`, `first` and `stream` of a OneRoster collection.
 * @example
 * const page = await client.users.list({ where: { role: 'student' }, limit: 100 })
 * for await (const user of client.users.stream({ maxItems: 5000 })) console.log(user.sourcedId)
 */
export interface ListMethods<T, W = Where<T>> {
  /** One page: `{ data, total, hasMore, nextOffset }`. */
  list(params?: ListParams<W>, call?: CallOptions): Promise<PageResult<T>>
  /** Every item of every page (mind `maxItems` on big collections). */
  listAll(params?: StreamParams<W>, call?: CallOptions): Promise<T[]>
  /** The first match, or undefined. */
  first(params?: Omit<ListParams<W>, 'limit'>, call?: CallOptions): Promise<T | undefined>
  /** Every item, one page in memory at a time. */
  stream(params?: StreamParams<W>, call?: CallOptions): AsyncGenerator<T, void, undefined>
}

/**
 * `get` and `exists` of a OneRoster collection.
 * @example
 * const user = await client.users.get(id, { fields: ['givenName', 'familyName'] })
 * if (!(await client.users.exists(id))) console.log('gone')
 */
export interface ReadMethods<T> {
  get(id: string, options?: { fields?: readonly string[] } & CallOptions): Promise<T>
  /** HEAD request: true or false, never throws on 404. */
  exists(id: string, call?: CallOptions): Promise<boolean>
}

/**
 * A list route of the 1EdTech factory.
 * @example const students: CollectionSpec = { path: `${ROSTERING}/classes/{id}/students`, listKeys: ['users', 'students'] }
 */
export interface CollectionSpec {
  /** Collection path exactly as the vendor spec writes it (trailing slash included). May hold `{placeholders}`. */
  path: string
  /** Envelope keys that may hold the items, in order of preference (`['users', 'students']`). */
  listKeys: readonly string[]
  /** Optional entity schema used when `validateResponses` is on. */
  entity?: Schema
}

/**
 * A single-record route of the 1EdTech factory.
 * @example const user: ItemSpec = { itemPath: `${ROSTERING}/users/{id}`, itemKeys: ['user'], label: 'users' }
 */
export interface ItemSpec {
  /** Item path template with `{id}`. */
  itemPath: string
  /** Envelope keys of a single GET (`['user']`). */
  itemKeys: readonly string[]
  entity?: Schema
  /** Used in messages: 'user'. */
  label: string
}

function unwrapList<T>(body: unknown, keys: readonly string[], where: string): T[] {
  const record = body as Record<string, unknown> | undefined
  for (const key of keys) {
    const value = record?.[key]
    if (Array.isArray(value)) return value as T[]
  }
  throw new ServerError(`${where}: the response has none of the keys ${keys.join(', ')}`, {
    status: 200, method: 'GET', url: where, body: summarizeBody(body),
  }, 'invalid_response')
}

function checkEntities(ctx: ServiceContext, schema: Schema | undefined, items: unknown[], where: string): void {
  if (!ctx.validateResponses || !schema) return
  for (const [i, item] of items.entries()) {
    const { issues } = runSchema(schema, item)
    if (issues) {
      const issue = issues[0]!
      throw new ServerError(
        `${where}: item ${i} does not match the expected shape at ${dotPath(issue) ?? '(root)'}: ${issue.message}`,
        { status: 200, method: 'GET', url: where, body: undefined },
        'invalid_response',
      )
    }
  }
}

/** A page fetcher for an offset-paginated collection path: one GET operation per page. */
export function pageFetcher<T>(ctx: ServiceContext, spec: CollectionSpec, ids: Record<string, unknown> = {}): PageFetcher<T> {
  // The ids are checked and encoded once, here: `classes('')` throws where the scope is made, as it always has,
  // and the encoded path has no placeholders left for the operation to fill.
  const list = operation<{ query: Query }, RawPage<T>>({
    method: 'GET',
    path: buildPath(spec.path, ids),
    unwrap(body, req) {
      const items = unwrapList<T>(body, spec.listKeys, req.path)
      checkEntities(ctx, spec.entity, items, req.path)
      return { items, total: readTotal(body), limit: readPageSize(body) }
    },
  })
  return (query, call) => list(ctx, { query }, call)
}

/**
 * list/listAll/first/stream over a fetcher. `idField` names each record's id, by which `stream`/`listAll` drop a
 * record a page repeats (Timeback's short pages); it is added to a sparse fieldset (`fields`) that leaves it out.
 */
export function listMethods<T, W = Where<T>>(fetch: PageFetcher<T>, idField = 'sourcedId'): ListMethods<T, W> {
  const idOf = (item: T): unknown => (item && typeof item === 'object' ? (item as Record<string, unknown>)[idField] : undefined)
  return {
    list: (params = {}, call = {}) => listPage(fetch, params, call, compileListQuery),
    listAll: (params = {}, call = {}) => collectAll(fetch, withListedField(params, idField), call, compileListQuery, idOf),
    first: async (params = {}, call = {}) => (await listPage(fetch, { ...params, limit: 1 }, call, compileListQuery)).data[0],
    stream: (params = {}, call = {}) => streamPages(fetch, withListedField(params, idField), call, compileListQuery, idOf),
  }
}

/** A list that is also callable: `classes(id).students()` lists a page, `.stream()` streams. */
export type ScopedList<T, W = Where<T>> = ((params?: ListParams<W>, call?: CallOptions) => Promise<PageResult<T>>) & ListMethods<T, W>

/**
 * A list scoped by ids (`classes(id).students`), callable for one page.
 * @example const students = scopedList<User>(ctx, { path: `${ONE}/students`, listKeys: ['users', 'students'] }, { id })
 */
export function scopedList<T, W = Where<T>>(ctx: ServiceContext, spec: CollectionSpec, ids: Record<string, unknown>): ScopedList<T, W> {
  const methods = listMethods<T, W>(pageFetcher<T>(ctx, spec, ids))
  return Object.assign((params?: ListParams<W>, call?: CallOptions) => methods.list(params, call), methods)
}

/**
 * `get` (GET {itemPath}, with an optional sparse fieldset) and `exists` (HEAD {itemPath}; a 404 is false).
 * @example const { get, exists } = readMethods<User>(ctx, { itemPath: `${ROSTERING}/users/{id}`, itemKeys: ['user'], label: 'users' })
 */
export function readMethods<T>(ctx: ServiceContext, spec: ItemSpec): ReadMethods<T> {
  /** GET {itemPath}?fields= */
  const get = operation<{ id: string; fields?: readonly string[] }, T>({
    method: 'GET',
    path: spec.itemPath,
    // Same checks as list params: a sparse fieldset of valid field names.
    query: ({ fields }) => (fields ? { fields: compileListQuery({ fields }).fields } : undefined),
    unwrap(body, req) {
      const entity = unwrapItem<T>(body, spec.itemKeys)
      checkEntities(ctx, spec.entity, [entity], req.path)
      return entity
    },
  })
  /** HEAD {itemPath}: a 2xx answers an empty body, an accepted 404 the Response itself. */
  const exists = operation<{ id: string }, boolean>({
    method: 'HEAD', path: spec.itemPath, acceptStatus: [404], unwrap: (answer) => answer?.status !== 404,
  })
  return {
    async get(id, options = {}) {
      const { fields, ...call } = options
      return get(ctx, { id, fields }, call)
    },
    exists: (id, call) => exists(ctx, { id }, call),
  }
}

export * from './resource-write.js'
