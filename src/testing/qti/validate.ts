// XML validation: well-formedness (the module's strict parser), the QTI root element the schema names, the QTI 3.0
// namespace, identifier and title, and the attributes the XSD requires of the parts the emulator models. Not a
// full XSD check. Answers `success` as the strings "true"/"false", as the service does.
import { route, type Route } from '../context.js'
import { json } from '../http.js'
import { InvalidField } from './error.js'
import { oneOf, optString, readObject, type Body } from './request.js'
import type { Kind, Qti } from './state.js'
import { descendants, QTI_NS } from './xml-view.js'
import { parseXml, XmlError } from './xml.js'

const SCHEMAS = ['test', 'item', 'stimulus'] as const
type Schema = (typeof SCHEMAS)[number]
const ROOT: Record<Schema, string> = { item: 'qti-assessment-item', test: 'qti-assessment-test', stimulus: 'qti-assessment-stimulus' }
const STORE: Record<Schema, Kind> = { item: 'items', test: 'tests', stimulus: 'stimuli' }
/** Attributes the QTI 3.0 XSD requires, for the elements the emulator reads. */
const REQUIRED: Record<string, readonly string[]> = {
  'qti-response-declaration': ['identifier', 'cardinality'], 'qti-outcome-declaration': ['identifier', 'cardinality'],
  'qti-test-part': ['identifier', 'navigation-mode', 'submission-mode'], 'qti-assessment-section': ['identifier', 'title'],
  'qti-assessment-item-ref': ['identifier', 'href'], 'qti-simple-choice': ['identifier'],
}
export const MAX_BATCH = 100

/**
 * The problems of `xml` as a QTI document of `schema` (empty when valid).
 *
 * @example
 * validationErrors('<qti-assessment-item/>', 'test') // ['Root element must be <qti-assessment-test> …', …]
 */
export function validationErrors(xml: string, schema: Schema): string[] {
  let root
  try {
    root = parseXml(xml)
  } catch (err) {
    if (err instanceof XmlError) return [`XML is not well-formed: ${err.message}`]
    throw err
  }
  const errors: string[] = []
  if (root.name !== ROOT[schema]) errors.push(`Root element must be <${ROOT[schema]}> for schema '${schema}', found <${root.name}>.`)
  if (root.ns !== QTI_NS) errors.push(`Root element must be in the QTI 3.0 namespace ${QTI_NS} (found ${root.ns === '' ? 'no namespace' : `'${root.ns}'`}).`)
  for (const attr of ['identifier', 'title']) if (!root.attrs[attr]?.trim()) errors.push(`<${root.name}> is missing the required attribute '${attr}'.`)
  for (const el of descendants(root)) {
    for (const attr of REQUIRED[el.name] ?? []) if (el.attrs[attr] === undefined) errors.push(`<${el.name}> is missing the required attribute '${attr}'.`)
  }
  return errors
}

function result(entityId: string, xml: string, schema: Schema): Record<string, unknown> {
  const errors = validationErrors(xml, schema)
  return { success: errors.length === 0 ? 'true' : 'false', entityId, xmlContent: xml, validationErrors: errors, message: errors.length === 0 ? 'Valid XML' : `Invalid XML: ${errors.join(' ')}` }
}

const notFound = (schema: Schema, entityId: string): Response =>
  json({ success: false, entityId, error: 'Entity not found', message: `No ${schema} with identifier '${entityId}' exists.` }, 404)

function strings(body: Body, field: string): string[] {
  const value = body[field]
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new InvalidField(field, `'${field}' is required: an array of strings (it may be empty).`, value === undefined ? 'required' : 'invalid_type')
  if (value.length > MAX_BATCH) throw new InvalidField(field, `'${field}' holds ${value.length} entries (at most ${MAX_BATCH} per batch).`, 'too_big')
  return value as string[]
}

/** The validation routes. */
export function validateRoutes(q: Qti): Route[] {
  return [
    route('POST', '/validate', 'validateXml', async (ctx) => {
      const body = await readObject(ctx)
      const schema = oneOf(body.schema, SCHEMAS, 'schema')
      const entityId = optString(body, 'entityId')
      if (entityId !== undefined && entityId !== '') {
        const stored = q.state[STORE[schema]].get(entityId)
        return stored ? json(result(entityId, stored.rawXml as string, schema)) : notFound(schema, entityId)
      }
      const xml = optString(body, 'xml')
      if (xml === undefined) throw new InvalidField('xml', "'xml' is required when no entityId is given.", 'required')
      return json(result(q.env.newId(), xml, schema))
    }),
    route('POST', '/validate/batch', 'validateBatch', async (ctx) => {
      const body = await readObject(ctx)
      const schema = oneOf(body.schema, SCHEMAS, 'schema')
      const xml = strings(body, 'xml')
      const entityIds = strings(body, 'entityIds')
      if (entityIds.length === 0) return json({ results: xml.map((x) => result(q.env.newId(), x, schema)) })
      const results: Record<string, unknown>[] = []
      for (const id of entityIds) {
        const stored = q.state[STORE[schema]].get(id)
        if (!stored) return notFound(schema, id)
        results.push(result(id, stored.rawXml as string, schema))
      }
      return json({ results })
    }),
  ]
}
