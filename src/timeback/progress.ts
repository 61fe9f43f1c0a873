/**
 * @module timeback/progress — the course progress `timeback.activity.record` sends as `pctCompleteApp` when the app
 * gives none: the units the student had already mastered in the course (EduBridge enrollment facts), plus this
 * activity's unless the week's facts show it was already counted, over the course's `totalLessons`.
 */

import type { EduBridgeClient } from '../services/edubridge/client.js'

/** What the progress needs to know about the activity being recorded. */
export interface ProgressInput {
  timebackId: string
  courseId: string
  totalLessons: number
  masteredUnits: number
  /** The activity's slug and its Caliper object id: a weekly row naming either is this activity. */
  activityIds: readonly string[]
  endedAt: string
}

/**
 * The percentage (0–100, whole) or undefined when it cannot be known (no enrollment in the course, facts unreadable):
 * a wrong progress is worse than none, and the activity itself must still be recorded.
 */
export async function computeProgress(edubridge: EduBridgeClient, input: ProgressInput): Promise<number | undefined> {
  let historic = 0
  try {
    const enrollments = await edubridge.enrollments.list(input.timebackId)
    const enrollment = enrollments.find((e) => e?.course?.id === input.courseId)
    if (!enrollment) return undefined
    const facts = await edubridge.analytics.getEnrollmentFacts({ enrollmentId: enrollment.id })
    for (const bySubject of Object.values(facts.facts)) {
      for (const fact of Object.values(bySubject ?? {})) {
        const units = fact?.activityMetrics?.masteredUnits
        if (typeof units === 'number' && Number.isFinite(units) && units > 0) historic += units
      }
    }
  } catch {
    return undefined
  }
  // A row of this activity in the week means its units are already in the historic count; when the week cannot be
  // read, assume so too (as the vendor does): counting a unit twice would overstate progress.
  let counted = true
  try {
    const week = await edubridge.analytics.getWeeklyFacts({ studentId: input.timebackId, weekDate: input.endedAt })
    counted = week.facts.some((row) => row?.eventType === 'ActivityEvent' && typeof row.activityId === 'string' && input.activityIds.includes(row.activityId))
  } catch {
    counted = true
  }
  const mastered = historic + (counted ? 0 : input.masteredUnits)
  return Math.min(100, Math.max(0, Math.round((100 * mastered) / input.totalLessons)))
}
