// EduBridge analytics over the facts this module received: daily activity by local day and subject (and app),
// the same for one enrollment, and the highest grade mastered from OneRoster's assessment results. Weekly fact
// rows are in ./weekly.ts. Bounds are instants (full ISO date-times, inclusive): a date-only bound answers 422, as
// the live service does; days are taken in `timezone` (default UTC).
import { route, type Ctx, type Route } from '../context.js'
import { HttpError, json } from '../http.js'
import { activeOr404, isDate, isDateTime, isObject, oneOf, refId, rosterOf, SUBJECTS, type Row } from './common.js'
import { courseOfEnrollment } from './facts.js'
import type { EduBridgeState, StoredFact } from './state.js'
import { studentFacts } from './student.js'
import { weeklyFacts } from './weekly.js'
import { localDay, zoneFormatter } from './zone.js'

const A = '/edubridge/analytics'

function bound(query: URLSearchParams, name: string, required: boolean): number | undefined {
  const raw = query.get(name)
  if (raw === null || raw === '') {
    if (required) throw new HttpError(400, `'${name}' is required (an ISO 8601 date-time such as 2026-12-01T00:00:00.000Z).`)
    return undefined
  }
  if (isDate(raw)) throw new HttpError(422, `'${name}' must be a full ISO 8601 date-time, not a date: use ${raw}T00:00:00.000Z.`)
  if (!isDateTime(raw)) throw new HttpError(400, `'${name}' must be an ISO 8601 date-time (got '${raw}').`)
  return Date.parse(raw)
}

/** `startDate`/`endDate` as an inclusive instant range. */
export function rangeOf(query: URLSearchParams, required: boolean): { from: number; to: number } {
  const from = bound(query, 'startDate', required) ?? -Infinity
  const to = bound(query, 'endDate', required) ?? Infinity
  if (from > to) throw new HttpError(400, "'startDate' must not be after 'endDate'.")
  return { from, to }
}

const zoneOf = (query: URLSearchParams): Intl.DateTimeFormat => zoneFormatter(query.get('timezone')?.trim() || 'UTC')

interface Cell {
  activityMetrics: { xpEarned: number; totalQuestions: number; correctQuestions: number; masteredUnits: number }
  timeSpentMetrics: { activeSeconds: number; inactiveSeconds: number; wasteSeconds: number }
}
const emptyCell = (): Cell => ({
  activityMetrics: { xpEarned: 0, totalQuestions: 0, correctQuestions: 0, masteredUnits: 0 },
  timeSpentMetrics: { activeSeconds: 0, inactiveSeconds: 0, wasteSeconds: 0 },
})
function add(cell: Cell, f: StoredFact): void {
  const a = cell.activityMetrics
  const t = cell.timeSpentMetrics
  a.xpEarned += f.xpEarned
  a.totalQuestions += f.totalQuestions
  a.correctQuestions += f.correctQuestions
  a.masteredUnits += f.masteredUnits
  t.activeSeconds += f.activeSeconds
  t.inactiveSeconds += f.inactiveSeconds
  t.wasteSeconds += f.wasteSeconds
}

/** `facts[day][subject]` (with the apps that contributed) and `factsByApp[day][subject][app]`; quiet days are absent. */
export function rollup(facts: readonly StoredFact[], zone: Intl.DateTimeFormat): { facts: Row; factsByApp: Row } {
  const byDay: Record<string, Record<string, Cell & { apps: string[] }>> = {}
  const byApp: Record<string, Record<string, Record<string, Cell>>> = {}
  for (const f of [...facts].sort((x, y) => Date.parse(x.occurredAt) - Date.parse(y.occurredAt))) {
    const day = localDay(Date.parse(f.occurredAt), zone).date
    const cell = ((byDay[day] ??= {})[f.subject] ??= { ...emptyCell(), apps: [] })
    add(cell, f)
    if (!cell.apps.includes(f.app)) cell.apps.push(f.app)
    add(((byApp[day] ??= {})[f.subject] ??= {})[f.app] ??= emptyCell(), f)
  }
  return { facts: byDay, factsByApp: byApp }
}

