// POST /CFPackages in the emulator: the body is checked against the spec's required fields (400 naming the first
// bad one), then converted to the read shapes and stored. Uploading a document again replaces its package (the
// items and associations it no longer lists are removed); an item or association that belongs to another
// document is a 422, since CASE identifiers are global.
import { badRequest } from '../http.js'
import { documentOf, type CaseState, type Row } from './state.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const V = '/ims/case/v1p1'

const isObject = (v: unknown): v is Row => !!v && typeof v === 'object' && !Array.isArray(v)

/** Required string fields of `record` at `at` (identifier must be a UUID), or a 400 naming the first missing one. */
function need(record: unknown, at: string, fields: readonly string[]): Row {
  if (!isObject(record)) throw badRequest(`'${at}' must be an object.`)
  for (const f of fields) {
    const v = record[f]
    if (typeof v !== 'string' || v === '') throw badRequest(`Missing or invalid field '${at}.${f}' (a non-empty string is required).`)
    if (f === 'identifier' && !UUID.test(v)) throw badRequest(`Invalid field '${at}.${f}': '${v}' is not a UUID.`)
  }
  return record
}

const orNull = (v: unknown) => (v === undefined ? null : v)

/** A link in the read shape, from an upload's `{ identifier | sourcedId, title, uri }`; null for anything else. */
function refOf(v: unknown): Row | null {
  if (!isObject(v)) return null
  const sourcedId = v.identifier ?? v.sourcedId
  return typeof sourcedId === 'string' ? { sourcedId, title: String(v.title ?? ''), uri: String(v.uri ?? '') } : null
}

const pick = (source: Row, names: string) => Object.fromEntries(names.split(' ').map((n) => [n, orNull(source[n])]))

function readDocument(d: Row, origin: string, extensions: unknown): Row {
  const id = d.identifier as string
  return {
    sourcedId: id, title: d.title, uri: d.uri, frameworkType: null, caseVersion: d.caseVersion === '1.1' ? '1.1' : null, creator: d.creator,
    lastChangeDateTime: d.lastChangeDateTime,
    ...pick(d, 'officialSourceURL publisher description subject'), subjectURI: null, ...pick(d, 'language version adoptionStatus statusStartDate statusEndDate'),
    // Uploads give a license as a URL (`licenseUri`), reads as a link (`licenseURI`).
    licenseURI: typeof d.licenseUri === 'string' ? { sourcedId: id, title: 'License', uri: d.licenseUri } : null,
    notes: orNull(d.notes), extensions: orNull(extensions),
    CFPackageURI: { sourcedId: id, title: d.title, uri: `${origin}${V}/CFPackages/${id}` },
  }
}

function readItem(i: Row, doc: Row): Row {
  return {
    sourcedId: i.identifier, fullStatement: i.fullStatement, alternativeLabel: orNull(i.alternativeLabel),
    // The spec's upload takes either spelling; reads have one, and require it.
    CFItemType: i.CFItemType ?? i.cfItemType ?? '', uri: i.uri,
    ...pick(i, 'humanCodingScheme listEnumeration abbreviatedStatement conceptKeywords'), conceptKeywordsURI: null,
    ...pick(i, 'notes subject'), subjectURI: null, ...pick(i, 'language educationLevel'),
    CFItemTypeURI: refOf(i.CFItemTypeURI), licenseURI: refOf(i.licenseURI), ...pick(i, 'statusStartDate statusEndDate'),
    lastChangeDateTime: i.lastChangeDateTime, extensions: orNull(i.extensions), CFDocumentURI: docRef(doc),
  }
}

function readAssociation(a: Row, doc: Row): Row {
  return {
    sourcedId: a.identifier, associationType: a.associationType, sequenceNumber: typeof a.sequenceNumber === 'number' ? a.sequenceNumber : null,
    uri: a.uri, originNodeURI: refOf(a.originNodeURI), destinationNodeURI: refOf(a.destinationNodeURI), CFAssociationGroupingURI: null,
    lastChangeDateTime: a.lastChangeDateTime, notes: orNull(a.notes), extensions: orNull(a.extensions), CFDocumentURI: docRef(doc),
  }
}

const docRef = (doc: Row): Row => ({ sourcedId: doc.sourcedId, title: doc.title, uri: doc.uri })

/** Checks and stores one package upload; answers the spec's 201 body. */
export function storePackage(state: CaseState, origin: string, body: unknown): Row {
  if (!isObject(body)) throw badRequest('The request body must be a JSON object (a CFPackage).')
  const d = need(body.CFDocument, 'CFDocument', ['identifier', 'uri', 'lastChangeDateTime', 'title', 'creator'])
  for (const key of ['CFItems', 'CFAssociations']) if (!Array.isArray(body[key])) throw badRequest(`Missing or invalid field '${key}' (an array is required).`)
  const items = (body.CFItems as unknown[]).map((i, n) => need(i, `CFItems[${n}]`, ['identifier', 'uri', 'lastChangeDateTime', 'fullStatement']))
  const links = (body.CFAssociations as unknown[]).map((a, n) => {
    const at = `CFAssociations[${n}]`
    const row = need(a, at, ['identifier', 'uri', 'lastChangeDateTime', 'associationType'])
    for (const end of ['originNodeURI', 'destinationNodeURI']) need(row[end], `${at}.${end}`, ['identifier', 'title', 'uri'])
    return row
  })
  const documentId = d.identifier as string
  const ids = new Set<string>([documentId])
  for (const [rows, store] of [[items, state.items], [links, state.associations]] as const) {
    for (const r of rows) {
      const id = r.identifier as string
      if (ids.has(id)) throw badRequest(`Identifier '${id}' is used twice in the package.`)
      ids.add(id)
      const owner = store.get(id)
      if (owner && documentOf(owner) !== documentId) throw badRequest(`Identifier '${id}' belongs to another document ('${documentOf(owner)}').`, 422)
    }
  }
  if (state.items.has(documentId) || state.associations.has(documentId)) throw badRequest(`Identifier '${documentId}' already names an item or association.`, 422)

  // A new upload of a document replaces its whole package.
  for (const store of [state.items, state.associations]) for (const [id, r] of store) if (documentOf(r) === documentId) store.delete(id)
  const doc = readDocument(d, origin, body.extensions)
  state.documents.set(documentId, doc)
  for (const i of items) state.items.set(i.identifier as string, readItem(i, doc))
  for (const a of links) state.associations.set(a.identifier as string, readAssociation(a, doc))
  const stats = { documents: 1, items: items.length, associations: links.length }
  return { success: true, message: 'CASE package uploaded.', result: { documentId, stats, success: true } }
}
