/**
 * @module timeback/activity — `timeback.activity.record`: one finished activity sent as a Caliper
 * ActivityEvent (metrics, attempt, XP) and, with `time`, a TimeSpentEvent, in one envelope. With a `runId` the
 * event ids are derived from it, and a run whose ActivityEvent is already stored is not sent again.
 */

import { envLookup } from '../core/env.js'
import { isApiError } from '../core/error-guards.js'
import { ConfigurationError, InputValidationError } from '../core/errors.js'
import { createActivityEvent, createTimeSpentEvent } from '../services/caliper/builders.js'
import type { CaliperClient } from '../services/caliper/client.js'
import type { ActivityMetric, TimeSpentMetric } from '../services/caliper/profile.js'
import type { OneRosterClient } from '../services/oneroster/client.js'
import { checkRecordInput, instant, type ActivityRecordInput } from './activity-input.js'
import { computeProgress } from './progress.js'
import { recordMasteryCompletion } from './completion.js'
import type { Logger } from '../core/transport/hooks.js'
import type { EduBridgeClient } from '../services/edubridge/client.js'
import { checkEmail, findUserByEmail, TimebackUserResolutionError } from './resolve.js'
import type { ClientLookup } from './user.js'
import { computeXp, deterministicUrn, sha256Hex } from './xp.js'

export type { ActivityRecordInput } from './activity-input.js'

/**
 * What `record` did. `sent: false` means the run's ActivityEvent was already stored: nothing was sent again.
 * @example const { sent, xpEarned, attempt } = await timeback.activity.record(input)
 */
export interface ActivityRecordResult {
  sent: boolean
  activityEventId: string
  timeSpentEventId?: string
  xpEarned: number
  attempt: number
  timebackId: string
  /** The course progress sent as `pctCompleteApp`: the one given, else computed from `activity.totalLessons`. */
  pctComplete?: number
}

/**
 * `timeback.activity`.
 * @example
 * await timeback.activity.record({
 *   user: { email: 'ada@school.example' }, activity: { id: 'fractions-1', name: 'Fractions 1', subject: 'Math', grade: 4 },
 *   metrics: { xpEarned: 12, totalQuestions: 10, correctQuestions: 9 }, runId: 'run-7f3a',
 * })
 */
export interface ActivityHelpers {
  record(input: ActivityRecordInput): Promise<ActivityRecordResult>
}

const ONEROSTER_USERS = '/ims/oneroster/rostering/v1p2/users/'
const ONEROSTER_COURSES = '/ims/oneroster/rostering/v1p2/courses/'

/** The attempt number as the vendor counts it: results of this line item and student; same end time = same attempt. */
async function countAttempt(oneroster: OneRosterClient, objectId: string, courseId: string, studentId: string, endedAt: string): Promise<number> {
  const lineItem = `caliper_${await sha256Hex(`${objectId}_${courseId}`)}`
  try {
    const results = await oneroster.assessmentResults.listAll({
      where: { status: 'active', 'assessmentLineItem.sourcedId': lineItem, 'student.sourcedId': studentId }, maxItems: 1000,
    })
    let highest = 0
    for (const result of results) {
      const attempt = Number((result.metadata as Record<string, unknown> | null | undefined)?.attempt)
      if (!Number.isInteger(attempt) || attempt < 1) continue
      if (Date.parse(result.scoreDate) === Date.parse(endedAt)) return attempt
      highest = Math.max(highest, attempt)
    }
    return highest + 1
  } catch {
    // As the vendor does: a failed count must not lose the activity.
    return 1
  }
}

