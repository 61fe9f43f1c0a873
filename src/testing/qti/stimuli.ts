// Stimuli (shared passages items refer to): search, create from XML (`{ format: 'xml', xml, metadata? }`) or JSON
// (`identifier`, `title`, `content` as XHTML), get, PUT (full replace), delete. Answers carry `rawXml` and the
// parsed `content` view, as the spec's response schema does.
import type { Route } from '../context.js'
import { entityRoutes } from './entity-routes.js'
import { InvalidField } from './error.js'
import { fromRawXml } from './item-model.js'
import { needString, oneOf, optObject, optString, parseField, rootOf, type Body } from './request.js'
import type { Qti, Rec } from './state.js'
import { content, elements, rootNamespaces, tag, XML_DECL } from './xml-view.js'
import { parseXml, XmlError } from './xml.js'

const SORTS = ['title', 'identifier', 'createdAt', 'updatedAt']

/**
 * The stored record of a stimulus sent as XML.
 *
 * @example
 * stimulusFromXml('<qti-assessment-stimulus identifier="s1" title="S"><qti-stimulus-body><p>Hi</p></qti-stimulus-body></qti-assessment-stimulus>', undefined, 'xml')
 */
export function stimulusFromXml(xml: string, metadata: Body | undefined, field: string): Rec {
  const root = parseField(xml, field)
  const { identifier, title } = rootOf(root, 'qti-assessment-stimulus', field)
  if (elements(root, 'qti-stimulus-body').length === 0) throw new InvalidField(field, '<qti-assessment-stimulus> needs a <qti-stimulus-body>.', 'required')
  const record: Rec = { identifier, title, language: root.attrs['xml:lang'] ?? 'en', catalogInfo: [], metadata: metadata ?? {}, rawXml: xml, content: content(root) }
  if (root.attrs.label !== undefined) record.label = root.attrs.label
  if (root.attrs['tool-name'] !== undefined) record.toolName = root.attrs['tool-name']
  if (root.attrs['tool-version'] !== undefined) record.toolVersion = root.attrs['tool-version']
  const sheet = elements(root, 'qti-stylesheet')[0]
  if (sheet) record.stylesheet = { href: sheet.attrs.href ?? '', type: sheet.attrs.type ?? '' }
  return record
}

function stimulusFromJson(body: Body): Rec {
  const html = needString(body, 'content')
  try {
    parseXml(`<body>${html}</body>`)
  } catch (err) {
    if (err instanceof XmlError) throw new InvalidField('content', `'content' must be well-formed XHTML: ${err.message}.`, 'invalid_xml')
    throw err
  }
  const xml = XML_DECL + tag('qti-assessment-stimulus', {
    ...rootNamespaces(true), identifier: needString(body, 'identifier'), title: needString(body, 'title'), 'xml:lang': optString(body, 'language') ?? 'en',
    label: optString(body, 'label'), 'tool-name': optString(body, 'toolName'), 'tool-version': optString(body, 'toolVersion'),
  }, tag('qti-stimulus-body', {}, html))
  return stimulusFromXml(xml, optObject(body, 'metadata'), 'body')
}

/** A stimulus body of any form: XML, JSON, or a record as read (`rawXml`). */
export function stimulusFromBody(body: Body): Rec {
  if (body.format === undefined && typeof body.rawXml === 'string') return fromRawXml(body, stimulusFromXml, ['identifier', 'title'])
  const format = body.format === undefined ? 'json' : oneOf(body.format, ['xml', 'json'] as const, 'format')
  return format === 'xml' ? stimulusFromXml(needString(body, 'xml'), optObject(body, 'metadata'), 'xml') : stimulusFromJson(body)
}

/** The stimulus routes. */
export function stimulusRoutes(q: Qti): Route[] {
  return entityRoutes(q, {
    kind: 'stimuli', path: '/stimuli', root: 'qti-assessment-stimulus', sorts: SORTS, fromBody: stimulusFromBody,
    names: ['searchStimuli', 'createStimulus', 'getStimulus', 'updateStimulus', 'deleteStimulus'],
  })
}
