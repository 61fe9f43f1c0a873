/**
 * @module services/webhooks/read-envelope — checking a delivery's Caliper envelope, by hand.
 *
 * A receiver runs this on every delivery, often in a Worker that does nothing else, and the check is six
 * string fields and two "string or object" slots: written out it is a few hundred bytes, where the valibot
 * schemas it replaces pulled about 4.7 KB of minified library into a receive-only bundle. The checks are
 * deliberately loose (a receiver should accept fields Timeback adds later): only what every event needs.
 */

import { InputValidationError, type InputIssue } from '../../core/errors.js'
import type { CaliperEnvelope, CaliperEvent } from './events.js'

type Fields = Record<string, unknown>

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null

/** Adds an issue for each of `keys` of `item` that is missing or not a string (or, for `refs`, an object). */
function check(item: Fields, keys: string[], prefix: string, issues: InputIssue[], refs: string[] = []): void {
  for (const key of keys) {
    const ref = refs.includes(key)
    if (!(key in item)) issues.push({ path: prefix + key, message: 'is required' })
    else if (typeof item[key] !== 'string' && !(ref && isObject(item[key]))) {
      issues.push({ path: prefix + key, message: ref ? 'must be an IRI string or an entity object' : 'must be a string' })
    }
  }
}

/**
 * Checks a parsed JSON value is a Caliper envelope and picks out its events (items with an `action`;
 * entities stay in `envelope.data`). Throws InputValidationError naming each bad field. Returns `value`
 * itself (not a copy), typed.
 * @example
 * const { envelope, events } = readEnvelope(JSON.parse(text))
 */
export function readEnvelope(value: unknown): { envelope: CaliperEnvelope; events: CaliperEvent[] } {
  const issues: InputIssue[] = []
  const fail = () => new InputValidationError(issues, 'webhook payload')
  if (!isObject(value)) {
    issues.push({ path: '(root)', message: 'must be a Caliper envelope object' })
    throw fail()
  }
  check(value, ['sensor', 'sendTime', 'dataVersion'], '', issues)
  const data = value.data
  if (!('data' in value)) issues.push({ path: 'data', message: 'is required' })
  else if (!Array.isArray(data)) issues.push({ path: 'data', message: 'must be an array' })
  else {
    data.forEach((item, i) => {
      if (isObject(item)) check(item, ['id', 'type'], `data.${i}.`, issues)
      else issues.push({ path: `data.${i}`, message: 'must be an event or entity object' })
    })
    if (!data.length) issues.push({ path: 'data', message: 'must hold at least one event' })
  }
  if (issues.length) throw fail()

  const events: CaliperEvent[] = []
  ;(data as Fields[]).forEach((item, i) => {
    if (!('action' in item)) return
    const before = issues.length
    // id and type were checked above, for every item.
    check(item, ['actor', 'action', 'object', 'eventTime'], `data.${i}.`, issues, ['actor', 'object'])
    if (issues.length === before) events.push(item as CaliperEvent)
  })
  if (issues.length) throw fail()
  return { envelope: value as unknown as CaliperEnvelope, events }
}
