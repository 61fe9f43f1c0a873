/**
 * @module services/qti/resources/xml — a strict XML well-formedness check, run on every XML document before it
 * is sent. Workers, Deno and Node have no DOMParser, and the service answers a broken document with a 400 (or
 * stores it); this names the first fault with its line and column instead. It checks what XML 1.0 requires of
 * a document's shape — one root element, balanced and matching tags, quoted and unique attributes, no stray `<`
 * or `&`, only the five predefined entities and character references (others need a DTD: allowed when the
 * document has a DOCTYPE), closed comments, CDATA sections and processing instructions — not a schema.
 */

import { InputValidationError } from '../../../core/errors.js'

/** The root element of a well-formed document. @example const { name, attributes }: XmlRoot = checkXml(xml, 'xml') */
export interface XmlRoot {
  /** Its qualified name (`qti-assessment-item`). */
  name: string
  /** Its attributes as written (entities not expanded). */
  attributes: Record<string, string>
  /** Offsets of its start tag in the document: `xml.slice(start, end)` is `<qti-… …>`. */
  start: number
  end: number
}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-\w:.\u00B7-\uFFFF]*/y
const ATTRIBUTE = /\s+([A-Za-z_:\u00C0-\uFFFF][-\w:.\u00B7-\uFFFF]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y
const TAG_END = /\s*(\/?)>/y
const REFERENCE = /&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_:][-\w:.]*);/y
const PREDEFINED = /^&(?:#|amp;|lt;|gt;|quot;|apos;)/

/**
 * Checks that `xml` is one well-formed XML document and returns its root element; anything else is an
 * InputValidationError at `field` naming the fault, its line and column.
 * @example
 * checkXml('<a><b/></a>', 'xml').name // 'a'
 * checkXml('<a><b></a>', 'xml') // InputValidationError: xml: is not well-formed XML: </a> closes <b> (line 1, column 7)
 */
export function checkXml(xml: unknown, field: string, label?: string): XmlRoot {
  if (typeof xml !== 'string' || xml.trim() === '') {
    throw new InputValidationError([{ path: field, message: 'must be a non-empty XML string' }], label)
  }
  const fail = (at: number, what: string): never => {
    const lines = xml.slice(0, at).split('\n')
    const where = `line ${lines.length}, column ${lines[lines.length - 1]!.length + 1}`
    throw new InputValidationError([{ path: field, message: `is not well-formed XML: ${what} (${where})` }], label)
  }
  const open: string[] = []
  let doctype = false
  let root: XmlRoot | undefined
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0

  // The next '&' at or after a position, remembered: searching afresh for each text or attribute value would scan
  // to the end of the document every time (a large document without '&' took seconds, quadratic).
  let amp = -2
  const nextAmp = (from: number) => (amp !== -1 && amp < from ? (amp = xml.indexOf('&', from)) : amp)
  /** Every `&` in text or an attribute value starts a reference the document can resolve. */
  const references = (from: number, to: number) => {
    for (let at = nextAmp(from); at !== -1 && at < to; at = nextAmp(at + 1)) {
      REFERENCE.lastIndex = at
      const match = REFERENCE.exec(xml)
      if (!match || match.index + match[0].length > to) fail(at, "a bare '&' (write &amp;)")
      if (!doctype && !PREDEFINED.test(match![0])) fail(at, `the entity ${match![0]} is not defined (XML knows &amp; &lt; &gt; &quot; &apos; and &#…;)`)
    }
  }
  /** Skips to the end of `close`, or fails naming what is not closed. */
  const through = (close: string, what: string) => {
    const end = xml.indexOf(close, i)
    if (end === -1) fail(i, `${what} is never closed`)
    i = end + close.length
  }

  while (i < xml.length) {
    const lt = xml.indexOf('<', i)
    const textEnd = lt === -1 ? xml.length : lt
    if (open.length) references(i, textEnd)
    else if (xml.slice(i, textEnd).trim() !== '') fail(i + xml.slice(i, textEnd).search(/\S/), 'text outside the root element')
    if (lt === -1) break
    i = lt
    if (xml.startsWith('<?', i)) {
      if (/^<\?xml[\s?]/i.test(xml.slice(i, i + 6)) && i > (xml.charCodeAt(0) === 0xfeff ? 1 : 0)) fail(i, 'the XML declaration must come first')
      through('?>', 'a processing instruction')
    } else if (xml.startsWith('<!--', i)) {
      const close = xml.indexOf('-->', i + 4)
      const dashes = close === -1 ? -1 : xml.slice(i + 4, close + 1).indexOf('--')
      if (dashes !== -1) fail(i + 4 + dashes, "'--' inside a comment")
      through('-->', 'a comment')
    } else if (xml.startsWith('<![CDATA[', i)) {
      if (!open.length) fail(i, 'a CDATA section outside the root element')
      through(']]>', 'a CDATA section')
    } else if (xml.startsWith('<!DOCTYPE', i)) {
      if (root) fail(i, 'a DOCTYPE after the root element')
      if (doctype) fail(i, 'a second DOCTYPE')
      doctype = true
      const gt = xml.indexOf('>', i)
      const subset = gt === -1 ? -1 : xml.lastIndexOf('[', gt)
      if (subset > i) through(']', 'the DOCTYPE')
      through('>', 'the DOCTYPE')
    } else if (xml[i + 1] === '/') {
      NAME.lastIndex = i + 2
      const name = NAME.exec(xml)?.[0]
      const gt = xml.indexOf('>', i)
      if (!name || gt === -1 || xml.slice(i + 2 + name.length, gt).trim() !== '') fail(i, 'a malformed end tag')
      if (!open.length) fail(i, `</${name}> closes nothing`)
      const top = open.pop()!
      if (top !== name) fail(i, `</${name}> closes <${top}>`)
      i = gt + 1
    } else {
      NAME.lastIndex = i + 1
      const name = NAME.exec(xml)?.[0]
      if (!name) fail(i, "a '<' that starts no tag (write &lt;)")
      if (root && !open.length) fail(i, `a second root element <${name}>`)
      const start = i
      // No prototype: an attribute named __proto__ is an own key, so a repeated one is caught like any other.
      const attributes: Record<string, string> = Object.create(null)
      i += 1 + name!.length
      for (;;) {
        ATTRIBUTE.lastIndex = i
        const match = ATTRIBUTE.exec(xml)
        if (!match) break
        const [whole, attr, double, single] = match
        if (Object.hasOwn(attributes, attr!)) fail(i, `the attribute ${attr} appears twice on <${name}>`)
        const value = double ?? single!
        if (value.includes('<')) fail(i, `a '<' in the value of ${attr}`)
        references(i + whole.length - value.length - 1, i + whole.length - 1)
        attributes[attr!] = value
        i += whole.length
      }
      TAG_END.lastIndex = i
      const rest = TAG_END.exec(xml)
      if (!rest) fail(i, `<${name}> has a malformed attribute (write name="value") or is not closed with '>'`)
      i += rest![0].length
      if (!root) root = { name: name!, attributes, start, end: i }
      if (!rest![1]) open.push(name!)
    }
  }
  if (open.length) fail(xml.length, `<${open[open.length - 1]}> is never closed`)
  if (!root) fail(0, 'no root element')
  return root!
}

/**
 * Checks `xml` and that its root element is `expected` (`qti-assessment-item`…); returns the root.
 * @example checkRoot(xml, 'qti-assessment-stimulus', 'xml', 'stimuli.createFromXml').attributes.identifier
 */
export function checkRoot(xml: unknown, expected: string, field: string, label: string): XmlRoot {
  const root = checkXml(xml, field, label)
  if (root.name !== expected && !root.name.endsWith(`:${expected}`)) {
    throw new InputValidationError([{ path: field, message: `has the root element <${root.name}>, expected <${expected}>` }], label)
  }
  if (!root.attributes.identifier) {
    throw new InputValidationError([{ path: field, message: `<${root.name}> needs an identifier attribute` }], label)
  }
  return root
}

/**
 * `xml` with the root element's attribute `name` set to `value` (escaped), the rest of the document untouched.
 * The attribute is found by walking the start tag's attributes, so text that merely looks like ` title="…"`
 * inside another attribute's value is never the one rewritten.
 * @example setRootAttribute('<a title="x"/>', checkXml('<a title="x"/>', 'xml'), 'title', 'R&D') // '<a title="R&amp;D"/>'
 */
export function setRootAttribute(xml: string, root: XmlRoot, name: string, value: string): string {
  // Tabs and line breaks written as references: a parser turns literal ones into spaces in an attribute value.
  const escaped = value.replace(/[&<"\t\n\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '"' ? '&quot;' : `&#${c.charCodeAt(0)};`))
  let at = root.start + 1 + root.name.length
  for (;;) {
    ATTRIBUTE.lastIndex = at
    const match = ATTRIBUTE.exec(xml)
    if (!match || match.index >= root.end) break
    at += match[0].length
    if (match[1] === name) {
      const valueStart = at - 1 - (match[2] ?? match[3])!.length
      return `${xml.slice(0, valueStart - 1)}"${escaped}"${xml.slice(at)}`
    }
  }
  TAG_END.lastIndex = at
  const end = TAG_END.exec(xml)!
  return `${xml.slice(0, at)} ${name}="${escaped}"${xml.slice(at + end[0].length - end[0].trimStart().length)}`
}
