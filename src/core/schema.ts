/**
 * @module core/schema — the few input-schema builders the services' write checks use (string, number, boolean,
 * picklist, objects, arrays, records, unions, optional/nullable, pipes with length, pattern and email rules), with
 * valibot's names, paths, messages and outputs, in about a tenth of its bytes in a bundle. Schemas run through
 * the same `'~run'` protocol as valibot's, so `parseInput` takes either kind. Why not valibot itself: every
 * OneRoster entry carried ~8.5 KB of its minified code for these checks (test/node/schema-checks.test.ts proves
 * the two agree on paths, messages and outputs).
 */

/** One problem found: `path` keys lead from the root to the bad value; `input` is the value found there. */
export interface SchemaIssue {
  kind: 'schema' | 'validation'
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

const describe = (input: unknown): string => {
  const type = typeof input
  if (type === 'string') return `"${input as string}"`
  if (type === 'number' || type === 'bigint' || type === 'boolean') return `${input as number}`
  if (type === 'object' || type === 'function') return (input && Object.getPrototypeOf(input)?.constructor?.name) ?? 'null'
  return type
}

/** Records an issue on `d` (valibot's wording unless `message` is given); a schema issue leaves `d` untyped. */
function fail(d: Dataset, kind: SchemaIssue['kind'], label: string, expected: string, message?: string, received = describe(d.value)): Dataset {
  ;(d.issues ??= []).push({ kind, input: d.value, message: message ?? `Invalid ${label}: Expected ${expected} but received ${received}` })
  if (kind === 'schema') d.typed = false
  return d
}

/** Moves a child's issues under `key` into `d`. */
function adopt(d: Dataset, child: Dataset, key: string | number): void {
  for (const issue of child.issues ?? []) {
    ;(issue.path ??= []).unshift({ key })
    ;(d.issues ??= []).push(issue)
  }
  if (!child.typed) d.typed = false
}

const schema = <I, O = I>(run: (d: Dataset) => Dataset, extra?: object): Schema<I, O> =>
  ({ kind: 'schema', '~run': run, ...extra }) as Schema<I, O>

const typeCheck = <T>(test: (value: unknown) => boolean, expected: string) => (message?: string) =>
  schema<T>((d) => (test(d.value) ? ((d.typed = true), d) : fail(d, 'schema', 'type', expected, message)))

/** @example string('must be a string') */
export const string = /* @__PURE__ */ typeCheck<string>((x) => typeof x === 'string', 'string')
/** @example number() */
export const number = /* @__PURE__ */ typeCheck<number>((x) => typeof x === 'number' && !Number.isNaN(x), 'number')
/** @example boolean() */
export const boolean = /* @__PURE__ */ typeCheck<boolean>((x) => typeof x === 'boolean', 'boolean')
/** Anything. @example record(string(), unknown()) */
export const unknown = (): Schema<unknown> => schema((d) => ((d.typed = true), d))

/** @example picklist(['active', 'tobedeleted'], "must be 'active' or 'tobedeleted'") */
export function picklist<const T extends readonly string[]>(options: T, message?: string): Schema<T[number]> {
  const expected = [...new Set(options.map(describe))].join(' | ')
  return typeCheck<T[number]>((x) => options.includes(x as string), options.length > 1 ? `(${expected})` : expected || 'never')(message)
}

/** `undefined` passes (or becomes `fallback`); anything else goes to `wrapped`. @example optional(string()) */
export function optional<S extends Schema<any, any>, const D extends InferOutput<S> | undefined = undefined>(
  wrapped: S, fallback?: D,
): Schema<InferInput<S> | undefined, D extends undefined ? InferOutput<S> | undefined : InferOutput<S>> & { optional: true } {
  return schema((d) => {
    if (d.value === undefined) d.value = fallback
    return d.value === undefined ? ((d.typed = true), d) : wrapped['~run'](d, {})
  }, { optional: true, default: fallback }) as never
}

/** `null` passes; anything else goes to `wrapped`. @example nullable(string()) */
export function nullable<S extends Schema<any, any>>(wrapped: S): Schema<InferInput<S> | null, InferOutput<S> | null> {
  return schema((d) => (d.value === null ? ((d.typed = true), d) : wrapped['~run'](d, {})))
}

/** @example array(string()) */
export function array<S extends Schema<any, any>>(item: S, message?: string): Schema<InferInput<S>[], InferOutput<S>[]> {
  return schema((d) => {
    const input = d.value
    if (!Array.isArray(input)) return fail(d, 'schema', 'type', 'Array', message)
    d.typed = true
    d.value = input.map((value, key) => {
      const child = item['~run']({ value }, {})
      adopt(d, child, key)
      return child.value
    })
    return d
  })
}

function objectOf(entries: Entries, loose: boolean, message?: string): Schema<any, any> {
  return schema((d) => {
    const input = d.value as Record<string, unknown>
    if (!input || typeof input !== 'object') return fail(d, 'schema', 'type', 'Object', message)
    d.typed = true
    const out: Record<string, unknown> = (d.value = {})
    for (const key in entries) {
      const entry = entries[key]!
      if (key in input || entry.default !== undefined) {
        const child = entry['~run']({ value: input[key] }, {})
        adopt(d, child, key)
        out[key] = child.value
      } else if (!entry.optional) {
        ;(d.issues ??= []).push({ kind: 'schema', input: undefined, message: `Invalid key: Expected "${key}" but received undefined`, path: [{ key }] })
        d.typed = false
      }
    }
    if (loose) {
      for (const key in input) {
        if (Object.hasOwn(input, key) && !Object.hasOwn(entries, key) && key !== '__proto__' && key !== 'prototype' && key !== 'constructor') out[key] = input[key]
      }
    }
    return d
  }, { entries })
}

/** Checks the listed keys and drops the others. @example object({ name: string() }) */
export const object = <E extends Entries>(entries: E, message?: string): Schema<ObjectInput<E>, ObjectOutput<E>> & { entries: E } =>
  objectOf(entries, false, message) as never

/** Checks the listed keys and keeps the others as they are. @example looseObject({ sourcedId: string() }) */
export const looseObject = <E extends Entries>(entries: E, message?: string): Schema<
  ObjectInput<E> & { [key: string]: unknown }, ObjectOutput<E> & { [key: string]: unknown }
> & { entries: E; loose: true } => ({ ...objectOf(entries, true, message), loose: true }) as never

/** The same object schema with every key optional. @example partial(looseObject({ title: string() })) */
export function partial<S extends Schema<any, any> & { entries: Entries }>(of: S): Schema<
  Partial<InferInput<S>>, Partial<InferOutput<S>>
> & { entries: Entries } {
  const entries: Entries = {}
  for (const key in of.entries) entries[key] = optional(of.entries[key]!)
  return objectOf(entries, 'loose' in of, undefined) as never
}

/** Every key checked by `value` (keys are strings already). @example record(string(), unknown()) */
export function record<V extends Schema<any, any>>(_key: Schema<string>, value: V): Schema<
  Record<string, InferInput<V>>, Record<string, InferOutput<V>>
> {
  return schema((d) => {
    const input = d.value as Record<string, unknown>
    if (!input || typeof input !== 'object') return fail(d, 'schema', 'type', 'Object')
    d.typed = true
    const out: Record<string, unknown> = (d.value = {})
    for (const key in input) {
      if (!Object.hasOwn(input, key) || key === '__proto__' || key === 'prototype' || key === 'constructor') continue
      const child = value['~run']({ value: input[key] }, {})
      adopt(d, child, key)
      out[key] = child.value
    }
    return d
  })
}

/**
 * The first option that passes wins; with none, `message` (these schemas' options carry no pipes, so there is
 * no partly-typed option to report instead).
 * @example union([boolean(), picklist(['true', 'false'])], 'must be true/false')
 */
export function union<const S extends readonly Schema<any, any>[]>(options: S, message: string): Schema<
  InferInput<S[number]>, InferOutput<S[number]>
> {
  return schema((d) => {
    for (const option of options) {
      const result = option['~run']({ value: d.value }, {})
      if (result.typed && !result.issues) return result
    }
    return fail(d, 'schema', 'type', '', message)
  })
}

/** The schema, then each rule in turn; a transformation runs only on a value without issues. @example pipe(string(), minLength(1, 'must not be empty')) */
export function pipe<S extends Schema<any, any>, O = InferOutput<S>>(first: S, ...actions: Action<any>[]): Schema<InferInput<S>, O> {
  return schema((d) => {
    d = first['~run'](d, {})
    for (const action of actions) {
      if (d.issues && action.kind === 'transformation') return ((d.typed = false), d)
      d = action['~run'](d, {})
    }
    return d
  }, { optional: first.optional, default: first.default })
}

const rule = (test: (value: any) => boolean, message: string, label: string, expected: string, received?: (value: any) => string): Action => ({
  kind: 'validation',
  '~run': (d) => (d.typed && !test(d.value) ? fail(d, 'validation', label, expected, message, received?.(d.value)) : d),
})

/** @example minLength(1, 'must not be empty') */
export const minLength = (n: number, message: string): Action =>
  rule((x: { length: number }) => x.length >= n, message, 'length', `>=${n}`, (x: { length: number }) => `${x.length}`)
/** @example regex(/^\d{4}-\d{2}-\d{2}/, 'must be an ISO date (YYYY-MM-DD…)') */
export const regex = (pattern: RegExp, message: string): Action => rule((x: string) => pattern.test(x), message, 'format', `${pattern}`)
/** @example email('must be an email address') */
export const email = (message: string): Action =>
  rule((x: string) => /^[\w+-]+(?:\.[\w+-]+)*@[\da-zA-Z]+(?:[.-][\da-zA-Z]+)*\.[a-zA-Z]{2,}$/u.test(x), message, 'email', '')
/** Replaces a checked value. @example transform(String) */
export const transform = <I, O>(to: (value: I) => O): Action<O> => ({
  kind: 'transformation',
  '~run': (d) => ((d.value = to(d.value as I)), d),
})
