/**
 * @module services/powerpath/resources/route — one PowerPath call declared as a small table: method, path and the
 * fields it takes. Every call takes one params object; its names are checked against the table before any
 * request, because PowerPath ignores names it does not know (`studentId` where it wants `student` answers
 * "nothing found" instead of an error). Path fields are one percent-encoded segment each; the others go to the
 * query (GET, DELETE) or the JSON body.
 */

import { InputValidationError, ServerError, type InputIssue } from '../../../core/errors.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { operation, type Unwrap } from '../../../core/resource/operation.js'
import type { CallOptions, HttpRequest } from '../../../core/transport/http.js'

/**
 * What a field must hold: `'s'` a non-empty string, `'n'` a finite number, `'b'` a boolean, `'o'` an object,
 * `'a'` an array, `'*'` anything; a list of strings is an enum. Add `?` (or wrap an enum in `opt`) when optional.
 * @example const kind: Kind = 's?'
 */
export type Kind = 's' | 'n' | 'b' | 'o' | 'a' | '*' | 's?' | 'n?' | 'b?' | 'o?' | 'a?' | '*?' | readonly string[] | { opt: readonly string[] }

/**
 * A route's fields by name (path placeholders need no entry: they are required strings unless declared here).
 * @example const fields: Fields = { student: 's', lesson: 's', attempt: '*?' }
 */
export type Fields = Record<string, Kind>

/**
 * An extra check of the whole params object, after the field checks passed; push issues for what is wrong.
 * @example const xpOk: Extra = (p, issues) => { if (p.lessonType === 'test-out' && p.xp === undefined) issues.push({ path: 'xp', message: 'is required' }) }
 */
export type Extra = (params: Record<string, unknown>, issues: InputIssue[]) => void

/**
 * A declared PowerPath call, with what the contract test reads: method, path template and fields.
 * @example await PLACEMENT_ROUTES.getCurrentLevel.call(ctx, { student, subject: 'Math' }, undefined, 'placement.getCurrentLevel')
 */
export interface Route {
  method: HttpRequest['method']
  path: string
  fields: Fields
  call(ctx: ServiceContext, params: unknown, call: CallOptions | undefined, label: string): Promise<any>
}

/**
 * Optional wrapper for an enum.
 * @example route('GET', '/powerpath/test-assignments/admin', { status: opt(ASSIGNMENT_STATUSES) })
 */
/* @__NO_SIDE_EFFECTS__ */
export const opt = (values: readonly string[]): Kind => ({ opt: values })

const NAMES: Record<string, string> = { s: 'a non-empty string', n: 'a number', b: 'true or false', o: 'an object', a: 'an array', '*': 'a value' }

/**
 * `value` as one of `values` (matched case-insensitively; a grade may be a number), or undefined.
 * @example pick(GRADES, 3) // '3'
 */
