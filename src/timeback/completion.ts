/**
 * @module timeback/completion — when `timeback.activity.record` brings a course to 100 %, the mastery-completion
 * result (services-2026-additions §7.3 step 8): a line item per course and a result per student, both with ids
 * derived from sha256 so a retry (or another instance) writes the same records. Failures are logged, never thrown:
 * the activity itself is already recorded.
 */

import type { Logger } from '../core/transport/hooks.js'
import type { OneRosterClient } from '../services/oneroster/client.js'
import { sha256Hex } from './xp.js'

/** The ids the vendor derives: `timeback_sdk_` + sha256hex of `mastery-completion_<courseId>[_<timebackId>]`. */
export async function masteryCompletionIds(courseId: string, timebackId: string): Promise<{ lineItem: string; result: string }> {
  return {
    lineItem: `timeback_sdk_${await sha256Hex(`mastery-completion_${courseId}`)}`,
    result: `timeback_sdk_${await sha256Hex(`mastery-completion_${courseId}_${timebackId}`)}`,
  }
}

/** Creates the course's completion line item when missing, then PUTs the student's result (score 100, fully graded). */
export async function recordMasteryCompletion(
  oneroster: OneRosterClient, input: { courseId: string; timebackId: string; endedAt: string }, logger?: Logger,
): Promise<boolean> {
  try {
    const ids = await masteryCompletionIds(input.courseId, input.timebackId)
    if (!(await oneroster.assessmentLineItems.exists(ids.lineItem))) {
      await oneroster.assessmentLineItems.upsert(ids.lineItem, {
        title: 'Mastery completion', status: 'active',
        course: { sourcedId: input.courseId }, componentResource: { sourcedId: `${input.courseId}-cr` },
        resultValueMin: 0, resultValueMax: 100, metadata: { isMasteryCompletion: true },
      } as never)
    }
    await oneroster.assessmentResults.upsert(ids.result, {
      status: 'active', assessmentLineItem: { sourcedId: ids.lineItem }, student: { sourcedId: input.timebackId },
      score: 100, scoreDate: input.endedAt, scoreStatus: 'fully graded', metadata: { isMasteryCompletion: true },
    } as never)
    return true
  } catch (error) {
    logger?.warn?.('timeback.activity.record: writing the mastery-completion result failed (the activity was recorded)', {
      courseId: input.courseId, error: error instanceof Error ? error.message : String(error),
    })
    return false
  }
}
