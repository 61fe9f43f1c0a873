/**
 * @module services/edubridge/resources/aggregate — `aggregateActivityMetrics`: one set of totals from an
 * analytics answer, counting each thing once and refusing values it cannot count.
 */

import { InputValidationError, type InputIssue } from '../../../core/errors.js'
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

type Pairs = readonly (readonly [keyof ActivityTotals, string])[]
const ACTIVITY: Pairs = [['totalXp', 'xpEarned'], ['totalQuestions', 'totalQuestions'], ['correctQuestions', 'correctQuestions'], ['masteredUnits', 'masteredUnits']]
const TIME: Pairs = [['activeSeconds', 'activeSeconds'], ['inactiveSeconds', 'inactiveSeconds'], ['wasteSeconds', 'wasteSeconds']]

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

/**
 * Adds `source`'s numbers to `totals`. Absent and null add nothing (the app did not report them); numbers and
 * numeric strings (`activeSeconds: "93.00"`) add; anything else is an issue: a silent 0 would under-report.
 */
function add(totals: ActivityTotals, pairs: Pairs, source: unknown, path: string, issues: InputIssue[]): void {
  if (source === undefined || source === null) return
  if (!isObject(source)) return void issues.push({ path, message: 'must be an object' })
  for (const [total, field] of pairs) {
    const value = source[field]
    if (value === undefined || value === null) continue
    const n = typeof value === 'string' ? Number(value) : value
    if (typeof n === 'number' && Number.isFinite(n)) totals[total] += n
    else issues.push({ path: `${path}.${field}`, message: `must be a number or a numeric string, got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value)}` })
  }
}

/**
 * Sums XP, questions, mastered units and seconds over an analytics answer:
 * - `getActivity` / `getEnrollmentFacts` answers: every day × subject cell of `facts` (`factsByApp` holds the
 *   same numbers split by app, so it is not added again);
 * - `getWeeklyFacts` answers (or their `facts` array): the week holds two rows per activity, so XP, questions and
 *   mastered units are taken from `ActivityEvent` rows only and seconds from `TimeSpentEvent` rows only; a row of
 *   another or no `eventType` counts for both; a row repeated with the same `eventType` and `id` counts once.
 *   `activeSeconds` may be a string.
 * Absent or null numbers, rows, days and cells add nothing; numbers are summed as given (negative ones too),
 * whoever the rows are about. A value that is not a number or a numeric string (`"abc"`, NaN), or an answer of
 * another shape, throws an InputValidationError naming each place (`[3].activeSeconds`). Pure: no request.
 * Zero seconds may mean "not reported by the app", not "no time spent".
 * @example
 * const week = await client.analytics.getWeeklyFacts({ studentId: 's1', weekDate: '2026-03-04' })
 * const { totalXp, activeSeconds } = aggregateActivityMetrics(week)
 */
export function aggregateActivityMetrics(activity: ActivityAnswer | WeeklyFactsAnswer | readonly WeeklyFact[]): ActivityTotals {
  const totals: ActivityTotals = {
    totalXp: 0, totalQuestions: 0, correctQuestions: 0, masteredUnits: 0, activeSeconds: 0, inactiveSeconds: 0, wasteSeconds: 0,
  }
  const issues: InputIssue[] = []
  const bare = Array.isArray(activity)
  const facts: unknown = bare ? activity : isObject(activity) ? activity.facts : undefined
  const at = bare ? '' : 'facts'
  if (Array.isArray(facts)) {
    const seen = new Set<string>()
    facts.forEach((row: unknown, i) => {
      const path = `${at}[${i}]`
      if (isObject(row) && (typeof row.id === 'string' || typeof row.id === 'number')) {
        const key = `${String(row.eventType)}\n${typeof row.id}:${row.id}`
        if (seen.has(key)) return
        seen.add(key)
      }
      const type = isObject(row) ? row.eventType : undefined
      if (type !== 'TimeSpentEvent') add(totals, ACTIVITY, row, path, issues)
      if (type !== 'ActivityEvent') add(totals, TIME, row, path, issues)
    })
  } else if (isObject(facts)) {
    for (const [day, bySubject] of Object.entries(facts)) {
      if (bySubject === null || bySubject === undefined) continue
      if (!isObject(bySubject)) {
        issues.push({ path: `facts.${day}`, message: 'must be an object' })
        continue
      }
      for (const [subject, cell] of Object.entries(bySubject)) {
        const path = `facts.${day}.${subject}`
        if (cell === null || cell === undefined) continue
        if (!isObject(cell)) {
          issues.push({ path, message: 'must be an object' })
          continue
        }
        add(totals, ACTIVITY, cell.activityMetrics, `${path}.activityMetrics`, issues)
        add(totals, TIME, cell.timeSpentMetrics, `${path}.timeSpentMetrics`, issues)
      }
    }
  } else {
    issues.push({ path: 'facts', message: 'must be an analytics answer: facts by day (getActivity, getEnrollmentFacts) or an array of rows (getWeeklyFacts)' })
  }
  if (issues.length) throw new InputValidationError(issues, 'aggregateActivityMetrics')
  return totals
}
