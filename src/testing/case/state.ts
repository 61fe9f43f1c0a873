// The emulated CASE store: documents, items and associations as reads give them (`sourcedId`, links as
// `{ sourcedId, title, uri }`), each item and association tied to its document by `CFDocumentURI`. Packages are not
// stored: a package is its document plus the items and associations that point at it, assembled at read time.

export type Row = Record<string, any>

/** The three kinds of CASE record, by sourcedId (Maps keep upload order, the listing order). */
export interface CaseState {
  readonly documents: Map<string, Row>
  readonly items: Map<string, Row>
  readonly associations: Map<string, Row>
}

export const createState = (): CaseState => ({ documents: new Map(), items: new Map(), associations: new Map() })

export function clearState(state: CaseState): void {
  state.documents.clear()
  state.items.clear()
  state.associations.clear()
}

/** The id of the document a record belongs to. */
export const documentOf = (record: Row): string | undefined => record.CFDocumentURI?.sourcedId

/** A package as GET /CFPackages/{id} reads it: the document, then its items and associations in upload order. */
export function assemblePackage(state: CaseState, documentId: string): { CFDocument: Row; CFItems: Row[]; CFAssociations: Row[] } | undefined {
  const CFDocument = state.documents.get(documentId)
  if (!CFDocument) return undefined
  const mine = (rows: Map<string, Row>) => [...rows.values()].filter((r) => documentOf(r) === documentId)
  return { CFDocument, CFItems: mine(state.items), CFAssociations: mine(state.associations) }
}
