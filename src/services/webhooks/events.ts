// @timeback/sdk/webhooks — the Caliper 1.2 envelope and event types a webhook delivery carries.
//
// Services never import each other, so these plain types restate the slice of the Caliper model that a
// receiver reads. The schemas are deliberately loose: a receiver should accept fields Timeback adds later,
// so only what every event needs (id, type, actor, action, object, eventTime) is checked.

import * as v from 'valibot'
import { InputValidationError, type InputIssue } from '../../core/errors.js'

/**
 * Caliper 1.2 `dataVersion`.
 * @example if (envelope.dataVersion !== CALIPER_DATA_VERSION) console.warn('not Caliper 1.2')
 */
export const CALIPER_DATA_VERSION = 'http://purl.imsglobal.org/ctx/caliper/v1p2'

/** A Caliper entity: an object with an IRI `id` and a `type`, plus whatever that type defines. */
export interface CaliperEntity {
  id: string
  type: string
  [field: string]: unknown
}

/** Caliper lets most event slots hold either an entity or just its IRI. */
export type CaliperRef<E extends CaliperEntity = CaliperEntity> = string | E

/** Any Caliper 1.2 event (every profile). `type` + `action` say which one. */
export interface CaliperEvent {
  '@context'?: string
  /** `urn:uuid:…` */
  id: string
  type: string
  actor: CaliperRef
  action: string
  object: CaliperRef
  /** ISO 8601 date-time. */
  eventTime: string
  profile?: string
  edApp?: CaliperRef | null
  generated?: CaliperRef | null
  target?: CaliperRef | null
  referrer?: CaliperRef | null
  group?: CaliperRef | null
  membership?: CaliperRef | null
  session?: CaliperRef | null
  federatedSession?: CaliperRef | null
  extensions?: Record<string, unknown>
  [field: string]: unknown
}

/** The Timeback profile's actor. `id` is ideally the OneRoster user URL. */
export interface TimebackUser extends CaliperEntity {
  type: 'TimebackUser'
  email: string
  name?: string
  role?: 'student' | 'teacher' | 'admin' | 'guide'
  extensions?: Record<string, unknown>
}

/** Where a Timeback event happened: subject, app, course and activity. */
export interface TimebackActivityContext extends CaliperEntity {
  type: 'TimebackActivityContext'
  /** Science, Math, Reading, Language, Social Studies, Vocabulary, Writing, FastMath, None, Other… */
  subject: string
  app: { name: string; id?: string; extensions?: Record<string, unknown> }
  course?: { name: string; id?: string; extensions?: Record<string, unknown> }
  activity?: { name: string; id?: string; extensions?: Record<string, unknown> }
  process?: boolean
}

export interface ActivityMetric {
  type: 'xpEarned' | 'totalQuestions' | 'correctQuestions' | 'masteredUnits' | (string & {})
  value: number
  extensions?: Record<string, unknown>
}

export interface TimeSpentMetric {
  type: 'active' | 'inactive' | 'waste' | 'unknown' | 'anti-pattern' | (string & {})
  /** Seconds. */
  value: number
  subType?: string
  startDate?: string
  endDate?: string
  extensions?: Record<string, unknown>
}

/** Timeback profile: an activity was completed (`type: 'ActivityEvent'`, `action: 'Completed'`). */
export interface ActivityEvent extends CaliperEvent {
  type: 'ActivityEvent'
  action: 'Completed'
  profile: 'TimebackProfile'
  actor: TimebackUser
  object: TimebackActivityContext
  generated: { id: string; type: 'TimebackActivityMetricsCollection'; items: ActivityMetric[]; attempt?: number; extensions?: Record<string, unknown> }
}

/** Timeback profile: time spent on an activity (`type: 'TimeSpentEvent'`, `action: 'SpentTime'`). */
export interface TimeSpentEvent extends CaliperEvent {
  type: 'TimeSpentEvent'
  action: 'SpentTime'
  profile: 'TimebackProfile'
  actor: TimebackUser
  object: TimebackActivityContext
  generated: { id: string; type: 'TimebackTimeSpentMetricsCollection'; items: TimeSpentMetric[]; extensions?: Record<string, unknown> }
}

/** A Caliper envelope: who sent it (`sensor`), when, and the events or entities in `data`. */
export interface CaliperEnvelope {
  sensor: string
  sendTime: string
  dataVersion: string
  data: (CaliperEvent | CaliperEntity)[]
}

/**
 * True when `event` is a Timeback ActivityEvent (checks `type`, `action` and an object actor).
 * @example
 * for (const e of events) if (isActivityEvent(e)) console.log(e.actor.email, e.generated.items)
 */
export function isActivityEvent(event: CaliperEvent): event is ActivityEvent {
  return event.type === 'ActivityEvent' && event.action === 'Completed' && isObject(event.actor) && isObject(event.object)
}

/**
 * True when `event` is a Timeback TimeSpentEvent.
 * @example
 * const seconds = events.filter(isTimeSpentEvent).flatMap((e) => e.generated.items).reduce((n, m) => n + m.value, 0)
 */
export function isTimeSpentEvent(event: CaliperEvent): event is TimeSpentEvent {
  return event.type === 'TimeSpentEvent' && event.action === 'SpentTime' && isObject(event.actor) && isObject(event.object)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const text = (what: string) => v.string(`${what} must be a string`)
const ref = v.union([v.string(), v.looseObject({})], 'must be an IRI string or an entity object')

const EnvelopeSchema = v.looseObject({
  sensor: text('sensor'),
  sendTime: text('sendTime'),
  dataVersion: text('dataVersion'),
  data: v.pipe(v.array(v.looseObject({ id: text('id'), type: text('type') }), 'must be an array'), v.minLength(1, 'must hold at least one event')),
})

const EventSchema = v.looseObject({
  id: text('id'),
  type: text('type'),
  actor: ref,
  action: text('action'),
  object: ref,
  eventTime: text('eventTime'),
})

function issuesOf(result: v.SafeParseResult<v.GenericSchema>, prefix: string): InputIssue[] {
  if (result.success) return []
  return result.issues.map((issue) => {
    const path = [prefix, v.getDotPath(issue)].filter(Boolean).join('.')
    return { path: path || '(root)', message: issue.input === undefined && issue.kind === 'schema' ? 'is required' : issue.message }
  })
}

/**
 * Checks a parsed JSON value is a Caliper envelope and picks out its events (items with an `action`;
 * entities stay in `envelope.data`). Throws InputValidationError naming each bad field.
 * @example
 * const { envelope, events } = readEnvelope(JSON.parse(text))
 */
export function readEnvelope(value: unknown): { envelope: CaliperEnvelope; events: CaliperEvent[] } {
  const head = v.safeParse(EnvelopeSchema, value)
  const issues = issuesOf(head, '')
  if (!head.success) throw new InputValidationError(issues, 'webhook payload')
  const events: CaliperEvent[] = []
  head.output.data.forEach((item, i) => {
    if (!('action' in item)) return
    const result = v.safeParse(EventSchema, item)
    if (result.success) events.push(result.output as CaliperEvent)
    else issues.push(...issuesOf(result, `data.${i}`))
  })
  if (issues.length) throw new InputValidationError(issues, 'webhook payload')
  return { envelope: head.output as unknown as CaliperEnvelope, events }
}
