// The 1EdTech filter grammar (`filter=` query parameter): tokenizer, recursive-descent parser, evaluator.
//
//   expr       := andExpr ( 'OR' andExpr )*          AND binds tighter than OR
//   andExpr    := primary ( 'AND' primary )*
//   primary    := '(' expr ')' | comparison
//   comparison := field op value
//   op         := '=' | '!=' | '~' | '>' | '>=' | '<' | '<=' | '@'
//   value      := 'quoted' ('' escapes a quote) | number | true | false
//
// The tokenizer reads quoted strings whole, so a value such as 'Tom AND Jerry' or 'O''Brien' never
// reaches the AND/OR logic.

export type FilterOp = '=' | '!=' | '~' | '>' | '>=' | '<' | '<=' | '@'

export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'cmp'; readonly field: string; readonly path: readonly string[]; readonly op: FilterOp; readonly values: readonly string[] }

// Bounds that keep a hostile filter cheap: the parser and the compiled predicate recurse once per parenthesis
// level and per comparison, and every comparison runs over the whole collection.
export const MAX_FILTER_LENGTH = 8192
export const MAX_FILTER_COMPARISONS = 100
export const MAX_FILTER_DEPTH = 16

/** A malformed filter; the message names the problem (the router answers 400 with it). */
export class FilterError extends Error {
  constructor(problem: string) {
    super(`Error in filter query: ${problem}`)
    this.name = 'FilterError'
  }
}

type Token =
  | { readonly t: 'str'; readonly v: string; readonly at: number }
  | { readonly t: 'word'; readonly v: string; readonly at: number }
  | { readonly t: 'op'; readonly v: FilterOp; readonly at: number }
  | { readonly t: '(' | ')' | 'AND' | 'OR'; readonly at: number }

const OPS: readonly FilterOp[] = ['!=', '>=', '<=', '=', '>', '<', '~', '@'] // two-char operators first
const WORD = /[A-Za-z0-9_.:+-]/
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/

function tokenize(src: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]!
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue }
    if (c === '(' || c === ')') { out.push({ t: c, at: i }); i++; continue }
    if (c === "'") {
      const at = i
      let v = ''
      i++
      for (;;) {
        if (i >= src.length) throw new FilterError(`unterminated string starting at position ${at}`)
        if (src[i] === "'") {
          if (src[i + 1] === "'") { v += "'"; i += 2; continue }
          i++
          break
        }
        v += src[i]
        i++
      }
      out.push({ t: 'str', v, at })
      continue
    }
    const op = OPS.find((o) => src.startsWith(o, i))
    if (op) { out.push({ t: 'op', v: op, at: i }); i += op.length; continue }
    if (WORD.test(c)) {
      const at = i
      while (i < src.length && WORD.test(src[i]!)) i++
      const v = src.slice(at, i)
      out.push(v === 'AND' || v === 'OR' ? { t: v, at } : { t: 'word', v, at })
      continue
    }
    throw new FilterError(`unexpected character '${c}' at position ${i}`)
  }
  return out
}

/** Parse a filter string into a tree; throws {@link FilterError}. */
export function parseFilter(src: string): FilterNode {
  if (src.length > MAX_FILTER_LENGTH) throw new FilterError(`filter is ${src.length} characters long (at most ${MAX_FILTER_LENGTH})`)
  const tokens = tokenize(src)
  const comparisons = tokens.filter((t) => t.t === 'op').length
  if (comparisons > MAX_FILTER_COMPARISONS) throw new FilterError(`${comparisons} comparisons (at most ${MAX_FILTER_COMPARISONS}; use @ for lists of values)`)
  let depth = 0
  for (const t of tokens) {
    if (t.t === '(' && ++depth > MAX_FILTER_DEPTH) throw new FilterError(`parentheses nested deeper than ${MAX_FILTER_DEPTH} levels at position ${t.at}`)
    if (t.t === ')') depth--
  }
  let pos = 0
  const peek = (): Token | undefined => tokens[pos]
  const describe = (tok: Token | undefined): string =>
    tok === undefined ? 'end of filter' : `'${'v' in tok ? tok.v : tok.t}' at position ${tok.at}`

  function expr(): FilterNode {
    let left = andExpr()
    while (peek()?.t === 'OR') { pos++; left = { kind: 'or', left, right: andExpr() } }
    return left
  }
  function andExpr(): FilterNode {
    let left = primary()
    while (peek()?.t === 'AND') { pos++; left = { kind: 'and', left, right: primary() } }
    return left
  }
  function primary(): FilterNode {
    const tok = peek()
    if (tok?.t === '(') {
      pos++
      const inner = expr()
      if (peek()?.t !== ')') throw new FilterError(`expected ')' but found ${describe(peek())}`)
      pos++
      return inner
    }
    return comparison()
  }
  function comparison(): FilterNode {
    const f = peek()
    if (f?.t !== 'word') throw new FilterError(`expected a field name but found ${describe(f)}`)
    pos++
    if (!FIELD.test(f.v)) throw new FilterError(`invalid field name '${f.v}'`)
    const path = f.v.split('.')
    if (path.length > 2) throw new FilterError(`nested field '${f.v}' is not supported (one level of nesting at most)`)
    const o = peek()
    if (o?.t !== 'op') throw new FilterError(`expected an operator after '${f.v}' but found ${describe(o)}`)
    pos++
    const v = peek()
    let raw: string
    if (v?.t === 'str') raw = v.v
    else if (v?.t === 'word' && (/^-?\d+(\.\d+)?$/.test(v.v) || v.v === 'true' || v.v === 'false')) raw = v.v
    else throw new FilterError(`expected a quoted value after '${f.v}${o.v}' but found ${describe(v)}`)
    pos++
    const values = o.v === '@' ? raw.split(',').map((s) => s.trim()) : [raw]
    return { kind: 'cmp', field: f.v, path, op: o.v, values }
  }

  if (tokens.length === 0) throw new FilterError('empty filter')
  const tree = expr()
  if (pos < tokens.length) throw new FilterError(`expected AND or OR but found ${describe(peek())}`)
  return tree
}

