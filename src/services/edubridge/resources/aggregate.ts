/**
 * @module services/edubridge/resources/aggregate — `aggregateActivityMetrics`: one set of totals from an
 * analytics answer, counting each thing once.
 */

import type { ActivityAnswer, WeeklyFact, WeeklyFactsAnswer } from './analytics.js'

/** Totals over an analytics answer. */
export interface ActivityTotals {
  totalXp: number
  totalQuestions: number
  correctQuestions: number
  masteredUnits: number
  activeSeconds: number
  inactiveSeconds: number
  wasteSeconds: number
}

// Numbers arrive as numbers or numeric strings (`activeSeconds: "93.00"`); anything else counts as 0.
const num = (value: unknown): number => {
  const n = typeof value === 'string' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) ? n : 0
}

function addActivity(totals: ActivityTotals, m: any): void {
  totals.totalXp += num(m?.xpEarned)
  totals.totalQuestions += num(m?.totalQuestions)
  totals.correctQuestions += num(m?.correctQuestions)
  totals.masteredUnits += num(m?.masteredUnits)
}

function addTime(totals: ActivityTotals, m: any): void {
  totals.activeSeconds += num(m?.activeSeconds)
  totals.inactiveSeconds += num(m?.inactiveSeconds)
  totals.wasteSeconds += num(m?.wasteSeconds)
}

/**
 * Sums XP, questions, mastered units and seconds over an analytics answer:
 * - `getActivity` / `getEnrollmentFacts` answers: every day × subject cell of `facts` (`factsByApp` holds the
 *   same numbers split by app, so it is not added again);
 * - `getWeeklyFacts` answers (or their `facts` array): the week holds two rows per activity, so XP, questions and
 *   mastered units are taken from `ActivityEvent` rows only and seconds from `TimeSpentEvent` rows only; a row of
 *   another or no `eventType` counts for both. `activeSeconds` may be a string.
 * Pure: no request. Zero seconds may mean "not reported by the app", not "no time spent".
 * @example
 * const week = await client.analytics.getWeeklyFacts({ studentId: 's1', weekDate: '2026-03-04' })
 * const { totalXp, activeSeconds } = aggregateActivityMetrics(week)
 */
export function aggregateActivityMetrics(activity: ActivityAnswer | WeeklyFactsAnswer | readonly WeeklyFact[]): ActivityTotals {
  const totals: ActivityTotals = {
    totalXp: 0, totalQuestions: 0, correctQuestions: 0, masteredUnits: 0, activeSeconds: 0, inactiveSeconds: 0, wasteSeconds: 0,
  }
  const facts: unknown = Array.isArray(activity) ? activity : (activity as { facts?: unknown } | undefined)?.facts
  if (Array.isArray(facts)) {
    for (const row of facts as WeeklyFact[]) {
      if (row?.eventType !== 'TimeSpentEvent') addActivity(totals, row)
      if (row?.eventType !== 'ActivityEvent') addTime(totals, row)
    }
  } else if (facts && typeof facts === 'object') {
    for (const bySubject of Object.values(facts as Record<string, unknown>)) {
      for (const cell of Object.values((bySubject ?? {}) as Record<string, any>)) {
        addActivity(totals, cell?.activityMetrics)
        addTime(totals, cell?.timeSpentMetrics)
      }
    }
  }
  return totals
}
