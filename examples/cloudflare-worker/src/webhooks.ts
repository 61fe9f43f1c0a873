// POST /webhooks/timeback: Timeback's deliveries of the events it accepted. The signature is checked before the
// body is read (parseWebhook), a delivery already accepted is refused (KVReplayStore: exact within an isolate,
// best-effort across them), and the class feed de-duplicates by event id for exactly-once display.
import { KVReplayStore } from '@timeback/sdk/edge'
import { isActivityEvent, isWebhookPayloadTooLargeError, isWebhookReplayError, isWebhookSignatureError, parseWebhook } from '@timeback/sdk/webhooks'
import { addToFeed } from './feed.js'
import { classIdOf, userIdOf } from './urls.js'
import type { Env } from './worker-types.js'

const text = (value: unknown): string => (typeof value === 'string' ? value : '')
const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {})

export async function receiveWebhook(request: Request, env: Env): Promise<Response> {
  const seen = new KVReplayStore(env.REPLAY)
  let parsed
  try {
    parsed = await parseWebhook(request, { secret: env.WEBHOOK_SECRET, seen, maxBodyBytes: 256 * 1024 })
  } catch (error) {
    if (isWebhookSignatureError(error)) return new Response(null, { status: 401 })
    if (isWebhookPayloadTooLargeError(error)) return new Response(null, { status: 413 })
    // 409, not 200: nothing is processed twice, and the sender's log shows it was a repeat.
    if (isWebhookReplayError(error)) return new Response(null, { status: 409 })
    return new Response(null, { status: 400 })
  }
  try {
    let added = 0
    for (const event of parsed.events) {
      if (!isActivityEvent(event)) continue
      const classId = classIdOf(typeof event.group === 'string' ? event.group : record(event.group).id)
      if (!classId) continue // an event of another app on the same sensor: not for a class feed
      const xp = event.generated?.items?.find((m) => m.type === 'xpEarned')?.value ?? 0
      const object = record(event.object)
      const actor = record(event.actor)
      const fresh = await addToFeed(env.CLASS_FEED, classId, {
        id: event.id, studentId: userIdOf(actor.id) ?? text(actor.email), studentName: text(actor.name) || text(actor.email),
        lesson: text(record(object.activity).name) || text(object.id), xp, eventTime: event.eventTime,
      })
      if (fresh) added++
    }
    return Response.json({ added })
  } catch {
    // Not processed: free the delivery id so Timeback's retry is accepted rather than refused as a replay.
    await seen.release(parsed.replayId!)
    return new Response(null, { status: 503 })
  }
}
