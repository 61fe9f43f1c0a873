// Regular expressions of webhook filters (`filterOperation: 'regexp'`), run by a small engine whose time is
// linear in the text: the pattern becomes an NFA program that every thread walks in lock-step (Pike's VM), so
// no pattern can backtrack. `new RegExp(userInput)` could: `(a+)+$` or `a*a*a*a*…b` against a long value would
// hang the emulator for hours. The pattern comes from whoever can reach the webhook routes, so it is treated as
// hostile: its length, the size of its program once `{n,m}` copies are expanded, and its nesting are capped.
//
// Supported, with JavaScript's meaning and no flags: literals, `.`, classes `[a-z]` `[^…]`, `\d \D \w \W \s \S`,
// `\b \B`, `^ $`, escapes (`\n \t \xHH \uHHHH \.` …), groups `(…)` `(?:…)` `(?<name>…)`, `|`, and the
// quantifiers `* + ? {n} {n,} {n,m}` (lazy forms accepted: for a yes/no match laziness changes nothing).
// Refused with a message: backreferences and lookaround (they need backtracking).

export const MAX_PATTERN_LENGTH = 512
const MAX_PROGRAM = 2000
const MAX_REPEAT = 100
const MAX_DEPTH = 32

/** A pattern the engine refuses; the message says why and where. */
export class RegexpError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RegexpError'
  }
}

type Pred = (c: number) => boolean
type Anchor = '^' | '$' | 'b' | 'B'
type Node =
  | { readonly k: 'char'; readonly p: Pred }
  | { readonly k: 'seq'; readonly items: readonly Node[] }
  | { readonly k: 'alt'; readonly options: readonly Node[] }
  | { readonly k: 'rep'; readonly node: Node; readonly min: number; readonly max: number }
  | { readonly k: 'assert'; readonly a: Anchor }
type Inst =
  | { readonly op: 'char'; readonly p: Pred }
  | { readonly op: 'split'; x: number; y: number }
  | { readonly op: 'jmp'; x: number }
  | { readonly op: 'assert'; readonly a: Anchor }
  | { readonly op: 'match' }

const isWord: Pred = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95
const isDigit: Pred = (c) => c >= 48 && c <= 57
const isSpace: Pred = (c) =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
const isLineEnd: Pred = (c) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029
const not = (p: Pred): Pred => (c) => !p(c)
const is = (code: number): Pred => (c) => c === code
const QUANTIFIER = /^\{(\d+)(,(\d*))?\}/

/** One class member or escape: its predicate, and its code unit when it is a single character. */
interface Atom { readonly p: Pred; readonly code?: number }

class Parser {
  i = 0
  depth = 0
  constructor(readonly src: string) {}

  fail(problem: string): never {
    throw new RegexpError(`${problem} at position ${this.i}`)
  }

  parse(): Node {
    const node = this.alternation()
    if (this.i < this.src.length) this.fail("unmatched ')'")
    return node
  }

  alternation(): Node {
    const options = [this.sequence()]
    while (this.src[this.i] === '|') {
      this.i++
      options.push(this.sequence())
    }
    return options.length === 1 ? options[0]! : { k: 'alt', options }
  }

  sequence(): Node {
    const items: Node[] = []
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') items.push(this.quantified(this.atom()))
    return { k: 'seq', items }
  }

