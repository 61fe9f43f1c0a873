/**
 * @module services/caliper/profile — the Timeback profile of Caliper 1.2: its two events (ActivityEvent,
 * TimeSpentEvent), the actor and object entities they carry and their metric collections. The checks are in
 * checks.ts (what sends use) and schemas.ts (the same rules as valibot schemas, for your own use).
 */

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
