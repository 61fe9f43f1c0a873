/**
 * @module core/schema — the few input-schema builders the services' write checks use (string, number, boolean,
 * picklist, objects, arrays, records, unions, optional/nullable, pipes with length, pattern, email, finite and
 * custom rules, transformations), with valibot's names, paths, messages and outputs, in about a tenth of its
 * bytes in a bundle. Schemas run through the same `'~run'` protocol as valibot's, so `parseInput` takes either
 * kind. Why not valibot itself: every OneRoster entry carried ~8.5 KB of its minified code for these checks, the
 * Webhooks client ~6 KB (test/node/schema-checks.test.ts proves the two agree on paths, messages and outputs).
 */

import { describe, fail } from './schema-rules.js'
export { check, email, finite, minLength, rawTransform, regex, transform, type RawTransformContext } from './schema-rules.js'

/** One problem found: `path` keys lead from the root to the bad value; `input` is the value found there. */
export interface SchemaIssue {
  kind: 'schema' | 'validation' | 'transformation'
  input: unknown
  message: string
  path?: { key: string | number }[]
}

/** What a check passes along: the value so far, whether it has the schema's type, and the issues. */
export interface Dataset {
  value: unknown
  typed?: boolean
  issues?: SchemaIssue[]
}

/** A schema taking input `I` to output `O`; `optional` marks keys an object may omit. */
export interface Schema<I = unknown, O = I> {
  readonly kind: 'schema'
  readonly '~run': (dataset: Dataset, config: object) => Dataset
  readonly optional?: boolean
  readonly default?: unknown
  readonly entries?: Entries
  /** What the schema expects, in valibot's words (`string`, `Array`, `(string | number)`): a union's default message names it. */
  readonly expects?: string
  readonly '~types'?: { readonly input: I; readonly output: O }
}
/** A rule or a transformation inside `pipe`. */
export interface Action<O = unknown> {
  readonly kind: 'validation' | 'transformation'
  readonly '~run': (dataset: Dataset, config: object) => Dataset
  readonly '~out'?: O
}
/** The schemas of an object's keys. */
export type Entries = Record<string, Schema<any, any>>
/** The input type a schema accepts. */
export type InferInput<S> = S extends Schema<infer I, any> ? I : never
/** The output type a schema gives. */
export type InferOutput<S> = S extends Schema<any, infer O> ? O : never

type Flat<T> = { [K in keyof T]: T[K] } & {}
type OptionalKeys<E extends Entries> = { [K in keyof E]: E[K] extends { optional: true } ? K : never }[keyof E]
type ObjectInput<E extends Entries> = Flat<
  { [K in Exclude<keyof E, OptionalKeys<E>>]: InferInput<E[K]> } & { [K in OptionalKeys<E>]?: InferInput<E[K]> }
>
type ObjectOutput<E extends Entries> = Flat<
  { [K in Exclude<keyof E, OptionalKeys<E>>]: InferOutput<E[K]> } & { [K in OptionalKeys<E>]?: InferOutput<E[K]> }
>

/** Moves a child's issues under `key` into `d`; answers the child's value. */
function adopt(d: Dataset, key: string | number, child: Dataset): unknown {
  for (const issue of child.issues ?? []) {
    ;(issue.path ??= []).unshift({ key })
    ;(d.issues ??= []).push(issue)
  }
  if (!child.typed) d.typed = false
  return child.value
}

/** valibot's `(a | b)` of what each option expects: `a` alone for one, `never` for none. */
function either(expects: readonly (string | undefined)[]): string {
  const list = [...new Set(expects)]
  return list.length > 1 ? `(${list.join(' | ')})` : list[0] ?? 'never'
}

/** Keys copied from input to output: own ones, never one that could reach a prototype. */
const copyable = (input: object, key: string) =>
  Object.hasOwn(input, key) && key !== '__proto__' && key !== 'prototype' && key !== 'constructor'

