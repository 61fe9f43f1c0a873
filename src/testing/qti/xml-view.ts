// Reading and writing the parsed XML of ./xml.ts: the service's `content` view (XML as JSON, attributes under
// `_attributes`, text under `_text`), serialising elements back to text, and building XML from JSON bodies with
// every value escaped.
import type { XmlElement } from './xml.js'

type Node = XmlElement | string
type Obj = Record<string, unknown>

// Elements the service's `content` always shows as arrays (the spec's schemas declare them so), even when single.
const ALWAYS_ARRAY = new Set([
  'qti-response-declaration', 'qti-outcome-declaration', 'qti-assessment-stimulus-ref', 'qti-value', 'qti-test-part',
  'qti-assessment-section', 'qti-assessment-item-ref', 'qti-simple-choice', 'qti-modal-feedback', 'qti-map-entry',
])

const isElement = (n: Node): n is XmlElement => typeof n !== 'string'

/** The child elements of `el`, optionally only those named `name`. */
export function elements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => isElement(c) && (name === undefined || c.name === name))
}

/** Every descendant element of `el` (depth-first, document order), without recursion. */
export function descendants(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = []
  const todo: XmlElement[] = elements(el).reverse()
  while (todo.length > 0) {
    const next = todo.pop()!
    out.push(next)
    const kids = elements(next)
    for (let k = kids.length - 1; k >= 0; k--) todo.push(kids[k]!) // no spread: an element may have 100,000 children
  }
  return out
}

/** The text of `el` and its descendants, joined. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (isElement(c) ? textOf(c) : c)).join('')
}

/**
 * The `content` view of an element: `{ _attributes, _text?, <child>: view | view[] }` (null-prototype objects, so
 * an element or attribute named `__proto__` is only a key).
 */
export function contentView(el: XmlElement): Obj {
  const out: Obj = Object.create(null)
  if (Object.keys(el.attrs).length > 0) out._attributes = el.attrs
  const text = el.children.filter((c): c is string => !isElement(c)).join('').trim()
  if (text !== '') out._text = text
  for (const child of elements(el)) {
    const view = Object.keys(child.attrs).length === 0 && elements(child).length === 0 ? textOf(child).trim() : contentView(child)
    const had = out[child.name]
    if (had === undefined) out[child.name] = ALWAYS_ARRAY.has(child.name) ? [view] : view
    else if (Array.isArray(had)) had.push(view)
    else out[child.name] = [had, view]
  }
  return out
}

/** `{ <root name>: contentView(root) }`, the shape of a stored entity's `content`. */
export function content(root: XmlElement): Obj {
  const out: Obj = Object.create(null)
  out[root.name] = contentView(root)
  return out
}

/** Escape text for an XML attribute value or text node. */
export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;'))
}

/** Serialise a node back to XML text (attributes re-escaped, so the output parses to the same tree). */
export function serialize(node: Node): string {
  if (!isElement(node)) return escapeXml(node)
  const attrs = Object.entries(node.attrs).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('')
  if (node.children.length === 0) return `<${node.name}${attrs}/>`
  return `<${node.name}${attrs}>${node.children.map(serialize).join('')}</${node.name}>`
}

/** The serialised children of `el` (e.g. the HTML inside a `qti-stimulus-body`). */
export function innerXml(el: XmlElement): string {
  return el.children.map(serialize).join('')
}

/**
 * Build an element as text: attributes with an `undefined` value are left out, `inner` is trusted XML (already
 * escaped or built by this function).
 */
export function tag(name: string, attrs: Readonly<Record<string, string | number | boolean | undefined>>, inner = ''): string {
  const a = Object.entries(attrs).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join('')
  return inner === '' ? `<${name}${a}/>` : `<${name}${a}>${inner}</${name}>`
}

/** The QTI 3.0 namespace the service's XSDs are written for. */
export const QTI_NS = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0'

/** The XML declaration the service writes on a document it generates. */
export const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>'

const XSD = 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/'

/** The namespace attributes the service writes on a root element it generates (`stimulus` has its own XSD). */
export function rootNamespaces(stimulus = false): Record<string, string> {
  return {
    xmlns: QTI_NS, 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': `${QTI_NS} ${XSD}${stimulus ? 'imsqti_stimulusv3p0p1_v1p0.xsd' : 'imsqti_asiv3p0_v1p0.xsd'}`,
  }
}
