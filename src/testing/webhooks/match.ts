// Webhook filter matching, as the emulator applies it to each accepted Caliper event.
//
// filterKey is a dotted path into the stored event: `sensor`, `type`, `action`, `actor.email`,
// `object.subject`, `object.app.name`, `generated.items.0.value`. A numeric segment indexes an array; any
// other segment applied to an array looks into every element, so `generated.items.type` reaches each item's
// type. Keys that themselves contain dots cannot be addressed. A path that reaches several values matches
// when any of them does (for eq, gt, contains, in, regexp, …); the negative operations (neq, notContains,
// notIn) match when none of them has the positive property, which includes a missing field.
//
// Values are read per filterType: `string` takes strings, numbers and booleans as text, and an entity object
// by its `id` (Caliper slots hold an entity or its IRI); `number` takes numbers and numeric strings; `boolean`
// takes booleans and 'true'/'false'. Values that do not read as the type never match. Ordering compares
// numbers numerically and strings by code unit (so ISO dates order correctly); booleans do not order.
// `in`/`notIn` take a JSON array or comma-separated items. `regexp` is the whole filterValue, no flags, run by
// the linear-time engine of ./regexp.ts (never `new RegExp` on user input: a pattern must not hang the emulator).
import { compileRegexp, type SafeRegexp } from './regexp.js'
import type { FilterOperation, FilterRecord, FilterType } from './state.js'
import { listItems } from './validate.js'

type Value = string | number | boolean

/** Every value `path` reaches in `root` (arrays fan out). */
export function valuesAt(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root]
  for (const segment of path.split('.')) {
    const next: unknown[] = []
    for (const value of current) {
      if (Array.isArray(value)) {
        if (/^\d+$/.test(segment)) next.push(value[Number(segment)])
        else for (const item of value) next.push(field(item, segment))
      } else {
        next.push(field(value, segment))
      }
    }
    current = next
  }
  // A path ending on an array means its elements (`contains` on a list of tags tests membership).
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined && v !== null)
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined
}

function read(value: unknown, type: FilterType): Value | undefined {
  if (type === 'number') {
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
    return undefined
  }
  if (type === 'boolean') {
    if (typeof value === 'boolean') return value
    return value === 'true' ? true : value === 'false' ? false : undefined
  }
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  const id = field(value, 'id')
  return typeof id === 'string' ? id : undefined
}

function compare(a: Value, b: Value): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  return undefined
}

// Filter records are replaced on update, never edited, so a compiled pattern per record object stays valid.
const compiled = new WeakMap<FilterRecord, SafeRegexp | null>()

/** The filter's compiled pattern; null when the engine refuses it (such a filter never matches). */
function regexOf(filter: FilterRecord): SafeRegexp | null {
  let re = compiled.get(filter)
  if (re === undefined) {
    try {
      re = compileRegexp(filter.filterValue)
    } catch {
      re = null
    }
    compiled.set(filter, re)
  }
  return re
}

type Positive = Exclude<FilterOperation, 'neq' | 'notContains' | 'notIn'>
const NEGATED: Partial<Record<FilterOperation, Positive>> = { neq: 'eq', notContains: 'contains', notIn: 'in' }

function test(op: Positive, actual: Value, filter: FilterRecord): boolean {
  const type = filter.filterType
  if (op === 'in') return listItems(filter.filterValue).some((item) => read(item, type) === actual)
  if (op === 'regexp') return regexOf(filter)?.test(String(actual)) ?? false
  const text = String(actual)
  if (op === 'contains') return text.includes(filter.filterValue)
  if (op === 'startsWith') return text.startsWith(filter.filterValue)
  if (op === 'endsWith') return text.endsWith(filter.filterValue)
  const expected = read(filter.filterValue, type)
  if (expected === undefined) return false
  if (op === 'eq') return actual === expected
  const order = compare(actual, expected)
  if (order === undefined) return false
  return op === 'gt' ? order > 0 : op === 'gte' ? order >= 0 : op === 'lt' ? order < 0 : order <= 0
}

/** True when `filter` holds for `event` (a stored Caliper event). */
export function filterMatches(filter: FilterRecord, event: unknown): boolean {
  const values = valuesAt(event, filter.filterKey)
    .map((v) => read(v, filter.filterType))
    .filter((v): v is Value => v !== undefined)
  const negated = NEGATED[filter.filterOperation]
  const op = negated ?? (filter.filterOperation as Positive)
  const any = values.some((v) => test(op, v, filter))
  return negated ? !any : any
}