const schema = <I, O = I>(run: (d: Dataset) => Dataset, extra?: object): Schema<I, O> =>
  ({ ...extra, kind: 'schema', '~run': run }) as Schema<I, O>

/** Checks the value's type; a container then builds its output with `fill` (which adopts its children's issues). */
const typeCheck = <T>(
  test: (value: any) => boolean, expects: string, message?: string, fill?: (d: Dataset, input: any) => unknown, extra?: object,
) =>
  schema<T>((d) => {
    if (!test(d.value)) return fail(d, 'schema', 'type', expects, message)
    d.typed = true
    if (fill) d.value = fill(d, d.value)
    return d
  }, { ...extra, expects })

const isObject = (value: unknown) => !!value && typeof value === 'object'

// Every builder is marked free of side effects: a module-level schema that nothing uses (the client's checks in
// a bundle that only receives webhooks) is dropped by the consumer's bundler.
/** @example string('must be a string') */
export const string = /* @__NO_SIDE_EFFECTS__ */ (message?: string): Schema<string> =>
  typeCheck((x) => typeof x === 'string', 'string', message)
/** @example number() */
export const number = /* @__NO_SIDE_EFFECTS__ */ (message?: string): Schema<number> =>
  typeCheck((x) => typeof x === 'number' && !Number.isNaN(x), 'number', message)
/** @example boolean() */
export const boolean = /* @__NO_SIDE_EFFECTS__ */ (message?: string): Schema<boolean> =>
  typeCheck((x) => typeof x === 'boolean', 'boolean', message)
/** Anything. @example record(string(), unknown()) */
export const unknown = /* @__NO_SIDE_EFFECTS__ */ (): Schema<unknown> => schema((d) => ((d.typed = true), d))

/** @example picklist(['active', 'tobedeleted'], "must be 'active' or 'tobedeleted'") */
/* @__NO_SIDE_EFFECTS__ */
export function picklist<const T extends readonly string[]>(options: T, message?: string): Schema<T[number]> {
  return typeCheck((x) => options.includes(x as string), either(options.map(describe)), message)
}

/** `undefined` passes (or becomes `fallback`); anything else goes to `wrapped`. @example optional(string()) */
/* @__NO_SIDE_EFFECTS__ */
export function optional<S extends Schema<any, any>, const D extends InferOutput<S> | undefined = undefined>(
  wrapped: S, fallback?: D,
): Schema<InferInput<S> | undefined, D extends undefined ? InferOutput<S> | undefined : InferOutput<S>> & { optional: true } {
  return schema((d) => {
    if (d.value === undefined) d.value = fallback
    return d.value === undefined ? ((d.typed = true), d) : wrapped['~run'](d, {})
  }, { optional: true, default: fallback }) as never
}

/** `null` passes; anything else goes to `wrapped`. @example nullable(string()) */
/* @__NO_SIDE_EFFECTS__ */
export function nullable<S extends Schema<any, any>>(wrapped: S): Schema<InferInput<S> | null, InferOutput<S> | null> {
  return schema((d) => (d.value === null ? ((d.typed = true), d) : wrapped['~run'](d, {})))
}

/** @example array(string()) */
/* @__NO_SIDE_EFFECTS__ */
export function array<S extends Schema<any, any>>(item: S, message?: string): Schema<InferInput<S>[], InferOutput<S>[]> {
  return typeCheck<any>(Array.isArray, 'Array', message, (d, input: unknown[]) =>
    input.map((value, key) => adopt(d, key, item['~run']({ value }, {}))))
}

function objectOf(entries: Entries, loose: boolean, message?: string): Schema<any, any> {
  return typeCheck(isObject, 'Object', message, (d, input: Record<string, unknown>) => {
    const out: Record<string, unknown> = {}
    for (const key in entries) {
      const entry = entries[key]!
      if (key in input || entry.default !== undefined) out[key] = adopt(d, key, entry['~run']({ value: input[key] }, {}))
      // `Invalid key: Expected "name" but received undefined`, at the key
      else if (!entry.optional) adopt(d, key, fail({ value: undefined }, 'schema', 'key', `"${key}"`))
    }
    if (loose) {
      for (const key in input) {
        if (copyable(input, key) && !Object.hasOwn(entries, key)) out[key] = input[key]
      }
    }
    return out
  }, { entries })
}

