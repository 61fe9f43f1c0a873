// Goals at the API root (`/goals/{studentId}/...`): a course goal (XP target on an enrolled course) and subject
// goals (grade mastery by a date; one active goal per student and subject, a new one replaces it; preview writes
// nothing). The course path is frozen when the goal is saved; XP progress is computed from facts when read.
import { route, type Ctx, type Route } from '../context.js'
import { HttpError, json } from '../http.js'
import type { Entity } from '../oneroster/index.js'
import type { OneRosterStore } from '../oneroster/state.js'
import { activeOr404, addDays, bodyObject, GRADES, isDate, isObject, oneOf, refId, rosterOf, SUBJECTS, text, utcDate, type Row } from './common.js'
import { classesOf, enrollmentsIn } from './roster.js'
import type { EduBridgeState } from './state.js'

const key = (a: string, b: string) => `${a}\u0000${b}`
const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0)
const metricsOf = (course: Entity | undefined): Row => (isObject(course?.metadata) && isObject(course.metadata.metrics) ? course.metadata.metrics : {})

/** Weekdays after `today` up to and including `end`. */
function schoolDaysUntil(today: string, end: string): number {
  let n = 0
  for (let d = addDays(today, 1); d <= end; d = addDays(d, 1)) if (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) n++
  return n
}

function xpOf(state: EduBridgeState, studentId: string, match: (f: { subject: string; courseId?: string; occurredAt: string }) => boolean) {
  const mine = state.facts.filter((f) => f.studentId === studentId && match(f))
  return { xp: mine.reduce((s, f) => s + f.xpEarned, 0), units: mine.reduce((s, f) => s + f.masteredUnits, 0), facts: mine }
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.min(100, Math.round((part / whole) * 100)) : 0)

async function courseGoal(state: EduBridgeState, ctx: Ctx): Promise<Response> {
  const store = rosterOf(ctx)
  const student = activeOr404(store, 'users', ctx.params.studentId!, 'Student')
  const body = await bodyObject(ctx)
  const course = activeOr404(store, 'courses', text(body, 'courseId', true), 'Course')
  const target = body.target
  if (!isObject(target)) throw new HttpError(400, "'target' is required: { metric: 'xp', value: '<number>' }.")
  oneOf(target.metric, ['xp'], 'target.metric')
  if (typeof target.value !== 'string' || !(Number(target.value) > 0)) throw new HttpError(400, "'target.value' must be a positive number written as a string, e.g. '1200'.")
  const pacing = body.pacing === undefined ? null : pacingOf(body.pacing, utcDate(ctx.env.clock()), false)
  if (enrollmentsIn(store, classesOf(store, course.sourcedId), student.sourcedId).length === 0) {
    throw new HttpError(422, `Student '${student.sourcedId}' is not enrolled in course '${course.sourcedId}'.`)
  }
  const goal = { id: ctx.env.newId(), status: 'active', target: { metric: 'xp', value: target.value }, pacing }
  state.courseGoals.set(key(student.sourcedId, course.sourcedId), goal)
  const total = Number(target.value)
  const done = xpOf(state, student.sourcedId, (f) => f.courseId === course.sourcedId)
  const lessons = num(metricsOf(course).totalLessons)
  const completedLessons = new Set(done.facts.filter((f) => f.eventType === 'ActivityEvent').map((f) => f.activityId)).size
  const progress = {
    courseId: course.sourcedId, courseTitle: course.title ?? null, pctComplete: pct(done.xp, total), pctCompleteApp: null,
    pctCompleteLessons: pct(completedLessons, lessons), pctCompleteXP: pct(done.xp, total),
    totalXP: total, earnedXP: done.xp, remainingXP: Math.max(0, total - done.xp),
    totalUnits: lessons, completedUnits: done.units, remainingUnits: Math.max(0, lessons - done.units),
    totalLessons: lessons, completedLessons, remainingLessons: Math.max(0, lessons - completedLessons),
  }
  const subject = Array.isArray(course.subjects) ? course.subjects[0] ?? null : null
  return json({ course: { course: { id: course.sourcedId, title: course.title ?? null, subject }, goal, progress } }, 201)
}