/** Reads the values a field path designates (arrays fan out: any element may match). */
export type FieldResolver = (record: Record<string, unknown>, path: readonly string[]) => unknown[]

export function resolvePath(record: Record<string, unknown>, path: readonly string[]): unknown[] {
  // Fast path for plain fields: filters run over whole collections (100,000 users in benchmarks).
  if (path.length === 1) {
    const v = record[path[0]!]
    return Array.isArray(v) ? v : [v]
  }
  let current: unknown[] = [record]
  for (const key of path) {
    const next: unknown[] = []
    for (const v of current) {
      if (Array.isArray(v)) {
        for (const item of v) if (item && typeof item === 'object') next.push((item as Record<string, unknown>)[key])
      } else if (v && typeof v === 'object') {
        next.push((v as Record<string, unknown>)[key])
      }
    }
    current = next
  }
  return current.flat()
}

const NUMERIC = /^-?\d+(\.\d+)?$/

/** Scalar text of a stored value; a reference object compares as its sourcedId. */
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v && typeof v === 'object' && typeof (v as { sourcedId?: unknown }).sourcedId === 'string') return (v as { sourcedId: string }).sourcedId
  return undefined
}

/** Two numeric-looking values compare as numbers, anything else as strings (ISO dates sort as text). */
export function compareText(a: string, b: string): number {
  if (NUMERIC.test(a) && NUMERIC.test(b)) return Number(a) - Number(b)
  return a < b ? -1 : a > b ? 1 : 0
}

/** `compareText(a, want)` with the constant side analysed once. */
function comparatorTo(want: string): (a: string) => number {
  const byText = (a: string): number => (a < want ? -1 : a > want ? 1 : 0)
  if (!NUMERIC.test(want)) return byText
  const n = Number(want)
  return (a) => (NUMERIC.test(a) ? Number(a) - n : byText(a))
}

/** A comparison with its constant side prepared once (lower-cased, numeric-parsed). */
function matcher(op: FilterOp, values: readonly string[]): (actual: string) => boolean {
  if (op === '~') {
    const needle = values[0]!.toLowerCase()
    return (a) => a.toLowerCase().includes(needle)
  }
  if (op === '@') {
    const each = values.map(comparatorTo)
    return (a) => each.some((cmp) => cmp(a) === 0)
  }
  const cmp = comparatorTo(values[0]!)
  switch (op) {
    case '>': return (a) => cmp(a) > 0
    case '>=': return (a) => cmp(a) >= 0
    case '<': return (a) => cmp(a) < 0
    case '<=': return (a) => cmp(a) <= 0
    default: return (a) => cmp(a) === 0 // '=' and '!=' (negated by the caller)
  }
}

/**
 * Compile a tree into a predicate. A comparison holds when any resolved value satisfies it; `!=` holds
 * when none equals the value (so a missing field is "not equal").
 */
export function compileFilter(node: FilterNode, resolve: FieldResolver = resolvePath): (record: Record<string, unknown>) => boolean {
  if (node.kind !== 'cmp') {
    const l = compileFilter(node.left, resolve), r = compileFilter(node.right, resolve)
    return node.kind === 'and' ? (rec) => l(rec) && r(rec) : (rec) => l(rec) || r(rec)
  }
  const { path, op, values } = node
  const holds = matcher(op, values)
  const any = (rec: Record<string, unknown>): boolean => resolve(rec, path).some((v) => {
    const s = text(v)
    return s !== undefined && holds(s)
  })
  return op === '!=' ? (rec) => !any(rec) : any
}
