/**
 * @module services/caliper/unserializable — why JSON.stringify refused a value, said so that a caller can fix it: the path of the culprit inside it (a
 * BigInt, a cycle, a toJSON or a getter that threw) instead of the engine's message, which differs between
 * V8, JavaScriptCore and SpiderMonkey and seldom says where the problem is.
 */

import type { InputIssue } from '../../core/errors.js'

/**
 * The issue for a value JSON.stringify refused with `error`, pointing at the culprit inside it when it can
 * be found, with paths under `at`.
 * @example
 * try { JSON.stringify(event) } catch (error) { issues.push(unserializable(event, 'events[3]', error)) }
 * // { path: 'events[3].extensions.score', message: 'cannot be serialized to JSON: a BigInt (…)' }
 */
export function unserializable(item: object, at: string, error: unknown): InputIssue {
  let found: Culprit | undefined
  try {
    found = culprit(item, '', at, [])
  } catch {
    // The search is a courtesy: whatever it trips on, the error JSON.stringify gave still explains.
  }
  return { path: found?.path || at || '(root)', message: `cannot be serialized to JSON: ${found?.reason ?? describe(error)}` }
}

interface Culprit {
  path: string
  reason: string
}

// JSON.stringify itself overflows the stack somewhere past a few thousand levels; the search stops earlier.
const MAX_DEPTH = 500

/** The first value in `value` that JSON.stringify cannot serialize, walking the way it does. */
function culprit(value: unknown, key: string, path: string, ancestors: object[]): Culprit | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    try {
      value = (value as { toJSON(key: string): unknown }).toJSON(key)
    } catch (error) {
      return { path, reason: `its toJSON threw ${describe(error)}` }
    }
  }
  if (typeof value === 'bigint') return { path, reason: 'a BigInt (convert it to a number or a string first)' }
  if (value === null || typeof value !== 'object' || ancestors.length >= MAX_DEPTH) return undefined
  if (ancestors.includes(value)) return { path, reason: 'a circular reference (an object that contains itself)' }
  ancestors.push(value)
  try {
    const isArray = Array.isArray(value)
    for (const k of Object.keys(value)) {
      const at = isArray ? `${path}[${k}]` : path ? `${path}.${k}` : k
      let child: unknown
      try {
        child = (value as Record<string, unknown>)[k]
      } catch (error) {
        return { path: at, reason: `reading it threw ${describe(error)}` }
      }
      const found = culprit(child, k, at, ancestors)
      if (found) return found
    }
  } finally {
    ancestors.pop()
  }
  return undefined
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g

/**
 * `Name: message` of an error on one short line (a caller's exception text could be anything).
 * @example
 * describe(new TypeError('bad\nthing')) // 'TypeError: bad thing'
 */
export function describe(error: unknown): string {
  let text: string
  try {
    // Duck-typed: an error from another realm (an iframe, a vm context) is not `instanceof Error` here.
    const e = error as { name?: unknown; message?: unknown } | null
    text = typeof e === 'object' && e !== null && typeof e.message === 'string'
      ? `${typeof e.name === 'string' ? e.name : 'Error'}: ${e.message}`
      : `a thrown ${e === null ? 'null' : typeof e}`
  } catch {
    text = 'an unreadable error'
  }
  text = text.replace(CONTROL, ' ')
  return text.length > 200 ? `${text.slice(0, 199)}…` : text
}
