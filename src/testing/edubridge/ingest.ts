// `POST /edubridge/caliper/event`: EduBridge's own Caliper ingest. Its Timeback events become facts exactly as the
// Caliper host's do (they are not stored on the emulated Caliper host: the live route feeds a separate queue). The
// route is public: the documentation shows no Authorization for it, unlike every other EduBridge page, so a client
// that sends a bearer token and one that sends none both get through; a token is not checked.
import { route, type Ctx, type Route } from '../context.js'
import { json } from '../http.js'
import { isDateTime, isObject, rosterOf } from './common.js'
import { factOfEvent } from './facts.js'
import type { EduBridgeState } from './state.js'

const fail = (message: string) => json({ success: false, message }, 400)

async function ingest(state: EduBridgeState, ctx: Ctx): Promise<Response> {
  let body: unknown
  try {
    body = await ctx.body()
  } catch {
    return fail('The body must be JSON: { sensor, sendTime, data[], dataVersion? }.')
  }
  if (!isObject(body)) return fail('The body must be a Caliper envelope { sensor, sendTime, data[], dataVersion? }.')
  if (typeof body.sensor !== 'string' || body.sensor.trim() === '') return fail("'sensor' is required (a string, e.g. the app's name).")
  if (!isDateTime(body.sendTime)) return fail("'sendTime' must be an ISO 8601 date-time.")
  if (!Array.isArray(body.data) || body.data.length === 0 || !body.data.every(isObject)) return fail("'data' must be a non-empty array of Caliper event objects.")
  if (body.dataVersion !== undefined && typeof body.dataVersion !== 'string') return fail("'dataVersion' must be a string.")
  const store = rosterOf(ctx)
  const from = { sensor: body.sensor, sendTime: body.sendTime, generatedAt: ctx.env.nowIso(), newId: ctx.env.newId }
  for (const event of body.data) {
    const fact = factOfEvent(store, event, from)
    if (fact) state.facts.push(fact)
  }
  return json({ success: true, message: `${body.data.length} event(s) accepted for processing.` })
}

export function ingestRoutes(state: EduBridgeState): Route[] {
  return [route('POST', '/edubridge/caliper/event', 'ingestCaliperEvent', (ctx) => ingest(state, ctx), 'public')]
}
