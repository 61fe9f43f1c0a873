/**
 * @module services/edubridge/resources/caliper — Caliper events posted through EduBridge
 * (`POST /edubridge/caliper/event`) instead of the Caliper host: the platform splits the envelope onto its
 * ingestion queue. The Caliper host (`@timeback/sdk/caliper`) stays the usual way to send; this route is here
 * for apps told to use it.
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import { operation } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { Input } from './check.js'

/** What `caliper.ingest` takes: an envelope whose `sendTime` defaults to now. */
export interface IngestEnvelope {
  /** Any string naming the sender (an app name, a sensor URL). */
  sensor: string
  /** ISO 8601; default: now. */
  sendTime?: string | Date
  /** Caliper events (objects). */
  data: readonly object[]
  dataVersion?: string
}

/** What the ingest route answers. */
export interface IngestResult {
  success: boolean
  message: string
  [key: string]: unknown
}

/** POST /edubridge/caliper/event — `{ success, message }`. */
const ingestOp = /* @__PURE__ */ operation<{ body: unknown }, IngestResult>({ method: 'POST', path: '/edubridge/caliper/event' })

function ingestBody(input: unknown): unknown {
  const check = new Input('caliper.ingest', input, 'sensor|sendTime|data|dataVersion').text('sensor', true).text('dataVersion')
  const sendTime = check.date('sendTime') ?? new Date().toISOString()
  const data = check.v.data
  if (check.has('data', true)) {
    if (!Array.isArray(data) || data.length === 0) check.add('data', 'must be a non-empty array of Caliper events')
    else data.forEach((event, i) => (!event || typeof event !== 'object' || Array.isArray(event)) && check.add(`data[${i}]`, 'must be an event object'))
  }
  return { ...check.done<Record<string, unknown>>(), sendTime }
}

/**
 * `client.caliper`: the EduBridge ingest route for Caliper events.
 * @example
 * await client.caliper.ingest({ sensor: 'https://app.example/sensor', data: [activityEvent] })
 */
export interface CaliperIngestResource {
  /** POST /edubridge/caliper/event — queued for processing; analytics show the events once processed. */
  ingest(envelope: IngestEnvelope, call?: CallOptions): Promise<IngestResult>
}

/**
 * Builds `client.caliper`.
 * @example await createCaliperIngest(ctx).ingest({ sensor: 'my-app', data: [event] })
 */
export function createCaliperIngest(ctx: ServiceContext): CaliperIngestResource {
  return { ingest: async (envelope, call) => ingestOp(ctx, { body: ingestBody(envelope) }, call) }
}
