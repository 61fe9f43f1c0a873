// The Caliper and Webhooks part of the demo: register a webhook with a filter, send an activity event and a
// time-spent event, wait for the processing job, push a batch through the edge queue, and receive the
// webhook deliveries in a handler that verifies their signature.

import { CaliperClient, createActivityEvent } from '../src/services/caliper/index.ts'
import { WebhooksClient, parseWebhook } from '../src/services/webhooks/index.ts'
import type { Report } from './oneroster-demo.ts'

interface EmulatorLike {
  services: Record<string, string>
  tokenUrl: string
  credentials: { clientId: string; clientSecret: string }
  fetch: typeof fetch
  webhooks: { idle(): Promise<void> }
}

const SENSOR = 'https://math-app.example/sensors/web'
const SECRET = 'demo-webhook-secret'

/** What the app's webhook endpoint does: verify, parse, remember. */
export function webhookHandler(received: string[]): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const { events } = await parseWebhook(request, { secret: SECRET })
      for (const event of events) received.push(`${event.type} ${event.action} (${event.id.slice(9, 17)}…)`)
      return new Response(null, { status: 204 })
    } catch {
      return new Response('bad signature', { status: 401 })
    }
  }
}

export async function eventsTour(emulator: EmulatorLike, report: Report, received: string[]): Promise<void> {
  const options = { auth: { ...emulator.credentials, authUrl: emulator.tokenUrl }, fetch: emulator.fetch }
  const caliper = new CaliperClient({ ...options, baseUrl: emulator.services.caliper! })
  const webhooks = new WebhooksClient({ ...options, baseUrl: emulator.services.webhooks! })

  const hook = await webhooks.webhooks.create({
    name: 'Completions to the dashboard', description: 'ActivityEvents of the math app', targetUrl: 'http://localhost:8790/hooks/timeback', secret: SECRET, active: true,
  })
  await webhooks.filters.create({ webhookId: hook.id, filterKey: 'type', filterValue: 'ActivityEvent', filterType: 'string', filterOperation: 'eq', active: true })
  report.line('webhook registered', `${hook.name} → ${hook.targetUrl} (filter: type eq ActivityEvent)`)

  const actor = { id: 'https://api.alpha-1edtech.ai/ims/oneroster/rostering/v1p2/users/student-1', email: 'student-1@riverside.example', name: 'Ada Lovelace', role: 'student' as const }
  const object = { id: 'https://math-app.example/lessons/fractions-1', subject: 'Math' as const, app: { name: 'Math App' }, course: { name: 'Grade 5 Math' }, activity: { name: 'Fractions 1' } }
  const sent = await caliper.events.sendActivity(SENSOR, {
    actor, object, attempt: 1,
    metrics: [{ type: 'xpEarned', value: 12 }, { type: 'totalQuestions', value: 10 }, { type: 'correctQuestions', value: 9 }],
  })
  await caliper.events.sendTimeSpent(SENSOR, { actor, object, metrics: [{ type: 'active', value: 720 }, { type: 'inactive', value: 45 }] })
  report.line('activity + time-spent sent', `job ${sent.jobId ?? '(none)'}, ${sent.eventsAccepted ?? '?'} event accepted`)
  if (sent.jobId) {
    const job = await caliper.jobs.waitForCompletion(sent.jobId, { pollInterval: 10, timeout: 5_000 })
    report.line('job', `${job.state}`)
  }

  // The edge queue: 250 completions buffered, flushed in envelopes of at most 100 events.
  const queue = caliper.createQueue({ sensor: SENSOR, maxBatch: 100, onError: (events, error) => report.line('queue failure', `${events.length} events: ${String(error)}`) })
  for (let i = 0; i < 250; i++) {
    queue.add(createActivityEvent({ actor, object: { ...object, activity: { name: `Drill ${i + 1}` } }, metrics: [{ type: 'xpEarned', value: 1 }] }))
  }
  const flushed = await queue.flush()
  report.line('queue flush', `${flushed.sent} events sent, ${flushed.failed.length} batches failed`)

  const stored = await caliper.events.list({ sensor: SENSOR, limit: 5 })
  report.line('events stored for the sensor', String(stored.total))
  await emulator.webhooks.idle()
  report.line('webhook deliveries verified', `${received.length} (first: ${received[0] ?? 'none'})`)
}
