// The OneRoster-style list query (also CASE and PowerPath): `where`/`filter`, `sort`/`orderBy`, `fields`,
// `search`, validated and compiled to query parameters. Kept apart from the paginator so that services with
// another grammar (Caliper) do not carry the where-compiler.

import { InputValidationError, type InputIssue } from './errors.js'
import { checkPaging } from './pagination.js'
import { checkFieldName, whereToFilter, type AnyWhere, type Where } from './where.js'

/**
 * Query options of every list call. `W` is the type of `where`: resources pass `Where<Item>`, so its keys are the
 * item's fields; the default takes any field.
 * @example const params: ListParams<Where<User>> = { where: { status: 'active' }, sort: 'familyName', limit: 50 }
 */
export interface ListParams<W = Where> {
  /** Page size, 1–3000 (Timeback's cap). Default 100 for `list`, 1000 per page for `stream`/`listAll`. */
  limit?: number
  offset?: number
  /** Conditions typed by the item's fields, compiled to `filter` with escaping. */
  where?: W
  /** A raw 1EdTech filter string, sent as is: for what `where` cannot say. Prefer `where`. */
  filter?: string
  sort?: string
  orderBy?: 'asc' | 'desc'
  /** Sparse fieldset: only these fields are returned. */
  fields?: readonly string[] | string
  /** Timeback's free-text search (users, courses, orgs; ignored by the service elsewhere). */
  search?: string
}

/**
 * `stream`/`listAll` also accept a cap on the number of items.
 * @example const params: StreamParams<Where<User>> = { where: { 'roles.role': 'student' }, maxItems: 10_000 }
 */
export interface StreamParams<W = Where> extends ListParams<W> {
  maxItems?: number
}

/** Validates list params and turns them into query parameters (without limit/offset). */
export function compileListQuery(params: StreamParams<unknown> = {}): Record<string, string | undefined> {
  checkPaging(params)
  const issues: InputIssue[] = []
  // The API sorts by one field (OR-12: `sort` is a field name), so a comma is an error like any other bad name.
  if (params.sort !== undefined) checkFieldName(params.sort, 'sort', issues)
  const orderBy: unknown = params.orderBy
  if (orderBy !== undefined && orderBy !== 'asc' && orderBy !== 'desc') {
    issues.push({ path: 'orderBy', message: `must be 'asc' or 'desc', got ${typeof orderBy === 'string' ? JSON.stringify(orderBy.slice(0, 40)) : typeof orderBy}` })
  }
  const fieldList = typeof params.fields === 'string' ? params.fields.split(',').map((f) => f.trim()) : params.fields
  if (fieldList !== undefined) {
    if (!Array.isArray(fieldList) || fieldList.length === 0) issues.push({ path: 'fields', message: 'must be a non-empty list of field names' })
    else for (let i = 0; i < fieldList.length; i++) checkFieldName(fieldList[i], `fields[${i}]`, issues)
  }
  if (params.filter !== undefined && (typeof params.filter !== 'string' || params.filter.trim() === '')) {
    // An empty filter would list everything: the caller asked to filter, so say so rather than widen the query.
    issues.push({ path: 'filter', message: 'must be a non-empty filter string; leave it out to list everything' })
  }
  if (params.where !== undefined && params.filter !== undefined) {
    issues.push({ path: 'where', message: 'pass either where or filter, not both' })
  }
  if (params.search !== undefined && typeof params.search !== 'string') {
    issues.push({ path: 'search', message: 'must be a string' })
  }
  let filter = params.filter
  if (params.where !== undefined) {
    try {
      filter = whereToFilter(params.where as AnyWhere)
    } catch (error) {
      if (!(error instanceof InputValidationError)) throw error
      issues.push(...error.issues) // one error names every bad parameter
    }
  }
  if (issues.length) throw new InputValidationError(issues, 'Invalid list parameters')
  return {
    filter,
    sort: params.sort,
    orderBy: params.orderBy,
    fields: fieldList?.join(','),
    search: params.search,
  }
}

/**
 * `params` with `field` added to a sparse fieldset that lacks it (`stream`/`listAll` need each record's id to drop
 * repeats). Params without `fields`, or with a `fields` value of the wrong type (left for the checks to reject), are
 * returned as they are.
 * @example withListedField({ fields: ['givenName'] }, 'sourcedId') // { fields: ['givenName', 'sourcedId'] }
 */
export function withListedField<P extends { fields?: readonly string[] | string }>(params: P, field: string): P {
  const fields = params?.fields
  if (typeof fields === 'string') {
    return fields.split(',').some((f) => f.trim() === field) ? params : { ...params, fields: `${fields},${field}` }
  }
  if (Array.isArray(fields) && fields.length > 0 && !fields.includes(field)) return { ...params, fields: [...fields, field] }
  return params
}
