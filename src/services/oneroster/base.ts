// Route prefixes and shared building blocks of the OneRoster 1.2 API as Timeback serves it.

import * as v from '../../core/schema.js'

export const ROSTERING = '/ims/oneroster/rostering/v1p2'
export const GRADEBOOK = '/ims/oneroster/gradebook/v1p2'
export const RESOURCES = '/ims/oneroster/resources/v1p2'

/** `active`, or `tobedeleted` after a (soft) delete. */
export type Status = 'active' | 'tobedeleted'

/** Free-form metadata; Timeback stores app data here (goals, metrics, xp…). */
export type Metadata = Record<string, unknown>

// Read shapes that are sent back on writes are type aliases, not interfaces: an alias of an object type has an
// implicit index signature, so a record read from the service is assignable to a write input that lets unknown
// keys through (`{ ...user, givenName: 'Ada' }` passes to `users.update`). README.md's check exercises it.

/** A reference to another record, as the service returns it. */
export type Ref = {
  sourcedId: string
  href?: string
  type?: string
  name?: string
}

/** Fields every OneRoster record has. */
export type BaseEntity = {
  sourcedId: string
  status: Status
  dateLastModified?: string
  metadata?: Metadata | null
}

/** Grade levels as Timeback writes them: '-1' (Pre-K) … '13' (AP). */
export type Grade = '-1' | '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '10' | '11' | '12' | '13'

// ---- schemas (inputs are validated before requests; unknown keys pass through for Timeback extensions) ----

export const sourcedIdSchema = v.pipe(v.string(), v.minLength(1, 'must not be empty'))
export const statusSchema = v.picklist(['active', 'tobedeleted'], "must be 'active' or 'tobedeleted'")
export const metadataSchema = v.nullable(v.record(v.string(), v.unknown()))
/** Write-side reference: `{ sourcedId }` (href/type optional). */
export const refSchema = v.looseObject({ sourcedId: sourcedIdSchema, href: v.optional(v.string()), type: v.optional(v.string()) })
export const dateSchema = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}/, 'must be an ISO date (YYYY-MM-DD…)'))
export const gradeSchema = v.picklist(
  ['-1', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'],
  "must be a grade from '-1' (Pre-K) to '13'",
)
/** Booleans arrive as "true"/"false" strings on reads; writes accept either. */
export const boolishSchema = v.union([v.boolean(), v.picklist(['true', 'false'])], 'must be true/false')

/** Fields shared by create inputs. */
export const baseInput = {
  sourcedId: v.optional(sourcedIdSchema),
  status: v.optional(statusSchema),
  metadata: v.optional(metadataSchema),
}

// ---- enums read off the 2025-12 spec ----

export const ORG_TYPES = ['department', 'school', 'district', 'local', 'state', 'national'] as const
export type OrgType = (typeof ORG_TYPES)[number]
export const ENROLLMENT_ROLES = ['administrator', 'proctor', 'student', 'teacher'] as const
export type EnrollmentRole = (typeof ENROLLMENT_ROLES)[number]
export const SESSION_TYPES = ['gradingPeriod', 'semester', 'schoolYear', 'term'] as const
export type SessionType = (typeof SESSION_TYPES)[number]
export const SCORE_STATUSES = ['exempt', 'fully graded', 'not submitted', 'partially graded', 'submitted'] as const
export type ScoreStatus = (typeof SCORE_STATUSES)[number]

/** Says which values an enum accepts, in the issue message. */
export function oneOf<const T extends readonly string[]>(values: T) {
  return v.picklist(values, `must be one of ${values.map((x) => `'${x}'`).join(', ')}`)
}

/**
 * `status` where the spec requires it on create: most callers mean `active`, so it is filled in when absent
 * (the service would do the same on routes where the field is optional).
 */
export const activeByDefault = v.optional(statusSchema, 'active')
export const optionalString = v.optional(v.nullable(v.string()))
export const optionalNumber = v.optional(v.nullable(v.number()))
export const optionalRef = v.optional(refSchema)
export const requiredString = v.pipe(v.string(), v.minLength(1, 'must not be empty'))
/** Free-form learning-objective lists: the spec types them as arrays of objects it does not constrain further. */
export const objectiveSetSchema = v.optional(v.nullable(v.array(v.unknown())))

type KnownKeys<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] }
/**
 * An input type with fields `K` made optional, for routes that supply them (the class of
 * `classes(id).lineItems.create`). Unknown keys still pass, as with the schemas.
 */
export type WithOptional<T, K extends keyof KnownKeys<T>> =
  Omit<KnownKeys<T>, K> & Partial<Pick<KnownKeys<T>, K>> & { [key: string]: unknown }

/**
 * The read shape checked when a client has `validateResponses: true`: a record with a string `sourcedId` and
 * the given fields; everything else passes, so Timeback's extra fields never fail a read.
 */
export function recordSchema<E extends v.Entries>(entries: E) {
  return v.looseObject({ ...entries, sourcedId: v.string(), status: v.optional(v.string()) })
}
