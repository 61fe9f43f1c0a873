// Snapshots of queued events. The queue serializes each event once, when it is added, and later sends that
// very text: a change the caller makes to the object afterwards changes nothing, an event that cannot become
// JSON (a BigInt, a cycle, a throwing toJSON) is refused while the caller is still there to hear about it,
// and what is checked is what will be sent, so a `toJSON` or a getter cannot swap in something unchecked.

import type { InputIssue } from '../../core/errors.js'
import { isChecked, itemIssues, utf8Length } from './envelope.js'

/** One event as it will be sent: its JSON text, and that text's length in UTF-8 bytes. */
export interface Snapshot {
  readonly text: string
  readonly bytes: number
}

// Set by `faithfully` when the text JSON.stringify is making is not the object as it stands.
let swapped = false

/** A replacer that changes nothing and notes any value the serializer got that is not the property's own. */
function faithfully(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // `this[key]` is the value before toJSON (or a getter's next answer); NaN differs from itself on purpose.
  if (!swapped && this[key] !== value) swapped = true
  return value
}

/**
 * Serializes `item` once and checks what will be sent. A replacer confirms that the text is the object as
 * it stands: no `toJSON` or getter swapped a value in, no NaN turned into null. If so, checking the object
 * is checking the text, and builders' events, checked when built, are not checked again. If not, the text
 * itself is parsed back and checked. Problems go to `issues`, with paths under `at`; a refused item gives
 * undefined.
 * @example
 * const issues: InputIssue[] = []
 * const snapshot = snapshotOf(event, 'events[0]', issues) // { text: '{"@context":…}', bytes: 612 }
 */
export function snapshotOf(item: unknown, at: string, issues: InputIssue[]): Snapshot | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    issues.push(...itemIssues(item, at))
    return undefined
  }
  let text: string | undefined
  swapped = false
  try {
    text = JSON.stringify(item, faithfully)
  } catch (error) {
    issues.push(unserializable(item, at, error))
    return undefined
  }
  if (typeof text !== 'string') {
    issues.push({ path: at, message: 'cannot be serialized to JSON: its toJSON returns nothing' })
    return undefined
  }
  const found = swapped ? itemIssues(JSON.parse(text), at) : isChecked(item) ? [] : itemIssues(item, at)
  if (found.length) {
    issues.push(...found)
    return undefined
  }
  return { text, bytes: utf8Length(text) }
}

/** The issue for an item JSON.stringify refused, pointing at the culprit inside it when it can be found. */
function unserializable(item: object, at: string, error: unknown): InputIssue {
  let found: Culprit | undefined
  try {
    found = culprit(item, '', at, [])
  } catch {
    // The search is a courtesy: whatever it trips on, the error JSON.stringify gave still explains.
  }
  return { path: found?.path ?? at, message: `cannot be serialized to JSON: ${found?.reason ?? describe(error)}` }
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
      const at = isArray ? `${path}[${k}]` : `${path}.${k}`
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

/** `Name: message` on one short line (a caller's exception text could be anything). */
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
