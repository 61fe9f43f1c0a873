// An assessment test as the service stores it: the structure (`qti-test-part` → `qti-assessment-section` →
// `qti-assessment-item-ref`) read from its XML, plus `rawXml` and `content`. A JSON test is written as XML and read
// back, and so is a test after any structural edit (parts, sections, item references): its `rawXml` is then
// rewritten from the structure, and XML the emulator does not model (outcome processing, rubrics, nested
// sections) is dropped.
import { InvalidField } from './error.js'
import { needString, oneOf, optObject, optObjects, optString, parseField, rootOf, type Body } from './request.js'
import type { Rec } from './state.js'
import { content, elements, rootNamespaces, tag, XML_DECL } from './xml-view.js'
import type { XmlElement } from './xml.js'

export const NAVIGATION = ['linear', 'nonlinear'] as const
export const SUBMISSION = ['individual', 'simultaneous'] as const

export interface ItemRef { identifier: string; href: string }
export interface Section { identifier: string; title: string; visible: boolean; required: boolean; fixed: boolean; sequence: number; 'qti-assessment-item-ref': ItemRef[] }
export interface Part { identifier: string; navigationMode: string; submissionMode: string; 'qti-assessment-section': Section[] }

/** Where an item reference points when the request gives no href. */
export const defaultHref = (identifier: string): string => `/assessment-items/${identifier}`

const bool = (value: string | undefined, fallback: boolean): boolean => (value === undefined ? fallback : value === 'true')

function needAttr(el: XmlElement, name: string, field: string): string {
  const value = el.attrs[name]
  if (value === undefined || value.trim() === '') throw new InvalidField(field, `<${el.name}> needs a ${name} attribute.`, 'required')
  return value
}

function sectionOf(s: XmlElement, i: number, field: string): Section {
  return {
    identifier: needAttr(s, 'identifier', field), title: needAttr(s, 'title', field), visible: bool(s.attrs.visible, true),
    required: bool(s.attrs.required, true), fixed: bool(s.attrs.fixed, false), sequence: i + 1,
    'qti-assessment-item-ref': elements(s, 'qti-assessment-item-ref').map((r) => {
      const identifier = needAttr(r, 'identifier', field)
      return { identifier, href: r.attrs.href ?? defaultHref(identifier) }
    }),
  }
}

function partOf(p: XmlElement, field: string): Part {
  return {
    identifier: needAttr(p, 'identifier', field),
    navigationMode: oneOf(p.attrs['navigation-mode'], NAVIGATION, `${field} (navigation-mode of <qti-test-part identifier="${p.attrs.identifier}">)`),
    submissionMode: oneOf(p.attrs['submission-mode'], SUBMISSION, `${field} (submission-mode of <qti-test-part identifier="${p.attrs.identifier}">)`),
    'qti-assessment-section': elements(p, 'qti-assessment-section').map((s, i) => sectionOf(s, i, field)),
  }
}

/**
 * The stored record of a test sent as XML; `extra` carries what XML does not hold (metadata, maxAttempts…).
 *
 * @example
 * testFromXml('<qti-assessment-test identifier="t1" title="T">…</qti-assessment-test>', {}, 'body')
 */
export function testFromXml(xml: string, extra: Rec, field: string): Rec {
  const root = parseField(xml, field)
  const { identifier, title } = rootOf(root, 'qti-assessment-test', field)
  const maxTime = elements(root, 'qti-time-limits')[0]?.attrs['max-time']
  const record: Rec = {
    identifier, title, qtiVersion: '3.0', ...extra,
    'qti-test-part': elements(root, 'qti-test-part').map((p) => partOf(p, field)),
    'qti-outcome-declaration': elements(root, 'qti-outcome-declaration').map((d) => ({ identifier: d.attrs.identifier ?? '', cardinality: d.attrs.cardinality ?? 'single', baseType: d.attrs['base-type'] ?? 'float' })),
    rawXml: xml, content: content(root), isValidXml: true,
  }
  if (root.attrs['tool-name'] !== undefined) record.toolName = root.attrs['tool-name']
  if (root.attrs['tool-version'] !== undefined) record.toolVersion = root.attrs['tool-version']
  if (maxTime !== undefined && Number.isFinite(Number(maxTime))) record.timeLimit = Number(maxTime)
  return record
}

/** The XML of a test's structure (the form a JSON test and an edited test are stored in). */
export function testXml(t: Rec): string {
  const parts = t['qti-test-part'] as Part[]
  const outcomes = (t['qti-outcome-declaration'] as Rec[] | undefined) ?? []
  return XML_DECL + tag('qti-assessment-test', { ...rootNamespaces(), identifier: t.identifier as string, title: t.title as string, 'tool-name': t.toolName as string | undefined, 'tool-version': t.toolVersion as string | undefined },
    outcomes.map((d) => tag('qti-outcome-declaration', { identifier: d.identifier as string, cardinality: (d.cardinality as string | undefined) ?? 'single', 'base-type': d.baseType as string | undefined })).join('')
    + (typeof t.timeLimit === 'number' ? tag('qti-time-limits', { 'max-time': t.timeLimit }) : '')
    + parts.map(partXml).join(''))
}

