// The resource factory: given a resource's paths, envelope keys and schemas, it builds the standard methods
// (list, listAll, first, stream, get, exists, create, update, upsert, patch, delete). Services declare
// resources as data and get uniform behaviour: validation before requests, envelope unwrapping, pagination.

import * as v from 'valibot'
import { ServerError, isNotFoundError, InputValidationError } from './errors.js'
import {
  collectAll, listPage, readTotal, streamPages, type PageFetcher, type PageResult,
} from './pagination.js'
import { compileListQuery, type ListParams, type StreamParams } from './list-query.js'
import { buildPath, encodeId } from './paths.js'
import type { CallOptions, Transport } from './transport/http.js'
import { parseInput, requireObject, type Schema } from './validation.js'
import type { Where } from './where.js'

/** What every resource of a client shares. */
export interface ServiceContext {
  transport: Transport
  validateResponses: boolean
}

/** Answer of a create: the id the caller supplied and the one the service allocated. */
export interface CreateResponse {
  sourcedIdPairs: { suppliedSourcedId: string; allocatedSourcedId: string }
  /** Shortcut for `sourcedIdPairs.allocatedSourcedId`. */
  sourcedId: string
}

export interface ListMethods<T, W = Where> {
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

export interface WriteMethods<C, U = C> {
  create(data: C, call?: CallOptions): Promise<CreateResponse>
  /** PUT: replaces the record. */
  update(id: string, data: U, call?: CallOptions): Promise<void>
  /** PUT, creating the record with this id when it does not exist. */
  upsert(id: string, data: U, call?: CallOptions): Promise<void>
  /** Soft delete: the service marks the record `tobedeleted`. */
  delete(id: string, call?: CallOptions): Promise<void>
}

export interface PatchMethods<P> {
  /** PATCH: partial update; `metadata` is merged with the stored value by the service. */
  patch(id: string, data: P, call?: CallOptions): Promise<void>
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

export interface WriteSpec {
  collectionPath: string
  itemPath: string
  /** Key that wraps the request body (`{ user: {...} }`). */
  bodyKey: string
  label: string
  create?: Schema
  update?: Schema
  patch?: Schema
  /** The service's PUT creates missing records (gradebook "update or create"). */
  putCreates?: boolean
  /** The spec requires a client-supplied sourcedId on create: generate one when missing. */
  generateSourcedId?: boolean
}

function unwrapList<T>(body: unknown, keys: readonly string[], where: string): T[] {
  const record = body as Record<string, unknown> | undefined
  for (const key of keys) {
    const value = record?.[key]
    if (Array.isArray(value)) return value as T[]
  }
  throw new ServerError(`${where}: the response has none of the keys ${keys.join(', ')}`, {
    status: 200, method: 'GET', url: where, body: summarize(body),
  }, 'invalid_response')
}

function summarize(body: unknown): unknown {
  return body && typeof body === 'object' ? { keys: Object.keys(body).slice(0, 10) } : body
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
    return { items, total: readTotal(body) }
  }
}

/** list/listAll/first/stream over a fetcher. */
export function listMethods<T, W = Where>(fetch: PageFetcher<T>): ListMethods<T, W> {
  return {
    list: (params = {}, call = {}) => listPage(fetch, params, call, compileListQuery),
    listAll: (params = {}, call = {}) => collectAll(fetch, params, call, compileListQuery),
    first: async (params = {}, call = {}) => (await listPage(fetch, { ...params, limit: 1 }, call, compileListQuery)).data[0],
    stream: (params = {}, call = {}) => streamPages(fetch, params, call, compileListQuery),
  }
}

/** A list that is also callable: `classes(id).students()` lists a page, `.stream()` streams. */
export type ScopedList<T, W = Where> = ((params?: ListParams<W>, call?: CallOptions) => Promise<PageResult<T>>) & ListMethods<T, W>

export function scopedList<T, W = Where>(ctx: ServiceContext, spec: CollectionSpec, ids: Record<string, unknown>): ScopedList<T, W> {
  const methods = listMethods<T, W>(pageFetcher<T>(ctx, spec, ids))
  return Object.assign((params?: ListParams<W>, call?: CallOptions) => methods.list(params, call), methods)
}

export function readMethods<T>(ctx: ServiceContext, spec: ItemSpec): ReadMethods<T> {
  return {
    async get(id, options = {}) {
      const { fields, ...call } = options
      const path = buildPath(spec.itemPath, { id })
      const query = fields ? { fields: fieldsParam(fields) } : undefined
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

function fieldsParam(fields: readonly string[]): string {
  return listFieldsOrThrow(fields).join(',')
}

function listFieldsOrThrow(fields: readonly string[]): readonly string[] {
  if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string' || !/^[A-Za-z][A-Za-z0-9_.]*$/.test(f))) {
    throw new InputValidationError([{ path: 'fields', message: 'must be a list of field names' }])
  }
  return fields
}

/** Single-record envelopes differ by route (`{user}`, `{org}` on /schools, or the bare entity). */
export function unwrapItem<T>(body: Record<string, unknown> | undefined, keys: readonly string[]): T {
  for (const key of keys) {
    const value = body?.[key]
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as T
  }
  return body as T
}

/** Reads `sourcedIdPairs`, which some routes send as a one-element array. */
export function readCreateResponse(body: unknown, supplied: string | undefined): CreateResponse {
  const raw = (body as { sourcedIdPairs?: unknown } | undefined)?.sourcedIdPairs
  const pair = (Array.isArray(raw) ? raw[0] : raw) as { suppliedSourcedId?: unknown; allocatedSourcedId?: unknown } | undefined
  const allocated = typeof pair?.allocatedSourcedId === 'string' ? pair.allocatedSourcedId : supplied
  if (!allocated) {
    throw new ServerError('create: the response carries no sourcedIdPairs', {
      status: 201, method: 'POST', url: '', body: summarize(body),
    }, 'invalid_response')
  }
  const suppliedId = typeof pair?.suppliedSourcedId === 'string' ? pair.suppliedSourcedId : (supplied ?? allocated)
  return { sourcedIdPairs: { suppliedSourcedId: suppliedId, allocatedSourcedId: allocated }, sourcedId: allocated }
}

function prepareBody(spec: WriteSpec, schema: Schema | undefined, data: unknown, op: string): Record<string, unknown> {
  const obj = requireObject(data, spec.bodyKey)
  return (schema ? parseInput(schema, obj, `${spec.label}.${op}`, spec.bodyKey) : obj) as Record<string, unknown>
}

function checkSameId(id: string, body: Record<string, unknown>, spec: WriteSpec): void {
  if (body.sourcedId !== undefined && body.sourcedId !== id) {
    throw new InputValidationError([
      { path: `${spec.bodyKey}.sourcedId`, message: `must equal the id argument ('${id}') or be omitted` },
    ])
  }
}

export function writeMethods<C, U = C>(ctx: ServiceContext, spec: WriteSpec): WriteMethods<C, U> {
  async function create(data: C, call?: CallOptions): Promise<CreateResponse> {
    const body = prepareBody(spec, spec.create, data, 'create')
    if (spec.generateSourcedId && body.sourcedId === undefined) body.sourcedId = crypto.randomUUID()
    if (body.sourcedId !== undefined) encodeId(body.sourcedId, `${spec.bodyKey}.sourcedId`)
    const answer = await ctx.transport.request(
      { method: 'POST', path: buildPath(spec.collectionPath), body: { [spec.bodyKey]: body } },
      call,
    )
    return readCreateResponse(answer, body.sourcedId as string | undefined)
  }
  async function put(id: string, data: U, call?: CallOptions): Promise<void> {
    const path = buildPath(spec.itemPath, { id })
    const body = prepareBody(spec, spec.update ?? spec.create, data, 'update')
    checkSameId(id, body, spec)
    await ctx.transport.request({ method: 'PUT', path, body: { [spec.bodyKey]: { ...body, sourcedId: id } } }, call)
  }
  return {
    create,
    update: put,
    async upsert(id, data, call) {
      if (spec.putCreates) return put(id, data, call)
      try {
        await put(id, data, call)
      } catch (error) {
        // Rostering PUTs only update: create the record under the requested id instead.
        if (!isNotFoundError(error)) throw error
        await create({ ...(data as object), sourcedId: id } as C, call)
      }
    },
    async delete(id, call) {
      await ctx.transport.request({ method: 'DELETE', path: buildPath(spec.itemPath, { id }) }, call)
    },
  }
}

export function patchMethods<P>(ctx: ServiceContext, spec: WriteSpec): PatchMethods<P> {
  return {
    async patch(id, data, call) {
      const path = buildPath(spec.itemPath, { id })
      const body = prepareBody(spec, spec.patch, data, 'patch')
      checkSameId(id, body, spec)
      await ctx.transport.request({ method: 'PATCH', path, body: { [spec.bodyKey]: body } }, call)
    },
  }
}
