/**
 * @module services/edubridge/resources/analytics — what students did, from the Caliper events the platform
 * processed (`/edubridge/analytics/*`): daily rollups per subject and app, the week's event rows, one
 * enrollment's facts, and the highest grade mastered per subject.
 */

import { ServerError } from '../../../core/errors.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { operation, type Query, type Unwrap } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { Input, SUBJECTS } from './check.js'

/** The activity numbers of one day, subject (and app). */
export interface ActivityMetrics {
  xpEarned: number
  totalQuestions: number
  correctQuestions: number
  masteredUnits: number
}

/** Seconds of one day and subject; `inactiveSeconds`/`wasteSeconds` are 0 when the app never reports them. */
export interface TimeSpentMetrics {
  activeSeconds: number
  inactiveSeconds: number
  wasteSeconds: number
}

/** One cell of the daily facts. */
export interface DailyFact {
  activityMetrics: ActivityMetrics
  timeSpentMetrics: TimeSpentMetrics
  apps?: string[]
  [key: string]: unknown
}

/** `getActivity`/`getEnrollmentFacts`: facts by day, then subject (and by app in `factsByApp`). */
export interface ActivityAnswer {
  message?: string
  startDate?: string
  endDate?: string
  facts: Record<string, Record<string, DailyFact>>
  factsByApp?: Record<string, Record<string, Record<string, DailyFact>>>
  [key: string]: unknown
}

/** One processed event of the week: an `ActivityEvent` row (XP, questions) or a `TimeSpentEvent` row (seconds). */
export interface WeeklyFact {
  id: string | number
  eventType: 'ActivityEvent' | 'TimeSpentEvent' | (string & {})
  date: string
  datetime?: string
  email?: string
  userId?: string
  subject?: string
  app?: string
  courseId?: string | null
  enrollmentId?: string | null
  activityId?: string | null
  activityName?: string | null
  xpEarned?: number | null
  totalQuestions?: number | null
  correctQuestions?: number | null
  masteredUnits?: number | null
  /** A string on the wire (e.g. `"93.00"`). */
  activeSeconds?: string | number | null
  inactiveSeconds?: number | null
  wasteSeconds?: number | null
  [key: string]: unknown
}

/** `getWeeklyFacts`: the rows of the Sunday–Saturday week holding `weekDate`. */
export interface WeeklyFactsAnswer {
  message?: string
  startDate?: string
  endDate?: string
  facts: WeeklyFact[]
  [key: string]: unknown
}

/** `getHighestGradeMastered`: the grade by each source and overall. */
export interface HighestGradeMastered {
  studentId: string
  subject: string
  grades: {
    ritGrade?: string | null
    edulasticGrade?: string | null
    placementGrade?: string | null
    testOutGrade?: string | null
    highestGradeOverall?: string | null
    [key: string]: unknown
  }
}

/** Who: exactly one of `studentId` (OneRoster sourcedId) or `email`. */
export type Student = { studentId: string; email?: never } | { email: string; studentId?: never }

/** Dates are `YYYY-MM-DD` (sent as `…T00:00:00.000Z`, as the vendor SDK does), full ISO 8601 with a zone, or a Date. */
export type DateInput = string | Date

/** What `analytics.getActivity` takes; `timezone` (IANA) decides the day buckets, UTC when left out. */
export type ActivityInput = Student & { startDate: DateInput; endDate: DateInput; timezone?: string }
/** What `analytics.getWeeklyFacts` takes: any day of the wanted week. */
export type WeeklyFactsInput = Student & { weekDate: DateInput; timezone?: string }
/** What `analytics.getEnrollmentFacts` takes. */
export interface EnrollmentFactsInput { enrollmentId: string; startDate?: DateInput; endDate?: DateInput; timezone?: string }

/** The student, dates and zone of a query; `dates` are `name` or `name?` (optional). */
function analyticsQuery(label: string, input: unknown, dates: string, byStudent = true): Query {
  const names = dates.replace(/\?/g, '').split('|')
  const check = new Input(label, input, `${byStudent ? 'studentId|email|' : 'enrollmentId|'}${names.join('|')}|timezone`)
  const query: Query = { timezone: check.timezone().v.timezone as string | undefined }
  if (byStudent) {
    check.text('studentId').text('email')
    const { studentId, email } = check.v
    // Both at once is ambiguous (which one would the service use?), so exactly one is required.
    if ((studentId === undefined) === (email === undefined)) {
      check.add(studentId === undefined ? 'studentId' : 'email', 'give exactly one of studentId (the OneRoster sourcedId) or email')
    }
    query.studentId = studentId as string | undefined
    query.email = email as string | undefined
  } else check.text('enrollmentId', true)
  for (const name of dates.split('|')) {
    const key = name.replace('?', '')
    query[key] = check.date(key, !name.endsWith('?'))
  }
  // Compared as instants, so zones count; the same instant is a (short) range.
  const { startDate, endDate } = query
  if (startDate && endDate && Date.parse(endDate as string) < Date.parse(startDate as string)) {
    check.add('endDate', `must not be before startDate (${startDate as string}), got ${endDate as string}`)
  }
  check.done()
  return query
}

