// @timeback/sdk/case — CASE 1.1 competency frameworks: documents, items, associations and packages.
// @bundleMarkers /ims/case/ CaseClient

export { CaseClient } from './client.js'
export type { CaseListParams } from './resources/check.js'
export type { AssociationsResource, CaseCollection, CaseReadOptions } from './resources/framework.js'
export type { PackagesResource } from './resources/packages.js'
export type {
  CaseDateTime, CaseRef, CFAssociation, CFAssociationInput, CFDocument, CFDocumentInput, CFItem, CFItemInGroup, CFItemInput, CFNodeInput,
  CFPackage, CFPackageInput, CFPackageUploadResult, CFPackageWithGroups,
} from './resources/types.js'
// The names every entry shares (options, pages, token stores, hooks): last, and the same objects everywhere.
export * from '../../core/public.js'
