// The Caliper host's event routes: ingest (with a job per envelope), validate, list with offset pagination
// and filters, get by externalId, and job status. Errors answer `{ status: 'error', message, errors }`.
import { route, type Ctx, type Handler, type Method, type Route } from '../context.js'
import { HttpError, json } from '../http.js'
import { CALIPER_EVENTS_STORED, type CaliperJob, type CaliperState, type StoredCaliperEvent, type StoredEventsMessage } from './state.js'
import { checkEnvelope, isEvent, isRecord, type CaliperProblem } from './validate.js'

const DEFAULT_LIMIT = 100

/** The Caliper error body. */
export function caliperError(status: number, message: string, errors: CaliperProblem[] | null = null): Response {
  return json({ status: 'error', message, errors }, status)
}

/** Routes of this family answer in Caliper's error format, also for bodies that are not JSON. */
function caliperRoute(method: Method, path: string, op: string, handle: Handler): Route {
  return route(method, path, op, async (ctx) => {
    try {
      return await handle(ctx)
    } catch (error) {
      if (error instanceof HttpError) return caliperError(error.status, error.message)
      throw error
    }
  })
}

const orNull = (value: unknown): unknown => (value === undefined ? null : value)

function store(state: CaliperState, ctx: Ctx, envelope: Record<string, unknown>, event: Record<string, unknown>): StoredCaliperEvent {
  const now = ctx.env.nowIso()
  const stored: StoredCaliperEvent = {
    id: state.nextId++,
    externalId: event.id as string,
    sensor: envelope.sensor as string,
    type: event.type as string,
    profile: (event.profile as string | undefined) ?? null,
    action: event.action as string,
    eventTime: event.eventTime as string,
    sendTime: envelope.sendTime as string,
    created_at: now,
    updated_at: now,
    deleted_at: null,
    actor: event.actor,
    object: event.object,
    generated: orNull(event.generated),
    target: orNull(event.target),
    referrer: orNull(event.referrer),
    edApp: orNull(event.edApp),
    group: orNull(event.group),
    membership: orNull(event.membership),
    session: orNull(event.session),
    federatedSession: orNull(event.federatedSession),
    extensions: (event.extensions as Record<string, unknown> | undefined) ?? null,
  }
  // The service promises no de-duplication; neither does the emulator: a resent event is stored again.
  state.events.push(stored)
  state.byExternalId.set(stored.externalId, stored)
  return stored
}

async function ingest(state: CaliperState, ctx: Ctx): Promise<Response> {
  const envelope = await ctx.body()
  const problems = checkEnvelope(envelope)
  if (problems.length) return caliperError(400, 'Invalid Caliper envelope', problems)
  const body = envelope as Record<string, unknown>
  const events = (body.data as unknown[]).filter((item): item is Record<string, unknown> => isRecord(item) && isEvent(item))
  const fail = state.failNext
  state.failNext = undefined
  // A job told to fail stores nothing, as a failed ingestion would; its events are still counted as accepted
  // because the service only learns of the failure while processing.
  const stored = fail === undefined ? events.map((event) => store(state, ctx, body, event)) : []
  const job: CaliperJob = {
    id: ctx.env.newId(), state: 'waiting', fail, processedOn: undefined,
    results: stored.map((s) => ({ allocatedId: s.id, externalId: s.externalId })),
  }
  state.jobs.set(job.id, job)
  if (stored.length) ctx.env.publish(CALIPER_EVENTS_STORED, { events: stored, envelope } satisfies StoredEventsMessage)
  return json({ jobId: job.id, eventsAccepted: events.length })
}

async function validate(ctx: Ctx): Promise<Response> {
  const problems = checkEnvelope(await ctx.body())
  if (problems.length) return caliperError(400, 'Invalid Caliper envelope', problems)
  return json({ status: 'success', message: 'The envelope is valid.' })
}

function intParam(ctx: Ctx, name: string, fallback: number, min: number): number {
  const raw = ctx.query.get(name)
  if (raw === null || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new HttpError(400, `Query parameter '${name}' must be an integer >= ${min}.`)
  return n
}

function dateParam(ctx: Ctx, name: string): number | undefined {
  const raw = ctx.query.get(name)
  if (raw === null || raw === '') return undefined
  const t = Date.parse(raw)
  if (Number.isNaN(t)) throw new HttpError(400, `Query parameter '${name}' must be an ISO 8601 date.`)
  return t
}

const actorField = (actor: unknown, key: 'id' | 'email'): unknown =>
  isRecord(actor) ? actor[key] : key === 'id' ? actor : undefined

function list(state: CaliperState, ctx: Ctx): Response {
  const limit = Math.min(intParam(ctx, 'limit', DEFAULT_LIMIT, 1), state.pageCap)
  const offset = intParam(ctx, 'offset', 0, 0)
  const sensor = ctx.query.get('sensor')
  const actorId = ctx.query.get('actorId')
  const actorEmail = ctx.query.get('actorEmail')
  const start = dateParam(ctx, 'startDate')
  const end = dateParam(ctx, 'endDate')
  // Oldest first: events appended during a paginated read land after the reader, so nothing is skipped.
  const matches = state.events.filter((e) => {
    if (e.deleted_at !== null) return false
    if (sensor && e.sensor !== sensor) return false
    if (actorId && actorField(e.actor, 'id') !== actorId) return false
    if (actorEmail && actorField(e.actor, 'email') !== actorEmail) return false
    const t = Date.parse(e.eventTime)
    return (start === undefined || t >= start) && (end === undefined || t <= end)
  })
  return json({
    events: matches.slice(offset, offset + limit),
    pagination: { total: matches.length, totalPages: Math.ceil(matches.length / limit), currentPage: Math.floor(offset / limit) + 1, limit },
  })
}

function getEvent(state: CaliperState, ctx: Ctx): Response {
  const event = state.byExternalId.get(ctx.params.externalId ?? '')
  if (!event || event.deleted_at !== null) return caliperError(404, `Event '${ctx.params.externalId}' not found`)
  return json({ event })
}

/** Answers the job's state, then moves it one step: waiting → active → completed (or failed). */
function jobStatus(state: CaliperState, ctx: Ctx): Response {
  const job = state.jobs.get(ctx.params.jobId ?? '')
  if (!job) return caliperError(404, `Job '${ctx.params.jobId}' not found`)
  const answer: Record<string, unknown> = { id: job.id, state: job.state }
  if (job.state === 'completed') answer.returnValue = { status: 'success', results: job.results }
  if (job.state === 'failed') answer.failedReason = job.fail
  if (job.processedOn !== undefined) answer.processedOn = job.processedOn
  if (job.state === 'waiting') job.state = 'active'
  else if (job.state === 'active') {
    job.state = job.fail === undefined ? 'completed' : 'failed'
    job.processedOn = ctx.env.clock()
  }
  return json({ job: answer })
}

/** The Caliper event routes over one state, paths relative to the Caliper host. */
export function caliperRoutes(state: CaliperState): Route[] {
  return [
    caliperRoute('POST', '/caliper/event', 'createCaliperEvents', (ctx) => ingest(state, ctx)),
    caliperRoute('POST', '/caliper/event/validate', 'validateCaliperEvents', validate),
    caliperRoute('GET', '/caliper/events', 'listCaliperEvents', (ctx) => list(state, ctx)),
    caliperRoute('GET', '/caliper/events/{externalId}', 'getCaliperEvent', (ctx) => getEvent(state, ctx)),
    caliperRoute('GET', '/jobs/{jobId}/status', 'getJobStatus', (ctx) => jobStatus(state, ctx)),
  ]
}
