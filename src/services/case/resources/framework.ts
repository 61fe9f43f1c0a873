/**
 * @module services/case/resources/framework — documents and items (listed and read) and associations (read), under
 * `/ims/case/v1p1`. Lists page by `limit`/`offset` and carry no total, so a page shorter than the page size ends a
 * listing (core's `shortPaging`).
 */

import { fetchPages, listing, pageOf, type Listing } from '../../../core/paging/listing.js'
import { shortPaging } from '../../../core/paging/short-page.js'
import type { IdOf, RawPage } from '../../../core/pagination.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { one, operation, type Operation, type Query } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { listQuery, readQuery, type CaseListParams } from './check.js'
import type { CFAssociation, CFDocument, CFItem } from './types.js'

/**
 * A read's options: a sparse fieldset, plus the call's own options (`signal`, `timeout`…).
 * @example await client.documents.get(id, { fields: ['title', 'uri'], timeout: 5000 })
 */
export type CaseReadOptions = { fields?: readonly string[] | string } & CallOptions

type Read = { sourcedId: string; fields?: unknown }

/** GET /ims/case/v1p1/CFDocuments — `{ CFDocuments }`, no total. */
const listDocuments = /* @__PURE__ */ operation<{ query: Query }, RawPage<CFDocument>>({ method: 'GET', path: '/ims/case/v1p1/CFDocuments', unwrap: pageOf('CFDocuments') })
/** GET /ims/case/v1p1/CFDocuments/{sourcedId}?fields — `{ CFDocument }`. */
const getDocument = /* @__PURE__ */ operation<Read, CFDocument>({
  method: 'GET', path: '/ims/case/v1p1/CFDocuments/{sourcedId}', query: (p) => readQuery(p, 'documents.get'), unwrap: one('CFDocument'),
})
/** GET /ims/case/v1p1/CFItems — `{ CFItems }`, no total. */
const listItems = /* @__PURE__ */ operation<{ query: Query }, RawPage<CFItem>>({ method: 'GET', path: '/ims/case/v1p1/CFItems', unwrap: pageOf('CFItems') })
/** GET /ims/case/v1p1/CFItems/{sourcedId}?fields — `{ CFItem }`. */
const getItem = /* @__PURE__ */ operation<Read, CFItem>({
  method: 'GET', path: '/ims/case/v1p1/CFItems/{sourcedId}', query: (p) => readQuery(p, 'items.get'), unwrap: one('CFItem'),
})
/** GET /ims/case/v1p1/CFAssociations/{sourcedId} — `{ CFAssociation }` (the spec gives this read no `fields`). */
const getAssociation = /* @__PURE__ */ operation<Read, CFAssociation>({
  method: 'GET', path: '/ims/case/v1p1/CFAssociations/{sourcedId}', query: (p) => readQuery(p, 'associations.get'), unwrap: one('CFAssociation'),
})

/**
 * `client.documents` or `client.items`: `list` (one page), `stream`, `listAll`, and `get` by sourcedId.
 * @example
 * const { data, next } = await client.documents.list({ limit: 20 })
 * for await (const item of client.items.stream({ filter: "CFItemType='Standard'" })) console.log(item.humanCodingScheme)
 */
export interface CaseCollection<T> extends Listing<T, CaseListParams> {
  /** One record by its sourcedId (a UUID); a NotFoundError when there is none. */
  get(sourcedId: string, options?: CaseReadOptions): Promise<T>
}

/**
 * `client.associations`: one association by sourcedId.
 * @example const link = await client.associations.get(associationId)
 */
export interface AssociationsResource {
  /** GET /CFAssociations/{sourcedId}; a NotFoundError when there is none. */
  get(sourcedId: string, call?: CallOptions): Promise<CFAssociation>
}

// A record's sourcedId, or (when a server or a sparse fieldset leaves it out) the record's own JSON: a server that
// ignores `offset` and repeats id-less records would otherwise be paged forever, every record counting as new.
const caseId: IdOf<unknown> = (record) => (record as { sourcedId?: unknown } | null)?.sourcedId ?? JSON.stringify(record)

function collection<T>(
  ctx: ServiceContext, list: Operation<{ query: Query }, RawPage<T>>, get: Operation<Read, T>, label: string,
): CaseCollection<T> {
  return {
    ...listing(fetchPages(ctx, list), shortPaging, listQuery(`${label}.list`), caseId),
    get: (sourcedId, options = {}) => {
      const { fields, ...call } = options
      return get(ctx, { sourcedId, fields }, call)
    },
  }
}

/**
 * Builds `client.documents`.
 * @example const all = await createDocuments(ctx).listAll({ maxItems: 500 })
 */
export const createDocuments = (ctx: ServiceContext): CaseCollection<CFDocument> => collection(ctx, listDocuments, getDocument, 'documents')

/**
 * Builds `client.items`.
 * @example const item = await createItems(ctx).get(itemId, { fields: ['fullStatement'] })
 */
export const createItems = (ctx: ServiceContext): CaseCollection<CFItem> =>
  collection(ctx, listItems, getItem, 'items')

/**
 * Builds `client.associations`.
 * @example const link = await createAssociations(ctx).get(associationId)
 */
export const createAssociations = (ctx: ServiceContext): AssociationsResource => ({
  get: (sourcedId, call) => getAssociation(ctx, { sourcedId }, call),
})
