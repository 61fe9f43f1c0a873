// Ids are user data. Every id goes into a URL through `buildPath`, which validates and percent-encodes it as
// one path segment, so `a/b`, `?`, `#`, `%` and spaces reach the service as part of the id.

import { InputValidationError } from './errors.js'

/**
 * Validates an id and encodes it as a single path segment.
 * @example encodeId('class 1/a') // 'class%201%2Fa'
 */
export function encodeId(id: unknown, name = 'id'): string {
  if (typeof id !== 'string') {
    throw new InputValidationError([{ path: name, message: `must be a string id, got ${id === null ? 'null' : typeof id}` }])
  }
  if (id === '' || id.trim() === '') {
    throw new InputValidationError([{ path: name, message: 'must not be empty' }])
  }
  if (id === '.' || id === '..') {
    throw new InputValidationError([{ path: name, message: `'${id}' is not a valid id (it would change the URL path)` }])
  }
  try {
    return encodeURIComponent(id)
  } catch {
    throw new InputValidationError([{ path: name, message: 'contains an unpaired surrogate and cannot be encoded' }])
  }
}

/**
 * Compiles a path template once; the returned function fills its `{name}` placeholders with encoded ids
 * (a missing one is an InputValidationError naming it). Operations compile their path on first use, so a
 * call does one pass over the template's parts and no regular expression.
 * @example
 * const memberPath = compilePath('/classes/{classId}/students/{id}')
 * memberPath({ classId: 'c1', id: 'a/b' }) // '/classes/c1/students/a%2Fb'
 */
export function compilePath(template: string): (ids?: Record<string, unknown>) => string {
  // Odd indexes hold placeholder names, even ones the literal text around them.
  const parts = template.split(/\{([A-Za-z0-9_]+)\}/)
  return (ids = {}) => {
    let path = parts[0]!
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i]!
      if (!(name in ids)) throw new InputValidationError([{ path: name, message: 'is required' }])
      path += encodeId(ids[name], name) + parts[i + 1]!
    }
    return path
  }
}

/**
 * Fills `{name}` placeholders of a path template with encoded ids.
 * @example buildPath('/classes/{classId}/students', { classId: 'c1' }) // '/classes/c1/students'
 */
export function buildPath(template: string, ids: Record<string, unknown> = {}): string {
  return compilePath(template)(ids)
}