/** `{ mode: 'target_date', endDate, dailyTargetXP? }`; the end date must lie after today. */
function pacingOf(value: unknown, today: string, withDaily: boolean): Row {
  if (!isObject(value)) throw new HttpError(400, "'pacing' must be an object { mode: 'target_date', endDate: 'YYYY-MM-DD' }.")
  oneOf(value.mode, ['target_date'], 'pacing.mode')
  if (!isDate(value.endDate)) throw new HttpError(400, "'pacing.endDate' must be a date YYYY-MM-DD.")
  if (value.endDate <= today) throw new HttpError(422, `'pacing.endDate' must be after today (${today}).`)
  const daily = value.dailyTargetXP
  if (withDaily && daily !== undefined && !(typeof daily === 'number' && daily > 0)) throw new HttpError(400, "'pacing.dailyTargetXP' must be a positive number.")
  return withDaily && daily !== undefined ? { mode: 'target_date', endDate: value.endDate, dailyTargetXP: daily } : { mode: 'target_date', endDate: value.endDate }
}

/** A subject goal as stored: its objective, pacing and the course path frozen at save time. */
function subjectGoal(store: OneRosterStore, studentId: string, body: Row, today: string, id: string, now: string, startDate = today): Row {
  const subject = oneOf(body.subject, SUBJECTS, 'subject')
  const objective = body.objective
  if (!isObject(objective)) throw new HttpError(400, "'objective' is required: { type: 'grade_mastery', value: '<grade>' }.")
  oneOf(objective.type, ['grade_mastery'], 'objective.type')
  const value = oneOf(objective.value, GRADES, 'objective.value')
  const pacing = pacingOf(body.pacing, today, true)
  const courseIds = [...new Set(store.list('enrollments')
    .filter((e) => e.status !== 'tobedeleted' && refId(e.user) === studentId)
    .map((e) => refId(store.get('classes', refId(e.class) ?? '')?.course))
    .filter((c): c is string => c !== undefined && (store.get('courses', c)?.subjects as unknown[] | undefined)?.includes(subject) === true))]
  return { id, subject, objective: { type: 'grade_mastery', value }, pacing, startDate, updatedAt: now, courseIds }
}

/** The read model of a subject goal, its XP and pace computed now. */
function subjectRow(state: EduBridgeState, store: OneRosterStore, student: Entity, goal: Row, today: string): Row {
  const courseIds = goal.courseIds as string[]
  const pacing = goal.pacing as Row
  const total = courseIds.reduce((s, c) => s + num(metricsOf(store.get('courses', c)).totalXp), 0)
  const earned = xpOf(state, student.sourcedId, (f) => f.subject === goal.subject && f.occurredAt.slice(0, 10) >= (goal.startDate as string)).xp
  const remaining = Math.max(0, total - earned)
  const days = schoolDaysUntil(today, pacing.endDate as string)
  const required = days > 0 ? Math.ceil(remaining / days) : remaining
  const effective = typeof pacing.dailyTargetXP === 'number' ? pacing.dailyTargetXP : required
  const toGo = effective > 0 ? Math.ceil(remaining / effective) : null
  const currentGrade = Array.isArray(student.grades) && typeof student.grades[0] === 'string' ? student.grades[0] : null
  const target = (goal.objective as Row).value
  return {
    subject: goal.subject,
    baseline: { goalId: goal.id, dailyTargetXP: effective, defaultDailyTargetXP: required, startDate: goal.startDate, updatedAt: goal.updatedAt },
    goal: { id: goal.id, type: 'grade_mastery', status: 'active', startDate: goal.startDate, updatedAt: goal.updatedAt, objective: goal.objective, pacing: { dailyTargetXP: effective, ...pacing } },
    execution: { stageId: null, courseIds },
    computed: {
      xp: { total, earned, remaining, pctComplete: pct(earned, total) },
      pace: { requiredDailyXP: required, effectiveDailyXP: effective, schoolDaysRemaining: days },
      projection: {
        currentGrade, daysToNextGrade: toGo,
        gradeTimeline: [{ grade: target, remainingXP: remaining, daysToComplete: toGo, projectedDate: toGo === null ? null : addDays(today, toGo), status: remaining === 0 ? 'complete' : 'in_progress', totalXP: total, earnedXP: earned, courseIds }],
      },
      resolution: { strategy: 'percentile', resolvedTargetGrade: target, targetRit: null },
      issue: currentGrade !== null ? null : { code: 'missing_starting_grade', message: `Student '${student.sourcedId}' has no grade to start from.`, service: 'edubridge', path: `/goals/${student.sourcedId}/subjects`, status: 422 },
    },
  }
}

