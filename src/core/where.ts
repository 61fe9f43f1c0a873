// Compiles a `where` object into the 1EdTech filter string (`role='student' AND grades~'5'`).
// Values are always quoted and escaped, and field names are checked, so user data cannot change the query.
// A condition that would compile to nothing (undefined, {}, an object that is not a plain value) is an error,
// never a dropped clause: dropping it would silently list more than the caller asked for.

import { InputValidationError, type InputIssue } from './errors.js'
import type { AnyWhere, FilterScalar } from './where-types.js'

export type {
  AnyOperators, AnyWhere, DateFieldName, EqualityOperators, FieldCondition, FieldOperators, FilterScalar, OrderedOperators,
  TextOperators, Where, WhereLogic, WherePath, WhereValue,
} from './where-types.js'

/** Levels of AND/OR one `where` may nest. */
export const MAX_WHERE_DEPTH = 8
/** Comparisons one `where` may compile to (an `in` list counts each value). */
export const MAX_WHERE_CLAUSES = 1000
const MAX_ISSUES = 20

const FIELD = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/
const COMPARE: Record<string, string> = { eq: '=', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=', contains: '~' }
const OPERATORS = 'eq, ne, gt, gte, lt, lte, contains, in, notIn'

/** True when `name` is a field name the filter grammar accepts. */
export function isFieldName(name: string): boolean {
  return FIELD.test(name)
}

/**
 * The one field-name check of list queries (`where` keys, `sort`, `fields`): pushes an issue naming `path` and
 * returns false when `value` is not a field name.
 * @example checkFieldName('user.sourcedId', 'sort', issues) // true
 */
export function checkFieldName(value: unknown, path: string, issues: InputIssue[]): value is string {
  if (typeof value === 'string' && FIELD.test(value)) return true
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value) : kindOf(value)
  issues.push({ path, message: `${shown} is not a valid field name (letters, digits and _, starting with a letter, at most one '.', e.g. 'user.sourcedId')` })
  return false
}

const tagOf = (value: unknown): string => Object.prototype.toString.call(value).slice(8, -1)

/** What a value is, for messages: never the value itself, which may be a secret. */
function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value !== 'object') return `a ${typeof value}`
  const tag = tagOf(value)
  return tag === 'Object' ? 'an instance of a class' : `a ${tag}`
}

/** A plain `{}` object, from this realm or another (its prototype is some realm's Object.prototype, or null). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || tagOf(value) !== 'Object') return false
  const proto = Object.getPrototypeOf(value)
  return proto === null || Object.getPrototypeOf(proto) === null
}

/** The time of a Date from any realm; throws when the object only poses as a Date. */
function timeOf(value: object): number {
  try {
    return Date.prototype.getTime.call(value)
  } catch {
    throw new Error('is not a readable Date (it says it is a Date but its time cannot be read)')
  }
}

/**
 * Quotes a value for the filter grammar, doubling single quotes; Dates (from any realm) become ISO strings.
 * @example quoteFilterValue("O'Brien") // "'O''Brien'"
 */
export function quoteFilterValue(value: FilterScalar): string {
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('must be a finite number')
    return String(value)
  }
  if (typeof value === 'boolean') return String(value)
  if (typeof value === 'object' && value !== null && tagOf(value) === 'Date') {
    const time = timeOf(value)
    if (Number.isNaN(time)) throw new Error('is an invalid Date')
    return `'${new Date(time).toISOString()}'`
  }
  if (value === undefined) {
    throw new Error('is undefined: it would match everything; leave the key out, or give a value')
  }
  if (value === null) throw new Error('null cannot be matched by a filter; leave the key out, or give a value')
  throw new Error(`must be a string, number, boolean or Date, got ${kindOf(value)}`)
}

/** Thrown inside the compiler when a hostile `where` is too big to go on; carries the issues so far. */
class TooBig {}

class Compiler {
  readonly issues: InputIssue[] = []
  #clauses = 0

  issue(path: string, message: string): void {
    this.issues.push({ path, message })
    if (this.issues.length >= MAX_ISSUES) throw new TooBig()
  }

