// An assessment item as the service stores it, derived from its XML: identifier, title and type (from the first
// interaction of the item body), the response and outcome declarations, the response-processing template, modal
// feedback, `rawXml` (the XML as sent) and `content`. A JSON body is first written as XML and then read the same
// way, so both forms give the same record and JSON loses what the XML cannot say (the service's JSON is lossy too).
import { InvalidField } from './error.js'
import { processingOf, processingXml, TEMPLATES } from './processing.js'
import { needString, oneOf, optBoolean, optObject, optObjects, optString, parseField, rootOf, type Body } from './request.js'
import type { Rec } from './state.js'
import { content, descendants, elements, innerXml, rootNamespaces, tag, textOf, XML_DECL } from './xml-view.js'
import type { XmlElement } from './xml.js'

/** The interaction types of the spec (gap-match appears in its examples too). */
export const ITEM_TYPES = [
  'choice', 'text-entry', 'extended-text', 'inline-choice', 'match', 'order', 'associate', 'select-point', 'graphic-order',
  'graphic-associate', 'graphic-gap-match', 'hotspot', 'hottext', 'slider', 'drawing', 'media', 'upload', 'gap-match',
] as const

const CARDINALITIES = ['single', 'multiple', 'ordered', 'record'] as const

function declaration(d: XmlElement, response: boolean): Rec {
  const out: Rec = { identifier: d.attrs.identifier ?? '', cardinality: d.attrs.cardinality ?? 'single' }
  if (d.attrs['base-type'] !== undefined) out.baseType = d.attrs['base-type']
  if (!response) return out
  // Always present on a response declaration (the spec's item schema requires it): empty when the XML has none.
  const correct = elements(d, 'qti-correct-response')[0]
  out.correctResponse = { value: correct ? elements(correct, 'qti-value').map((v) => textOf(v).trim()) : [] }
  return out
}

function interactionType(root: XmlElement, field: string): string {
  const body = elements(root, 'qti-item-body')[0]
  const interaction = body && descendants(body).find((e) => /^qti-[a-z-]+-interaction$/.test(e.name))
  if (!interaction) throw new InvalidField(field, 'The item has no interaction in its <qti-item-body> (its type is taken from the first one).', 'required')
  const type = interaction.name.slice(4, -'-interaction'.length)
  if (!(ITEM_TYPES as readonly string[]).includes(type)) {
    throw new InvalidField(field, `<${interaction.name}> is not an interaction type the service supports (${ITEM_TYPES.join(', ')}).`, 'invalid_enum_value')
  }
  return type
}

/**
 * The stored record of an item sent as XML (`field` names the body field in errors).
 *
 * @example
 * itemFromXml('<qti-assessment-item identifier="q1" title="Q">…</qti-assessment-item>', { subject: 'Math' }, 'xml')
 */
export function itemFromXml(xml: string, metadata: Body | undefined, field: string): Rec {
  const root = parseField(xml, field)
  const { identifier, title } = rootOf(root, 'qti-assessment-item', field)
  const responses = elements(root, 'qti-response-declaration')
  const record: Rec = {
    identifier, title, type: interactionType(root, field), qtiVersion: '3.0',
    timeDependent: root.attrs['time-dependent'] === 'true', adaptive: root.attrs.adaptive === 'true',
    responseDeclarations: responses.map((d) => declaration(d, true)),
    outcomeDeclarations: elements(root, 'qti-outcome-declaration').map((d) => declaration(d, false)),
    metadata: metadata ?? {},
    rawXml: xml,
    content: content(root),
    modalFeedback: elements(root, 'qti-modal-feedback').map((f) => ({
      outcomeIdentifier: f.attrs['outcome-identifier'] ?? '', identifier: f.attrs.identifier ?? '', showHide: f.attrs['show-hide'] ?? 'show',
      content: innerXml(elements(f, 'qti-content-body')[0] ?? f).trim(), title: f.attrs.title ?? '',
    })),
    feedbackInline: [],
    feedbackBlock: [],
  }
  const processing = processingOf(root, responses[0]?.attrs.identifier)
  if (processing) record.responseProcessing = processing
  return record
}

