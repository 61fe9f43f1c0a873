/**
 * @module services/caliper/events — events (/caliper/event, /caliper/events): send envelopes, ask the service to
 * validate one, and read the stored events back with offset pagination and the service's filters.
 */

import { InputValidationError, ServerError, ValidationError, type InputIssue } from '../../core/errors.js'
import { checkPaging, readPageSize, readTotal, type OffsetParams, type PageResult, type RawPage } from '../../core/pagination.js'
import { fetchPages, listing, offsetPaging } from '../../core/paging/listing.js'
import type { ServiceContext } from '../../core/resource/context.js'
import { item, operation, type Query } from '../../core/resource/operation.js'
import type { CallOptions } from '../../core/transport/http.js'
import { createActivityEvent, createTimeSpentEvent, type ActivityEventInput, type TimeSpentEventInput } from './builders.js'
import { checkEnvelope, envelopeOf, type Envelope, type EnvelopeItem } from './envelope.js'

const SEND = '/caliper/event'
const VALIDATE = '/caliper/event/validate'
const EVENTS = '/caliper/events'
const EVENT = '/caliper/events/{externalId}'
/** No cap is published; 1000 per page keeps answers of a few MB at most. */
export const MAX_EVENTS_LIMIT = 1000

/** What a send returns, whichever of its two documented answers the service gave. */
export interface SendResult {
  /** Job to follow with `jobs.waitForCompletion`; undefined when the service answered the older `{ status: 'success' }`. */
  jobId: string | undefined
  /** Events the service took (its count, or the number sent when it gives none). */
  eventsAccepted: number
  message?: string
  /** The service's `errors` detail, when it sent one alongside a success. */
  errors?: unknown
}

/** The service's verdict on an envelope (`valid: false` with its errors on a 400), or ours when it fails locally. */
export interface ValidateResult {
  valid: boolean
  message?: string
  /** The service's error detail (untyped in the spec). */
  errors?: unknown
  /** Set when the envelope failed our own checks; no request was made. */
  issues?: InputIssue[]
}

/** An event as Caliper stores it. Note the snake_case timestamps. */
export interface StoredEvent {
  /** The service's internal id. */
  id: number | string
  /** The event's own `urn:uuid:` id. */
  externalId: string
  sensor: string
  type: string
  profile?: string | null
  action: string
  eventTime: string
  sendTime: string
  created_at: string
  updated_at?: string | null
  deleted_at?: string | null
  actor: string | Record<string, unknown>
  object: string | Record<string, unknown>
  generated: string | Record<string, unknown> | null
  target: string | Record<string, unknown> | null
  referrer: string | Record<string, unknown> | null
  edApp: string | Record<string, unknown> | null
  group: string | Record<string, unknown> | null
  membership: string | Record<string, unknown> | null
  session: string | Record<string, unknown> | null
  federatedSession: string | Record<string, unknown> | null
  extensions?: Record<string, unknown> | null
  clientAppId?: string | null
}

/** Filters and paging of `events.list`; dates are ISO strings or Dates. */
export interface EventListParams {
  /** 1–1000; default 100 for `list`, 1000 per page for `stream`/`listAll`. */
  limit?: number
  offset?: number
  sensor?: string
  startDate?: string | Date
  endDate?: string | Date
  actorId?: string
  actorEmail?: string
}

/**
 * `events.stream` and `events.listAll` take the list filters and a cap.
 * @example for await (const e of caliper.events.stream({ sensor, maxItems: 500 })) console.log(e.externalId)
 */
export interface EventStreamParams extends EventListParams {
  /** Stop after this many events. */
  maxItems?: number
}

/**
 * `client.events`: send, validate, list and get Caliper events.
 * @example
 * const { jobId } = await caliper.events.send(sensor, [event])
 * const page = await caliper.events.list({ sensor, startDate: new Date(Date.now() - 86_400_000) })
 */
export interface EventsResource {
  /** Wraps `events` in an envelope from `sensor` (sendTime now) and sends it. */
  send(sensor: string, events: readonly EnvelopeItem[], call?: CallOptions): Promise<SendResult>
  /** Sends a complete envelope as given. */
  sendEnvelope(envelope: Envelope, call?: CallOptions): Promise<SendResult>
  /** Asks the service to validate an envelope without storing it. */
  validate(envelope: Envelope, call?: CallOptions): Promise<ValidateResult>
  /** Builds an ActivityEvent (`createActivityEvent`) and sends it. */
  sendActivity(sensor: string, input: ActivityEventInput, call?: CallOptions): Promise<SendResult>
  /** Builds a TimeSpentEvent (`createTimeSpentEvent`) and sends it. */
  sendTimeSpent(sensor: string, input: TimeSpentEventInput, call?: CallOptions): Promise<SendResult>
  /** One page: `{ data, total, hasMore, nextOffset }`. */
  list(params?: EventListParams, call?: CallOptions): Promise<PageResult<StoredEvent>>
  /** Every matching event, one page in memory at a time. */
  stream(params?: EventStreamParams, call?: CallOptions): AsyncGenerator<StoredEvent, void, undefined>
  /** Every matching event in an array (mind `maxItems`). */
  listAll(params?: EventStreamParams, call?: CallOptions): Promise<StoredEvent[]>
  /** One stored event by its `urn:uuid:` id. */
  get(externalId: string, call?: CallOptions): Promise<StoredEvent>
}

function dateParam(value: unknown, path: string, issues: InputIssue[]): string | undefined {
  if (value === undefined) return undefined
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString()
  if (typeof value === 'string' && value !== '' && !Number.isNaN(Date.parse(value))) return value
  issues.push({ path, message: 'must be an ISO 8601 date string or a valid Date' })
  return undefined
}

