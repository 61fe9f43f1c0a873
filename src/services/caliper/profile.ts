// The Timeback profile of Caliper 1.2: its two events (ActivityEvent, TimeSpentEvent), the actor and object
// entities they carry, their metric collections, and the valibot schemas that check them before sending.

import * as v from 'valibot'

/** The Caliper version every envelope and event declares. */
export const CALIPER_CONTEXT = 'http://purl.imsglobal.org/ctx/caliper/v1p2'

/**
 * Subjects of a TimebackActivityContext. The 2025 spec lists six; the 2026 official SDKs accept these ten.
 * We accept the union (the ten include the six), so events valid under either list pass.
 */
export const SUBJECTS = [
  'Reading', 'Language', 'Vocabulary', 'Social Studies', 'Writing', 'Science', 'FastMath', 'Math', 'None', 'Other',
] as const
export type TimebackSubject = (typeof SUBJECTS)[number]

export const USER_ROLES = ['student', 'teacher', 'admin', 'guide'] as const
export type TimebackUserRole = (typeof USER_ROLES)[number]

export const ACTIVITY_METRIC_TYPES = ['xpEarned', 'totalQuestions', 'correctQuestions', 'masteredUnits'] as const
export type ActivityMetricType = (typeof ACTIVITY_METRIC_TYPES)[number]

export const TIME_SPENT_METRIC_TYPES = ['active', 'inactive', 'waste', 'unknown', 'anti-pattern'] as const
export type TimeSpentMetricType = (typeof TIME_SPENT_METRIC_TYPES)[number]

/** Longest time a single time-spent metric may report: one day, in seconds. */
export const MAX_TIME_SPENT_SECONDS = 86_400

export type Extensions = Record<string, unknown>
/** Caliper lets most references be an IRI or an embedded entity. */
export type IriOrEntity = string | Record<string, unknown>

/** The learner (or teacher…) behind an event. `id` should be their OneRoster user URL where there is one. */
export interface TimebackUser {
  id: string
  type: 'TimebackUser'
  email: string
  name?: string
  role?: TimebackUserRole
  extensions?: Extensions
}

interface NamedRef {
  name: string
  id?: string
  extensions?: Extensions
}

interface ActivityContextFields {
  id: string
  subject: TimebackSubject
  app: NamedRef
  course?: NamedRef
  activity?: NamedRef
  /** Whether Timeback's analytics should process the event. */
  process?: boolean
}

/** Where the event happened: app (required), course and activity (optional), and the subject. */
export interface TimebackActivityContext extends ActivityContextFields {
  type: 'TimebackActivityContext'
}

/** A TimebackActivityContext as builders take it: `type` is filled in. */
export interface ActivityContextInputFields extends ActivityContextFields {
  type?: 'TimebackActivityContext'
}

export interface ActivityMetric {
  type: ActivityMetricType
  /** ≥ 0. XP follows "1 XP = 1 focused minute"; send totalQuestions and correctQuestions together. */
  value: number
  extensions?: Extensions
}

export interface TimeSpentMetric {
  type: TimeSpentMetricType
  /** Seconds, 0–86400. */
  value: number
  subType?: string
  startDate?: string
  endDate?: string
  extensions?: Extensions
}

export interface ActivityMetricsCollection {
  id: string
  type: 'TimebackActivityMetricsCollection'
  items: ActivityMetric[]
  /** Which attempt at the activity this was, from 1. */
  attempt?: number
  extensions?: Extensions
}

export interface TimeSpentMetricsCollection {
  id: string
  type: 'TimebackTimeSpentMetricsCollection'
  items: TimeSpentMetric[]
  extensions?: Extensions
}

/** Optional Caliper event fields shared by every event type. */
export interface EventContextFields {
  '@context'?: string
  edApp?: IriOrEntity
  target?: IriOrEntity
  referrer?: IriOrEntity
  group?: IriOrEntity
  membership?: IriOrEntity
  session?: IriOrEntity
  federatedSession?: IriOrEntity
  extensions?: Extensions
}

/** A completed activity with its metrics (XP, questions, mastered units). */
export interface ActivityEvent extends EventContextFields {
  id: string
  type: 'ActivityEvent'
  action: 'Completed'
  profile: 'TimebackProfile'
  actor: TimebackUser
  object: TimebackActivityContext
  eventTime: string
  generated: ActivityMetricsCollection
}

/** Time a learner spent on an activity, split into active/inactive/waste/… seconds. */
export interface TimeSpentEvent extends EventContextFields {
  id: string
  type: 'TimeSpentEvent'
  action: 'SpentTime'
  profile: 'TimebackProfile'
  actor: TimebackUser
  object: TimebackActivityContext
  eventTime: string
  generated: TimeSpentMetricsCollection
}

// ---- schemas ----

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

