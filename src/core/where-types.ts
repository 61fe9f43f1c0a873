// The types of `where`: keys are a record's fields and one-level dotted paths into its nested objects, values are
// typed by field. Compile time matters more than completeness here: each record type is walked once, two levels
// deep, with no recursion over the record (the only recursion is OR/AND, which the compiler defers).

/** A value a filter compares with: Dates are sent as ISO strings. */
export type FilterScalar = string | number | boolean | Date

/** `eq`, `ne`, `in`, `notIn`: every field has them. */
export interface EqualityOperators<V> {
  eq?: V
  ne?: V
  /** Any of these values (`(f='a' OR f='b')`). */
  in?: readonly V[]
  /** None of these values (`f!='a' AND f!='b'`). */
  notIn?: readonly V[]
}

/** String fields add `contains`. */
export interface TextOperators<V> extends EqualityOperators<V> {
  /** Case-insensitive substring (`~`). */
  contains?: string
}

/** Dates, date strings and numbers add the comparisons. */
export interface OrderedOperators<V> extends EqualityOperators<V> {
  gt?: V
  gte?: V
  lt?: V
  lte?: V
}

/** Every operator, for a field whose type is not known (the untyped `Where`). */
export interface AnyOperators extends OrderedOperators<FilterScalar> {
  /** Case-insensitive substring (`~`). */
  contains?: FilterScalar
}

/**
 * The operators of a field whose values are `V`; several in one object are joined with AND. Strings (enums
 * included) take `contains`; numbers, Dates and date fields (`Date | string`) take `gt`/`gte`/`lt`/`lte`;
 * booleans only the equalities. Without `V`, every operator.
 * @example
 * const recent: FieldOperators<Date | string> = { gte: new Date('2026-01-01'), lt: '2026-02-01' }
 * const name: FieldOperators<string> = { contains: 'bri' }
 * const status: FieldOperators<'active' | 'tobedeleted'> = { in: ['active', 'tobedeleted'] }
 */
export type FieldOperators<V = FilterScalar> =
  FilterScalar extends V ? AnyOperators
    : [Extract<V, number | Date>] extends [never]
      ? [Exclude<V, string>] extends [never] ? TextOperators<V> : EqualityOperators<V>
      : OrderedOperators<V>

/**
 * A field's condition: a value (equality) or an operator object.
 * @example const cond: FieldCondition<number> = { gte: 80, lt: 90 }
 */
export type FieldCondition<V = FilterScalar> = V | FieldOperators<V>

/** The untyped `where` of a record type that is not known: any field name, any operator. */
export type AnyWhere = { [field: string]: FieldCondition | readonly AnyWhere[] | undefined } & {
  OR?: readonly AnyWhere[]
  AND?: readonly AnyWhere[]
}

/** Field names the filter treats as dates, whatever their declared type (`dateLastModified`, `beginDate`, `dueDate`…). */
export type DateFieldName = `date${string}` | `${string}Date`

/** A field's own values: `null`/`undefined` dropped, an array's items (a filter on an array matches any item). */
type Leaf<X> = Exclude<X, null | undefined> extends infer Y ? (Y extends readonly (infer E)[] ? E : Y) : never

/** Sub-fields of a nested object that hold values (one level: a nested object's own objects are left out). */
type SubKeys<O> = {
  [S in keyof O & string]-?: unknown extends O[S] ? S : [Leaf<O[S]>] extends [FilterScalar] ? S : never
}[keyof O & string]

/** The paths field `K` of type `X` (a leaf) offers: itself, `K.sub` for objects, `K.${string}` for free-form ones. */
type PathsOf<K extends string, X> =
  unknown extends X ? K | `${K}.${string}`
    : [X] extends [FilterScalar] ? K
      : [X] extends [object] ? (string extends keyof X ? `${K}.${string}` : `${K}.${SubKeys<X>}`)
        : never

/**
 * Every key `where` takes for records of type `T`.
 * @example type P = WherePath<{ status: string; org: { sourcedId: string } }> // 'status' | 'org.sourcedId'
 */
export type WherePath<T> = { [K in keyof T & string]-?: PathsOf<K, Leaf<T[K]>> }[keyof T & string]

/** The value type of field `name` (a leaf of type `X`): date fields that are strings also take a Date. */
type ValueOf<Name extends string, X> =
  unknown extends X ? FilterScalar : Name extends DateFieldName ? ([X] extends [string] ? X | Date : X) : X

/**
 * The values path `P` compares with, for records of type `T`.
 * @example type V = WhereValue<{ roles: { role: 'student' | 'teacher' }[] }, 'roles.role'> // 'student' | 'teacher'
 */
export type WhereValue<T, P extends string> =
  P extends keyof T ? ValueOf<P, Leaf<T[P]>>
    : P extends `${infer K}.${infer S}`
      ? K extends keyof T ? (S extends keyof Leaf<T[K]> ? ValueOf<S, Leaf<Leaf<T[K]>[S]>> : FilterScalar) : never
      : never

/** OR/AND lists of sub-conditions: an interface, so the compiler resolves the recursion lazily. */
export interface WhereLogic<W> {
  /** Any of these conditions. */
  OR?: readonly W[]
  /** All of these conditions (the same as listing their fields side by side, for repeated fields). */
  AND?: readonly W[]
}

/**
 * Conditions on records of type `T`: each key is a field of `T` or a one-level dotted path into a nested object
 * or array of objects (`roles.role`, `org.sourcedId`, `metadata.anything`), each value typed by that field, plus
 * `OR`/`AND` lists. Fields named `date…`/`…Date` take a `Date` or an ISO string. `Where` without `T` takes any
 * field name, for records whose type is not known. A misspelled field, a value outside an enum, or an operator
 * the field's type has no use for is a compile error, where it used to be a silently empty result.
 * Every key must hold a condition: `undefined`, `{}` or `{ eq: undefined }` is an InputValidationError.
 * @example
 * import type { User, Where } from '@timeback/sdk/oneroster'
 * const where: Where<User> = {
 *   status: 'active',
 *   'roles.role': 'student',
 *   dateLastModified: { gte: new Date('2026-01-01') },
 *   OR: [{ grades: '5' }, { 'metadata.appName': 'math' }],
 * }
 */
export type Where<T = unknown> = unknown extends T
  ? AnyWhere
  : { [P in WherePath<T>]?: FieldCondition<WhereValue<T, P>> } & WhereLogic<Where<T>>
