// Snapshots of queued events. The queue serializes each event once, when it is added, and later sends that
// very text: a change the caller makes to the object afterwards changes nothing, an event that cannot become
// JSON (a BigInt, a cycle, a throwing toJSON) is refused while the caller is still there to hear about it,
// and what is checked is what will be sent, so a `toJSON` or a getter cannot swap in something unchecked.

import type { InputIssue } from '../../core/errors.js'
import { isChecked, itemIssues, utf8Length } from './envelope.js'
import { unserializable } from './unserializable.js'

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
 * Serializes `item` once and checks what will be sent. Any event is checked as its text parsed back, exactly
 * what the service will receive, except builders' events, checked when built: for those, a replacer
 * confirms the text is the object as it stands (no `toJSON` or getter swapped a value in, no NaN turned into
 * null), which spares checking them again; when it is not, their text is checked too. Problems go to
 * `issues`, with paths under `at`; a refused item gives undefined.
 * @example
 * const issues: InputIssue[] = []
 * const snapshot = snapshotOf(event, 'events[0]', issues) // { text: '{"@context":…}', bytes: 612 }
 */
export function snapshotOf(item: unknown, at: string, issues: InputIssue[]): Snapshot | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    issues.push(...itemIssues(item, at))
    return undefined
  }
  const trusted = isChecked(item)
  let text: string | undefined
  // Saved and restored: a getter or toJSON may itself snapshot something (queue.add from inside a getter).
  const outer = swapped
  swapped = false
  let faithful = true
  try {
    text = trusted ? JSON.stringify(item, faithfully) : JSON.stringify(item)
  } catch (error) {
    issues.push(unserializable(item, at, error))
    return undefined
  } finally {
    faithful = !swapped
    swapped = outer
  }
  if (typeof text !== 'string') {
    issues.push({ path: at, message: 'cannot be serialized to JSON: its toJSON returns nothing' })
    return undefined
  }
  const found = trusted && faithful ? [] : itemIssues(JSON.parse(text), at)
  if (found.length) {
    issues.push(...found)
    return undefined
  }
  return { text, bytes: utf8Length(text) }
}
