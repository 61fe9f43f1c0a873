// Reading QTI requests: JSON objects and their fields (a bad field is a 400 naming it), XML bodies parsed with the
// module's strict parser, and the checks of the identifiers the service derives from XML.
import type { Ctx } from '../context.js'
import { InvalidField } from './error.js'
import { parseXml, XmlError, type XmlElement } from './xml.js'

export type Body = Record<string, unknown>

/** The JSON body as an object, or a 400 naming `body`. */
export async function readObject(ctx: Ctx): Promise<Body> {
  const body = await ctx.body()
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new InvalidField('body', 'The request body must be a JSON object.', 'invalid_type')
  return body as Body
}

/**
 * The JSON body of an item or stimulus write. Raw XML there is a 400 that says how to send it: only tests take
 * `application/xml`; items and stimuli wrap their XML as `{ format: 'xml', xml }`.
 */
export async function readWrapped(ctx: Ctx, root: string): Promise<Body> {
  if (isXmlRequest(ctx)) throw new InvalidField('body', `Send the XML as JSON: { "format": "xml", "xml": "<${root} …>" } (only assessment tests take a raw application/xml body).`, 'invalid_type')
  return readObject(ctx)
}

/** True when the request says its body is XML (`application/xml`, `text/xml`, `application/*+xml`). */
export function isXmlRequest(ctx: Ctx): boolean {
  const type = (ctx.request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  return type === 'application/xml' || type === 'text/xml' || (type.startsWith('application/') && type.endsWith('+xml'))
}

/** A required non-blank string field. */
export function needString(body: Body, field: string, where = ''): string {
  const value = body[field]
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidField(where + field, `'${where + field}' is required and must be a non-empty string.`, value === undefined ? 'required' : 'invalid_type')
  }
  return value
}

/** An optional string field (`undefined` when absent or null). */
export function optString(body: Body, field: string, where = ''): string | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw new InvalidField(where + field, `'${where + field}' must be a string.`, 'invalid_type')
  return value
}

/** An optional boolean field. */
export function optBoolean(body: Body, field: string, where = ''): boolean | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') throw new InvalidField(where + field, `'${where + field}' must be a boolean.`, 'invalid_type')
  return value
}

/** An optional JSON object field. */
export function optObject(body: Body, field: string, where = ''): Body | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidField(where + field, `'${where + field}' must be an object.`, 'invalid_type')
  return value as Body
}

/** An optional array field whose entries are objects. */
export function optObjects(body: Body, field: string, where = ''): Body[] | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value) || value.some((v) => v === null || typeof v !== 'object' || Array.isArray(v))) {
    throw new InvalidField(where + field, `'${where + field}' must be an array of objects.`, 'invalid_type')
  }
  return value as Body[]
}

/** A value from a closed list. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidField(field, `'${field}' must be one of ${allowed.join(', ')} (got ${JSON.stringify(value) ?? 'nothing'}).`, 'invalid_enum_value')
  }
  return value as T
}

/** Parse XML sent in field `field`; not well-formed is a 400 whose message says where. */
export function parseField(xml: string, field: string): XmlElement {
  try {
    return parseXml(xml)
  } catch (err) {
    if (err instanceof XmlError) throw new InvalidField(field, `The XML is not well-formed: ${err.message}.`, 'invalid_xml')
    throw err
  }
}

/** The root element must be `name`; its `identifier` and `title` attributes are the entity's. */
export function rootOf(root: XmlElement, name: string, field: string): { identifier: string; title: string } {
  if (root.name !== name) throw new InvalidField(field, `The XML root element must be <${name}>, not <${root.name}>.`, 'invalid_root')
  const identifier = root.attrs.identifier
  if (identifier === undefined || identifier.trim() === '') throw new InvalidField(field, `<${name}> needs an identifier attribute.`, 'required')
  const title = root.attrs.title
  if (title === undefined || title.trim() === '') throw new InvalidField(field, `<${name}> needs a title attribute.`, 'required')
  return { identifier, title }
}

/** PUT is a full replace of the entity the path names: a body naming another identifier is refused. */
export function samePathId(pathId: string, bodyId: string, field = 'identifier'): void {
  if (pathId !== bodyId) throw new InvalidField(field, `The body's identifier '${bodyId}' does not match '${pathId}' in the path (PUT replaces that entity; it cannot rename it).`, 'mismatch')
}