export const iriSchema = v.pipe(v.string('must be a string'), v.url('must be an absolute IRI, e.g. https://…'))
export const urnIdSchema = v.pipe(v.string('must be a string'), v.regex(/^urn:uuid:./, "must be a UUID URN ('urn:uuid:…')"))
export const dateTimeSchema = v.pipe(v.string('must be a string'), v.isoTimestamp('must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00.000Z'))
export const extensionsSchema = v.custom<Extensions>(isPlainObject, 'must be an object')
export const iriOrEntitySchema = v.custom<IriOrEntity>((x) => typeof x === 'string' || isPlainObject(x), 'must be an IRI string or an object')
const nonEmpty = v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'))
const finiteNumber = v.pipe(v.number('must be a number'), v.finite('must be a finite number'))

/** Every optional field of a Caliper event, checked the same way in every event schema. */
export const eventContextEntries = {
  '@context': v.optional(iriSchema),
  edApp: v.optional(iriOrEntitySchema),
  target: v.optional(iriOrEntitySchema),
  referrer: v.optional(iriOrEntitySchema),
  group: v.optional(iriOrEntitySchema),
  membership: v.optional(iriOrEntitySchema),
  session: v.optional(iriOrEntitySchema),
  federatedSession: v.optional(iriOrEntitySchema),
  extensions: v.optional(extensionsSchema),
}

const list = (values: readonly string[]) => values.map((x) => `'${x}'`).join(', ')

export const TimebackUserSchema = v.strictObject({
  id: iriSchema,
  type: v.literal('TimebackUser', "must be 'TimebackUser'"),
  email: v.pipe(v.string('must be a string'), v.email('must be an email address')),
  name: v.optional(v.string('must be a string')),
  role: v.optional(v.picklist(USER_ROLES, `must be one of ${list(USER_ROLES)}`)),
  extensions: v.optional(extensionsSchema),
})

const namedRef = v.looseObject({ name: nonEmpty, id: v.optional(iriSchema), extensions: v.optional(extensionsSchema) })

export const ActivityContextSchema = v.looseObject({
  id: iriSchema,
  type: v.literal('TimebackActivityContext', "must be 'TimebackActivityContext'"),
  subject: v.picklist(SUBJECTS, `must be one of ${list(SUBJECTS)}`),
  app: namedRef,
  course: v.optional(namedRef),
  activity: v.optional(namedRef),
  process: v.optional(v.boolean('must be a boolean')),
})

const activityMetric = v.looseObject({
  type: v.picklist(ACTIVITY_METRIC_TYPES, `must be one of ${list(ACTIVITY_METRIC_TYPES)}`),
  value: v.pipe(finiteNumber, v.minValue(0, 'must be >= 0')),
  extensions: v.optional(extensionsSchema),
})

const timeSpentMetric = v.looseObject({
  type: v.picklist(TIME_SPENT_METRIC_TYPES, `must be one of ${list(TIME_SPENT_METRIC_TYPES)}`),
  value: v.pipe(finiteNumber, v.minValue(0, 'must be >= 0 seconds'), v.maxValue(MAX_TIME_SPENT_SECONDS, `must be <= ${MAX_TIME_SPENT_SECONDS} seconds (one day)`)),
  subType: v.optional(v.string('must be a string')),
  startDate: v.optional(dateTimeSchema),
  endDate: v.optional(dateTimeSchema),
  extensions: v.optional(extensionsSchema),
})

// The spec sets no minimum, but a Timeback event "requires a generated metrics attribute to work": an empty
// collection is almost certainly a bug in the caller, so it is refused here rather than silently ignored.
const metricsOf = <S extends v.GenericSchema>(item: S) => v.pipe(v.array(item, 'must be an array'), v.minLength(1, 'must hold at least one metric'))

export const ActivityMetricsSchema = v.looseObject({
  id: iriSchema,
  type: v.literal('TimebackActivityMetricsCollection', "must be 'TimebackActivityMetricsCollection'"),
  items: metricsOf(activityMetric),
  attempt: v.optional(v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(1, 'must be >= 1'))),
  extensions: v.optional(extensionsSchema),
})

export const TimeSpentMetricsSchema = v.looseObject({
  id: iriSchema,
  type: v.literal('TimebackTimeSpentMetricsCollection', "must be 'TimebackTimeSpentMetricsCollection'"),
  items: metricsOf(timeSpentMetric),
  extensions: v.optional(extensionsSchema),
})

function timebackEvent<T extends string, A extends string, G extends v.GenericSchema>(type: T, action: A, generated: G) {
  return v.strictObject({
    ...eventContextEntries,
    id: urnIdSchema,
    type: v.literal(type),
    action: v.literal(action, `must be '${action}' for ${type}`),
    profile: v.literal('TimebackProfile', "must be 'TimebackProfile'"),
    actor: TimebackUserSchema,
    object: ActivityContextSchema,
    eventTime: dateTimeSchema,
    generated,
  })
}

export const ActivityEventSchema = /* @__PURE__ */ timebackEvent('ActivityEvent', 'Completed', ActivityMetricsSchema)
export const TimeSpentEventSchema = /* @__PURE__ */ timebackEvent('TimeSpentEvent', 'SpentTime', TimeSpentMetricsSchema)
