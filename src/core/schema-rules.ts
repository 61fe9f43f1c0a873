/**
 * @module core/schema-rules — valibot's issue wording, and the rules and transformations `pipe` runs (length,
 * pattern, email, finite, custom checks, transforms), for core/schema.ts, which re-exports them.
 */

import type { Action, Dataset, SchemaIssue } from './schema.js'

/** valibot's way of naming a received value: `"text"`, `5`, `Array`, `null`, `undefined`. */
export const describe = (input: unknown): string => {
  const type = typeof input
  if (type === 'string') return `"${input as string}"`
  if (type === 'number' || type === 'bigint' || type === 'boolean') return `${input as number}`
  if (type === 'object' || type === 'function') return (input && Object.getPrototypeOf(input)?.constructor?.name) ?? 'null'
  return type
}

/**
 * Records an issue on `d` (valibot's wording unless `message` is given: `Received …` alone when nothing is
 * expected); a schema issue leaves `d` untyped.
 */
export function fail(
  d: Dataset, kind: SchemaIssue['kind'], label: string, expected: string, message?: string, received = describe(d.value),
): Dataset {
  const text = message ?? `Invalid ${label}: ${expected ? `Expected ${expected} but r` : 'R'}eceived ${received}`
  ;(d.issues ??= []).push({ kind, input: d.value, message: text })
  if (kind === 'schema') d.typed = false
  return d
}

const rule = (test: (value: any) => boolean, message: string | undefined, label: string, expected: string, received?: (value: any) => string): Action => ({
  kind: 'validation',
  '~run': (d) => (d.typed && !test(d.value) ? fail(d, 'validation', label, expected, message, received?.(d.value)) : d),
})

/** @example minLength(1, 'must not be empty') */
export const minLength = /* @__NO_SIDE_EFFECTS__ */ (n: number, message: string): Action =>
  rule((x: { length: number }) => x.length >= n, message, 'length', `>=${n}`, (x: { length: number }) => `${x.length}`)
/** @example regex(/^\d{4}-\d{2}-\d{2}/, 'must be an ISO date (YYYY-MM-DD…)') */
export const regex = /* @__NO_SIDE_EFFECTS__ */ (pattern: RegExp, message: string): Action => rule((x: string) => pattern.test(x), message, 'format', `${pattern}`)
/** @example email('must be an email address') */
export const email = /* @__NO_SIDE_EFFECTS__ */ (message: string): Action =>
  rule((x: string) => /^[\w+-]+(?:\.[\w+-]+)*@[\da-zA-Z]+(?:[.-][\da-zA-Z]+)*\.[a-zA-Z]{2,}$/u.test(x), message, 'email', '')
/** Replaces a checked value. @example transform(String) */
export const transform = /* @__NO_SIDE_EFFECTS__ */ <I, O>(to: (value: I) => O): Action<O> => ({
  kind: 'transformation',
  '~run': (d) => ((d.value = to(d.value as I)), d),
})
/** A rule of your own: `message` when `requirement` says no. @example check(isHttpUrl, 'must be an absolute http(s) URL') */
export const check = /* @__NO_SIDE_EFFECTS__ */ <T>(requirement: (value: T) => boolean, message: string): Action => rule(requirement, message, 'input', '')
/** Not NaN nor ±Infinity. @example pipe(number(), finite('must be a finite number')) */
export const finite = /* @__NO_SIDE_EFFECTS__ */ (message?: string): Action => rule(Number.isFinite, message, 'finite', '')

/** A step into an object's key, as valibot spells it (only `key` is read here). */
export interface ObjectPathItem {
  type: 'object'
  origin: 'value'
  input: Record<string, unknown>
  key: string
  value: unknown
}
/** What a `rawTransform` action is handed: the checked value, a way to report a problem, and `NEVER` to return with it. */
export interface RawTransformContext<I> {
  dataset: { value: I }
  /** Reports an issue (kind `transformation`; default message `Invalid input: Received …`); the output is then dropped. */
  addIssue(info: { message?: string; path?: [ObjectPathItem, ...ObjectPathItem[]] }): void
  NEVER: never
}
/**
 * Replaces a checked value, or reports issues instead (valibot's `rawTransform`, same context shape, so one
 * function serves both).
 * @example rawTransform(({ dataset, addIssue, NEVER }) => dataset.value.n > 0 ? dataset.value : (addIssue({ message: 'must be positive' }), NEVER))
 */
export const rawTransform = /* @__NO_SIDE_EFFECTS__ */ <I, O>(action: (context: RawTransformContext<I>) => O): Action<O> => ({
  kind: 'transformation',
  '~run': (d) => {
    const output = action({
      dataset: d as { value: I },
      addIssue: (info) => void (fail(d, 'transformation', 'input', '', info.message).issues!.at(-1)!.path = info.path),
      NEVER: null as never,
    })
    if (d.issues) d.typed = false
    else d.value = output
    return d
  },
})
