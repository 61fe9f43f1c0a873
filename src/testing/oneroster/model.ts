// Facts shared by the OneRoster resource files: service prefixes, enums, the View description and refs.
// Everything here was read off the vendor spec (oneroster-api.2025-12.json) and restated as tables.
import type { Env } from './context.js'
import type { ListSpec } from '../query.js'
import type { CollectionName, Entity } from './types.js'

export const ROSTERING = '/ims/oneroster/rostering/v1p2'
export const GRADEBOOK = '/ims/oneroster/gradebook/v1p2'
export const RESOURCES = '/ims/oneroster/resources/v1p2'

export const STATUS = ['active', 'tobedeleted'] as const
export const USER_ROLES = ['system_administrator', 'administrator', 'aide', 'guardian', 'parent', 'proctor', 'relative', 'student', 'teacher'] as const
export const ROLE_TYPES = ['primary', 'secondary'] as const
export const ENROLLMENT_ROLES = ['administrator', 'proctor', 'student', 'teacher'] as const
export const ORG_TYPES = ['department', 'school', 'district', 'local', 'state', 'national'] as const
export const CLASS_TYPES = ['homeroom', 'scheduled'] as const
export const SESSION_TYPES = ['gradingPeriod', 'semester', 'schoolYear', 'term'] as const
export const SCORE_STATUS = ['exempt', 'fully graded', 'not submitted', 'partially graded', 'submitted'] as const
/** GradeEnum: -1 is Pre-K, 0 Kindergarten, 1–12 the grades, 13 AP. */
export const GRADES = ['-1', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'] as const
export const SUBJECTS = ['Reading', 'Language', 'Vocabulary', 'Social Studies', 'Writing', 'Science', 'FastMath', 'Math'] as const
/** An integer written as text, e.g. a schoolYear of '2026'. */
export const INTEGER = /^-?\d{1,9}$/

/**
 * How one set of routes sees a collection. Several views can share a collection: `/schools` is the
 * `orgs` collection seen through `type = school` with the `org`/`orgs` keys; `/students` is `users`
 * seen through a student role with `user`/`users`.
 */
export interface View extends ListSpec {
  readonly collection: CollectionName
  /** Single-record key (`{ user: … }`). */
  readonly one: string
  /** Request body key on create/update (`gradingPeriods` take `academicSession`). */
  readonly body: string
  /** Noun for messages: "User not found." */
  readonly label: string
  /** Required fields of the create schema. */
  readonly required: readonly string[]
  /** Required fields of the PUT schema when they differ (classes and resources require none). */
  readonly putRequired?: readonly string[]
  /** Enum checks; `roles[].role` checks a field of every array element, `grades[]` every element of an array. */
  readonly enums?: Readonly<Record<string, readonly string[]>>
  /** Fields read as numbers: a write must send an integer or an integer string (stored as a number). */
  readonly integers?: readonly string[]
  /** Membership test when the view is a subset of its collection. */
  readonly where?: (e: Entity) => boolean
}

export const hasRole = (role: string) => (e: Entity): boolean =>
  Array.isArray(e.roles) && e.roles.some((r) => (r as { role?: unknown } | null)?.role === role)

/** Users answer filters on `role` with any of `roles[].role` (OneRoster 1.1 compatibility). */
export const USER_ALIASES: Readonly<Record<string, readonly string[]>> = { role: ['roles', 'role'] }

const REF_PATHS: Readonly<Record<string, string>> = {
  org: `${ROSTERING}/orgs`,
  user: `${ROSTERING}/users`,
  class: `${ROSTERING}/classes`,
  course: `${ROSTERING}/courses`,
  academicSession: `${ROSTERING}/academicSessions`,
  resource: `${RESOURCES}/resources`,
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export const sourcedIdOf = (v: unknown): string | undefined =>
  isObject(v) && typeof v.sourcedId === 'string' ? v.sourcedId : undefined

/** Complete a `{ sourcedId }` reference into the `{ href, sourcedId, type }` shape rostering reads use. */
export function fullRef(env: Env, value: unknown, type: string): unknown {
  const id = sourcedIdOf(value)
  if (id === undefined || !isObject(value)) return value
  const base = REF_PATHS[type]
  return {
    ...value,
    href: typeof value.href === 'string' ? value.href : `${env.origin}${base}/${encodeURIComponent(id)}`,
    sourcedId: id,
    type: typeof value.type === 'string' ? value.type : type,
  }
}

/** Apply {@link fullRef} to the named fields (a field may hold one reference or an array of them). */
export function withRefs(env: Env, e: Entity, fields: Readonly<Record<string, string>>): Entity {
  const out: Entity = { ...e }
  for (const [field, type] of Object.entries(fields)) {
    const v = out[field]
    if (Array.isArray(v)) out[field] = v.map((x) => fullRef(env, x, type))
    else if (v !== undefined && v !== null) out[field] = fullRef(env, v, type)
  }
  return out
}

/** OneRoster reads carry booleans such as `enabledUser` and `primary` as "true"/"false" strings. */
export function boolText(v: unknown, fallback: string): string {
  if (v === true || v === 'true') return 'true'
  if (v === false || v === 'false') return 'false'
  return fallback
}
