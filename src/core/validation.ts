/**
 * @module core/validation — input checks with valibot: every create/update body is validated before a request is made, and all bad
 * fields are reported at once with their paths.
 */

import * as v from 'valibot'
import { InputValidationError, type InputIssue } from './errors.js'
import { hideSecretValues } from './redaction.js'

/** Any valibot schema. */
export type Schema = v.GenericSchema

/**
 * Parses `value` with `schema`, or throws InputValidationError whose issues name each bad field.
 * @example parseInput(UserCreateSchema, data, 'users.create', 'user')
 */
export function parseInput<S extends Schema>(schema: S, value: unknown, context: string, root = ''): v.InferOutput<S> {
  const result = v.safeParse(schema, value)
  if (result.success) return result.output
  const issues: InputIssue[] = result.issues.map((issue) => {
    const dot = v.getDotPath(issue)
    const path = [root, dot].filter(Boolean).join('.')
    const missing = issue.kind === 'schema' && issue.input === undefined
    return { path: path || root || '(root)', message: missing ? 'is required' : issue.message }
  })
  // valibot's messages say what they received: never a password's value.
  throw new InputValidationError(hideSecretValues(issues), context)
}

/** Checks a plain object argument; used where a full schema would be overkill. */
export function requireObject(value: unknown, path: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputValidationError([{ path, message: `must be an object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` }])
  }
  return value as Record<string, unknown>
}
