/**
 * @module services/caliper/builders — pure event builders: fill in what every event needs (urn:uuid ids, eventTime, @context, profile, entity
 * types), check the result, and return a plain object ready for `events.send` or a queue. No I/O.
 * A built event is remembered as checked, so sends and queues do not pay for checking it again: to change
 * one, build a new one rather than editing the returned object.
 */

import { InputValidationError } from '../../core/errors.js'
import { randomUUID } from '../../core/uuid.js'
import { itemIssues, markChecked } from './envelope.js'
import { unserializable } from './unserializable.js'
import {
  CALIPER_CONTEXT,
  type ActivityContextInputFields, type ActivityEvent, type ActivityMetric, type EventContextFields, type Extensions,
  type IriOrEntity, type TimeSpentEvent, type TimeSpentMetric, type TimebackUser,
} from './profile.js'
import { EVENT_TYPES, soleProfile, type CaliperActionOf, type CaliperEvent, type CaliperEventType, type CaliperProfileOf } from './vocabulary.js'

/**
 * A TimebackUser as builders take it: `type` is filled in. Annotate an actor kept in a variable with it, or
 * TypeScript widens its `role` to `string`.
 * @example
 * const actor: TimebackUserInput = { id: 'https://myapp.example/users/u1', email: 'ada@example.com', role: 'student' }
 */
export type TimebackUserInput = Omit<TimebackUser, 'type'> & { type?: 'TimebackUser' }

/**
 * Where an event happened, as builders take it (`type` is filled in): the name to annotate an object kept in
 * a variable with, so its `subject` stays one of the spec's subjects.
 * @example
 * const object: ActivityContextInput = { id: 'https://myapp.example/lessons/42', subject: 'Math', app: { name: 'My App' } }
 */
export type ActivityContextInput = ActivityContextInputFields

/** Fields both Timeback builders take. */
export interface TimebackEventInputBase extends Omit<EventContextFields, '@context'> {
  actor: TimebackUserInput
  object: ActivityContextInputFields
  /** When it happened; default now. */
  eventTime?: string | Date
  /** The event's `urn:uuid:` id; default a fresh one. Reuse an id only to resend the same event. */
  id?: string
  /** Id of the generated metrics collection; default a fresh `urn:uuid:`. */
  metricsId?: string
  /** Extensions of the metrics collection (e.g. `{ pctCompleteApp: 80 }`). */
  generatedExtensions?: Extensions
}

export interface ActivityEventInput extends TimebackEventInputBase {
  metrics: ActivityMetric[]
  /** Attempt number at the activity, from 1. */
  attempt?: number
}

export interface TimeSpentEventInput extends TimebackEventInputBase {
  metrics: TimeSpentMetric[]
}

/** Input of `createCaliperEvent`: `action` (and `profile`) narrowed by `type`. */
export type CaliperEventInput<T extends CaliperEventType | 'Event' = CaliperEventType | 'Event'> = Omit<EventContextFields, '@context'> & {
  type: T
  action: CaliperActionOf<T>
  /** Needed only for types shared by several profiles (NavigationEvent, ViewEvent). */
  profile?: CaliperProfileOf<T>
  actor: IriOrEntity
  object: IriOrEntity
  generated?: IriOrEntity
  eventTime?: string | Date
  id?: string
}

const urn = () => `urn:uuid:${randomUUID()}`

function timeOf(value: string | Date | undefined): string {
  if (value === undefined) return new Date().toISOString()
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  return value
}

function checked<T extends object>(event: T, context: string): T {
  // The text is what gets checked and later sent: a toJSON or getter in the input cannot swap in something
  // unchecked, and an input that cannot become JSON (a BigInt, a cycle) is refused here, naming where.
  let text: string | undefined
  try {
    text = JSON.stringify(event)
  } catch (error) {
    throw new InputValidationError([unserializable(event, '', error)], context)
  }
  if (typeof text !== 'string') throw new InputValidationError([{ path: '(root)', message: 'cannot be serialized to JSON: a toJSON returns nothing' }], context)
  const issues = itemIssues(JSON.parse(text), '')
  if (issues.length) throw new InputValidationError(issues, context)
  return markChecked(event, text)
}

