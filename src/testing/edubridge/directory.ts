// EduBridge's directory routes: users by exact role set (OneRoster list parameters and envelope), the registered
// applications and the metrics each one reports, and the learning reports (MAP profile, time saved).
import { route, type Ctx, type Route } from '../context.js'
import { HttpError, json, noContent } from '../http.js'
import { listResponse } from '../query.js'
import { activeOr404, addDays, bodyObject, isObject, oneOf, refId, rosterOf, utcDate, type Row } from './common.js'
import { schoolYearOf } from './roster.js'
import type { ApplicationMetric, EduBridgeState } from './state.js'

const USER_ROLES = ['system_administrator', 'administrator', 'aide', 'guardian', 'parent', 'proctor', 'relative', 'student', 'teacher'] as const
const METRICS = ['xp', 'spent_minutes', 'waste_minutes', 'accuracy', 'lessons', 'quizzes', 'unit_tests'] as const
const METRIC_SOURCES = ['timeback_app', 'timeback_direct_integration', 'timeback_adapter', 'powerpath', 'manual_entry'] as const

/** Repeated query parameters; a comma-separated value counts as several. */
const many = (query: URLSearchParams, name: string): string[] =>
  query.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)

/** Users whose roles are all among `roles` (at least one), optionally in one of `orgSourcedIds`. */
function users(ctx: Ctx): Response {
  const store = rosterOf(ctx)
  const roles = many(ctx.query, 'roles')
  if (roles.length === 0) throw new HttpError(400, "'roles' is required: repeat it for each role, e.g. roles=student&roles=teacher.")
  const wanted = new Set(roles.map((r) => oneOf(r, USER_ROLES, 'roles')))
  const orgs = new Set(many(ctx.query, 'orgSourcedIds'))
  const rows = store.list('users').filter((u) => {
    const list = (Array.isArray(u.roles) ? u.roles : []).filter(isObject)
    if (u.status === 'tobedeleted' || list.length === 0 || !list.every((r) => wanted.has(r.role as never))) return false
    return orgs.size === 0 || list.some((r) => orgs.has(refId(r.org) ?? '')) || orgs.has(refId(u.primaryOrg) ?? '')
  })
  return listResponse(ctx.query, { many: 'users', search: ['givenName', 'familyName', 'email', 'username'] }, rows, { shortPages: false })
}

function application(state: EduBridgeState, id: string): Row {
  const app = state.applications.find((a) => a.sourcedId === id)
  if (!app) throw new HttpError(404, `Application '${id}' not found.`)
  return app
}

async function metricOf(ctx: Ctx): Promise<ApplicationMetric> {
  const body = await bodyObject(ctx)
  const m = body.applicationMetric
  if (!isObject(m)) throw new HttpError(400, "'applicationMetric' must be an object { metric, metricSource }.")
  return { metric: oneOf(m.metric, METRICS, 'applicationMetric.metric'), metricSource: oneOf(m.metricSource, METRIC_SOURCES, 'applicationMetric.metricSource') }
}

const metricView = (appId: string, m: ApplicationMetric): Row => ({ applicationSourcedId: appId, ...m })
const same = (a: ApplicationMetric, b: ApplicationMetric) => a.metric === b.metric && a.metricSource === b.metricSource

async function addMetric(state: EduBridgeState, ctx: Ctx): Promise<Response> {
  const appId = application(state, ctx.params.applicationSourcedId!).sourcedId as string
  const metric = await metricOf(ctx)
  const list = state.appMetrics.get(appId) ?? []
  if (list.some((m) => same(m, metric))) throw new HttpError(409, `Application '${appId}' already reports ${metric.metric} from ${metric.metricSource}.`)
  state.appMetrics.set(appId, [...list, metric])
  return json({ data: metricView(appId, metric) }, 201)
}

async function removeMetric(state: EduBridgeState, ctx: Ctx): Promise<Response> {
  const appId = application(state, ctx.params.applicationSourcedId!).sourcedId as string
  const metric = await metricOf(ctx)
  const list = state.appMetrics.get(appId) ?? []
  if (!list.some((m) => same(m, metric))) throw new HttpError(404, `Application '${appId}' does not report ${metric.metric} from ${metric.metricSource}.`)
  state.appMetrics.set(appId, list.filter((m) => !same(m, metric)))
  return noContent()
}

function mapProfile(state: EduBridgeState, ctx: Ctx): Response {
  const user = activeOr404(rosterOf(ctx), 'users', ctx.params.userId!, 'User')
  const reports = state.mapProfiles.get(user.sourcedId)
  if (!reports?.length) throw new HttpError(404, `No MAP profile for user '${user.sourcedId}'.`)
  return json({ data: reports })
}

const TRADITIONAL_HOURS = 6
const TIMEBACK_HOURS = 2

/**
 * Time saved: each school day (Monday–Friday) since the student's first enrollment of this school year (1 August on)
 * saves the hours a traditional school day takes beyond Timeback's two. The emulator's own rule, stated in the answer.
 */
function timeSaved(ctx: Ctx): Response {
  const store = rosterOf(ctx)
  const user = activeOr404(store, 'users', ctx.params.userId!, 'User')
  const today = utcDate(ctx.env.clock())
  const yearStart = `${schoolYearOf(today) - 1}-08-01`
  const begins = store.list('enrollments')
    .filter((e) => e.status !== 'tobedeleted' && refId(e.user) === user.sourcedId && typeof e.beginDate === 'string')
    .map((e) => (e.beginDate as string).slice(0, 10)).sort()
  const earliest = begins[0]
  let days = 0
  if (earliest !== undefined) {
    for (let d = earliest < yearStart ? yearStart : earliest; d <= today; d = addDays(d, 1)) {
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay()
      if (weekday !== 0 && weekday !== 6) days++
    }
  }
  const hours = days * (TRADITIONAL_HOURS - TIMEBACK_HOURS)
  return json({
    data: {
      totalHoursSaved: hours, totalDaysSaved: Math.round((hours / TRADITIONAL_HOURS) * 100) / 100, schoolDaysElapsed: days,
      earliestStartDate: earliest ?? null, schoolYearStartDate: yearStart,
      calculation: { traditionalHoursPerDay: TRADITIONAL_HOURS, timebackHoursPerDay: TIMEBACK_HOURS, hoursSavedPerSchoolDay: TRADITIONAL_HOURS - TIMEBACK_HOURS },
    },
  })
}

export function directoryRoutes(state: EduBridgeState): Route[] {
  const M = '/edubridge/applicationMetrics/{applicationSourcedId}'
  return [
    route('GET', '/edubridge/users/', 'listUsers', users),
    route('GET', '/edubridge/applications/', 'listApplications', () => json({ applications: state.applications })),
    route('GET', M, 'listApplicationMetrics', (ctx) => {
      const appId = application(state, ctx.params.applicationSourcedId!).sourcedId as string
      return json({ data: (state.appMetrics.get(appId) ?? []).map((m) => metricView(appId, m)) })
    }),
    route('POST', M, 'addApplicationMetric', (ctx) => addMetric(state, ctx)),
    route('DELETE', M, 'removeApplicationMetric', (ctx) => removeMetric(state, ctx)),
    route('GET', '/edubridge/learning-reports/map-profile/{userId}', 'getMapProfile', (ctx) => mapProfile(state, ctx)),
    route('GET', '/edubridge/time-saved/user/{userId}', 'getTimeSaved', timeSaved),
  ]
}
