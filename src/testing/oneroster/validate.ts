// Request-body checks: the wrapping key, the spec's required fields and the main enums.
import { badRequest } from '../http.js'
import { INTEGER, isObject } from './model.js'
import type { View } from './model.js'

/** The object under `key` (`{ user: {…} }` → `{…}`); 400 naming the key when it is missing. */
export function takeObject(body: unknown, key: string): Record<string, unknown> {
  const v = isObject(body) ? body[key] : undefined
  if (!isObject(v)) throw badRequest(`Request body must be a JSON object with an object '${key}'. Missing required field(s): ${key}`)
  return v
}

/** The array under `key` for bulk routes (`{ results: [...] }`). */
export function takeArray(body: unknown, key: string): Record<string, unknown>[] {
  const v = isObject(body) ? body[key] : undefined
  if (!Array.isArray(v) || v.length === 0 || !v.every(isObject)) {
    throw badRequest(`Request body must be a JSON object with a non-empty array '${key}' of objects. Missing required field(s): ${key}`)
  }
  return v
}

function isMissing(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)
}

/** Names of `required` fields absent from `item` (null, '' and [] count as absent). */
export function missingFields(item: Record<string, unknown>, required: readonly string[]): string[] {
  return required.filter((f) => isMissing(item[f]))
}

function enumProblems(item: Record<string, unknown>, enums: Readonly<Record<string, readonly string[]>>, where: string): string[] {
  const problems: string[] = []
  for (const [key, allowed] of Object.entries(enums)) {
    const check = (v: unknown, at: string): void => {
      if (v === undefined || v === null) return
      if (typeof v !== 'string' || !allowed.includes(v)) {
        problems.push(`${at}: ${JSON.stringify(v)} is not one of ${allowed.map((a) => `'${a}'`).join(', ')}`)
      }
    }
    // 'status': the field; 'grades[]': every element; 'roles[].role': a field of every element.
    const [field, sub] = key.endsWith('[]') ? [key.slice(0, -2), ''] : (key.split('[].') as [string, string | undefined])
    const v = item[field]
    if (sub === undefined) check(v, `${where}.${field}`)
    else if (v === undefined || v === null) continue
    else if (!Array.isArray(v)) problems.push(`${where}.${field} must be an array`)
    else if (sub === '') v.forEach((el, i) => check(el, `${where}.${field}[${i}]`))
    else v.forEach((el, i) => check(isObject(el) ? el[sub] : undefined, `${where}.${field}[${i}].${sub}`))
  }
  return problems
}

function integerProblems(item: Record<string, unknown>, fields: readonly string[], where: string): string[] {
  return fields
    .filter((f) => item[f] !== undefined && !(Number.isInteger(item[f]) || (typeof item[f] === 'string' && INTEGER.test(item[f].trim()))))
    .map((f) => `${where}.${f}: ${JSON.stringify(item[f])} is not an integer (e.g. 2026)`)
}

/**
 * Throw a 400 (or the route's validation status, 422 where the spec says so) naming missing required
 * fields and bad enum values of one body record.
 */
export function checkRecord(item: Record<string, unknown>, view: View, required: readonly string[], where: string, status = 400): void {
  if (item.sourcedId !== undefined && (typeof item.sourcedId !== 'string' || item.sourcedId === '')) {
    throw badRequest(`${where}.sourcedId must be a non-empty string.`, status)
  }
  const missing = missingFields(item, required)
  if (missing.length > 0) throw badRequest(`${where}: missing required field(s): ${missing.join(', ')}`, status)
  const problems = [...enumProblems(item, view.enums ?? {}, where), ...integerProblems(item, view.integers ?? [], where)]
  if (problems.length > 0) throw badRequest(`Invalid value(s): ${problems.join('; ')}`, status)
}