function timebackEvent(input: TimebackEventInputBase, context: string) {
  if (!input || typeof input !== 'object') throw new InputValidationError([{ path: 'input', message: 'must be an object' }], context)
  const { actor, object, eventTime, id, metricsId, generatedExtensions, ...rest } = input
  const extra = { ...rest } as Record<string, unknown>
  delete extra.metrics
  delete extra.attempt
  return {
    head: {
      '@context': CALIPER_CONTEXT,
      id: id ?? urn(),
      eventTime: timeOf(eventTime),
      profile: 'TimebackProfile' as const,
      actor: { ...actor, type: 'TimebackUser' as const },
      object: { ...object, type: 'TimebackActivityContext' as const },
    },
    extra,
    collection: { id: metricsId ?? urn(), ...(generatedExtensions ? { extensions: generatedExtensions } : {}) },
  }
}

/**
 * Builds a Timeback ActivityEvent ("Completed") carrying activity metrics.
 * @example
 * const event = createActivityEvent({
 *   actor: { id: 'https://api.alpha-1edtech.ai/ims/oneroster/rostering/v1p2/users/u1', email: 'ada@example.com', role: 'student' },
 *   object: { id: 'https://myapp.example/activities/42', subject: 'Math', app: { name: 'My App' } },
 *   metrics: [{ type: 'xpEarned', value: 12 }, { type: 'totalQuestions', value: 10 }, { type: 'correctQuestions', value: 9 }],
 *   attempt: 1,
 * })
 */
export function createActivityEvent(input: ActivityEventInput): ActivityEvent {
  const { head, extra, collection } = timebackEvent(input, 'createActivityEvent')
  const event = {
    ...head,
    type: 'ActivityEvent',
    action: 'Completed',
    ...extra,
    generated: {
      ...collection,
      type: 'TimebackActivityMetricsCollection',
      items: input.metrics,
      ...(input.attempt !== undefined ? { attempt: input.attempt } : {}),
    },
  }
  return checked(event as ActivityEvent, 'createActivityEvent')
}

/**
 * Builds a Timeback TimeSpentEvent ("SpentTime"): seconds per kind of time, each 0–86400.
 * @example
 * const event = createTimeSpentEvent({
 *   actor: { id: 'https://myapp.example/users/u1', email: 'ada@example.com' },
 *   object: { id: 'https://myapp.example/activities/42', subject: 'Reading', app: { name: 'My App' } },
 *   metrics: [{ type: 'active', value: 300 }, { type: 'waste', value: 20, subType: 'off-task' }],
 * })
 */
export function createTimeSpentEvent(input: TimeSpentEventInput): TimeSpentEvent {
  const { head, extra, collection } = timebackEvent(input, 'createTimeSpentEvent')
  const event = {
    ...head,
    type: 'TimeSpentEvent',
    action: 'SpentTime',
    ...extra,
    generated: { ...collection, type: 'TimebackTimeSpentMetricsCollection', items: input.metrics },
  }
  return checked(event as TimeSpentEvent, 'createTimeSpentEvent')
}

/**
 * Builds an event of any other Caliper 1.2 profile Timeback accepts, checking the type/action pair (and the
 * profile, which is filled in where the type has only one). Use type `'Event'` for a bare GeneralProfile event.
 * @example
 * const event = createCaliperEvent({
 *   type: 'SessionEvent', action: 'LoggedIn',
 *   actor: 'https://myapp.example/users/u1', object: 'https://myapp.example',
 * })
 */
export function createCaliperEvent<T extends CaliperEventType | 'Event'>(input: CaliperEventInput<T>): CaliperEvent {
  const context = 'createCaliperEvent'
  if (!input || typeof input !== 'object') throw new InputValidationError([{ path: 'input', message: 'must be an object' }], context)
  const { type, profile, eventTime, id, ...rest } = input
  if (type !== 'Event' && !(type in EVENT_TYPES)) {
    throw new InputValidationError([{ path: 'type', message: `${JSON.stringify(type)} is not a Caliper event type of the supported profiles (or 'Event')` }], context)
  }
  const chosen = profile ?? (type === 'Event' ? 'GeneralProfile' : soleProfile(type))
  if (chosen === undefined) {
    const options = (EVENT_TYPES as Record<string, { profiles: readonly string[] }>)[type]!.profiles.join(', ')
    throw new InputValidationError([{ path: 'profile', message: `is required for ${type}: one of ${options}` }], context)
  }
  const event = { '@context': CALIPER_CONTEXT, id: id ?? urn(), type, profile: chosen, eventTime: timeOf(eventTime), ...rest }
  return checked(event as CaliperEvent, context)
}