export const pick = (values: readonly string[], value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? values.find((v) => v.toLowerCase() === String(value).toLowerCase()) : undefined

/** The known name a mistaken one most likely meant: `studentId` → `student`, `Lesson` → `lesson`. */
function meant(name: string, known: string[]): string | undefined {
  const bare = name.toLowerCase().replace(/(sourced)?ids?$/, '')
  return known.find((k) => {
    const other = k.toLowerCase()
    return other === name.toLowerCase() || other === bare || other.replace(/(sourced)?ids?$/, '') === bare
  })
}

/** Checks `value` against `kind`; returns the value to send (an enum's canonical spelling) or pushes an issue. */
function checkField(name: string, kind: Kind, value: unknown, issues: InputIssue[]): unknown {
  const values = Array.isArray(kind) ? kind : (kind as { opt?: readonly string[] }).opt
  const optional = typeof kind === 'string' ? kind.endsWith('?') : !Array.isArray(kind)
  if (value === undefined) {
    if (!optional) issues.push({ path: name, message: 'is required' })
    return value
  }
  if (values) {
    const found = pick(values, value)
    if (found === undefined) issues.push({ path: name, message: `must be one of ${values.join(', ')} (got ${JSON.stringify(value)})` })
    return found
  }
  const k = (kind as string)[0]!
  const ok = k === '*' || (k === 's' ? typeof value === 'string' && value.trim() !== ''
    : k === 'n' ? typeof value === 'number' && Number.isFinite(value)
    : k === 'b' ? typeof value === 'boolean'
    : k === 'a' ? Array.isArray(value)
    : !!value && typeof value === 'object' && !Array.isArray(value))
  if (!ok) issues.push({ path: name, message: `must be ${NAMES[k]}` })
  return value
}

/**
 * Checks a params object against a route's path names and fields; returns the path ids and the rest (checked,
 * enums in their canonical spelling), or throws one InputValidationError naming every bad field.
 * @example checkParams({ student: 's1', subject: 'math' }, [], { student: 's', subject: SUBJECTS }, 'placement.getCurrentLevel') // [{}, { student: 's1', subject: 'Math' }]
 */
export function checkParams(params: unknown, ids: string[], fields: Fields, label: string, extra?: Extra): [Record<string, unknown>, Record<string, unknown>] {
  if (params === undefined && !ids.length) params = {}
  if (!params || typeof params !== 'object' || Array.isArray(params)) {
    throw new InputValidationError([{ path: 'params', message: 'must be an object of named parameters' }], label)
  }
  const input = params as Record<string, unknown>
  const known = [...ids, ...Object.keys(fields)]
  const issues: InputIssue[] = []
  const path: Record<string, unknown> = {}
  const rest: Record<string, unknown> = {}
  for (const name of Object.keys(input)) {
    if (known.includes(name)) continue
    const hint = meant(name, known)
    issues.push({
      path: name,
      message: hint ? `unknown parameter: did you mean ${hint}?` : `unknown parameter (expected ${known.join(', ') || 'none'})`,
    })
  }
  // A path field may be declared too (an enum such as a subject in the path): it is checked as declared.
  for (const id of ids) path[id] = checkField(id, fields[id] ?? 's', input[id], issues)
  for (const name in fields) {
    if (ids.includes(name)) continue
    const value = checkField(name, fields[name]!, input[name], issues)
    if (value !== undefined) rest[name] = value
  }
  if (!issues.length) extra?.(rest, issues)
  if (issues.length) throw new InputValidationError(issues, label)
  return [path, rest]
}

/**
 * The default answer check: an object (a 204's empty body is undefined). A 2xx that is neither is refused.
 * @example route('GET', '/powerpath/syllabus/{courseSourcedId}', {}, object)
 */
export const object: Unwrap<any> = (body, req) => {
  if (body === undefined || (body && typeof body === 'object' && !Array.isArray(body))) return body
  throw new ServerError(`${req.path}: the response is not a JSON object`, { status: 200, method: req.method, url: req.path, body: undefined }, 'invalid_response')
}

/**
 * Declares one call. Express-style paths of the spec (`/placement/:studentId`) are written `{studentId}`.
 * @example
 * // GET /powerpath/placement/getCurrentLevel
 * const getCurrentLevel = route('GET', '/powerpath/placement/getCurrentLevel', { student: 's', subject: SUBJECTS })
 */
/* @__NO_SIDE_EFFECTS__ */
export function route(method: HttpRequest['method'], path: string, fields: Fields = {}, unwrap: Unwrap<any> = object, extra?: Extra): Route {
  const op = operation<any, any>({ method, path, unwrap })
  const ids = path.split('{').slice(1).map((part) => part.slice(0, part.indexOf('}')))
  const inQuery = method === 'GET' || method === 'DELETE'
  const hasFields = Object.keys(fields).some((name) => !ids.includes(name))
  return {
    method, path, fields,
    call: async (ctx, params, call, label) => {
      const [pathIds, rest] = checkParams(params, ids, fields, label, extra)
      // A route without fields sends no query and no body (the spec declares none).
      return op(ctx, { ...pathIds, [inQuery ? 'query' : 'body']: hasFields ? rest : undefined }, call)
    },
  }
}

/**
 * A resource from a table of routes: each name becomes a method `(params, call)`, its errors labelled
 * `<group>.<name>`.
 * @example const placement = bind(ctx, 'placement', PLACEMENT_ROUTES) as PlacementResource
 */
export function bind(ctx: ServiceContext, group: string, routes: Record<string, Route>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const name in routes) out[name] = (params?: unknown, call?: CallOptions) => routes[name]!.call(ctx, params, call, `${group}.${name}`)
  return out
}
