// The 1EdTech list query (limit, offset, sort, orderBy, fields, filter, search) and its list envelope
// (`{ <many>: [...], totalCount, pageCount, pageNumber, offset, limit }`), shared by the services that use them
// (OneRoster today; CASE and PowerPath lists follow the same grammar). Records are plain JSON objects.
import { compileFilter, FilterError, parseFilter, resolvePath } from './filter.js'
import type { FieldResolver } from './filter.js'
import { badRequest, json } from './http.js'

/** A stored record as the list helpers see it: any JSON object. */
type Row = Record<string, unknown>

const MAX_LIMIT = 3000 // Timeback's own cap, declared on every list route of the spec
const DEFAULT_LIMIT = 100
const SORT_FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/

/** What a list route needs to know about the records it lists. */
export interface ListSpec {
  /** Envelope key, e.g. `users`. */
  readonly many: string
  /** Fields `search=` looks in; absent means `search` is ignored (the live API ignores it on classes). */
  readonly search?: readonly string[]
  /** Field aliases for filter/sort, e.g. users' `role` → `roles.role` (OneRoster 1.1 compatibility). */
  readonly aliases?: Readonly<Record<string, readonly string[]>>
}

export interface ListOptions {
  /** Live quirk switch: soft-deleted records keep their page slots but are left out of the page. */
  readonly shortPages: boolean
  /**
   * JSON text per stored record. Records are replaced on write, never changed in place, so a record
   * object's text never goes stale; pages then cost a string join instead of a full stringify.
   */
  readonly jsonCache?: WeakMap<object, string>
}

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name)
  if (raw === null || raw === '') return fallback
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer between ${min} and ${max}`
    throw badRequest(`Invalid value for parameter '${name}': '${raw}' (must be ${range}).`)
  }
  return n
}

/** `fields=a,b` projection; `undefined` when no projection was asked for. */
export function fieldsParam(query: URLSearchParams): readonly string[] | undefined {
  const raw = query.get('fields')
  if (raw === null || raw.trim() === '') return undefined
  return raw.split(',').map((f) => f.trim()).filter(Boolean)
}

export function project(record: Row, fields: readonly string[] | undefined): Record<string, unknown> {
  if (!fields) return record
  const out: Record<string, unknown> = {}
  for (const f of fields) if (f in record) out[f] = record[f]
  return out
}

function resolverFor(spec: ListSpec): FieldResolver {
  const aliases = spec.aliases
  if (!aliases) return resolvePath
  return (record, path) => resolvePath(record, path.length === 1 && aliases[path[0]!] ? aliases[path[0]!]! : path)
}

function searchMatcher(spec: ListSpec, term: string): (e: Row) => boolean {
  const needle = term.toLowerCase()
  const fields = spec.search ?? []
  return (e) => fields.some((f) => {
    const v = e[f]
    return typeof v === 'string' && v.toLowerCase().includes(needle)
  })
}

/**
 * Apply the list parameters to `source` and answer the OneRoster envelope. `source` is never copied
 * unless a filter, search or sort asks for it, so unfiltered pages of large collections stay cheap.
 */
export function listResponse(query: URLSearchParams, spec: ListSpec, source: readonly Row[], options: ListOptions): Response {
  const limit = intParam(query, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT)
  const offset = intParam(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER)
  const fields = fieldsParam(query)
  const resolve = resolverFor(spec)
  let items = source

  const filter = query.get('filter')
  if (filter !== null && filter.trim() !== '') {
    let predicate: (e: Record<string, unknown>) => boolean
    try {
      predicate = compileFilter(parseFilter(filter), resolve)
    } catch (err) {
      if (err instanceof FilterError) throw badRequest(err.message)
      throw err
    }
    items = items.filter(predicate)
  }

  const search = query.get('search')
  if (search !== null && search.trim() !== '' && spec.search) items = items.filter(searchMatcher(spec, search.trim()))

  const sort = query.get('sort')
  const orderBy = query.get('orderBy')
  if (orderBy !== null && orderBy !== '' && orderBy !== 'asc' && orderBy !== 'desc') {
    throw badRequest(`Invalid value for parameter 'orderBy': '${orderBy}' (must be 'asc' or 'desc').`)
  }
  if (sort !== null && sort.trim() !== '') {
    const field = sort.trim()
    if (!SORT_FIELD.test(field)) throw badRequest(`Invalid value for parameter 'sort': '${sort}'.`)
    items = sortBy(items, field.split('.'), orderBy === 'desc' ? -1 : 1, resolve)
  }

  const totalCount = items.length
  let page = items.slice(offset, offset + limit)
  if (options.shortPages) page = page.filter((e) => e.status !== 'tobedeleted')
  const meta = { totalCount, pageCount: Math.ceil(totalCount / limit), pageNumber: Math.floor(offset / limit) + 1, offset, limit }
  const cache = options.jsonCache
  if (fields || !cache) return json({ [spec.many]: fields ? page.map((e) => project(e, fields)) : page, ...meta })
  const parts = page.map((e) => {
    let text = cache.get(e)
    if (text === undefined) {
      text = JSON.stringify(e)
      cache.set(e, text)
    }
    return text
  })
  const body = `{${JSON.stringify(spec.many)}:[${parts.join(',')}],${JSON.stringify(meta).slice(1)}`
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } })
}

type Keyed = { readonly e: Row; readonly i: number; readonly k: string | undefined; readonly n: number | undefined }

const NUMERIC = /^-?\d+(\.\d+)?$/

function keyOf(e: Row, i: number, path: readonly string[], resolve: FieldResolver): Keyed {
  const v = resolve(e, path)[0]
  const k = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined
  return { e, i, k, n: k !== undefined && NUMERIC.test(k) ? Number(k) : undefined }
}

/**
 * Stable sort on a copy, with keys computed once per record (numeric when both sides look numeric,
 * as in filters); records without the field go last whatever the direction.
 */
function sortBy(items: readonly Row[], path: readonly string[], dir: 1 | -1, resolve: FieldResolver): Row[] {
  const keyed = items.map((e, i) => keyOf(e, i, path, resolve))
  keyed.sort((a, b) => {
    if (a.k === undefined || b.k === undefined) return a.k === b.k ? a.i - b.i : a.k === undefined ? 1 : -1
    const c = a.n !== undefined && b.n !== undefined ? a.n - b.n : a.k < b.k ? -1 : a.k > b.k ? 1 : 0
    return c * dir || a.i - b.i
  })
  return keyed.map((x) => x.e)
}