/** Builds `timeback.activity` on the unified client's clients. */
export function createActivityHelpers(client: ClientLookup, options: { sensor?: string; vars?: object; logger?: Logger }): ActivityHelpers {
  return {
    async record(input) {
      checkRecordInput(input)
      const email = checkEmail(input.user.email, 'user.email', 'timeback.activity.record')
      const sensor = options.sensor ?? envLookup(options.vars)('TIMEBACK_SENSOR')
      if (!sensor || !isHttpUrl(sensor)) throw new ConfigurationError('timeback.activity.record: set `sensor` (your app\'s URL, e.g. https://myapp.example) in createTimeback\'s options or TIMEBACK_SENSOR')
      const oneroster = client('oneroster') as OneRosterClient
      const caliper = client('caliper') as CaliperClient
      // Asked for before any request: progress needs EduBridge, and a missing service is a setup error.
      const edubridge = input.activity.totalLessons === undefined ? undefined : client('edubridge') as EduBridgeClient
      let timebackId = input.user.timebackId
      if (timebackId === undefined) {
        const user = await findUserByEmail(oneroster, email)
        if (!user) throw new TimebackUserResolutionError('timeback_user_not_found', 'timeback.activity.record: no OneRoster user has this email')
        timebackId = user.sourcedId
      }
      const { activity, metrics, time, runId } = input
      const base = sensor.replace(/\/+$/, '')
      const objectId = activity.grade !== undefined
        ? `${base}/activities/${encodeURIComponent(activity.subject)}/g${activity.grade}/${activity.id}`
        : `${base}/activities/${activity.courseCode}/${activity.id}`
      const endedMs = time?.endedAt === undefined ? Date.now() : instant(time.endedAt)
      const endedAt = new Date(endedMs).toISOString()
      const attempt = input.attempt ?? (activity.courseId ? await countAttempt(oneroster, objectId, activity.courseId, timebackId, endedAt) : 1)

      let pctComplete = metrics.pctComplete
      if (pctComplete === undefined && edubridge && activity.courseId && activity.totalLessons && (metrics.masteredUnits ?? 0) > 0) {
        pctComplete = await computeProgress(edubridge, {
          timebackId, courseId: activity.courseId, totalLessons: activity.totalLessons, masteredUnits: metrics.masteredUnits!,
          activityIds: [activity.id, objectId], endedAt,
        })
      }

      const spanMs = time?.startedAt === undefined ? undefined : endedMs - instant(time.startedAt)
      const activeMs = time?.activeMs ?? (spanMs === undefined ? undefined : Math.max(0, spanMs - (time?.inactiveMs ?? 0)))
      let xpEarned = metrics.xpEarned
      if (xpEarned === undefined) {
        if (metrics.totalQuestions === undefined || activeMs === undefined) {
          throw new InputValidationError([{ path: 'metrics.xpEarned', message: 'is required unless totalQuestions, correctQuestions and the active time (time.activeMs, or time.startedAt) are given to compute it' }], 'timeback.activity.record')
        }
        xpEarned = computeXp({ activeMinutes: activeMs / 60_000, totalQuestions: metrics.totalQuestions, correctQuestions: metrics.correctQuestions ?? 0, attempt })
      }

      const ids = runId === undefined ? undefined : {
        activity: await deterministicUrn(['activity', base, timebackId, activity.id, runId]),
        activityMetrics: await deterministicUrn(['activity-metrics', base, timebackId, activity.id, runId]),
        timeSpent: await deterministicUrn(['time-spent', base, timebackId, activity.id, runId]),
        timeSpentMetrics: await deterministicUrn(['time-spent-metrics', base, timebackId, activity.id, runId]),
      }
      const actor = { id: `${oneroster.baseUrl}${ONEROSTER_USERS}${encodeURIComponent(timebackId)}`, email, role: 'student' as const }
      const object = {
        id: objectId, subject: activity.subject, app: { name: new URL(sensor).host },
        activity: { name: activity.name },
        ...(activity.courseId ? { course: { id: `${oneroster.baseUrl}${ONEROSTER_COURSES}${encodeURIComponent(activity.courseId)}`, name: activity.courseName ?? activity.courseId } } : {}),
      }
      const extensions = { ...(runId === undefined ? {} : { runId }), ...(activity.courseId ? { courseId: activity.courseId } : {}) }
      const items: ActivityMetric[] = [{ type: 'xpEarned', value: xpEarned }]
      if (metrics.totalQuestions !== undefined) items.push({ type: 'totalQuestions', value: metrics.totalQuestions }, { type: 'correctQuestions', value: metrics.correctQuestions ?? 0 })
      if (metrics.masteredUnits !== undefined) items.push({ type: 'masteredUnits', value: metrics.masteredUnits })
      const activityEvent = createActivityEvent({
        actor, object, eventTime: endedAt, metrics: items, attempt, extensions,
        ...(ids ? { id: ids.activity, metricsId: ids.activityMetrics } : {}),
        ...(pctComplete === undefined ? {} : { generatedExtensions: { pctCompleteApp: pctComplete } }),
      })
      const events: (typeof activityEvent | ReturnType<typeof createTimeSpentEvent>)[] = [activityEvent]
      if (time !== undefined) {
        const spent: TimeSpentMetric[] = [{ type: 'active', value: Math.round((activeMs ?? 0) / 1000) }]
        if (time.inactiveMs !== undefined) spent.push({ type: 'inactive', value: Math.round(time.inactiveMs / 1000) })
        events.push(createTimeSpentEvent({ actor, object, eventTime: endedAt, metrics: spent, extensions, ...(ids ? { id: ids.timeSpent, metricsId: ids.timeSpentMetrics } : {}) }))
      }
      const result = {
        activityEventId: activityEvent.id, ...(events[1] ? { timeSpentEventId: events[1].id } : {}), xpEarned, attempt, timebackId,
        ...(pctComplete === undefined ? {} : { pctComplete }),
      }
      // A retried run: its ActivityEvent is stored under the same id, so it is not sent (and counted) again.
      if (ids && await isStored(caliper, ids.activity)) return { sent: false, ...result }
      await caliper.events.send(sensor, events)
      // A course brought to 100 %: its mastery-completion result (§7.3 step 8); failures are only logged.
      if (pctComplete === 100 && activity.courseId) await recordMasteryCompletion(oneroster, { courseId: activity.courseId, timebackId, endedAt }, options.logger)
      return { sent: true, ...result }
    },
  }
}

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol)
  } catch {
    return false
  }
}

async function isStored(caliper: CaliperClient, id: string): Promise<boolean> {
  try {
    await caliper.events.get(id)
    return true
  } catch (error) {
    if (isApiError(error) && error.status === 404) return false
    throw error
  }
}
