/**
 * @module timeback/activity-input — what `timeback.activity.record` takes, checked before any request: every
 * problem is listed with its field, and nothing is sent until all are fixed.
 */

import { InputValidationError, type InputIssue } from '../core/errors.js'
import { SUBJECTS, type TimebackSubject } from '../services/caliper/profile.js'

/**
 * One finished activity, as `timeback.activity.record` takes it.
 * @example
 * const input: ActivityRecordInput = {
 *   user: { email: 'ada@school.example' },
 *   activity: { id: 'fractions-1', name: 'Fractions 1', subject: 'Math', grade: 4, courseId: 'math-g4' },
 *   metrics: { totalQuestions: 10, correctQuestions: 9 },
 *   time: { startedAt: '2026-03-04T15:00:00Z', endedAt: '2026-03-04T15:12:00Z', activeMs: 600_000, inactiveMs: 120_000 },
 *   runId: 'run-7f3a',
 * }
 */
export interface ActivityRecordInput {
  /** The student; `timebackId` (their OneRoster sourcedId) skips the lookup by email. */
  user: { email: string; timebackId?: string }
  activity: {
    /** A slug, unique in your app (letters, digits, `.`, `_`, `~`, `-`). */
    id: string
    name: string
    /** One of the Caliper profile's subjects (the documented list, not the 0.1.4 port's six). */
    subject: TimebackSubject
    /** −1 (pre-K) to 13; the object id is `{sensor}/activities/{subject}/g{grade}/{id}` with it, else with `courseCode`. */
    grade?: number
    courseCode?: string
    /** The OneRoster course sourcedId: analytics attribute the XP to it, and attempts are counted in it. */
    courseId?: string
    courseName?: string
    /**
     * The course's lesson count (your config's `metrics.totalLessons`). With `courseId` and `metrics.masteredUnits > 0`
     * and no `pctComplete`, the course progress is computed from EduBridge (needs `edubridge` in `use`).
     */
    totalLessons?: number
  }
  metrics: {
    /** Documented as required; left out, it is computed from the questions and the active time (see README). */
    xpEarned?: number
    totalQuestions?: number
    correctQuestions?: number
    masteredUnits?: number
    /** 0–100, sent as `generated.extensions.pctCompleteApp`. */
    pctComplete?: number
  }
  /** Given, a TimeSpentEvent is sent too. `endedAt` defaults to now. */
  time?: { startedAt?: Date | string; endedAt?: Date | string; activeMs?: number; inactiveMs?: number }
  /** Your app's id for this run: the event ids derive from it, so the same run is never recorded twice. */
  runId?: string
  /** The attempt number; default: counted from OneRoster results when `courseId` is given, else 1. */
  attempt?: number
}

const SLUG = /^[A-Za-z0-9._~-]{1,200}$/
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000
const isAmount = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max
const isText = (v: unknown, max = 500): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max

/** A Date or an ISO date-time with its zone; NaN when it is neither. */
export function instant(value: Date | string | undefined): number {
  if (value instanceof Date) return value.getTime()
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value)) return Number.NaN
  return Date.parse(value)
}

