/**
 * @module core/resource-write — the write half of the 1EdTech resource factory: create, update (PUT), upsert,
 * delete and patch, each validating its input with the resource's schema before any request, each request an
 * `operation()` declared once per resource.
 */

import { InputValidationError, ServerError, isNotFoundError } from './errors.js'
import { summarizeBody } from './error-body.js'
import { encodeId } from './paths.js'
import type { ServiceContext } from './resource/context.js'
import { none, operation } from './resource/operation.js'
import type { CallOptions } from './transport/http.js'
import { parseInput, requireObject, type Schema } from './validation.js'
import { randomUUID } from './uuid.js'

/**
 * Answer of a create: the id the caller supplied and the one the service allocated.
 * @example
 * const { sourcedId } = await client.users.create({ givenName: 'Ada', familyName: 'Lovelace', email, enabledUser: true, roles })
 */
export interface CreateResponse {
  sourcedIdPairs: { suppliedSourcedId: string; allocatedSourcedId: string }
  /** Shortcut for `sourcedIdPairs.allocatedSourcedId`. */
  sourcedId: string
}

/**
 * `create`, `update`, `upsert` and `delete` of a OneRoster collection; inputs are checked before any request.
 * @example
 * await client.users.upsert('u-42', { ...user, givenName: 'Ada' })
 * await client.users.delete('u-42')
 */
export interface WriteMethods<C, U = C> {
  create(data: C, call?: CallOptions): Promise<CreateResponse>
  /** PUT: replaces the record. */
  update(id: string, data: U, call?: CallOptions): Promise<void>
  /** PUT, creating the record with this id when it does not exist. */
  upsert(id: string, data: U, call?: CallOptions): Promise<void>
  /** Soft delete: the service marks the record `tobedeleted`. */
  delete(id: string, call?: CallOptions): Promise<void>
}

/**
 * `patch` of the collections whose PATCH merges fields (enrollments, assessment line items and results).
 * @example await client.enrollments.patch(id, { endDate: '2026-06-30' })
 */
export interface PatchMethods<P> {
  /** PATCH: partial update; `metadata` is merged with the stored value by the service. */
  patch(id: string, data: P, call?: CallOptions): Promise<void>
}

/**
 * The write routes and schemas of a 1EdTech collection.
 * @example const spec: WriteSpec = { collectionPath: USERS, itemPath: USER, bodyKey: 'user', label: 'users', create: UserInputSchema }
 */
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

/** Reads `sourcedIdPairs`, which some routes send as a one-element array. */
export function readCreateResponse(body: unknown, supplied: string | undefined): CreateResponse {
  const raw = (body as { sourcedIdPairs?: unknown } | undefined)?.sourcedIdPairs
  const pair = (Array.isArray(raw) ? raw[0] : raw) as { suppliedSourcedId?: unknown; allocatedSourcedId?: unknown } | undefined
  const allocated = typeof pair?.allocatedSourcedId === 'string' ? pair.allocatedSourcedId : supplied
  if (!allocated) {
    throw new ServerError('create: the response carries no sourcedIdPairs', {
      status: 201, method: 'POST', url: '', body: summarizeBody(body),
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

/** What the item writes take: the id (checked and encoded first, as the path) and the caller's data. */
type ItemWrite = { id: string; data?: unknown }

/**
 * create (POST {collectionPath}, `{ [bodyKey]: … }`), update (PUT {itemPath}), upsert (PUT, or POST under the id
 * after a 404 unless `putCreates`) and delete (DELETE {itemPath}).
 * @example const writes = writeMethods<User, UserInput>(ctx, { collectionPath: USERS, itemPath: USER, bodyKey: 'user', label: 'users', create: UserInputSchema })
 */
export function writeMethods<C, U = C>(ctx: ServiceContext, spec: WriteSpec): WriteMethods<C, U> {
  /** POST {collectionPath}: the body is checked by `create`, which also reads the answer. */
  const post = operation<{ body: unknown }, unknown>({ method: 'POST', path: spec.collectionPath })
  /** PUT {itemPath} */
  const replace = operation<ItemWrite, void>({
    method: 'PUT',
    path: spec.itemPath,
    body({ id, data }) {
      const body = prepareBody(spec, spec.update ?? spec.create, data, 'update')
      checkSameId(id, body, spec)
      return { [spec.bodyKey]: { ...body, sourcedId: id } }
    },
    unwrap: none,
  })
  /** DELETE {itemPath} */
  const remove = operation<ItemWrite, void>({ method: 'DELETE', path: spec.itemPath, unwrap: none })
  async function create(data: C, call?: CallOptions): Promise<CreateResponse> {
    const body = prepareBody(spec, spec.create, data, 'create')
    if (spec.generateSourcedId && body.sourcedId === undefined) body.sourcedId = randomUUID()
    if (body.sourcedId !== undefined) encodeId(body.sourcedId, `${spec.bodyKey}.sourcedId`)
    const answer = await post(ctx, { body: { [spec.bodyKey]: body } }, call)
    return readCreateResponse(answer, body.sourcedId as string | undefined)
  }
  const put = (id: string, data: U, call?: CallOptions): Promise<void> => replace(ctx, { id, data }, call)
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
    delete: (id, call) => remove(ctx, { id }, call),
  }
}

/**
 * patch (PATCH {itemPath} with `{ [bodyKey]: … }`, checked by `spec.patch`).
 * @example const { patch } = patchMethods<EnrollmentPatch>(ctx, { ...spec, patch: EnrollmentPatchSchema })
 */
export function patchMethods<P>(ctx: ServiceContext, spec: WriteSpec): PatchMethods<P> {
  /** PATCH {itemPath} */
  const patch = operation<ItemWrite, void>({
    method: 'PATCH',
    path: spec.itemPath,
    body({ id, data }) {
      const body = prepareBody(spec, spec.patch, data, 'patch')
      checkSameId(id, body, spec)
      return { [spec.bodyKey]: body }
    },
    unwrap: none,
  })
  return { patch: (id, data, call) => patch(ctx, { id, data }, call) }
}