/** Validates filters and turns them into query parameters (limit/offset are the paginator's). */
export function compileEventQuery(params: EventStreamParams): Record<string, string | undefined> {
  checkPaging(params, MAX_EVENTS_LIMIT)
  const issues: InputIssue[] = []
  const text = (name: 'sensor' | 'actorId' | 'actorEmail') => {
    const value = params[name]
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) issues.push({ path: name, message: 'must be a non-empty string' })
    return value
  }
  const query = {
    sensor: text('sensor'),
    startDate: dateParam(params.startDate, 'startDate', issues),
    endDate: dateParam(params.endDate, 'endDate', issues),
    actorId: text('actorId'),
    actorEmail: text('actorEmail'),
  }
  if (query.startDate && query.endDate && Date.parse(query.startDate) > Date.parse(query.endDate)) {
    issues.push({ path: 'endDate', message: 'must not be before startDate' })
  }
  if (issues.length) throw new InputValidationError(issues, 'Invalid event list parameters')
  return query
}

function badAnswer(what: string, body: unknown): ServerError {
  const keys = body && typeof body === 'object' ? Object.keys(body).slice(0, 10) : body
  return new ServerError(`${what}: unexpected answer ${JSON.stringify(keys)}`, { status: 200, method: 'POST', url: what, body }, 'invalid_response')
}

/** Reads either documented send answer; a 2xx that says `status: 'error'` is still a rejection. */
export function readSendAnswer(body: unknown, sent: number): SendResult {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const message = typeof b.message === 'string' ? b.message : undefined
  if (typeof b.jobId === 'string' || typeof b.jobId === 'number') {
    const accepted = Number(b.eventsAccepted)
    return { jobId: String(b.jobId), eventsAccepted: Number.isFinite(accepted) ? accepted : sent, ...(message ? { message } : {}) }
  }
  if (b.status === 'success') {
    return { jobId: undefined, eventsAccepted: sent, ...(message ? { message } : {}), ...(b.errors != null ? { errors: b.errors } : {}) }
  }
  if (b.status === 'error') {
    throw new ValidationError(`POST ${SEND} → rejected: ${message ?? 'no message'}`, { status: 200, method: 'POST', url: SEND, body })
  }
  throw badAnswer(`POST ${SEND}`, body)
}

/** POSTs an envelope already serialized (and measured) by `checkEnvelope` or the queue. */
export async function postEnvelopeJson(ctx: ServiceContext, json: string, count: number, call?: CallOptions): Promise<SendResult> {
  const body = await ctx.transport.request({ method: 'POST', path: SEND, json }, call)
  return readSendAnswer(body, count)
}

/** GET /caliper/events — one page: `{ events, pagination: { total, limit, offset } }`. */
const listEvents = /* @__PURE__ */ operation<{ query: Query }, RawPage<StoredEvent>>({
  method: 'GET',
  path: EVENTS,
  unwrap(body) {
    if (!Array.isArray(body?.events)) throw badAnswer(`GET ${EVENTS}`, body)
    const pagination = body.pagination
    // The service may serve fewer per page than asked (a cap it reports as `pagination.limit`); the paginator
    // advances by what came back, so no event is skipped between pages.
    return { items: body.events, total: readTotal(pagination, 'total'), limit: readPageSize(pagination) }
  },
})

/** GET /caliper/events/{externalId} — `{ event }`, or the bare event. */
const getEvent = /* @__PURE__ */ operation<{ externalId: string }, StoredEvent>({ method: 'GET', path: EVENT, unwrap: /* @__PURE__ */ item('event') })

/** The service's own id of a stored event (its `urn:uuid:` externalId when the id is missing). */
const storedEventId = (event: StoredEvent): unknown =>
  event && typeof event === 'object' ? (event.id ?? event.externalId) : undefined

/** Builds `client.events`. */
export function createEvents(ctx: ServiceContext): EventsResource {
  const t = ctx.transport
  // async, so that a bad envelope rejects the returned promise instead of throwing synchronously.
  const send = async (envelope: unknown, call?: CallOptions, context = 'events.sendEnvelope') =>
    postEnvelopeJson(ctx, checkEnvelope(envelope, context), (envelope as Envelope).data.length, call)
  return {
    send: (sensor, events, call) => send(envelopeOf(sensor, events), call, 'events.send'),
    sendEnvelope: (envelope, call) => send(envelope, call),
    sendActivity: async (sensor, input, call) => send(envelopeOf(sensor, [createActivityEvent(input)]), call, 'events.sendActivity'),
    sendTimeSpent: async (sensor, input, call) => send(envelopeOf(sensor, [createTimeSpentEvent(input)]), call, 'events.sendTimeSpent'),
    async validate(envelope, call) {
      let json: string
      try {
        json = checkEnvelope(envelope, 'events.validate')
      } catch (error) {
        if (!(error instanceof InputValidationError)) throw error
        return { valid: false, message: error.message, issues: error.issues }
      }
      // A 400 is the service's "invalid" verdict here, an answer rather than a failure.
      const response = await t.request<Response>({ method: 'POST', path: VALIDATE, json, responseType: 'response', acceptStatus: [400] }, call)
      const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined
      if (!body || typeof body !== 'object') throw badAnswer(`POST ${VALIDATE}`, body)
      const valid = response.ok && body.status !== 'error'
      return { valid, message: typeof body.message === 'string' ? body.message : undefined, ...(body.errors != null ? { errors: body.errors } : {}) }
    },
    ...listing<StoredEvent, EventStreamParams, OffsetParams>(fetchPages(ctx, listEvents), offsetPaging, compileEventQuery, storedEventId),
    get: (externalId, call) => getEvent(ctx, { externalId }, call),
  }
}
