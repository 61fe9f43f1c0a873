// The resource factory: given a resource's paths, envelope keys and schemas, it builds the standard methods
// (list, listAll, first, stream, get, exists here; create, update, upsert, patch, delete in ./resource-write.ts). Services declare
// resources as data and get uniform behaviour: validation before requests, envelope unwrapping, pagination.

import * as v from 'valibot'
import { ServerError } from './errors.js'
import { summarizeBody } from './error-body.js'
import {
  collectAll, listPage, readPageSize, readTotal, streamPages, type PageFetcher, type PageResult,
} from './pagination.js'
import { compileListQuery, withListedField, type ListParams, type StreamParams } from './list-query.js'
import { buildPath } from './paths.js'
import type { CallOptions, Transport } from './transport/http.js'
import type { Logger } from './transport/hooks.js'
import type { Schema } from './validation.js'
import type { Where } from './where.js'

/** What every resource of a client shares. */
export interface ServiceContext {
  transport: Transport
  validateResponses: boolean
  /** The client's logger, for what a service reports outside a request (a queue's failed batches). */
  logger?: Logger
}

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

export interface ReadMethods<T> {
  get(id: string, options?: { fields?: readonly string[] } & CallOptions): Promise<T>
  /** HEAD request: true or false, never throws on 404. */
  exists(id: string, call?: CallOptions): Promise<boolean>
}

export interface CollectionSpec {
  /** Collection path exactly as the vendor spec writes it (trailing slash included). May hold `{placeholders}`. */
  path: string
  /** Envelope keys that may hold the items, in order of preference (`['users', 'students']`). */
  listKeys: readonly string[]
  /** Optional entity schema used when `validateResponses` is on. */
  entity?: Schema
}

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
    const result = v.safeParse(schema, item)
    if (!result.success) {
      const issue = result.issues[0]
      throw new ServerError(
        `${where}: item ${i} does not match the expected shape at ${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`,
        { status: 200, method: 'GET', url: where, body: undefined },
        'invalid_response',
      )
    }
  }
}

/** A page fetcher for an offset-paginated collection path. */
export function pageFetcher<T>(ctx: ServiceContext, spec: CollectionSpec, ids: Record<string, unknown> = {}): PageFetcher<T> {
  const path = buildPath(spec.path, ids)
  return async (query, call) => {
    const body = await ctx.transport.request({ method: 'GET', path, query }, call)
    const items = unwrapList<T>(body, spec.listKeys, path)
    checkEntities(ctx, spec.entity, items, path)
    return { items, total: readTotal(body), limit: readPageSize(body) }
  }
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

export function scopedList<T, W = Where<T>>(ctx: ServiceContext, spec: CollectionSpec, ids: Record<string, unknown>): ScopedList<T, W> {
  const methods = listMethods<T, W>(pageFetcher<T>(ctx, spec, ids))
  return Object.assign((params?: ListParams<W>, call?: CallOptions) => methods.list(params, call), methods)
}

export function readMethods<T>(ctx: ServiceContext, spec: ItemSpec): ReadMethods<T> {
  return {
    async get(id, options = {}) {
      const { fields, ...call } = options
      const path = buildPath(spec.itemPath, { id })
      // Same checks as list params: a sparse fieldset of valid field names.
      const query = fields ? { fields: compileListQuery({ fields }).fields } : undefined
      const body = await ctx.transport.request<Record<string, unknown>>({ method: 'GET', path, query }, call)
      const entity = unwrapItem<T>(body, spec.itemKeys)
      checkEntities(ctx, spec.entity, [entity], path)
      return entity
    },
    async exists(id, call) {
      const path = buildPath(spec.itemPath, { id })
      const response = await ctx.transport.request<Response>(
        { method: 'HEAD', path, responseType: 'response', acceptStatus: [404] },
        call,
      )
      return response.status !== 404
    },
  }
}

/** Single-record envelopes differ by route (`{user}`, `{org}` on /schools, or the bare entity). */
export function unwrapItem<T>(body: Record<string, unknown> | undefined, keys: readonly string[]): T {
  for (const key of keys) {
    const value = body?.[key]
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as T
  }
  return body as T
}

export * from './resource-write.js'