  quantified(node: Node): Node {
    const c = this.src[this.i]
    let min: number, max: number
    const braces = c === '{' ? QUANTIFIER.exec(this.src.slice(this.i)) : null
    if (c === '*' || c === '+' || c === '?') {
      ;[min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1]
      this.i++
    } else if (braces) {
      min = Number(braces[1])
      max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3])
      if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) this.fail(`repetition count above ${MAX_REPEAT}`)
      if (min > max) this.fail('numbers out of order in {} quantifier')
      this.i += braces[0].length
    } else {
      return node
    }
    if (this.src[this.i] === '?') this.i++ // lazy: same yes/no answer
    if (node.k === 'assert') this.fail('nothing to repeat')
    if ('*+?'.includes(this.src[this.i] ?? 'x') && this.i < this.src.length) this.fail('nothing to repeat')
    return { k: 'rep', node, min, max }
  }

  atom(): Node {
    const c = this.src[this.i]!
    if (c === '(') return this.group()
    if (c === '[') return { k: 'char', p: this.charClass() }
    if (c === '.') { this.i++; return { k: 'char', p: not(isLineEnd) } }
    if (c === '^' || c === '$') { this.i++; return { k: 'assert', a: c } }
    if (c === '*' || c === '+' || c === '?') this.fail('nothing to repeat')
    if (c === '{' && QUANTIFIER.test(this.src.slice(this.i))) this.fail('nothing to repeat')
    if (c === '\\') {
      const next = this.src[this.i + 1]
      if (next === 'b' || next === 'B') { this.i += 2; return { k: 'assert', a: next } }
      return { k: 'char', p: this.escape(false).p }
    }
    this.i++
    return { k: 'char', p: is(c.charCodeAt(0)) }
  }

  group(): Node {
    if (++this.depth > MAX_DEPTH) this.fail(`groups nested deeper than ${MAX_DEPTH}`)
    if (this.src.startsWith('(?:', this.i)) this.i += 3
    else if (/^\(\?<[A-Za-z_$][\w$]*>/.test(this.src.slice(this.i, this.i + 64))) this.i = this.src.indexOf('>', this.i) + 1
    else if (this.src.startsWith('(?', this.i)) this.fail('lookaround and other (? groups are not supported')
    else this.i++
    const inner = this.alternation()
    if (this.src[this.i] !== ')') this.fail("missing ')'")
    this.i++
    this.depth--
    return inner
  }

  charClass(): Pred {
    this.i++
    const negate = this.src[this.i] === '^'
    if (negate) this.i++
    const members: Pred[] = []
    for (;;) {
      if (this.i >= this.src.length) this.fail("missing ']'")
      if (this.src[this.i] === ']') break
      const low = this.classAtom()
      if (this.src[this.i] === '-' && this.i + 1 < this.src.length && this.src[this.i + 1] !== ']') {
        this.i++
        const high = this.classAtom()
        if (low.code === undefined || high.code === undefined) {
          members.push(low.p, is(45), high.p) // `[\d-x]`: JavaScript reads the dash literally
        } else {
          if (low.code > high.code) this.fail('range out of order in character class')
          const [from, to] = [low.code, high.code]
          members.push((c) => c >= from && c <= to)
        }
      } else {
        members.push(low.p)
      }
    }
    this.i++
    const any: Pred = (c) => members.some((p) => p(c))
    return negate ? not(any) : any
  }

  classAtom(): Atom {
    if (this.src[this.i] === '\\') return this.escape(true)
    const code = this.src.charCodeAt(this.i++)
    return { p: is(code), code }
  }

  /** `\…` at `i`: a shorthand class or one code unit. */
  escape(inClass: boolean): Atom {
    this.i++
    if (this.i >= this.src.length) this.fail('\\ at end of pattern')
    const c = this.src[this.i++]!
    const unit = (code: number): Atom => ({ p: is(code), code })
    const hex = (digits: number): Atom => {
      const text = this.src.slice(this.i, this.i + digits)
      if (text.length !== digits || !/^[0-9A-Fa-f]+$/.test(text)) return unit(c.charCodeAt(0)) // `\x` alone is a literal x
      this.i += digits
      return unit(parseInt(text, 16))
    }
    switch (c) {
      case 'd': return { p: isDigit }
      case 'D': return { p: not(isDigit) }
      case 'w': return { p: isWord }
      case 'W': return { p: not(isWord) }
      case 's': return { p: isSpace }
      case 'S': return { p: not(isSpace) }
      case 'n': return unit(10)
      case 'r': return unit(13)
      case 't': return unit(9)
      case 'f': return unit(12)
      case 'v': return unit(11)
      case 'b': return inClass ? unit(8) : this.fail('\\b here')
      case 'x': return hex(2)
      case 'u': return hex(4)
      case 'c': {
        const letter = this.src.charCodeAt(this.i)
        if (!((letter >= 65 && letter <= 90) || (letter >= 97 && letter <= 122))) this.fail('\\c needs a letter')
        this.i++
        return unit(letter % 32)
      }
      case 'k': if (this.src[this.i] === '<') this.fail('backreferences are not supported'); return unit(107)
      default:
        if (c >= '1' && c <= '9') this.fail('backreferences are not supported')
        if (c === '0' && !isDigit(this.src.charCodeAt(this.i))) return unit(0)
        if (c === '0') this.fail('octal escapes are not supported')
        return unit(c.charCodeAt(0)) // `\.`, `\/`, `\-` …: the character itself
    }
  }
}

