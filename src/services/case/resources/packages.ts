/**
 * @module services/case/resources/packages — whole frameworks: upload a CFPackage (a document, its items and their
 * associations, checked before the request), read one back by its document's sourcedId, flat or as a tree.
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import { item, one, operation } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { checkPackage, readQuery } from './check.js'
import type { CaseReadOptions } from './framework.js'
import type { CFPackage, CFPackageInput, CFPackageUploadResult, CFPackageWithGroups } from './types.js'

type Read = { sourcedId: string; fields?: unknown }

/** POST /ims/case/v1p1/CFPackages — 201 `{ success, message, result: { documentId, stats, success } }`. */
const upload = /* @__PURE__ */ operation<{ body: unknown }, CFPackageUploadResult>({
  method: 'POST', path: '/ims/case/v1p1/CFPackages', body: (p) => checkPackage(p.body), unwrap: item(),
})
/** GET /ims/case/v1p1/CFPackages/{sourcedId}?fields — `{ CFPackage }`. */
const getPackage = /* @__PURE__ */ operation<Read, CFPackage>({
  method: 'GET', path: '/ims/case/v1p1/CFPackages/{sourcedId}', query: (p) => readQuery(p, 'packages.get'), unwrap: one('CFPackage'),
})
/** GET /ims/case/v1p1/CFPackages/{sourcedId}/groups?fields — `{ CFPackageWithGroups }`. */
const getGroups = /* @__PURE__ */ operation<Read, CFPackageWithGroups>({
  method: 'GET', path: '/ims/case/v1p1/CFPackages/{sourcedId}/groups', query: (p) => readQuery(p, 'packages.groups'), unwrap: one('CFPackageWithGroups'),
})

/**
 * `client.packages`: upload a framework, read it back.
 * @example
 * const { result } = await client.packages.create({ CFDocument: doc, CFItems: items, CFAssociations: links })
 * const pkg = await client.packages.get(result.documentId)
 * const tree = await client.packages.groups(result.documentId)
 */
export interface PackagesResource {
  /**
   * POST /CFPackages. Checked first: the spec's required fields and their types, UUID identifiers, CASE association
   * types, no identifier used twice. Dates may be Date objects (sent as ISO strings).
   */
  create(pkg: CFPackageInput, call?: CallOptions): Promise<CFPackageUploadResult>
  /** GET /CFPackages/{sourcedId}: the document with its items and associations (sourcedId: the document's). */
  get(sourcedId: string, options?: CaseReadOptions): Promise<CFPackage>
  /** GET /CFPackages/{sourcedId}/groups: the document with its items as a tree (`structuredContent`). */
  groups(sourcedId: string, options?: CaseReadOptions): Promise<CFPackageWithGroups>
}

/**
 * Builds `client.packages`.
 * @example const pkg = await createPackages(ctx).get(documentId)
 */
export function createPackages(ctx: ServiceContext): PackagesResource {
  const read = <T>(op: (c: ServiceContext, p: Read, call?: CallOptions) => Promise<T>) => (sourcedId: string, options: CaseReadOptions = {}) => {
    const { fields, ...call } = options
    return op(ctx, { sourcedId, fields }, call)
  }
  return {
    create: (pkg, call) => upload(ctx, { body: pkg }, call),
    get: read(getPackage),
    groups: read(getGroups),
  }
}
