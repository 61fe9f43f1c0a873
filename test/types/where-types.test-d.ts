// Compile-time checks of the exported filter types (tsc only, never run): `Where<T>` for a record type,
// `FieldOperators<V>` per value type, and the untyped `Where` that takes any field.

import type {
  Enrollment, FieldCondition, FieldOperators, ListParams, OneRosterClient, StreamParams, User, Where,
} from '../../src/services/oneroster/index.ts'

declare const client: OneRosterClient

// A where written apart, checked where it is written, then passed to list.
const students = { status: 'active', 'roles.role': 'student' } satisfies Where<User>
const recent: Where<User> = { dateLastModified: { gte: new Date('2026-01-01') }, OR: [{ grades: '5' }, { grades: '6' }] }
export const pages = [client.users.list({ where: students }), client.users.list({ where: recent })]
export const params: ListParams<Where<User>> = { where: { familyName: 'Dewey' }, sort: 'familyName', limit: 50 }
export const streamed: StreamParams<Where<Enrollment>> = { where: { role: 'teacher', 'class.sourcedId': 'c-1' }, maxItems: 10 }

// @ts-expect-error 'studnet' is not a Role
export const typo: Where<User> = { 'roles.role': 'studnet' }
// @ts-expect-error Where<Enrollment> is not Where<User>: `role` is no user field
export const mixed: Where<User> = { role: 'student' } satisfies Where<Enrollment>

// Operators per value type.
export const text: FieldOperators<string> = { eq: 'a', ne: 'b', contains: 'c', in: ['d'], notIn: ['e'] }
export const date: FieldOperators<Date | string> = { gt: new Date(), gte: '2026-01-01', lt: new Date(), lte: '2026-12-31' }
export const count: FieldOperators<number> = { gte: 1, lt: 10, in: [1, 2] }
export const flag: FieldOperators<boolean> = { eq: true, ne: false }
export const status: FieldCondition<'active' | 'tobedeleted'> = { in: ['active'], contains: 'act' }
// @ts-expect-error strings have no ordering
export const textOrder: FieldOperators<string> = { gt: 'a' }
// @ts-expect-error numbers have no `contains`
export const countText: FieldOperators<number> = { contains: '1' }
// @ts-expect-error booleans have only the equalities
export const flagOrder: FieldOperators<boolean> = { lt: true }
// @ts-expect-error dates have no `contains`
export const dateText: FieldOperators<Date | string> = { contains: '2026' }

// Without a type argument: any field, any operator (for records whose type is not known).
export const loose: Where = { anything: { contains: 1, gt: new Date() }, 'a.b': 'c', OR: [{ x: true }] }
export const anyOps: FieldOperators = { eq: 1, contains: 'x', gt: new Date(), in: ['a', 2] }
// @ts-expect-error even untyped, `like` is not an operator
export const unknownOp: FieldOperators = { like: 'x' }
