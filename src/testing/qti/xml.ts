// A small strict XML parser for the QTI emulator: the server runtimes (workerd, Deno, Bun, Node) have no
// DOMParser, and the emulator must judge well-formedness the way a real XML parser would, not guess it with regular
// expressions. One pass, no recursion (a hostile document nested 100,000 deep costs a stack of frames on the heap
// up to the depth limit, then a clean error). What it refuses on purpose: DOCTYPE declarations (no entity expansion,
// no external fetches), references other than the five predefined entities and character references, undeclared
// namespace prefixes, duplicate attributes, and anything after the root element but comments, PIs and whitespace.

/** One element; `children` keeps text (entity references decoded) and elements in document order. */
export interface XmlElement {
  readonly name: string
  /** Namespace URI of the element (`''` when none is in scope). */
  readonly ns: string
  /** Attributes in document order, values decoded. A null-prototype object: `__proto__` is just a name here. */
  readonly attrs: Readonly<Record<string, string>>
  readonly children: readonly (XmlElement | string)[]
}

/** Why a document is not well-formed, with the line and column (1-based) where the parser stopped. */
export class XmlError extends Error {
  constructor(problem: string, readonly line: number, readonly column: number) {
    super(`${problem} (line ${line}, column ${column})`)
    this.name = 'XmlError'
  }
}

export const MAX_XML_LENGTH = 4 * 1024 * 1024
export const MAX_XML_DEPTH = 256

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_.:\u00B7\u00C0-\uFFFF]*/y
const SPACE = /[ \t\r\n]*/y
const XML_NS = 'http://www.w3.org/XML/1998/namespace'
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

interface Frame {
  readonly name: string
  readonly el: XmlElement & { children: (XmlElement | string)[] }
  readonly prefixes: ReadonlyMap<string, string>
}

/**
 * Parse `text` into its root element, or throw an {@link XmlError} naming the first problem.
 *
 * @example
 * const root = parseXml('<qti-assessment-item identifier="q1" title="Q"/>')
 * root.name // 'qti-assessment-item'
 */
