// QTI's page-based listing: `query` (case-insensitive substring of title or identifier), `filter` (the grammar the
// spec describes: =, !=, >, >=, <, <=, ~ joined by AND/OR; parentheses allowed), `sort` from the route's list,
// `order` (asc|desc, default desc), `page` (from 1) and `limit` (default 10), answered as
// `{ items, total, page, pages, limit, sort, order }`. A page past the last one is empty, with the true total.
import { compileFilter, FilterError, parseFilter, type FilterNode } from '../filter.js'
import { json } from '../http.js'
import { InvalidField } from './error.js'

type Row = Record<string, unknown>

export const DEFAULT_LIMIT = 10
export const MAX_LIMIT = 3000

/** What one list route allows. */
export interface ListRules {
  /** `sort` values the spec lists for the route. */
  readonly sorts: readonly string[]
  /**
   * The sort without a `sort` parameter: `createdAt` for the top-level collections; `undefined` keeps document
   * order (test parts, sections), reported as `sort: 'sequence', order: 'asc'`.
   */
  readonly defaultSort?: string
  /** Extra query parameters that narrow the rows (tests: navigationMode, submissionMode). */
  readonly narrow?: (query: URLSearchParams) => ((row: Row) => boolean) | undefined
}

function intParam(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name)
  if (raw === null || raw.trim() === '') return fallback
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new InvalidField(name, `'${name}' must be an integer from 1 to ${max} (got '${raw}').`, 'invalid_number')
  return n
}

function hasIn(node: FilterNode): boolean {
  return node.kind === 'cmp' ? node.op === '@' : hasIn(node.left) || hasIn(node.right)
}

function filterOf(raw: string): (row: Row) => boolean {
  try {
    const tree = parseFilter(raw)
    if (hasIn(tree)) throw new FilterError("the '@' operator is not part of QTI's filter grammar (use =, !=, >, >=, <, <=, ~ with AND/OR)")
    return compileFilter(tree)
  } catch (err) {
    if (err instanceof FilterError) throw new InvalidField('filter', err.message, 'invalid_filter')
    throw err
  }
}

function keyOf(row: Row, field: string): string {
  const v = row[field]
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''
}

/**
 * One page of `rows` (given in document or creation order) as QTI's list envelope.
 *
 * @example
 * return pageOf(ctx.query, [...state.items.values()], { sorts: ['title', 'identifier', 'createdAt'], defaultSort: 'createdAt' })
 */
export function pageOf(query: URLSearchParams, rows: readonly Row[], rules: ListRules): Response {
  const page = intParam(query, 'page', 1, Number.MAX_SAFE_INTEGER)
  const limit = intParam(query, 'limit', DEFAULT_LIMIT, MAX_LIMIT)
  const rawSort = query.get('sort')
  const sort = rawSort === null || rawSort === '' ? rules.defaultSort : rawSort
  if (sort !== undefined && !rules.sorts.includes(sort)) throw new InvalidField('sort', `'sort' must be one of ${rules.sorts.join(', ')} (got '${sort}').`, 'invalid_enum_value')
  const rawOrder = query.get('order')
  const order = rawOrder === null || rawOrder === '' ? (sort === undefined ? 'asc' : 'desc') : rawOrder
  if (order !== 'asc' && order !== 'desc') throw new InvalidField('order', `'order' must be asc or desc (got '${rawOrder}').`, 'invalid_enum_value')

  let out = [...rows]
  const term = query.get('query')?.trim().toLowerCase()
  if (term) out = out.filter((r) => keyOf(r, 'title').toLowerCase().includes(term) || keyOf(r, 'identifier').toLowerCase().includes(term))
  const filter = query.get('filter')
  if (filter !== null && filter.trim() !== '') out = out.filter(filterOf(filter))
  const narrow = rules.narrow?.(query)
  if (narrow) out = out.filter(narrow)
  if (sort !== undefined) {
    // Stable: equal keys keep creation order, so 'desc' lists the newest of a tie first.
    const keyed = out.map((row, i) => ({ row, i, k: keyOf(row, sort) }))
    keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    out = keyed.map((x) => x.row)
  }
  if (order === 'desc') out.reverse()

  const total = out.length
  const start = (page - 1) * limit
  return json({ items: out.slice(start, start + limit), total, page, pages: Math.ceil(total / limit), limit, sort: sort ?? 'sequence', order })
}

/** A closed-list query parameter that narrows a listing (`undefined` when absent). */
export function queryEnum<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const value = query.get(name)
  if (value === null || value === '') return undefined
  if (!(allowed as readonly string[]).includes(value)) throw new InvalidField(name, `'${name}' must be one of ${allowed.join(', ')} (got '${value}').`, 'invalid_enum_value')
  return value as T
}