/** The XML of one section. */
export function sectionXml(s: Section): string {
  return tag('qti-assessment-section', { identifier: s.identifier, title: s.title, visible: s.visible, required: s.required, fixed: s.fixed },
    s['qti-assessment-item-ref'].map((r) => tag('qti-assessment-item-ref', { identifier: r.identifier, href: r.href })).join(''))
}

/** The XML of one test part (the `rawXml` of a part answer). */
export function partXml(p: Part): string {
  return tag('qti-test-part', { identifier: p.identifier, 'navigation-mode': p.navigationMode, 'submission-mode': p.submissionMode }, p['qti-assessment-section'].map(sectionXml).join(''))
}

/** What a test holds that its XML does not: kept across XML replaces of the structure. */
export function extrasOf(t: Rec): Rec {
  const out: Rec = { metadata: t.metadata ?? {} }
  for (const k of ['maxAttempts', 'toolsEnabled'] as const) if (t[k] !== undefined) out[k] = t[k]
  return out
}

function refsOf(value: Body, where: string): ItemRef[] {
  return (optObjects(value, 'qti-assessment-item-ref', where) ?? []).map((r, i) => {
    const identifier = needString(r, 'identifier', `${where}qti-assessment-item-ref[${i}].`)
    return { identifier, href: optString(r, 'href', `${where}qti-assessment-item-ref[${i}].`) ?? defaultHref(identifier) }
  })
}

/** A section from JSON (`where` prefixes field names in errors). */
export function sectionFromJson(s: Body, where = ''): Section {
  if (typeof s.visible !== 'boolean') throw new InvalidField(`${where}visible`, `'${where}visible' is required and must be a boolean.`, s.visible === undefined ? 'required' : 'invalid_type')
  for (const k of ['required', 'fixed'] as const) if (s[k] !== undefined && typeof s[k] !== 'boolean') throw new InvalidField(`${where}${k}`, `'${where}${k}' must be a boolean.`, 'invalid_type')
  return {
    identifier: needString(s, 'identifier', where), title: needString(s, 'title', where), visible: s.visible,
    required: (s.required as boolean | undefined) ?? true, fixed: (s.fixed as boolean | undefined) ?? false, sequence: 0, 'qti-assessment-item-ref': refsOf(s, where),
  }
}

/** A test part from JSON. */
export function partFromJson(p: Body, where = ''): Part {
  const sections = p['qti-assessment-section']
  if (!Array.isArray(sections)) throw new InvalidField(`${where}qti-assessment-section`, `'${where}qti-assessment-section' is required: an array of sections.`, 'required')
  return {
    identifier: needString(p, 'identifier', where),
    navigationMode: oneOf(p.navigationMode, NAVIGATION, `${where}navigationMode`),
    submissionMode: oneOf(p.submissionMode, SUBMISSION, `${where}submissionMode`),
    'qti-assessment-section': (optObjects(p, 'qti-assessment-section', where) ?? []).map((s, i) => sectionFromJson(s, `${where}qti-assessment-section[${i}].`)),
  }
}

/** A test from a JSON body (AssessmentTest schema): its structure written as XML and read back. */
export function testFromJson(body: Body): Rec {
  const parts = body['qti-test-part']
  if (!Array.isArray(parts)) throw new InvalidField('qti-test-part', "'qti-test-part' is required: an array of test parts.", 'required')
  const record: Rec = {
    identifier: needString(body, 'identifier'), title: needString(body, 'title'),
    'qti-test-part': (optObjects(body, 'qti-test-part') ?? []).map((p, i) => partFromJson(p, `qti-test-part[${i}].`)),
    'qti-outcome-declaration': (optObjects(body, 'qti-outcome-declaration') ?? []).map((d, i) => ({ identifier: needString(d, 'identifier', `qti-outcome-declaration[${i}].`), cardinality: optString(d, 'cardinality') ?? 'single', baseType: optString(d, 'baseType') ?? 'float' })),
  }
  for (const k of ['toolName', 'toolVersion'] as const) if (optString(body, k) !== undefined) record[k] = body[k]
  if (body.timeLimit !== undefined && typeof body.timeLimit !== 'number') throw new InvalidField('timeLimit', "'timeLimit' must be a number of seconds.", 'invalid_type')
  if (body.timeLimit !== undefined) record.timeLimit = body.timeLimit
  const extra = extrasOf({ ...body, metadata: optObject(body, 'metadata') })
  return testFromXml(testXml(record), extra, 'body')
}
