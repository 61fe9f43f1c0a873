// Input checks of the webhook routes, answering in each route family's documented error format: webhooks
// reply 400 `{ error, details: [...] }` with Zod-style details, filters reply 400 `{ status: 'error',
// message, errors }`.
import { json } from '../http.js'
import { compileRegexp } from './regexp.js'
import { FILTER_OPERATIONS, FILTER_TYPES, type FilterOperation, type FilterType } from './state.js'

/** One Zod-style detail: `{ code, expected, received, path, message }`. */
export interface Detail {
  code: string
  path: string[]
  message: string
  expected?: string
  received?: string
  options?: readonly string[]
}

const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value)

/** Reads `body[key]` as `type`, recording a detail when it is not one. */
function take(body: Record<string, unknown>, key: string, type: 'string' | 'boolean', details: Detail[], opts: { nullable?: boolean; optional?: boolean } = {}): unknown {
  const value = body[key]
  if (value === undefined && opts.optional) return undefined
  if (value === null && opts.nullable) return null
  if (typeof value === type) return value
  const expected = opts.nullable ? `${type} | null` : type
  details.push({
    code: 'invalid_type', expected, received: kindOf(value), path: [key],
    message: value === undefined ? 'Required' : `Expected ${expected}, received ${kindOf(value)}`,
  })
  return undefined
}

function nonEmpty(value: unknown, key: string, details: Detail[]): void {
  if (value === '') details.push({ code: 'too_small', path: [key], message: 'String must contain at least 1 character(s)' })
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

export interface WebhookFields {
  name: string
  description: string | null
  targetUrl: string
  secret: string
  active: boolean
  sensor: string | null
}

/** Checks a create/update body; `details` is empty when `fields` is usable. */
export function checkWebhook(body: unknown): { fields: WebhookFields; details: Detail[] } {
  const details: Detail[] = []
  const b = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>
  if (b !== body) details.push({ code: 'invalid_type', expected: 'object', received: kindOf(body), path: [], message: 'Expected object' })
  const name = take(b, 'name', 'string', details)
  nonEmpty(name, 'name', details)
  const description = take(b, 'description', 'string', details, { nullable: true })
  const targetUrl = take(b, 'targetUrl', 'string', details)
  if (typeof targetUrl === 'string' && !isHttpUrl(targetUrl)) {
    details.push({ code: 'invalid_string', path: ['targetUrl'], message: 'Invalid url' })
  }
  const secret = take(b, 'secret', 'string', details)
  nonEmpty(secret, 'secret', details)
  const active = take(b, 'active', 'boolean', details)
  const sensor = take(b, 'sensor', 'string', details, { nullable: true, optional: true }) ?? null
  return { fields: { name, description, targetUrl, secret, active, sensor } as WebhookFields, details }
}

export function webhookError(status: number, error: string, details: Detail[] = []): Response {
  return json({ error, details }, status)
}

export interface FilterFields {
  webhookId: string
  filterKey: string
  filterValue: string
  filterType: FilterType
  filterOperation: FilterOperation
  active: boolean
}

export interface FilterIssue {
  path: string[]
  message: string
}

const TEXTUAL: readonly string[] = ['contains', 'notContains', 'startsWith', 'endsWith', 'regexp']

/** Splits an `in`/`notIn` value: a JSON array, or comma-separated items. */
export function listItems(value: string): string[] {
  if (value.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value)
      if (Array.isArray(parsed)) return parsed.map((item) => String(item))
    } catch {
      // Not JSON after all: fall through to the comma form.
    }
  }
  return value.split(',').map((item) => item.trim())
}

function valueIssue(value: string, type: FilterType, op: FilterOperation): string | undefined {
  if (op === 'regexp') {
    try {
      compileRegexp(value)
      return undefined
    } catch (error) {
      return `filterValue is not a valid regular expression for the emulator's linear-time engine: ${(error as Error).message}`
    }
  }
  if (type === 'string' || TEXTUAL.includes(op)) return undefined
  const items = op === 'in' || op === 'notIn' ? listItems(value) : [value]
  const bad = items.find((item) => (type === 'number' ? item.trim() === '' || !Number.isFinite(Number(item)) : item !== 'true' && item !== 'false'))
  return bad === undefined ? undefined : `filterValue '${bad}' is not a valid ${type}`
}

/** Checks a filter create/update body; `issues` is empty when `fields` is usable. */
export function checkFilter(body: unknown): { fields: FilterFields; issues: FilterIssue[] } {
  const details: Detail[] = []
  const b = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>
  if (b !== body) details.push({ code: 'invalid_type', expected: 'object', received: kindOf(body), path: [], message: 'Expected object' })
  for (const key of ['webhookId', 'filterKey']) nonEmpty(take(b, key, 'string', details), key, details)
  take(b, 'filterValue', 'string', details)
  const enumOf = (key: string, options: readonly string[]) => {
    const value = b[key]
    if (typeof value !== 'string' || !options.includes(value)) {
      details.push({ code: 'invalid_enum_value', options, path: [key], message: `Invalid enum value. Expected ${options.map((o) => `'${o}'`).join(' | ')}, received '${String(value)}'` })
    }
  }
  enumOf('filterType', FILTER_TYPES)
  enumOf('filterOperation', FILTER_OPERATIONS)
  take(b, 'active', 'boolean', details)
  const issues: FilterIssue[] = details.map(({ path, message }) => ({ path, message }))
  const { webhookId, filterKey, filterValue, filterType, filterOperation, active } = b as unknown as FilterFields
  const fields: FilterFields = { webhookId, filterKey, filterValue, filterType, filterOperation, active }
  if (issues.length === 0) {
    const problem = valueIssue(filterValue, filterType, filterOperation)
    if (problem) issues.push({ path: ['filterValue'], message: problem })
  }
  return { fields, issues }
}

export function filterError(status: number, message: string, errors: FilterIssue[] | null = null): Response {
  return json({ status: 'error', message, errors }, status)
}
