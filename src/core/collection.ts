/**
 * @module core/collection — a whole 1EdTech collection resource in one declaration: list/stream, get/exists and
 * the writes, for the common case where one collection path, one item path and one schema describe everything.
 */

import {
  listMethods, pageFetcher, patchMethods, readMethods, writeMethods,
  type ListMethods, type PatchMethods, type ReadMethods, type ServiceContext, type WriteMethods, type WriteSpec,
} from './resource.js'
import type { Schema } from './validation.js'
import { changeMethods, type ChangeMethods } from './changes.js'

/**
 * One collection described whole: list and item paths, envelope keys, body key and schemas.
 * @example const spec: CollectionResourceSpec = { path: ORGS, itemPath: ORG, listKeys: ['orgs'], itemKeys: ['org'], bodyKey: 'org', label: 'orgs' }
 */
export interface CollectionResourceSpec extends Omit<WriteSpec, 'collectionPath'> {
  /** Collection path exactly as the vendor spec writes it (trailing slash included). */
  path: string
  /** Envelope keys of a list page (`['users']`) and of a single record (`['user']`). */
  listKeys: readonly string[]
  itemKeys: readonly string[]
  /** Read shape checked when `validateResponses` is on. */
  entity?: Schema
}

/**
 * list/listAll/first/stream, changes (delta sync by `dateLastModified`), get/exists, create/update/upsert/delete
 * for one collection.
 * @example collectionMethods<Org, OrgInput>(ctx, { path: ORGS, itemPath: ORG, listKeys: ['orgs'], itemKeys: ['org'], bodyKey: 'org', label: 'orgs', create: OrgInputSchema })
 */
export function collectionMethods<T, C, U = C>(
  ctx: ServiceContext, spec: CollectionResourceSpec,
): ListMethods<T> & ChangeMethods<T> & ReadMethods<T> & WriteMethods<C, U> {
  const { path, listKeys, itemKeys, entity, ...write } = spec
  return {
    ...listMethods<T>(pageFetcher<T>(ctx, { path, listKeys, entity })),
    ...changeMethods<T>(ctx, { path, listKeys, entity }),
    ...readMethods<T>(ctx, { itemPath: spec.itemPath, itemKeys, label: spec.label, entity }),
    ...writeMethods<C, U>(ctx, { ...write, collectionPath: path }),
  }
}

/** `collectionMethods` plus PATCH (partial update, metadata merged by the service) with `spec.patch`. */
export function patchableCollectionMethods<T, C, P, U = C>(
  ctx: ServiceContext, spec: CollectionResourceSpec,
): ListMethods<T> & ChangeMethods<T> & ReadMethods<T> & WriteMethods<C, U> & PatchMethods<P> {
  return { ...collectionMethods<T, C, U>(ctx, spec), ...patchMethods<P>(ctx, { ...spec, collectionPath: spec.path }) }
}
