/**
 * @module services/caliper/schemas — the rules of Caliper events, entities and envelopes as valibot schemas,
 * for your own checks (`v.safeParse(ActivityEventSchema, x)`). The SDK's sends check the same rules with the
 * hand-written checks.ts, which give the same paths and messages at a fifth of the bytes; this module is
 * bundled only when you import a schema.
 */

import * as v from 'valibot'
import {
  ACTIVITY_METRIC_TYPES, CALIPER_CONTEXT, MAX_TIME_SPENT_SECONDS, SUBJECTS, TIME_SPENT_METRIC_TYPES, USER_ROLES,
  type Extensions, type IriOrEntity,
} from './profile.js'
import { PROFILES } from './vocabulary.js'


const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

const iriSchema = v.pipe(v.string('must be a string'), v.url('must be an absolute IRI, e.g. https://…'))
const urnIdSchema = v.pipe(v.string('must be a string'), v.regex(/^urn:uuid:./, "must be a UUID URN ('urn:uuid:…')"))
const dateTimeSchema = v.pipe(v.string('must be a string'), v.isoTimestamp('must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00.000Z'))
const extensionsSchema = v.custom<Extensions>(isPlainObject, 'must be an object')
const iriOrEntitySchema = v.custom<IriOrEntity>((x) => typeof x === 'string' || isPlainObject(x), 'must be an IRI string or an object')
const nonEmpty = v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'))
const finiteNumber = v.pipe(v.number('must be a number'), v.finite('must be a finite number'))

/** Every optional field of a Caliper event, checked the same way in every event schema. */
const eventContextEntries = {
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

/**
 * A TimebackUser (the actor of a Timeback event): only these fields.
 * @example v.safeParse(TimebackUserSchema, { id: 'https://app.example/users/1', type: 'TimebackUser', email: 'ada@example.com' }).success // true
 */
export const TimebackUserSchema = v.strictObject({
  id: iriSchema,
  type: v.literal('TimebackUser', "must be 'TimebackUser'"),
  email: v.pipe(v.string('must be a string'), v.email('must be an email address')),
  name: v.optional(v.string('must be a string')),
  role: v.optional(v.picklist(USER_ROLES, `must be one of ${list(USER_ROLES)}`)),
  extensions: v.optional(extensionsSchema),
})

const namedRef = v.looseObject({ name: nonEmpty, id: v.optional(iriSchema), extensions: v.optional(extensionsSchema) })

/**
 * A TimebackActivityContext (the object of a Timeback event); more fields are allowed.
 * @example v.safeParse(ActivityContextSchema, { id: 'https://app.example/l/1', type: 'TimebackActivityContext', subject: 'Math', app: { name: 'App' } }).success // true
 */
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

/**
 * The `generated` collection of an ActivityEvent: at least one metric.
 * @example v.safeParse(ActivityMetricsSchema, { id: 'urn:uuid:…', type: 'TimebackActivityMetricsCollection', items: [] }).success // false: no metric
 */
export const ActivityMetricsSchema = v.looseObject({
  id: iriSchema,
  type: v.literal('TimebackActivityMetricsCollection', "must be 'TimebackActivityMetricsCollection'"),
  items: metricsOf(activityMetric),
  attempt: v.optional(v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(1, 'must be >= 1'))),
  extensions: v.optional(extensionsSchema),
})

/**
 * The `generated` collection of a TimeSpentEvent: at least one metric, each 0–86400 seconds.
 * @example v.safeParse(TimeSpentMetricsSchema, { id: 'https://app.example/m/1', type: 'TimebackTimeSpentMetricsCollection', items: [{ type: 'active', value: 90000 }] }).success // false: over a day
 */
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

/**
 * A whole Timeback ActivityEvent, as `createActivityEvent` builds it.
 * @example v.safeParse(ActivityEventSchema, createActivityEvent({ actor, object, metrics })).success // true
 */
export const ActivityEventSchema = /* @__PURE__ */ timebackEvent('ActivityEvent', 'Completed', ActivityMetricsSchema)
/**
 * A whole Timeback TimeSpentEvent, as `createTimeSpentEvent` builds it.
 * @example v.safeParse(TimeSpentEventSchema, createTimeSpentEvent({ actor, object, metrics: [{ type: 'active', value: 60 }] })).success // true
 */
export const TimeSpentEventSchema = /* @__PURE__ */ timebackEvent('TimeSpentEvent', 'SpentTime', TimeSpentMetricsSchema)

/**
 * The spec's base Event: only these fields (additionalProperties: false). Type/action pairs are checked apart.
 * @example v.safeParse(CaliperEventSchema, createCaliperEvent({ type: 'SessionEvent', action: 'LoggedIn', actor, object: 'https://app.example' })).success // true
 */
export const CaliperEventSchema = v.strictObject({
  ...eventContextEntries,
  id: urnIdSchema,
  type: nonEmpty,
  action: nonEmpty,
  // The spec lists profile as required, yet its own first example omits it: accept both, check it when present.
  profile: v.optional(v.picklist(PROFILES, 'is not a Caliper profile Timeback supports')),
  actor: iriOrEntitySchema,
  object: iriOrEntitySchema,
  eventTime: dateTimeSchema,
  generated: v.optional(iriOrEntitySchema),
})

/**
 * An entity sent alongside events in an envelope: only these fields.
 * @example v.safeParse(CaliperEntitySchema, { id: 'https://app.example/users/1', type: 'Person' }).success // true
 */
export const CaliperEntitySchema = v.strictObject({
  '@context': v.optional(iriSchema),
  id: iriSchema,
  type: nonEmpty,
  name: v.optional(v.string('must be a string')),
  description: v.optional(v.string('must be a string')),
  dateCreated: v.optional(dateTimeSchema),
  dateModified: v.optional(dateTimeSchema),
  extensions: v.optional(extensionsSchema),
  otherIdentifiers: v.optional(v.array(iriOrEntitySchema, 'must be an array')),
})

/**
 * The envelope's own fields. Items of `data` are not checked here: `checkEnvelope` checks them one by one, so
 * that each problem gets a path such as `data[3].actor.email` instead of a union mismatch.
 * @example v.safeParse(EnvelopeSchema, { sensor: 'https://app.example/s', sendTime: new Date().toISOString(), dataVersion: DATA_VERSION, data: [event] }).success // true
 */
export const EnvelopeSchema = v.strictObject({
  sensor: iriSchema,
  sendTime: dateTimeSchema,
  dataVersion: v.literal(CALIPER_CONTEXT, `must be '${CALIPER_CONTEXT}'`),
  data: v.pipe(v.array(v.unknown(), 'must be an array of events'), v.minLength(1, 'must hold at least one event')),
})