  clause(field: string, op: string, value: unknown, path: string): string | undefined {
    if (++this.#clauses > MAX_WHERE_CLAUSES) {
      this.issue(path, `the where has more than ${MAX_WHERE_CLAUSES} comparisons; split the query, or use a raw filter`)
      throw new TooBig()
    }
    try {
      return `${field}${op}${quoteFilterValue(value as FilterScalar)}`
    } catch (error) {
      this.issue(path, (error as Error).message)
      return undefined
    }
  }

  field(field: string, cond: unknown, path: string): string[] {
    if (!checkFieldName(field, path, this.issues)) {
      if (this.issues.length >= MAX_ISSUES) throw new TooBig()
      return []
    }
    if (!isPlainObject(cond)) {
      const c = this.clause(field, '=', cond, path)
      return c ? [c] : []
    }
    const ops = Object.keys(cond)
    if (ops.length === 0) this.issue(path, `is an empty operator object; give one of ${OPERATORS}, or leave the key out`)
    const out: string[] = []
    for (const op of ops) {
      const opPath = `${path}.${op}`
      const value = cond[op]
      if (op === 'in' || op === 'notIn') {
        if (!Array.isArray(value) || value.length === 0) {
          this.issue(opPath, 'must be a non-empty array of values')
          continue
        }
        const parts: string[] = []
        // An index loop, not map(): a hole in the array must be an error too, not a skipped value.
        for (let i = 0; i < value.length; i++) {
          const c = this.clause(field, op === 'in' ? '=' : '!=', value[i], `${opPath}[${i}]`)
          if (c) parts.push(c)
        }
        if (parts.length) out.push(op === 'in' ? group(parts, ' OR ') : parts.join(' AND '))
        continue
      }
      const symbol = COMPARE[op]
      if (!symbol) {
        this.issue(opPath, `unknown operator '${op.slice(0, 40)}' (use ${OPERATORS})`)
        continue
      }
      const c = this.clause(field, symbol, value, opPath)
      if (c) out.push(c)
    }
    return out
  }

  where(where: unknown, path: string, depth: number): string[] {
    if (!isPlainObject(where)) {
      this.issue(path, `must be a plain object of field conditions, got ${kindOf(where)}`)
      return []
    }
    const keys = Object.keys(where)
    if (keys.length === 0) this.issue(path, 'has no conditions: it would match everything; leave it out to list everything')
    const parts: string[] = []
    for (const key of keys) {
      const cond = where[key]
      if (key !== 'OR' && key !== 'AND') {
        parts.push(...this.field(key, cond, `${path}.${key}`))
        continue
      }
      const listPath = `${path}.${key}`
      if (depth >= MAX_WHERE_DEPTH) {
        this.issue(listPath, `AND/OR nest more than ${MAX_WHERE_DEPTH} levels deep`)
        continue
      }
      if (!Array.isArray(cond) || cond.length === 0) {
        this.issue(listPath, 'must be a non-empty array of conditions')
        continue
      }
      const subs: string[] = []
      for (let i = 0; i < cond.length; i++) {
        const sub = this.where(cond[i], `${listPath}[${i}]`, depth + 1)
        if (sub.length) subs.push(group(sub, ' AND '))
      }
      if (subs.length) parts.push(key === 'OR' ? group(subs, ' OR ') : subs.join(' AND '))
    }
    return parts
  }
}

function group(parts: string[], joiner: ' AND ' | ' OR '): string {
  if (parts.length === 1) return parts[0]!
  return `(${parts.join(joiner)})`
}

/**
 * Compiles `where` to a filter string; throws InputValidationError naming every bad path at once (up to 20).
 * @example whereToFilter({ familyName: "O'Brien" }) // "familyName='O''Brien'"
 */
export function whereToFilter(where: AnyWhere): string {
  const compiler = new Compiler()
  let parts: string[] = []
  try {
    parts = compiler.where(where, 'where', 0)
  } catch (error) {
    if (!(error instanceof TooBig)) {
      // A getter or proxy that throws while being read: the condition cannot be compiled.
      compiler.issues.push({ path: 'where', message: `could not be read (${error instanceof Error ? error.name : typeof error})` })
    }
  }
  if (compiler.issues.length || parts.length === 0) {
    if (!compiler.issues.length) compiler.issues.push({ path: 'where', message: 'compiles to no condition' })
    throw new InputValidationError(compiler.issues, 'Invalid where filter')
  }
  // Top-level OR groups are already parenthesised, so a plain AND join keeps precedence right.
  return parts.join(' AND ')
}