export function parseXml(text: string): XmlElement {
  if (text.length > MAX_XML_LENGTH) throw new XmlError(`document is ${text.length} characters long (at most ${MAX_XML_LENGTH})`, 1, 1)
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const fail = (problem: string, at = i): never => {
    const before = text.slice(0, at)
    const line = before.split('\n').length
    throw new XmlError(problem, line, at - before.lastIndexOf('\n'))
  }
  const space = (): void => { SPACE.lastIndex = i; SPACE.exec(text); i = SPACE.lastIndex }
  const name = (what: string): string => {
    NAME.lastIndex = i
    const m = NAME.exec(text)
    if (!m) fail(`expected ${what}`)
    i = NAME.lastIndex
    return m![0]
  }
  const until = (end: string, what: string): string => {
    const at = text.indexOf(end, i)
    if (at < 0) fail(`unterminated ${what}`)
    const body = text.slice(i, at)
    i = at + end.length
    return body
  }
  const decode = (raw: string, start: number): string => raw.replace(/&([^;&<]*);?/g, (whole, ref: string, offset: number) => {
    if (!whole.endsWith(';')) fail("'&' must start an entity reference such as &amp;", start + offset)
    if (ref in ENTITIES) return ENTITIES[ref]!
    const code = /^#x[0-9A-Fa-f]{1,6}$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]{1,7}$/.test(ref) ? parseInt(ref.slice(1), 10) : -1
    if (code < 0) fail(`unknown entity '&${ref};' (only &lt; &gt; &amp; &quot; &apos; and character references are defined)`, start + offset)
    const allowed = code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
    if (!allowed) fail(`character reference '&${ref};' is not an XML character`, start + offset)
    return String.fromCodePoint(code)
  })
  /** Comments and processing instructions, allowed anywhere outside tags. */
  const misc = (): boolean => {
    if (text.startsWith('<!--', i)) {
      i += 4
      const body = until('-->', 'comment')
      if (body.includes('--') || body.endsWith('-')) fail("'--' is not allowed inside a comment", i - 3)
      return true
    }
    if (text.startsWith('<?', i)) {
      i += 2
      const target = name('a processing instruction target')
      if (target.toLowerCase() === 'xml') fail('the XML declaration must be at the very start of the document', i - 5)
      until('?>', 'processing instruction')
      return true
    }
    return false
  }

  if (text.startsWith('<?xml', i) && /[ \t\r\n?]/.test(text[i + 5] ?? '')) {
    i += 5
    const decl = until('?>', 'XML declaration')
    if (!/^\s+version\s*=\s*(['"])1\.[0-9]+\1(\s+encoding\s*=\s*(['"])[A-Za-z][A-Za-z0-9._-]*\3)?(\s+standalone\s*=\s*(['"])(yes|no)\5)?\s*$/.test(decl)) {
      fail('malformed XML declaration', i - decl.length - 2)
    }
  }
  for (;;) {
    space()
    if (text.startsWith('<!DOCTYPE', i)) fail('DOCTYPE declarations are not accepted')
    if (!misc()) break
  }
  if (text[i] !== '<') fail(i >= text.length ? 'the document has no root element' : 'text before the root element')

  const stack: Frame[] = []
  let root: XmlElement | undefined
  const resolve = (qname: string, prefixes: ReadonlyMap<string, string>, isAttr: boolean, at: number): string => {
    const colon = qname.indexOf(':')
    if (colon < 0) return isAttr ? '' : prefixes.get('') ?? ''
    const prefix = qname.slice(0, colon)
    if (colon === 0 || colon === qname.length - 1 || qname.indexOf(':', colon + 1) >= 0) fail(`malformed qualified name '${qname}'`, at)
    const uri = prefixes.get(prefix)
    if (uri === undefined) fail(`namespace prefix '${prefix}' is not declared`, at)
    return uri!
  }

  while (i < text.length) {
    if (root) {
      space()
      if (i >= text.length) break
      if (!misc()) fail('content after the root element')
      continue
    }
    const top = stack[stack.length - 1]
    if (text[i] !== '<') {
      if (!top) fail('text outside the root element')
      const start = i
      const next = text.indexOf('<', i)
      i = next < 0 ? text.length : next
      const raw = text.slice(start, i)
      const bad = raw.indexOf(']]>')
      if (bad >= 0) fail("']]>' is not allowed in text", start + bad)
      top!.el.children.push(decode(raw, start))
      continue
    }
    if (misc()) continue
    if (text.startsWith('<![CDATA[', i)) {
      if (!top) fail('CDATA outside the root element')
      i += 9
      top!.el.children.push(until(']]>', 'CDATA section'))
      continue
    }
    if (text.startsWith('</', i)) {
      const at = i
      i += 2
      const closing = name('an element name after </')
      space()
      if (text[i] !== '>') fail(`expected '>' to close </${closing}`)
      i++
      if (!top) fail(`unexpected end tag </${closing}>`, at)
      if (closing !== top!.name) fail(`end tag </${closing}> does not match <${top!.name}>`, at)
      stack.pop()
      if (stack.length === 0) root = top!.el
      continue
    }
    if (text[i + 1] === '!') fail('DOCTYPE and other declarations are not accepted')
    const at = i
    i++
    const tag = name('an element name after <')
    const raw: [string, string, number][] = []
    const seen = new Set<string>()
    for (;;) {
      const before = i
      space()
      if (text[i] === '>' || text.startsWith('/>', i)) break
      if (i === before) fail(`expected whitespace, '>' or '/>' in <${tag}>`)
      const attrAt = i
      const attr = name(`an attribute name in <${tag}>`)
      space()
      if (text[i] !== '=') fail(`expected '=' after attribute '${attr}'`)
      i++
      space()
      const quote = text[i]
      if (quote !== '"' && quote !== "'") fail(`attribute '${attr}' needs a quoted value`)
      i++
      const valueAt = i
      const value = until(quote!, `value of attribute '${attr}'`)
      const lt = value.indexOf('<')
      if (lt >= 0) fail(`'<' is not allowed in the value of attribute '${attr}'`, valueAt + lt)
      if (seen.has(attr)) fail(`duplicate attribute '${attr}' in <${tag}>`, attrAt)
      seen.add(attr)
      // Literal tabs and line breaks become spaces (attribute-value normalisation); &#10; stays a line break.
      raw.push([attr, decode(value.replace(/[\t\r\n]/g, ' '), valueAt), attrAt])
    }
    if (stack.length >= MAX_XML_DEPTH) fail(`elements nested deeper than ${MAX_XML_DEPTH} levels`, at)
    let prefixes: ReadonlyMap<string, string> = top?.prefixes ?? new Map([['xml', XML_NS]])
    let own = !top // a child shares its parent's map until it declares a prefix of its own
    const attrs: Record<string, string> = Object.create(null)
    for (const [n, v] of raw) {
      attrs[n] = v
      if (n === 'xmlns' || n.startsWith('xmlns:')) {
        if (!own) { prefixes = new Map(prefixes); own = true }
        const prefix = n === 'xmlns' ? '' : n.slice(6)
        if (prefix !== '' && v === '') fail(`namespace prefix '${prefix}' cannot be undeclared`)
        ;(prefixes as Map<string, string>).set(prefix, v)
      }
    }
    for (const [n, , attrAt] of raw) if (n !== 'xmlns' && !n.startsWith('xmlns:')) resolve(n, prefixes, true, attrAt)
    const el = { name: tag, ns: resolve(tag, prefixes, false, at), attrs, children: [] as (XmlElement | string)[] }
    top?.el.children.push(el)
    if (text.startsWith('/>', i)) {
      i += 2
      if (!top) root = el
    } else {
      i++
      stack.push({ name: tag, el, prefixes })
    }
  }
  if (stack.length > 0) fail(`element <${stack[stack.length - 1]!.name}> is not closed`)
  if (!root) fail('the document has no root element')
  return root!
}