const isObject = (x: unknown): boolean => !!x && typeof x === 'object' && !Array.isArray(x)

/**
 * The answer when `field` has the documented shape (an array, else an object), else a ServerError
 * `invalid_response`: totals computed from a wrong shape would silently be 0, and a `null` answer typed as an
 * object would fail later, far from the request.
 */
const withField = (field: string, rows: boolean): Unwrap<any> => (body, req) => {
  const value = body?.[field]
  if (rows ? Array.isArray(value) : isObject(value)) return body
  throw new ServerError(`${req.path}: the response has no '${field}' ${rows ? 'array' : 'object'}`, {
    status: 200, method: req.method, url: req.path, body: undefined,
  }, 'invalid_response')
}
const byDay = /* @__PURE__ */ withField('facts', false)

/** GET /edubridge/analytics/activity?studentId|email&startDate&endDate&timezone */
const activityOp = /* @__PURE__ */ operation<{ query: Query }, ActivityAnswer>({ method: 'GET', path: '/edubridge/analytics/activity', unwrap: byDay })
/** GET /edubridge/analytics/facts/weekly?studentId|email&weekDate&timezone */
const weeklyOp = /* @__PURE__ */ operation<{ query: Query }, WeeklyFactsAnswer>({ method: 'GET', path: '/edubridge/analytics/facts/weekly', unwrap: /* @__PURE__ */ withField('facts', true) })
/** GET /edubridge/analytics/enrollment/{enrollmentId}?startDate&endDate&timezone */
const enrollmentOp = /* @__PURE__ */ operation<{ enrollmentId: string; query: Query }, ActivityAnswer>({ method: 'GET', path: '/edubridge/analytics/enrollment/{enrollmentId}', unwrap: byDay })
/** GET /edubridge/analytics/highestGradeMastered/{studentId}/{subject} */
const highestOp = /* @__PURE__ */ operation<{ studentId: string; subject: string }, HighestGradeMastered>({
  method: 'GET', path: '/edubridge/analytics/highestGradeMastered/{studentId}/{subject}', unwrap: /* @__PURE__ */ withField('grades', false),
})

/**
 * `client.analytics`: XP, questions, mastered units and time, as the platform computed them from Caliper events.
 * Sum them with `aggregateActivityMetrics`.
 * @example
 * const activity = await client.analytics.getActivity({ studentId: 's1', startDate: '2026-03-01', endDate: '2026-03-08', timezone: 'America/Chicago' })
 * const { totalXp } = aggregateActivityMetrics(activity)
 */
export interface AnalyticsResource {
  /** GET /edubridge/analytics/activity — facts per day and subject between `startDate` and `endDate`. */
  getActivity(input: ActivityInput, call?: CallOptions): Promise<ActivityAnswer>
  /** GET /edubridge/analytics/facts/weekly — the week's event rows (two per activity: ActivityEvent + TimeSpentEvent). */
  getWeeklyFacts(input: WeeklyFactsInput, call?: CallOptions): Promise<WeeklyFactsAnswer>
  /** GET /edubridge/analytics/enrollment/{enrollmentId} — one enrollment's facts, same shape as `getActivity`. */
  getEnrollmentFacts(input: EnrollmentFactsInput, call?: CallOptions): Promise<ActivityAnswer>
  /** GET /edubridge/analytics/highestGradeMastered/{studentId}/{subject} — `subject` is one of EduBridge's subjects. */
  getHighestGradeMastered(input: { studentId: string; subject: string }, call?: CallOptions): Promise<HighestGradeMastered>
}

/**
 * Builds `client.analytics`.
 * @example const week = await createAnalytics(ctx).getWeeklyFacts({ email: 'ada@school.example', weekDate: '2026-03-04' })
 */
export function createAnalytics(ctx: ServiceContext): AnalyticsResource {
  return {
    getActivity: async (input, call) => activityOp(ctx, { query: analyticsQuery('analytics.getActivity', input, 'startDate|endDate') }, call),
    getWeeklyFacts: async (input, call) => weeklyOp(ctx, { query: analyticsQuery('analytics.getWeeklyFacts', input, 'weekDate') }, call),
    getEnrollmentFacts: async (input, call) => {
      const query = analyticsQuery('analytics.getEnrollmentFacts', input, 'startDate?|endDate?', false)
      return enrollmentOp(ctx, { enrollmentId: (input as EnrollmentFactsInput).enrollmentId, query }, call)
    },
    getHighestGradeMastered: async (input, call) => {
      const check = new Input('analytics.getHighestGradeMastered', input, 'studentId|subject')
      return highestOp(ctx, check.text('studentId', true).pick('subject', SUBJECTS, true).done(), call)
    },
  }
}