function declarationXml(d: Body, name: string, where: string): string {
  const identifier = needString(d, 'identifier', where)
  const cardinality = oneOf(d.cardinality ?? 'single', CARDINALITIES, `${where}cardinality`)
  const correct = optObject(d, 'correctResponse', where)
  let inner = ''
  if (correct) {
    const values = correct.value
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
      throw new InvalidField(`${where}correctResponse.value`, `'${where}correctResponse.value' must be an array of strings.`, 'invalid_type')
    }
    inner = tag('qti-correct-response', {}, values.map((v) => tag('qti-value', {}, String(v).replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;')))).join(''))
  }
  return tag(name, { identifier, cardinality, 'base-type': optString(d, 'baseType', where) }, inner)
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;')) : ''
}

function interactionXml(type: string, body: Body): string {
  const interaction = optObject(body, 'interaction') ?? {}
  const structure = optObject(interaction, 'questionStructure', 'interaction.') ?? {}
  const choices = optObjects(structure, 'choices', 'interaction.questionStructure.') ?? []
  const inner = (structure.prompt === undefined ? '' : tag('qti-prompt', {}, text(structure.prompt)))
    + choices.map((c, i) => tag('qti-simple-choice', { identifier: needString(c, 'identifier', `interaction.questionStructure.choices[${i}].`) }, text(c.content))).join('')
  const responseIdentifier = optString(interaction, 'responseIdentifier', 'interaction.') ?? 'RESPONSE'
  return tag(`qti-${type}-interaction`, { 'response-identifier': responseIdentifier, 'max-choices': typeof interaction.maxChoices === 'number' ? interaction.maxChoices : undefined }, inner)
}

/**
 * The stored record of an item sent as JSON (`format: 'json'` or no format): written as XML, then read back.
 *
 * @example
 * itemFromJson({ identifier: 'q1', title: 'Q', type: 'choice', responseDeclarations: [...] })
 */
export function itemFromJson(body: Body): Rec {
  const identifier = needString(body, 'identifier')
  const title = needString(body, 'title')
  const type = oneOf(body.type, ITEM_TYPES, 'type')
  const rp = optObject(body, 'responseProcessing')
  const w = 'responseProcessing.'
  const processing = rp && processingXml({
    templateType: oneOf(rp.templateType, TEMPLATES, `${w}templateType`), response: optString(rp, 'responseDeclarationIdentifier', w) ?? 'RESPONSE',
    outcome: optString(rp, 'outcomeIdentifier', w) ?? 'FEEDBACK', correct: optString(rp, 'correctResponseIdentifier', w) ?? 'CORRECT', incorrect: optString(rp, 'incorrectResponseIdentifier', w) ?? 'INCORRECT',
  })
  const xml = XML_DECL + tag('qti-assessment-item', {
    ...rootNamespaces(), identifier, title, adaptive: optBoolean(body, 'adaptive') ?? false, 'time-dependent': optBoolean(body, 'timeDependent') ?? false,
  }, (optObjects(body, 'responseDeclarations') ?? []).map((d, i) => declarationXml(d, 'qti-response-declaration', `responseDeclarations[${i}].`)).join('')
    + (optObjects(body, 'outcomeDeclarations') ?? []).map((d, i) => declarationXml(d, 'qti-outcome-declaration', `outcomeDeclarations[${i}].`)).join('')
    + tag('qti-item-body', {}, interactionXml(type, body))
    + (processing ?? ''))
  return itemFromXml(xml, optObject(body, 'metadata'), 'body')
}

/**
 * A record sent back as read (no `format`, a `rawXml`): the XML stays the source of truth, so identifier, title or
 * type that disagree with it are refused rather than silently reverted.
 */
export function fromRawXml(body: Body, read: (xml: string, metadata: Body | undefined, field: string) => Rec, fields: readonly string[]): Rec {
  const record = read(body.rawXml as string, optObject(body, 'metadata'), 'rawXml')
  for (const f of fields) {
    if (body[f] !== undefined && body[f] !== record[f]) {
      throw new InvalidField(f, `'${f}' (${JSON.stringify(body[f])}) disagrees with rawXml (${JSON.stringify(record[f])}): rawXml is the source of truth, change it there.`, 'mismatch')
    }
  }
  return record
}

/** An item body of any form: `{ format: 'xml', xml, metadata? }`, the JSON item, or a record as read (`rawXml`). */
export function itemFromBody(body: Body): Rec {
  if (body.format === undefined && typeof body.rawXml === 'string') return fromRawXml(body, itemFromXml, ['identifier', 'title', 'type'])
  const format = body.format === undefined ? 'json' : oneOf(body.format, ['xml', 'json'] as const, 'format')
  return format === 'xml' ? itemFromXml(needString(body, 'xml'), optObject(body, 'metadata'), 'xml') : itemFromJson(body)
}
