// Compiles a `where` object into the 1EdTech filter string (`role='student' AND grades~'5'`).
// Values are always quoted and escaped, and field names are checked, so user data cannot change the query.

import { InputValidationError, type InputIssue } from './errors.js'

export type FilterScalar = string | number | boolean | Date

/** Operators for one field; several in one object are joined with AND. */
export interface FieldOperators {
  eq?: FilterScalar
  ne?: FilterScalar
  gt?: FilterScalar
  gte?: FilterScalar
  lt?: FilterScalar
  lte?: FilterScalar
  /** Case-insensitive substring (`~`). */
  contains?: FilterScalar
  in?: readonly FilterScalar[]
  notIn?: readonly FilterScalar[]
}

export type FieldCondition = FilterScalar | FieldOperators

/**
 * Conditions by field (one level of dots allowed: `user.sourcedId`), plus `OR` / `AND` lists of sub-conditions.
 * @example { role: 'student', dateLastModified: { gte: new Date('2026-01-01') }, OR: [{ grades: '5' }, { grades: '6' }] }
 */
export type Where = { [field: string]: FieldCondition | readonly Where[] | undefined } & {
  OR?: readonly Where[]
  AND?: readonly Where[]
}

const FIELD = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/
const COMPARE: Record<string, string> = { eq: '=', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=', contains: '~' }

/** True when `name` is a field name the filter grammar accepts. */
export function isFieldName(name: string): boolean {
  return FIELD.test(name)
}

/** Quotes a value for the filter grammar, doubling single quotes. */
export function quoteFilterValue(value: FilterScalar): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error('invalid date')
    return `'${value.toISOString()}'`
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('number must be finite')
    return String(value)
  }
  if (typeof value === 'boolean') return String(value)
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`
  throw new Error(`unsupported value type ${value === null ? 'null' : typeof value}`)
}

function clause(field: string, op: string, value: FilterScalar, path: string, issues: InputIssue[]): string | undefined {
  try {
    return `${field}${op}${quoteFilterValue(value)}`
  } catch (error) {
    issues.push({ path, message: (error as Error).message })
    return undefined
  }
}

function group(parts: string[], joiner: ' AND ' | ' OR '): string {
  if (parts.length === 1) return parts[0]!
  return `(${parts.join(joiner)})`
}

function compileField(field: string, cond: FieldCondition, path: string, issues: InputIssue[]): string[] {
  if (!isFieldName(field)) {
    issues.push({
      path,
      message: `'${field}' is not a valid field name (letters, digits, _ and at most one '.' allowed, e.g. 'user.sourcedId')`,
    })
    return []
  }
  if (cond === null) {
    issues.push({ path, message: 'null cannot be matched by a filter; omit the field or use a value' })
    return []
  }
  if (typeof cond !== 'object' || cond instanceof Date) {
    const c = clause(field, '=', cond, path, issues)
    return c ? [c] : []
  }
  const out: string[] = []
  for (const [op, value] of Object.entries(cond)) {
    if (value === undefined) continue
    const opPath = `${path}.${op}`
    if (op === 'in' || op === 'notIn') {
      if (!Array.isArray(value) || value.length === 0) {
        issues.push({ path: opPath, message: 'must be a non-empty array' })
        continue
      }
      const parts = value
        .map((v, i) => clause(field, op === 'in' ? '=' : '!=', v as FilterScalar, `${opPath}[${i}]`, issues))
        .filter((p): p is string => p !== undefined)
      if (parts.length) out.push(op === 'in' ? group(parts, ' OR ') : parts.join(' AND '))
      continue
    }
    const symbol = COMPARE[op]
    if (!symbol) {
      issues.push({ path: opPath, message: `unknown operator '${op}' (use eq, ne, gt, gte, lt, lte, contains, in, notIn)` })
      continue
    }
    const c = clause(field, symbol, value as FilterScalar, opPath, issues)
    if (c) out.push(c)
  }
  return out
}

function compileWhere(where: Where, path: string, issues: InputIssue[]): string[] {
  if (!where || typeof where !== 'object' || Array.isArray(where)) {
    issues.push({ path, message: 'must be an object of field conditions' })
    return []
  }
  const parts: string[] = []
  for (const [key, cond] of Object.entries(where)) {
    if (cond === undefined) continue
    if (key === 'OR' || key === 'AND') {
      if (!Array.isArray(cond) || cond.length === 0) {
        issues.push({ path: `${path}.${key}`, message: 'must be a non-empty array of conditions' })
        continue
      }
      const subs = (cond as Where[])
        .map((sub, i) => compileWhere(sub, `${path}.${key}[${i}]`, issues))
        .filter((p) => p.length > 0)
        .map((p) => group(p, ' AND '))
      if (subs.length) parts.push(key === 'OR' ? group(subs, ' OR ') : subs.join(' AND '))
      continue
    }
    parts.push(...compileField(key, cond as FieldCondition, `${path}.${key}`, issues))
  }
  return parts
}

/**
 * Compiles `where` to a filter string; throws InputValidationError naming every bad field at once.
 * @example whereToFilter({ familyName: "O'Brien" }) // "familyName='O''Brien'"
 */
export function whereToFilter(where: Where): string | undefined {
  const issues: InputIssue[] = []
  const parts = compileWhere(where, 'where', issues)
  if (issues.length) throw new InputValidationError(issues, 'Invalid where filter')
  if (parts.length === 0) return undefined
  // Top-level OR groups are already parenthesised, so a plain AND join keeps precedence right.
  return parts.join(' AND ')
}
