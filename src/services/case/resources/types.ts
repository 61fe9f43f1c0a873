/**
 * @module services/case/resources/types — CASE 1.1 records as Timeback reads them (`sourcedId`, references as
 * `{ sourcedId, title, uri }`) and as a package upload writes them (`identifier`, references as
 * `{ identifier, title, uri }`). Reads carry more than the spec lists at times: every record keeps unknown fields.
 */

/**
 * A link to another CASE record, as reads give it.
 * @example const ref: CaseRef = { sourcedId: '6b2c…', title: 'Math 3', uri: 'https://…/CFDocuments/6b2c…' }
 */
export interface CaseRef {
  sourcedId: string
  title: string
  uri: string
}

/**
 * A framework's root record (GET /CFDocuments, /CFDocuments/{sourcedId}).
 * @example const { title, CFPackageURI } = await client.documents.get(documentId)
 */
export interface CFDocument {
  sourcedId: string
  title: string
  uri: string
  creator: string
  lastChangeDateTime: string
  CFPackageURI: CaseRef
  frameworkType?: string | null
  caseVersion?: '1.1' | null
  officialSourceURL?: string | null
  publisher?: string | null
  description?: string | null
  subject?: string[] | null
  subjectURI?: CaseRef[] | null
  language?: string | null
  version?: string | null
  adoptionStatus?: string | null
  statusStartDate?: string | null
  statusEndDate?: string | null
  licenseURI?: CaseRef | null
  notes?: string | null
  extensions?: Record<string, unknown> | null
  [key: string]: unknown
}

/**
 * A standard, domain, cluster… of a framework (GET /CFItems, /CFItems/{sourcedId}).
 * @example const { humanCodingScheme, fullStatement } = await client.items.get(itemId)
 */
export interface CFItem {
  sourcedId: string
  fullStatement: string
  CFItemType: string
  uri: string
  lastChangeDateTime: string
  alternativeLabel?: string | null
  humanCodingScheme?: string | null
  listEnumeration?: string | null
  abbreviatedStatement?: string | null
  conceptKeywords?: string[] | null
  conceptKeywordsURI?: CaseRef | null
  notes?: string | null
  subject?: string[] | null
  subjectURI?: CaseRef[] | null
  language?: string | null
  educationLevel?: string[] | null
  CFItemTypeURI?: CaseRef | null
  licenseURI?: CaseRef | null
  statusStartDate?: string | null
  statusEndDate?: string | null
  extensions?: Record<string, unknown> | null
  CFDocumentURI?: CaseRef | null
  [key: string]: unknown
}

/**
 * A typed link between two nodes (GET /CFAssociations/{sourcedId}): `origin isChildOf destination`, …
 * @example const { associationType, destinationNodeURI } = await client.associations.get(associationId)
 */
export interface CFAssociation {
  sourcedId: string
  associationType: string
  uri: string
  originNodeURI: CaseRef
  destinationNodeURI: CaseRef
  lastChangeDateTime: string
  sequenceNumber?: number | null
  CFAssociationGroupingURI?: CaseRef | null
  notes?: string | null
  extensions?: Record<string, unknown> | null
  CFDocumentURI?: CaseRef | null
  [key: string]: unknown
}

/**
 * A whole framework (GET /CFPackages/{sourcedId}, the document's sourcedId).
 * @example const { CFItems = [] } = await client.packages.get(documentId)
 */
export interface CFPackage {
  sourcedId: string
  CFDocument: CFDocument
  CFItems?: CFItem[]
  CFAssociations?: CFAssociation[]
  [key: string]: unknown
}

/**
 * An item in a package's tree, with its children grouped by key (the spec leaves the grouping key and the children's
 * shape open: the emulator groups by `CFItemType`, children being the items that are `isChildOf` it).
 * @example for (const [type, items] of Object.entries(tree.structuredContent)) console.log(type, items.length)
 */
export interface CFItemInGroup extends CFItem {
  childGroups?: Record<string, unknown[]>
}

