// A Deno.serve receiver of Timeback's (Caliper) webhook deliveries: signature checked, body size bounded,
// replays refused across isolates with Deno KV, and each event stored in the same KV for the app to use.
//   deno task webhooks          (WEBHOOK_SECRET, optionally WEBHOOK_OLD_SECRET while rotating; PORT, default 8000)
import { DenoKvReplayStore } from '@timeback/sdk/edge'
import {
  isWebhookPayloadTooLargeError, isWebhookReplayError, isWebhookSignatureError, parseWebhook, type CaliperEvent,
} from '@timeback/sdk/webhooks'
import { isInputValidationError } from '@timeback/sdk/errors'
import { kvPath } from './kv-path.ts'

/** The path deliveries are POSTed to (the webhook's targetUrl ends with it). */
export const WEBHOOK_PATH = '/hooks/timeback'

/** Options of {@link createWebhookHandler}. */
export interface ReceiverOptions {
  /** Where replay ids and received events are kept. */
  kv: Deno.Kv
  /** The webhook's secret, or a list while rotating (new first). */
  secret: string | readonly string[]
}

/** KV key of a received event: by its Caliper id, so a sender's retry after a lost answer cannot store it twice. */
export const eventKey = (eventId: string) => ['webhook-events', eventId] as const

const answer = (status: number, error?: string) =>
  error === undefined ? new Response(null, { status }) : Response.json({ error }, { status })

/**
 * The receiver's fetch handler: POST {@link WEBHOOK_PATH} only. 204 stored, 401 bad or missing signature, 409 a
 * replay (already accepted: the sender stops retrying), 413 too large, 400 not a Caliper envelope, 503 the events
 * could not be stored (the replay claim is released, so the sender's retry is accepted).
 * @example Deno.serve(createWebhookHandler({ kv: await Deno.openKv(), secret: Deno.env.get('WEBHOOK_SECRET')! }))
 */
export function createWebhookHandler(options: ReceiverOptions): (request: Request) => Promise<Response> {
  const { kv } = options
  const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret]
  if (!secrets.length || secrets.some((s) => typeof s !== 'string' || s === '')) {
    throw new Error('secret is required: the secret you registered with the webhook (WEBHOOK_SECRET), or a list of them while rotating')
  }
  const seen = new DenoKvReplayStore(kv)

  return async (request) => {
    if (new URL(request.url).pathname !== WEBHOOK_PATH) return answer(404, 'not_found')
    if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'POST' } })
    let parsed
    try {
      parsed = await parseWebhook(request, { secret: secrets, seen })
    } catch (error) {
      if (isWebhookSignatureError(error)) return answer(401, 'invalid_signature')
      if (isWebhookReplayError(error)) return answer(409, 'replayed')
      if (isWebhookPayloadTooLargeError(error)) return answer(413, 'too_large')
      if (isInputValidationError(error)) return answer(400, 'invalid_payload')
      // The replay store failed (parseWebhook fails closed): not the sender's fault, so it should retry.
      console.error('webhook: delivery not checked', error)
      return answer(503, 'try_again')
    }
    try {
      // One write per event, keyed by its id: a retry after a partial failure rewrites the same keys, so no
      // transaction is needed (and none could hold a 1 MiB envelope within Deno KV's commit limits).
      for (const event of parsed.events) await kv.set(eventKey(event.id), storedEvent(event, parsed.deliveryId))
      return answer(204)
    } catch (error) {
      console.error('webhook: storing the events failed; the sender will retry', error)
      await seen.release(parsed.replayId!)
      return answer(503, 'try_again')
    }
  }
}

/** What is kept of an event: the event itself and when it arrived. */
function storedEvent(event: CaliperEvent, deliveryId: string | undefined) {
  return { event, deliveryId: deliveryId ?? null, receivedAt: new Date().toISOString() }
}

if (import.meta.main) {
  const secret = [Deno.env.get('WEBHOOK_SECRET'), Deno.env.get('WEBHOOK_OLD_SECRET')].filter((s): s is string => !!s)
  if (!secret.length) throw new Error('WEBHOOK_SECRET is required: the secret you registered with the webhook')
  const kv = await Deno.openKv(await kvPath(Deno.args))
  const port = Number(Deno.env.get('PORT') ?? 8000)
  Deno.serve({ port, hostname: Deno.env.get('HOST') ?? '127.0.0.1' }, createWebhookHandler({ kv, secret }))
}
