/**
 * @module core/validation — input checks with valibot: every create/update body is validated before a request is made, and all bad
 * fields are reported at once with their paths.
 */

import type * as v from 'valibot'
import { InputValidationError, type InputIssue } from './errors.js'
import { hideSecretValues } from './redaction.js'
import type * as S from './schema.js'

/** A schema of core/schema.ts or of valibot: both run through `'~run'`. */
export type Schema = v.GenericSchema | S.Schema<any, any>
type Output<T> = T extends S.Schema<any, infer O> ? O : T extends v.GenericSchema ? v.InferOutput<T> : never

/** Runs `schema` on `value` (without valibot's parser): the output, or the issues. */
export function runSchema(schema: Schema, value: unknown): { value: unknown; issues?: readonly S.SchemaIssue[] } {
  return (schema as S.Schema)['~run']({ value }, {})
}

/** `roles.0.org`: the keys of an issue's path. */
export const dotPath = (issue: S.SchemaIssue): string | null => issue.path ? issue.path.map((p) => p.key).join('.') : null

/**
 * Parses `value` with `schema`, or throws InputValidationError whose issues name each bad field.
 * @example parseInput(UserCreateSchema, data, 'users.create', 'user')
 */
export function parseInput<T extends Schema>(schema: T, value: unknown, context: string, root = ''): Output<T> {
  const result = runSchema(schema, value)
  if (!result.issues) return result.value as Output<T>
  const issues: InputIssue[] = result.issues.map((issue) => {
    const dot = dotPath(issue)
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