async function saveSubjectGoal(state: EduBridgeState, ctx: Ctx, preview: boolean): Promise<Response> {
  const store = rosterOf(ctx)
  const student = activeOr404(store, 'users', ctx.params.studentId!, 'Student')
  const today = utcDate(ctx.env.clock())
  const goal = subjectGoal(store, student.sourcedId, await bodyObject(ctx), today, preview ? 'preview' : ctx.env.newId(), ctx.env.nowIso())
  const row = subjectRow(state, store, student, goal, today)
  if (preview) return json({ preview: { subject: row.subject, goal: row.goal, execution: row.execution, computed: row.computed } })
  state.subjectGoals.set(key(student.sourcedId, goal.subject as string), goal)
  return json({ subject: row }, 201)
}

async function updateSubjectGoal(state: EduBridgeState, ctx: Ctx): Promise<Response> {
  const store = rosterOf(ctx)
  const student = activeOr404(store, 'users', ctx.params.studentId!, 'Student')
  const k = key(student.sourcedId, ctx.params.subject!)
  const old = state.subjectGoals.get(k)
  if (!old) throw new HttpError(404, `Student '${student.sourcedId}' has no active ${ctx.params.subject} goal.`)
  const body = await bodyObject(ctx, true)
  const unknown = Object.keys(body).filter((f) => f !== 'objective' && f !== 'pacing')
  if (unknown.length) throw new HttpError(400, `Unknown field(s) ${unknown.join(', ')}: a subject goal update takes objective and pacing.`)
  const merged = { subject: old.subject, objective: { ...(old.objective as Row), ...(isObject(body.objective) ? body.objective : {}) }, pacing: { ...(old.pacing as Row), ...(isObject(body.pacing) ? body.pacing : {}) } }
  const today = utcDate(ctx.env.clock())
  const goal = { ...subjectGoal(store, student.sourcedId, merged, today, old.id as string, ctx.env.nowIso(), old.startDate as string), courseIds: old.courseIds }
  state.subjectGoals.set(k, goal)
  return json({ subject: subjectRow(state, store, student, goal, today) })
}

function listSubjectGoals(state: EduBridgeState, ctx: Ctx): Response {
  const store = rosterOf(ctx)
  const student = activeOr404(store, 'users', ctx.params.studentId!, 'Student')
  const today = utcDate(ctx.env.clock())
  const mine = [...state.subjectGoals].filter(([k]) => k.startsWith(key(student.sourcedId, ''))).map(([, g]) => subjectRow(state, store, student, g, today))
  return json({ studentId: student.sourcedId, subjects: mine })
}

export function goalRoutes(state: EduBridgeState): Route[] {
  const G = '/goals/{studentId}'
  return [
    route('POST', `${G}/courses`, 'createCourseGoal', (ctx) => courseGoal(state, ctx)),
    route('GET', `${G}/subjects`, 'listSubjectGoals', (ctx) => listSubjectGoals(state, ctx)),
    route('POST', `${G}/subjects`, 'createSubjectGoal', (ctx) => saveSubjectGoal(state, ctx, false)),
    route('POST', `${G}/subjects/preview`, 'previewSubjectGoal', (ctx) => saveSubjectGoal(state, ctx, true)),
    route('PATCH', `${G}/subjects/{subject}`, 'updateSubjectGoal', (ctx) => updateSubjectGoal(state, ctx)),
  ]
}
