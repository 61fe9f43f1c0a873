// Assertions on plain JS and Web APIs (no node:assert), so suites run unchanged in Node, Deno, Bun,
// workerd and Chromium. Failures throw AssertionError with both sides as (truncated) JSON in the message.

import type { Assert } from './types.ts'

type Expected = ((e: unknown) => boolean) | RegExp | (abstract new (...args: never[]) => unknown)

export class AssertionError extends Error {
  readonly actual: unknown
  readonly expected: unknown
  constructor(message: string, actual?: unknown, expected?: unknown) {
    super(message)
    this.name = 'AssertionError'
    this.actual = actual
    this.expected = expected
  }
}

const MAX = 1500

/** JSON that survives what JSON.stringify chokes on (bigint, cycles, Map/Set, Errors, undefined). */
export function show(value: unknown, limit = MAX): string {
  const seen = new WeakSet<object>()
  let text: string
  try {
    text = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return `${v}n`
      if (v === undefined) return '<undefined>'
      if (typeof v === 'function') return `<function ${v.name || 'anonymous'}>`
      if (typeof v === 'symbol') return v.toString()
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v)
      if (v && typeof v === 'object') {
        if (seen.has(v)) return '<circular>'
        seen.add(v)
        if (v instanceof Map) return { '<Map>': [...v.entries()] }
        if (v instanceof Set) return { '<Set>': [...v.values()] }
        if (v instanceof Error) return Object.assign({ name: v.name, message: v.message }, v)
        if (v instanceof RegExp) return v.toString()
      }
      return v
    }) ?? String(value)
    // Short values stay on one line; long ones are indented so the two sides can be compared by eye.
    if (text.length > 100) text = JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    text = String(value)
  }
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length - limit} more chars)` : text
}

/** Where two values first differ, as a path like `$.users[3].roles`, or undefined when deep-equal. */
function firstDifference(a: unknown, b: unknown, path: string, seen: WeakMap<object, object>): string | undefined {
  if (Object.is(a, b)) return undefined
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${path}: ${show(a, 200)} !== ${show(b, 200)}`
  }
  if (seen.get(a) === b) return undefined
  seen.set(a, b)
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: different prototypes (${a.constructor?.name} vs ${b.constructor?.name})`
  if (a instanceof Date) return a.getTime() === (b as Date).getTime() ? undefined : `${path}: ${a.toISOString()} !== ${(b as Date).toISOString()}`
  if (a instanceof RegExp) return String(a) === String(b) ? undefined : `${path}: ${a} !== ${b}`
  if (a instanceof Map || a instanceof Set) {
    const ea = [...(a as Map<unknown, unknown>).entries()]
    const eb = [...(b as Map<unknown, unknown>).entries()]
    return firstDifference(ea, eb, `${path}<entries>`, seen)
  }
  if (ArrayBuffer.isView(a) && !(a instanceof DataView)) {
    return firstDifference(Array.from(a as unknown as ArrayLike<unknown>), Array.from(b as unknown as ArrayLike<unknown>), path, seen)
  }
  const isArray = Array.isArray(a)
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (isArray && (a as unknown[]).length !== (b as unknown[]).length) {
    return `${path}: length ${(a as unknown[]).length} !== ${(b as unknown[]).length}`
  }
  for (const key of new Set([...ka, ...kb])) {
    const at = isArray ? `${path}[${key}]` : `${path}.${key}`
    if (!(key in b)) return `${at}: unexpected key (actual has it, expected does not)`
    if (!(key in a)) return `${at}: missing key (expected has it, actual does not)`
    const diff = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], at, seen)
    if (diff) return diff
  }
  return undefined
}

function isClass(fn: Function): boolean {
  if (fn === Error || fn.prototype instanceof Error) return true
  return /^class[\s{]/.test(Function.prototype.toString.call(fn))
}

/** Checks a caught error against `expected`; throws AssertionError on mismatch. */
function check(error: unknown, expected: Expected | undefined, what: string, message?: string): void {
  if (expected === undefined) return
  const prefix = message ? `${message}: ` : ''
  if (expected instanceof RegExp) {
    const text = error instanceof Error ? error.message : String(error)
    if (!expected.test(text)) throw new AssertionError(`${prefix}${what} error message ${show(text, 500)} does not match ${expected}`, error, expected)
    return
  }
  if (typeof expected !== 'function') throw new TypeError('expected must be a guard function, a class or a RegExp')
  if (isClass(expected)) {
    if (!(error instanceof (expected as abstract new (...args: never[]) => unknown))) {
      throw new AssertionError(`${prefix}${what} error is not an instance of ${expected.name}: ${describeError(error)}`, error, expected)
    }
    return
  }
  if ((expected as (e: unknown) => boolean)(error) !== true) {
    throw new AssertionError(`${prefix}${what} error failed the guard ${expected.name || '(anonymous)'}: ${describeError(error)}`, error, expected)
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return show(error, 300)
}

export const assert: Assert = {
  ok(value: unknown, message?: string): asserts value {
    if (!value) throw new AssertionError(message ?? `expected a truthy value, got ${show(value, 300)}`, value, true)
  },
  equal(actual, expected, message) {
    if (!Object.is(actual, expected)) {
      throw new AssertionError(`${message ? `${message}: ` : ''}expected ${show(actual, 500)} to equal ${show(expected, 500)}`, actual, expected)
    }
  },
  notEqual(actual, expected, message) {
    if (Object.is(actual, expected)) throw new AssertionError(`${message ? `${message}: ` : ''}expected a value other than ${show(expected, 500)}`, actual, expected)
  },
  deepEqual(actual, expected, message) {
    const diff = firstDifference(actual, expected, '$', new WeakMap())
    if (diff) {
      throw new AssertionError(
        `${message ? `${message}: ` : ''}not deep-equal; first difference at ${diff}\n  actual:   ${show(actual)}\n  expected: ${show(expected)}`,
        actual,
        expected,
      )
    }
  },
  match(actual, pattern, message) {
    if (typeof actual !== 'string' || !pattern.test(actual)) {
      throw new AssertionError(`${message ? `${message}: ` : ''}${show(actual, 500)} does not match ${pattern}`, actual, pattern)
    }
  },
  doesNotMatch(actual, pattern, message) {
    if (typeof actual !== 'string' || pattern.test(actual)) {
      throw new AssertionError(`${message ? `${message}: ` : ''}${show(actual, 500)} matches ${pattern} but should not`, actual, pattern)
    }
  },
  async rejects(work, expected, message) {
    try {
      await (typeof work === 'function' ? work() : work)
    } catch (e) {
      check(e, expected, 'rejection', message)
      return e
    }
    throw new AssertionError(`${message ? `${message}: ` : ''}expected a rejection, but it resolved`)
  },
  throws(work, expected, message) {
    try {
      work()
    } catch (e) {
      check(e, expected, 'thrown', message)
      return e
    }
    throw new AssertionError(`${message ? `${message}: ` : ''}expected a throw, but it returned`)
  },
  fail(message): never {
    throw new AssertionError(message)
  },
}