function compile(root: Node): Inst[] {
  const prog: Inst[] = []
  const push = (inst: Inst): number => {
    if (prog.length >= MAX_PROGRAM) throw new RegexpError(`pattern too large once its repetitions are expanded (over ${MAX_PROGRAM} steps)`)
    prog.push(inst)
    return prog.length - 1
  }
  const emit = (node: Node): void => {
    if (node.k === 'char') push({ op: 'char', p: node.p })
    else if (node.k === 'assert') push({ op: 'assert', a: node.a })
    else if (node.k === 'seq') node.items.forEach(emit)
    else if (node.k === 'alt') {
      const jumps: { x: number }[] = []
      node.options.forEach((option, n) => {
        const last = n === node.options.length - 1
        const split = last ? undefined : (prog[push({ op: 'split', x: 0, y: 0 })] as { x: number; y: number })
        if (split) split.x = prog.length
        emit(option)
        if (!last) jumps.push(prog[push({ op: 'jmp', x: 0 })] as { x: number })
        if (split) split.y = prog.length
      })
      for (const j of jumps) j.x = prog.length
    } else {
      for (let n = 0; n < node.min; n++) emit(node.node)
      if (node.max === Infinity) {
        const split = prog[push({ op: 'split', x: 0, y: 0 })] as { x: number; y: number }
        const loop = prog.length - 1
        split.x = prog.length
        emit(node.node)
        push({ op: 'jmp', x: loop })
        split.y = prog.length
      } else {
        const splits: { y: number }[] = []
        for (let n = node.min; n < node.max; n++) {
          const split = prog[push({ op: 'split', x: 0, y: 0 })] as { x: number; y: number }
          split.x = prog.length
          splits.push(split)
          emit(node.node)
        }
        for (const s of splits) s.y = prog.length
      }
    }
  }
  emit(root)
  push({ op: 'match' })
  return prog
}

/** A compiled pattern. `test` answers like `RegExp#test` without flags, in time linear in `text`. */
export interface SafeRegexp {
  test(text: string): boolean
}

/**
 * Compile `source`, or throw a {@link RegexpError} naming what is refused.
 *
 * @example
 * compileRegexp('^[a-z]+@school\\.example$').test('ada@school.example') // true
 * compileRegexp('(a+)+$').test('a'.repeat(100_000) + 'b') // false, at once
 */
export function compileRegexp(source: string): SafeRegexp {
  if (source.length > MAX_PATTERN_LENGTH) throw new RegexpError(`pattern longer than ${MAX_PATTERN_LENGTH} characters`)
  const prog = compile(new Parser(source).parse())
  return { test: (text) => run(prog, text) }
}

function run(prog: readonly Inst[], text: string): boolean {
  let current = new Int32Array(prog.length)
  let next = new Int32Array(prog.length)
  const seen = new Int32Array(prog.length).fill(-1)
  const stack: number[] = []
  let generation = 0
  const holds = (a: Anchor, pos: number): boolean => {
    if (a === '^') return pos === 0
    if (a === '$') return pos === text.length
    const boundary = (pos > 0 && isWord(text.charCodeAt(pos - 1))) !== (pos < text.length && isWord(text.charCodeAt(pos)))
    return a === 'b' ? boundary : !boundary
  }
  /** Follow the empty moves from `start`; character steps land in `list`. True when a match is reached. */
  const add = (list: Int32Array, count: { n: number }, start: number, pos: number): boolean => {
    stack.push(start)
    while (stack.length > 0) {
      const pc = stack.pop()!
      if (seen[pc] === generation) continue
      seen[pc] = generation
      const inst = prog[pc]!
      if (inst.op === 'match') { stack.length = 0; return true }
      if (inst.op === 'char') list[count.n++] = pc
      else if (inst.op === 'jmp') stack.push(inst.x)
      else if (inst.op === 'split') stack.push(inst.y, inst.x)
      else if (holds(inst.a, pos)) stack.push(pc + 1)
    }
    return false
  }
  let now = { n: 0 }
  if (add(current, now, 0, 0)) return true
  for (let pos = 0; pos < text.length; pos++) {
    const c = text.charCodeAt(pos)
    generation++
    const after = { n: 0 }
    for (let t = 0; t < now.n; t++) {
      const pc = current[t]!
      if ((prog[pc] as { p: Pred }).p(c) && add(next, after, pc + 1, pos + 1)) return true
    }
    if (add(next, after, 0, pos + 1)) return true // a match may also start here
    ;[current, next] = [next, current]
    now = after
  }
  return false
}
