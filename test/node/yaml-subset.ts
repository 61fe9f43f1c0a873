// Test helper (not a test file): reads the block-style YAML of the vendors' OpenAPI files (qti-api.yaml) into
// plain objects, without a dependency. It covers what those files use: block mappings and sequences (a
// sequence may sit at its key's indent), `- key: value` items, plain scalars over several lines, single and
// double quoted scalars (also over several lines), literal and folded block scalars (`|`, `|-`, `>`, `>-`),
// empty flow collections and flat flow sequences of scalars, anchors (`&a1`) and aliases (`*a1`), full-line
// comments. Anything else throws with the line number, so a spec that outgrows it fails loudly.

type Line = { indent: number; text: string; n: number; raw?: string }

/**
 * Parses a YAML document of the subset above.
 * @example parseYaml('a:\n  - 1\n  - x\nb: &k "q"\nc: *k') // { a: [1, 'x'], b: 'q', c: 'q' }
 */
export function parseYaml(source: string): unknown {
  const lines: Line[] = source.split(/\r?\n/).map((raw, i) => ({ indent: raw.length - raw.trimStart().length, text: raw.trimStart(), n: i + 1, raw }))
  const anchors = new Map<string, unknown>()
  let at = 0
  const blank = (line: Line) => line.text === '' || line.text.startsWith('#')
  const skip = () => { while (at < lines.length && blank(lines[at]!)) at++ }
  const fail = (line: Line | undefined, what: string): never => { throw new Error(`yaml line ${line?.n ?? 'end'}: ${what}`) }
  const isItem = (line: Line) => line.text === '-' || line.text.startsWith('- ')

  function node(indent: number): unknown {
    skip()
    const line = lines[at]
    if (!line || line.indent < indent) return null
    return isItem(line) ? sequence(line.indent) : mapping(line.indent)
  }

  function sequence(indent: number): unknown[] {
    const out: unknown[] = []
    for (skip(); at < lines.length && lines[at]!.indent === indent && isItem(lines[at]!); skip()) {
      const line = lines[at]!
      const rest = line.text.slice(1).trimStart()
      if (rest === '') { at++; out.push(node(indent + 1)); continue }
      if (/^(?:"[^"]*"|'[^']*'|[^\s"'&*|>[{#-][^:]*?)\s*:(?:\s|$)/.test(rest) || /^-\s/.test(rest)) {
        // `- key: value`: the item is a mapping (or sequence) whose first line starts after the dash.
        lines[at] = { indent: line.indent + line.text.length - rest.length, text: rest, n: line.n }
        out.push(node(lines[at]!.indent))
      } else {
        out.push(value(rest, line, indent))
      }
    }
    return out
  }

  function mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (skip(); at < lines.length && lines[at]!.indent === indent && !isItem(lines[at]!); skip()) {
      const line = lines[at]!
      let key: string
      let rest: string
      const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?:\s+|$)/.exec(line.text)
      if (quoted) {
        key = unquote(quoted[1]!, line)
        rest = line.text.slice(quoted[0].length)
      } else {
        const colon = line.text.search(/:(?:\s|$)/)
        if (colon <= 0) fail(line, `expected "key: value", got ${JSON.stringify(line.text.slice(0, 40))}`)
        key = line.text.slice(0, colon).trimEnd()
        rest = line.text.slice(colon + 1).trim()
      }
      out[key] = value(rest, line, indent)
    }
    const next = lines[at]
    if (next && next.indent > indent) fail(next, `unexpected indentation (${next.indent} in a mapping at ${indent})`)
    return out
  }

  /** The value after `key:` or `- ` on `line` (whose block sits at `indent`); consumes the lines it spans. */
  function value(rest: string, line: Line, indent: number): unknown {
    at++
    const anchor = /^&(\S+)\s*/.exec(rest)
    if (anchor) {
      at-- // the recursive call moves past this line again
      const result = value(rest.slice(anchor[0].length), line, indent)
      anchors.set(anchor[1]!, result)
      return result
    }
    if (rest === '') {
      skip()
      const next = lines[at]
      if (next && (next.indent > indent || (next.indent === indent && isItem(next)))) return node(next.indent)
      return null
    }
    if (rest.startsWith('*')) {
      const name = rest.slice(1).trim()
      if (!anchors.has(name)) fail(line, `unknown alias *${name}`)
      return anchors.get(name)
    }
    if (/^[|>][-+]?$/.test(rest)) return block(rest, indent)
    if (rest.startsWith('"') || rest.startsWith("'")) return unquote(continued(rest, rest[0]!, indent), line)
    if (rest === '[]') return []
    if (rest === '{}') return {}
    if (rest.startsWith('[') && rest.endsWith(']')) return rest.slice(1, -1).split(',').map((s) => scalar(s.trim()))
    if (rest.startsWith('[') || rest.startsWith('{')) fail(line, 'flow collections beyond [] and [a, b] are not supported')
    // A plain scalar continues on more indented lines.
    let text = rest
    while (at < lines.length && !blank(lines[at]!) && lines[at]!.indent > indent) text += ` ${lines[at++]!.text}`
    return scalar(text)
  }

  /** A quoted scalar's source, joined with the lines it spans until its closing quote. */
  function continued(first: string, quote: string, indent: number): string {
    const closed = (s: string) => (quote === '"' ? /^"(?:[^"\\]|\\.)*"\s*$/ : /^'(?:[^']|'')*'\s*$/).test(s)
    let text = first
    while (!closed(text)) {
      if (at >= lines.length) fail(undefined, 'unterminated quoted scalar')
      const next = lines[at++]!
      // Line folding: a line break is a space, an empty line a newline.
      // An escaped line break (a line ending in an odd number of backslashes) joins the lines with nothing.
      const escapedBreak = quote === '"' && /(?:^|[^\\])(?:\\\\)*\\$/.test(text)
      text = next.text === '' ? `${text}\n` : text.endsWith('\n') || escapedBreak ? `${escapedBreak ? text.slice(0, -1) : text}${next.text}` : `${text.trimEnd()} ${next.text}`
      if (next.text !== '' && next.indent <= indent && !closed(text)) fail(next, 'quoted scalar ends outside its block')
    }
    return text.trimEnd()
  }

  /** A literal (`|`) or folded (`>`) block scalar; `-` strips the final newline. */
  function block(header: string, indent: number): string {
    const parts: string[] = []
    let blockIndent = -1
    while (at < lines.length) {
      const line = lines[at]!
      if (line.text !== '' && line.indent <= indent) break
      if (line.text !== '' && blockIndent < 0) blockIndent = line.indent
      // A line of spaces only is content when it reaches past the block's indent (a more-indented blank).
      parts.push(line.text === '' ? (blockIndent >= 0 ? line.raw!.slice(blockIndent) : '') : ' '.repeat(line.indent - blockIndent) + line.text)
      at++
    }
    while (parts.length && parts[parts.length - 1] === '') parts.pop()
    let text: string
    if (header[0] === '|') text = parts.join('\n')
    else {
      text = ''
      // Folding: a break between two plain lines is a space; empty lines are newlines (the break before them is
      // dropped); breaks next to more-indented lines are kept.
      parts.forEach((part, i) => {
        const before = parts[i - 1]
        if (i === 0) text = part
        else if (part === '') text += '\n'
        else if (before === '' && !part.startsWith(' ')) text += part
        else if (part.startsWith(' ') || before!.startsWith(' ') || before === '') text += `\n${part}`
        else text += ` ${part}`
      })
    }
    return header.endsWith('-') ? text : `${text}\n`
  }

  function unquote(text: string, line: Line): string {
    if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'")
    const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0' }
    return text.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/gs, (_, e: string) => {
      if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16))
      if (!(e in ESCAPES)) fail(line, `unknown escape \\${e}`)
      return ESCAPES[e]!
    })
  }

  function scalar(text: string): unknown {
    if (text === '' || text === '~' || text === 'null') return null
    if (text === 'true') return true
    if (text === 'false') return false
    if (/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(text)) return Number(text)
    if (text.startsWith('"') || text.startsWith("'")) return unquote(text, { indent: 0, text, n: 0 })
    return text
  }

  const result = node(0)
  skip()
  if (at < lines.length) fail(lines[at], 'unexpected content')
  return result
}