const within = (f: StoredFact, r: { from: number; to: number }): boolean => {
  const t = Date.parse(f.occurredAt)
  return t >= r.from && t <= r.to
}

function activity(state: EduBridgeState, ctx: Ctx): Response {
  const { facts } = studentFacts(state, rosterOf(ctx), ctx.query)
  const range = rangeOf(ctx.query, true)
  const zone = zoneOf(ctx.query)
  return json({
    message: 'Activity facts retrieved', startDate: ctx.query.get('startDate'), endDate: ctx.query.get('endDate'),
    ...rollup(facts.filter((f) => within(f, range)), zone),
  })
}

function enrollmentFacts(state: EduBridgeState, ctx: Ctx): Response {
  const store = rosterOf(ctx)
  const enrollment = activeOr404(store, 'enrollments', ctx.params.enrollmentId!, 'Enrollment')
  const studentId = refId(enrollment.user)
  const courseId = courseOfEnrollment(store, enrollment)
  const range = rangeOf(ctx.query, false)
  const zone = zoneOf(ctx.query)
  const facts = state.facts.filter((f) =>
    within(f, range) && (f.enrollmentId === enrollment.sourcedId || (f.studentId === studentId && courseId !== undefined && f.courseId === courseId)))
  return json({
    message: 'Enrollment facts retrieved', enrollmentId: enrollment.sourcedId,
    startDate: ctx.query.get('startDate'), endDate: ctx.query.get('endDate'), ...rollup(facts, zone),
  })
}

/**
 * Placement and test-out grades from OneRoster: passed (`metadata.passed`, else score ≥ 90) results whose line item
 * is of a course in the subject; the kind comes from `metadata.testType` of the result or its line item. MAP (RIT)
 * and Edulastic grades have no source in the emulator and stay null.
 */
function highestGradeMastered(ctx: Ctx): Response {
  const store = rosterOf(ctx)
  const student = activeOr404(store, 'users', ctx.params.studentId!, 'Student')
  const subject = oneOf(ctx.params.subject, SUBJECTS, 'subject')
  const best: Record<string, number | undefined> = {}
  for (const r of store.list('assessmentResults')) {
    if (r.status === 'tobedeleted' || refId(r.student) !== student.sourcedId) continue
    const item = store.get('assessmentLineItems', refId(r.assessmentLineItem) ?? '')
    const course = store.get('courses', refId(item?.course) ?? '')
    if (!course || !Array.isArray(course.subjects) || !course.subjects.includes(subject)) continue
    const meta = isObject(r.metadata) ? r.metadata : {}
    const kind = meta.testType ?? (isObject(item?.metadata) ? item.metadata.testType : undefined)
    const passed = typeof meta.passed === 'boolean' ? meta.passed : typeof r.score === 'number' && r.score >= 90
    const grade = Array.isArray(course.grades) ? Number(course.grades[0]) : NaN
    const key = kind === 'placement' ? 'placementGrade' : kind === 'test-out' ? 'testOutGrade' : undefined
    if (key && passed && Number.isInteger(grade)) best[key] = Math.max(best[key] ?? -Infinity, grade)
  }
  const grades = [best.placementGrade, best.testOutGrade].filter((g): g is number => g !== undefined)
  const text = (g: number | undefined) => (g === undefined ? null : String(g))
  return json({
    studentId: student.sourcedId, subject,
    grades: {
      ritGrade: null, edulasticGrade: null, placementGrade: text(best.placementGrade), testOutGrade: text(best.testOutGrade),
      highestGradeOverall: text(grades.length ? Math.max(...grades) : undefined),
    },
  })
}

export function analyticsRoutes(state: EduBridgeState): Route[] {
  return [
    route('GET', `${A}/activity`, 'getActivity', (ctx) => activity(state, ctx)),
    route('GET', `${A}/facts/weekly`, 'getWeeklyFacts', (ctx) => weeklyFacts(state, ctx)),
    route('GET', `${A}/enrollment/{enrollmentId}`, 'getEnrollmentFacts', (ctx) => enrollmentFacts(state, ctx)),
    route('GET', `${A}/highestGradeMastered/{studentId}/{subject}`, 'getHighestGradeMastered', highestGradeMastered),
  ]
}
