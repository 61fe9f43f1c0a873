// The user's extra headers (client-wide and per call), checked once and lower-cased, so that merging them with
// the SDK's own never leaves two spellings of one header (`Authorization` and `authorization`) for fetch to join.

import { ConfigurationError, InputValidationError, type InputIssue } from '../errors.js'

/** The header the client sets from its credentials; a caller's copy would override or duplicate it. */
const RESERVED = 'authorization'
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
// fetch rejects these in a value; saying so up front beats a "connection failed" that gets retried.
const BAD_VALUE = /[\r\n\0]/

/**
 * Checks `headers` and returns a copy with lower-case names, or the issues found (paths like
 * `headers.Authorization`). Undefined or empty input gives undefined.
 */
function normalize(headers: unknown): { headers?: Record<string, string>; issues: InputIssue[] } {
  const issues: InputIssue[] = []
  if (headers === undefined || headers === null) return { issues }
  if (typeof headers !== 'object' || Array.isArray(headers)) {
    issues.push({ path: 'headers', message: 'must be an object of header names to string values (or a Headers)' })
    return { issues }
  }
  // A Headers object has no own properties: read its entries, or it would be dropped without a word.
  const entries: [string, unknown][] = []
  if (typeof Headers !== 'undefined' && headers instanceof Headers) headers.forEach((value, name) => entries.push([name, value]))
  else entries.push(...Object.entries(headers))
  const out: Record<string, string> = {}
  let count = 0
  for (const [name, value] of entries) {
    const path = `headers.${name}`
    const lower = name.toLowerCase()
    if (!TOKEN.test(name)) issues.push({ path, message: 'is not a valid header name' })
    else if (lower === RESERVED) {
      issues.push({ path, message: 'is set by the client from its credentials; remove it (for a proxy\'s own credentials, use a custom fetch)' })
    } else if (typeof value !== 'string') issues.push({ path, message: `must be a string, got ${value === null ? 'null' : typeof value}` })
    else if (BAD_VALUE.test(value)) issues.push({ path, message: 'must not contain line breaks or NUL' })
    else if (Object.prototype.hasOwnProperty.call(out, lower)) issues.push({ path, message: `is given twice (as ${lower} in another case)` })
    else {
      out[lower] = value
      count++
    }
  }
  return { headers: count ? out : undefined, issues }
}

/**
 * The client's `headers` option, lower-cased; a ConfigurationError naming each bad header otherwise.
 * @example clientHeaders({ 'X-Tenant': 't1' }) // { 'x-tenant': 't1' }
 */
export function clientHeaders(headers: unknown): Record<string, string> | undefined {
  const result = normalize(headers)
  if (result.issues.length) {
    throw new ConfigurationError(`Invalid headers option: ${result.issues.map((i) => `${i.path} ${i.message}`).join('; ')}.`)
  }
  return result.headers
}

/**
 * A call's `headers`, lower-cased; an InputValidationError (before any request) otherwise.
 * @example callHeaders({ 'X-Trace': 'abc' }) // { 'x-trace': 'abc' }
 */
export function callHeaders(headers: unknown): Record<string, string> | undefined {
  const result = normalize(headers)
  if (result.issues.length) throw new InputValidationError(result.issues, 'call options')
  return result.headers
}
