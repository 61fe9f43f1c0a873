/**
 * @module services/caliper/snapshot — snapshots of queued events. The queue serializes each event once, when it is added, and later sends that
 * very text: a change the caller makes to the object afterwards changes nothing, an event that cannot become
 * JSON (a BigInt, a cycle, a throwing toJSON) is refused while the caller is still there to hear about it,
 * and what is checked is what will be sent, so a `toJSON` or a getter cannot swap in something unchecked.
 */

import type { InputIssue } from '../../core/errors.js'
import { builtText, itemIssues, utf8Length } from './envelope.js'
import { unserializable } from './unserializable.js'

/** One event as it will be sent: its JSON text, and that text's length in UTF-8 bytes. */
export interface Snapshot {
  readonly text: string
  readonly bytes: number
}

/**
 * Serializes `item` once and checks what will be sent: the text parsed back, exactly what the service will
 * receive. A builder's event is already that text (checked when built), so it costs nothing here. Problems
 * go to `issues`, with paths under `at`; a refused item gives undefined.
 * @example
 * const issues: InputIssue[] = []
 * const snapshot = snapshotOf(event, 'events[0]', issues) // { text: '{"@context":…}', bytes: 612 }
 */
export function snapshotOf(item: unknown, at: string, issues: InputIssue[]): Snapshot | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    issues.push(...itemIssues(item, at))
    return undefined
  }
  const prepared = builtText(item)
  if (prepared !== undefined) return { text: prepared, bytes: utf8Length(prepared) }
  let text: string | undefined
  try {
    text = JSON.stringify(item)
  } catch (error) {
    issues.push(unserializable(item, at, error))
    return undefined
  }
  if (typeof text !== 'string') {
    issues.push({ path: at, message: 'cannot be serialized to JSON: its toJSON returns nothing' })
    return undefined
  }
  const found = itemIssues(JSON.parse(text), at)
  if (found.length) {
    issues.push(...found)
    return undefined
  }
  return { text, bytes: utf8Length(text) }
}