/** Checks `input`; throws one InputValidationError listing every problem. */
export function checkRecordInput(input: ActivityRecordInput): void {
  const issues: InputIssue[] = []
  const add = (path: string, message: string) => issues.push({ path, message })
  if (!input || typeof input !== 'object') throw new InputValidationError([{ path: 'input', message: 'must be an object { user, activity, metrics, time?, runId? }' }], 'timeback.activity.record')
  const { user, activity, metrics, time, runId, attempt } = input
  if (!user || typeof user !== 'object') add('user', 'must be { email, timebackId? }')
  else if (user.timebackId !== undefined && !isText(user.timebackId, 200)) add('user.timebackId', 'must be a OneRoster sourcedId (non-empty text)')
  if (!activity || typeof activity !== 'object') add('activity', 'must be { id, name, subject, grade? | courseCode? }')
  else {
    if (typeof activity.id !== 'string' || !SLUG.test(activity.id)) add('activity.id', 'must be a slug: 1-200 letters, digits, ".", "_", "~" or "-"')
    if (!isText(activity.name)) add('activity.name', 'must be non-empty text (at most 500 characters)')
    if (!(SUBJECTS as readonly unknown[]).includes(activity.subject)) add('activity.subject', `must be one of ${SUBJECTS.join(', ')}`)
    if (activity.grade !== undefined && !(Number.isInteger(activity.grade) && activity.grade >= -1 && activity.grade <= 13)) add('activity.grade', 'must be a whole number from -1 (pre-K) to 13')
    if (activity.courseCode !== undefined && (typeof activity.courseCode !== 'string' || !SLUG.test(activity.courseCode))) add('activity.courseCode', 'must be a slug (letters, digits, ".", "_", "~", "-")')
    if (activity.grade === undefined && activity.courseCode === undefined) add('activity', 'needs `grade` or `courseCode` (the activity URL is built from one of them)')
    if (activity.courseId !== undefined && !isText(activity.courseId, 200)) add('activity.courseId', 'must be a OneRoster course sourcedId')
    if (activity.courseName !== undefined && !isText(activity.courseName)) add('activity.courseName', 'must be non-empty text')
    if (activity.totalLessons !== undefined && !(isCount(activity.totalLessons) && activity.totalLessons > 0)) add('activity.totalLessons', 'must be a whole number ≥ 1 (the course\'s lesson count)')
  }
  if (!metrics || typeof metrics !== 'object') add('metrics', 'must be an object (xpEarned, totalQuestions + correctQuestions, masteredUnits, pctComplete)')
  else {
    const { xpEarned, totalQuestions, correctQuestions, masteredUnits, pctComplete } = metrics
    if (xpEarned !== undefined && !isAmount(xpEarned, 100_000)) add('metrics.xpEarned', 'must be a number from 0 to 100000')
    if ((totalQuestions === undefined) !== (correctQuestions === undefined)) add('metrics', 'send totalQuestions and correctQuestions together, or neither')
    if (totalQuestions !== undefined && !isCount(totalQuestions)) add('metrics.totalQuestions', 'must be a whole number ≥ 0')
    if (correctQuestions !== undefined && !isCount(correctQuestions)) add('metrics.correctQuestions', 'must be a whole number ≥ 0')
    else if (isCount(totalQuestions) && isCount(correctQuestions) && correctQuestions > totalQuestions) add('metrics.correctQuestions', 'cannot exceed totalQuestions')
    if (masteredUnits !== undefined && !isCount(masteredUnits)) add('metrics.masteredUnits', 'must be a whole number ≥ 0')
    if (pctComplete !== undefined && !isAmount(pctComplete, 100)) add('metrics.pctComplete', 'must be a number from 0 to 100')
  }
  if (time !== undefined) {
    if (!time || typeof time !== 'object') add('time', 'must be { startedAt?, endedAt?, activeMs?, inactiveMs? }')
    else {
      for (const key of ['startedAt', 'endedAt'] as const) {
        if (time[key] !== undefined && Number.isNaN(instant(time[key]))) add(`time.${key}`, 'must be a valid Date or an ISO date-time with its zone (e.g. 2026-03-04T15:00:00Z)')
      }
      for (const key of ['activeMs', 'inactiveMs'] as const) {
        if (time[key] !== undefined && !isAmount(time[key], 86_400_000)) add(`time.${key}`, 'must be milliseconds from 0 to 86400000 (one day)')
      }
      const start = instant(time.startedAt)
      const end = time.endedAt === undefined ? Date.now() : instant(time.endedAt)
      if (end < start) add('time.endedAt', 'is before time.startedAt')
    }
  }
  if (runId !== undefined && !isText(runId, 200)) add('runId', 'must be non-empty text (at most 200 characters)')
  if (attempt !== undefined && !(Number.isInteger(attempt) && attempt >= 1 && attempt <= 10_000)) add('attempt', 'must be a whole number from 1')
  if (issues.length) throw new InputValidationError(issues, 'timeback.activity.record')
}
