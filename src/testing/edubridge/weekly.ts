// `GET /edubridge/analytics/facts/weekly`: the student's fact rows of the Sunday–Saturday week around `weekDate`,
// days taken in `timezone`. One row per fact, so an activity reported as an ActivityEvent plus a TimeSpentEvent is
// two rows; `activeSeconds` is a string with two decimals, as the live service answers it.
import type { Ctx } from '../context.js'
import { HttpError, json } from '../http.js'
import type { OneRosterStore } from '../oneroster/state.js'
import { addDays, isDate, isDateTime, isObject, refId, rosterOf, type Row } from './common.js'
import { studentFacts } from './student.js'
import type { EduBridgeState, StoredFact } from './state.js'
import { localDay, zoneFormatter } from './zone.js'

/** The user's school (primary org, else the org of the first role) as `{ id, name }`. */
function campusOf(store: OneRosterStore, user: Row | undefined): { id: string | null; name: unknown } {
  const roles = Array.isArray(user?.roles) ? user.roles : []
  const id = refId(user?.primaryOrg) ?? refId(isObject(roles[0]) ? roles[0].org : undefined) ?? null
  return { id, name: id === null ? null : store.get('orgs', id)?.name ?? null }
}

function row(store: OneRosterStore, f: StoredFact, zone: Intl.DateTimeFormat): Row {
  const user = store.get('users', f.studentId)
  const campus = campusOf(store, user)
  const day = localDay(Date.parse(f.occurredAt), zone)
  return {
    id: f.id, email: f.email ?? user?.email ?? null, date: day.date, datetime: new Date(Date.parse(f.occurredAt)).toISOString(),
    username: user?.username ?? null, userGrade: Array.isArray(user?.grades) ? user.grades[0] ?? null : null,
    userFamilyName: user?.familyName ?? null, userGivenName: user?.givenName ?? null, userId: f.studentId,
    subject: f.subject, app: f.app, courseId: f.courseId ?? null, courseName: f.courseName ?? null,
    campusId: campus.id, campusName: campus.name, enrollmentId: f.enrollmentId ?? null,
    activityId: f.activityId || null, activityName: f.activityName ?? null,
    totalQuestions: f.totalQuestions, correctQuestions: f.correctQuestions, xpEarned: f.xpEarned, masteredUnits: f.masteredUnits,
    activeSeconds: f.activeSeconds.toFixed(2), inactiveSeconds: f.inactiveSeconds, wasteSeconds: f.wasteSeconds,
    source: f.source, alphaLevel: null, generatedAt: f.generatedAt, sendTime: f.sendTime, sensor: f.sensor, eventType: f.eventType,
    year: day.year, month: day.month, day: day.day, dayOfWeek: day.dayOfWeek,
  }
}

export function weeklyFacts(state: EduBridgeState, ctx: Ctx): Response {
  const store = rosterOf(ctx)
  const { facts } = studentFacts(state, store, ctx.query)
  const zone = zoneFormatter(ctx.query.get('timezone')?.trim() || 'UTC')
  const raw = ctx.query.get('weekDate')?.trim()
  if (!raw) throw new HttpError(400, "'weekDate' is required (any date of the week, YYYY-MM-DD or an ISO 8601 date-time).")
  let day: string
  if (isDate(raw)) day = raw
  else if (isDateTime(raw)) day = localDay(Date.parse(raw), zone).date
  else throw new HttpError(400, `'weekDate' must be a date YYYY-MM-DD or an ISO 8601 date-time (got '${raw}').`)
  const sunday = addDays(day, -new Date(`${day}T00:00:00Z`).getUTCDay())
  const saturday = addDays(sunday, 6)
  const rows = facts
    .map((f) => ({ f, t: Date.parse(f.occurredAt), date: localDay(Date.parse(f.occurredAt), zone).date }))
    .filter((x) => x.date >= sunday && x.date <= saturday)
    .sort((a, b) => a.t - b.t)
    .map((x) => row(store, x.f, zone))
  return json({ message: 'Weekly facts retrieved', startDate: sunday, endDate: saturday, facts: rows })
}