/**
 * A package as a tree (GET /CFPackages/{sourcedId}/groups).
 * @example const { structuredContent } = await client.packages.groups(documentId)
 */
export interface CFPackageWithGroups {
  sourcedId: string
  CFDocument: CFDocument
  structuredContent: Record<string, CFItemInGroup[]>
  [key: string]: unknown
}

/**
 * The answer to an upload (201).
 * @example const { result } = await client.packages.create(pkg); console.log(result.stats.items)
 */
export interface CFPackageUploadResult {
  success: boolean
  message: string
  result: { documentId: string; stats: { documents: number; items: number; associations: number }; success: boolean }
  [key: string]: unknown
}

/**
 * A link in an upload: the target's `identifier` (a UUID), title and uri.
 * @example const to: CFNodeInput = { identifier: standardId, title: '3.OA.1', uri: `https://example.org/items/${standardId}` }
 */
export interface CFNodeInput {
  identifier: string
  title: string
  uri: string
}

/** A date-time: an ISO 8601 string (`2026-03-02T10:00:00Z`), or a Date sent as its ISO string. */
export type CaseDateTime = string | Date

/**
 * The document of an upload.
 * @example const doc: CFDocumentInput = { identifier, uri, title: 'Math 3', creator: 'District', lastChangeDateTime: new Date() }
 */
export interface CFDocumentInput {
  identifier: string
  uri: string
  lastChangeDateTime: CaseDateTime
  title: string
  creator: string
  officialSourceURL?: string
  publisher?: string
  description?: string
  language?: string
  version?: string
  caseVersion?: string
  adoptionStatus?: string
  statusStartDate?: string
  statusEndDate?: string
  /** A URL (uploads spell it `licenseUri`; reads give `licenseURI`, a reference). */
  licenseUri?: string
  notes?: string
  subject?: string[]
  [key: string]: unknown
}

/**
 * An item of an upload (`CFItemType` or the spec's alternative spelling `cfItemType`).
 * @example const item: CFItemInput = { identifier, uri, fullStatement: 'Add within 100.', CFItemType: 'Standard', lastChangeDateTime: '2026-03-02T10:00:00Z' }
 */
export interface CFItemInput {
  identifier: string
  uri: string
  lastChangeDateTime: CaseDateTime
  fullStatement: string
  alternativeLabel?: string
  CFItemType?: string
  cfItemType?: string
  humanCodingScheme?: string
  listEnumeration?: string
  abbreviatedStatement?: string
  conceptKeywords?: string[]
  notes?: string
  subject?: string[]
  language?: string
  educationLevel?: string[]
  CFItemTypeURI?: unknown
  licenseURI?: unknown
  statusStartDate?: string
  statusEndDate?: string
  extensions?: unknown
  [key: string]: unknown
}

/**
 * An association of an upload: `originNodeURI` `associationType` `destinationNodeURI`.
 * @example const link: CFAssociationInput = { identifier, uri, lastChangeDateTime: new Date(), associationType: 'isChildOf', originNodeURI: standard, destinationNodeURI: domain }
 */
export interface CFAssociationInput {
  identifier: string
  uri: string
  lastChangeDateTime: CaseDateTime
  associationType: string
  originNodeURI: CFNodeInput
  destinationNodeURI: CFNodeInput
  sequenceNumber?: number
  extensions?: unknown
  [key: string]: unknown
}

/**
 * A CASE package to upload (POST /CFPackages): a document, its items and their associations.
 * @example await client.packages.create({ CFDocument: doc, CFItems: [item], CFAssociations: [link] })
 */
export interface CFPackageInput {
  CFDocument: CFDocumentInput
  CFItems: CFItemInput[]
  CFAssociations: CFAssociationInput[]
  CFDefinitions?: {
    CFItemTypes?: unknown[]
    CFSubjects?: unknown[]
    CFConcepts?: unknown[]
    CFLicenses?: unknown[]
    CFAssociationGroupings?: unknown[]
    extensions?: unknown
  }
  extensions?: unknown
}
