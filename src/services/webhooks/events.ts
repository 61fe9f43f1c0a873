// @timeback/sdk/webhooks — the Caliper 1.2 envelope and event types a webhook delivery carries.
//
// Services never import each other, so these plain types restate the slice of the Caliper model that a
// receiver reads. readEnvelope (read-envelope.ts) checks only what every event needs (id, type, actor,
// action, object, eventTime): a receiver should accept fields Timeback adds later.


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

// The envelope check is hand-written (read-envelope.ts): receivers bundle it, and valibot would quadruple it.
export { readEnvelope } from './read-envelope.js'
