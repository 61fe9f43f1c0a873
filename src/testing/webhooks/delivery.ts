// Webhook delivery: after the Caliper routes accept events, every active webhook whose active filters all
// match an event gets that event in a single-event Caliper envelope, POSTed to its targetUrl and signed with
// its secret. Timeback does not document its delivery format; this follows the common Caliper convention:
//   x-caliper-signature: sha256=<hex HMAC-SHA256 of the raw body under the webhook's secret>
//   x-caliper-webhook-id, x-caliper-delivery-id (same on every attempt), x-caliper-event-type
// Attempts: up to 3, repeated at once on a thrown error, 429 or 5xx (no backoff, so tests never wait);
// each attempt is cut off after 10 s. Every delivery is recorded in `emulator.deliveries`.
import type { StoredCaliperEvent } from '../caliper/state.js'
import type { Env } from '../context.js'
import { isLoopbackHostname } from '../loopback.js'
import { filterMatches } from './match.js'
import type { DeliveryTargets, WebhookDelivery, WebhookRecord, WebhookState } from './state.js'

const DATA_VERSION = 'http://purl.imsglobal.org/ctx/caliper/v1p2'
const ATTEMPT_TIMEOUT_MS = 10_000
/** Deliveries `emulator.deliveries` keeps (the newest). */
export const MAX_RECORDED_DELIVERIES = 10_000
// What a stored event carries besides the Caliper fields (bookkeeping of the store).
const STORE_FIELDS = new Set(['id', 'externalId', 'sensor', 'sendTime', 'created_at', 'updated_at', 'deleted_at', 'clientAppId', 'jobId'])

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The accepted envelope's events by id, so each delivery carries the event exactly as it was sent. */
function sentEvents(envelope: unknown): Map<unknown, Record<string, unknown>> {
  const byId = new Map<unknown, Record<string, unknown>>()
  const data = isRecord(envelope) && Array.isArray(envelope.data) ? envelope.data : []
  for (const item of data) if (isRecord(item) && !byId.has(item.id)) byId.set(item.id, item)
  return byId
}

/** The event as it was sent, or (not in the envelope) rebuilt from the stored copy. */
function caliperEvent(stored: StoredCaliperEvent, sent: Map<unknown, Record<string, unknown>>): Record<string, unknown> {
  const original = sent.get(stored.externalId)
  if (original) return original
  const event: Record<string, unknown> = { id: stored.externalId }
  for (const [key, value] of Object.entries(stored)) {
    if (!STORE_FIELDS.has(key) && value !== null && value !== undefined) event[key] = value
  }
  return event
}

/** Webhooks that get `stored`: active, of its sensor (or of every sensor), with every active filter matching. */
function targetsOf(state: WebhookState, stored: StoredCaliperEvent): WebhookRecord[] {
  const filters = [...state.filters.values()].filter((f) => f.active && f.deletedAt === null)
  return [...state.webhooks.values()].filter((hook) =>
    hook.active && hook.deletedAt === null &&
    (hook.sensor === null || hook.sensor === stored.sensor) &&
    filters.every((f) => f.webhookId !== hook.id || filterMatches(f, stored)),
  )
}

async function sign(secret: string, body: string): Promise<string> {
  const encoder = new TextEncoder()
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)))
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Why the policy refuses `targetUrl`, or undefined when it may be contacted. */
export function refusal(targets: DeliveryTargets, targetUrl: string): string | undefined {
  if (targets === 'any') return undefined
  const host = new URL(targetUrl).hostname
  if (targets.includes(host) || (targets.includes('loopback') && isLoopbackHostname(host))) return undefined
  return `refused: webhook target host '${host}' is not allowed (allowed: ${targets.join(', ')}); ` +
    "start timeback-emulator with --allow-delivery-host <host> or --deliver-anywhere, or pass deliveryTargets to createEmulator"
}

async function attempt(state: WebhookState, record: WebhookDelivery, body: string, headers: Record<string, string>): Promise<void> {
  // Under a policy a redirect could lead anywhere, so it is not followed (a 3xx ends the delivery as failed).
  const redirect: RequestRedirect = state.targets === 'any' ? 'follow' : 'manual'
  while (record.attempts < state.maxAttempts) {
    record.attempts++
    try {
      const request = new Request(record.targetUrl, { method: 'POST', headers, body, redirect, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) })
      const response = await state.deliver(request)
      record.status = response.status
      record.error = undefined
      await response.body?.cancel().catch(() => undefined)
      if (response.status >= 200 && response.status < 300) {
        record.state = 'delivered'
        state.settled('delivered')
        return
      }
      if (response.status !== 429 && response.status < 500) break
    } catch (error) {
      record.status = undefined
      record.error = error instanceof Error ? error.message : String(error)
    }
  }
  record.state = 'failed'
  state.settled('failed')
}

async function deliverOne(state: WebhookState, env: Env, hook: WebhookRecord, event: Record<string, unknown>, sensor: string): Promise<void> {
  const body = JSON.stringify({ sensor, sendTime: env.nowIso(), dataVersion: DATA_VERSION, data: [event] })
  const record: WebhookDelivery = {
    deliveryId: env.newId(), webhookId: hook.id, eventId: String(event.id), eventType: String(event.type ?? ''),
    targetUrl: hook.targetUrl, state: 'pending', status: undefined, error: undefined, attempts: 0,
  }
  state.deliveries.push(record)
  if (state.deliveries.length > MAX_RECORDED_DELIVERIES) state.deliveries.shift()
  const refused = refusal(state.targets, hook.targetUrl)
  if (refused) {
    record.state = 'refused'
    record.error = refused
    state.settled('refused')
    return
  }
  const headers = {
    'content-type': 'application/json',
    'x-caliper-signature': `sha256=${await sign(hook.secret, body)}`,
    'x-caliper-webhook-id': hook.id,
    'x-caliper-delivery-id': record.deliveryId,
    'x-caliper-event-type': record.eventType,
  }
  await attempt(state, record, body, headers)
}

/**
 * Delivers `events` (just accepted, in the stored shape) to every webhook they match. Deliveries run one after
 * another in event order, then webhook creation order. The promise resolves when all are finished and never
 * rejects (failures are recorded); `emulator.webhooks.idle()` waits for it too, so callers may skip awaiting.
 */
export async function deliverToWebhooks(state: WebhookState, env: Env, events: readonly StoredCaliperEvent[], envelope: unknown): Promise<void> {
  if (state.webhooks.size === 0) return
  const run = (async () => {
    const sent = sentEvents(envelope)
    for (const stored of events) {
      const targets = targetsOf(state, stored)
      if (targets.length === 0) continue
      const event = caliperEvent(stored, sent)
      for (const hook of targets) {
        try {
          await deliverOne(state, env, hook, event, stored.sensor)
        } catch {
          // Signing cannot fail for a stored secret; never let one webhook stop the others.
        }
      }
    }
  })()
  state.pending.add(run)
  try {
    await run
  } finally {
    state.pending.delete(run)
  }
}