/** Checks the listed keys and drops the others. @example object({ name: string() }) */
export const object = /* @__NO_SIDE_EFFECTS__ */ <E extends Entries>(entries: E, message?: string): Schema<ObjectInput<E>, ObjectOutput<E>> & { entries: E } =>
  objectOf(entries, false, message) as never

/** Checks the listed keys and keeps the others as they are. @example looseObject({ sourcedId: string() }) */
export const looseObject = /* @__NO_SIDE_EFFECTS__ */ <E extends Entries>(entries: E, message?: string): Schema<
  ObjectInput<E> & { [key: string]: unknown }, ObjectOutput<E> & { [key: string]: unknown }
> & { entries: E; loose: true } => ({ ...objectOf(entries, true, message), loose: true }) as never

/** The same object schema with every key optional. @example partial(looseObject({ title: string() })) */
/* @__NO_SIDE_EFFECTS__ */
export function partial<S extends Schema<any, any> & { entries: Entries }>(of: S): Schema<
  Partial<InferInput<S>>, Partial<InferOutput<S>>
> & { entries: Entries } {
  const entries: Entries = {}
  for (const key in of.entries) entries[key] = optional(of.entries[key]!)
  return objectOf(entries, 'loose' in of, undefined) as never
}

/** Every key checked by `value` (keys are strings already). @example record(string(), unknown()) */
/* @__NO_SIDE_EFFECTS__ */
export function record<V extends Schema<any, any>>(_key: Schema<string>, value: V): Schema<
  Record<string, InferInput<V>>, Record<string, InferOutput<V>>
> {
  return typeCheck<any>(isObject, 'Object', undefined, (d, input: Record<string, unknown>) => {
    const out: Record<string, unknown> = {}
    for (const key in input) if (copyable(input, key)) out[key] = adopt(d, key, value['~run']({ value: input[key] }, {}))
    return out
  })
}

/**
 * The first option that passes wins. Otherwise, as valibot: when exactly one option had the value's type (and
 * broke a rule, such as `pipe(number(), finite())` on Infinity), or when none had it and there is one option,
 * that option's own issues answer; else the union's `message` (default `Invalid type: Expected (a | b) but
 * received …`), the value still typed when some option had its type.
 * @example union([boolean(), picklist(['true', 'false'])], 'must be true/false')
 */
/* @__NO_SIDE_EFFECTS__ */
export function union<const S extends readonly Schema<any, any>[]>(options: S, message?: string): Schema<
  InferInput<S[number]>, InferOutput<S[number]>
> {
  const expects = either(options.map((option) => option.expects))
  return schema((d) => {
    const typed: Dataset[] = []
    const untyped: Dataset[] = []
    for (const option of options) {
      const result = option['~run']({ value: d.value }, {})
      if (result.typed && !result.issues) return result
      ;(result.typed ? typed : untyped).push(result)
    }
    const answers = typed[0] ? typed : untyped
    if (answers.length === 1) return answers[0]!
    fail(d, 'schema', 'type', expects, message)
    d.typed = !!typed[0]
    return d
  }, { expects })
}

/** The schema, then each rule in turn; a transformation runs only on a value without issues. @example pipe(string(), minLength(1, 'must not be empty')) */
/* @__NO_SIDE_EFFECTS__ */
export function pipe<S extends Schema<any, any>, O = InferOutput<S>>(first: S, ...actions: Action<any>[]): Schema<InferInput<S>, O> {
  return schema((d) => {
    d = first['~run'](d, {})
    for (const action of actions) {
      if (d.issues && action.kind === 'transformation') return ((d.typed = false), d)
      d = action['~run'](d, {})
    }
    return d
  }, first) // as valibot: the first schema's properties (optional, default, expects, entries) carry over
}
