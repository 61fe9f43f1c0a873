// The Cloudflare side of the example without a browser: tokens shared through KV, webhook signatures and
// replays, and a Caliper outage absorbed by the Queue (retried, every event delivered once).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { signWebhookPayload } from '@timeback/sdk/webhooks'
import { WEBHOOK_SECRET, eventually, startApp, type App } from './harness.ts'
import { signInCookie } from './session.ts'

let app: App
type WorkerFetch = (url: string, init?: RequestInit) => Promise<Response>
let appB: WorkerFetch

const eventsOnPage = (html: string) => [...html.matchAll(/data-event="([^"]+)"/g)].map((m) => m[1]!)

/** A Caliper envelope holding one ActivityEvent of seed-class-2, as Timeback delivers them. */
function delivery(eventId: string, sendTime = '2026-12-01T10:00:00.000Z'): string {
  const users = `${app.server.emulator.services.oneroster}/ims/oneroster/rostering/v1p2`
  return JSON.stringify({
    sensor: 'https://worker-example.test', sendTime, dataVersion: 'http://purl.imsglobal.org/ctx/caliper/v1p2',
    data: [{
      '@context': 'http://purl.imsglobal.org/ctx/caliper/v1p2', id: eventId, type: 'ActivityEvent', action: 'Completed', profile: 'TimebackProfile',
      eventTime: '2026-12-01T09:59:00.000Z', group: `${users}/classes/seed-class-2`,
      actor: { id: `${users}/users/seed-student-5`, type: 'TimebackUser', email: 'seed-student-5@seed.example', name: 'Niamh O\'Brien', role: 'student' },
      object: { id: 'https://worker-example.test/lessons/x', type: 'TimebackActivityContext', subject: 'Math', app: { name: 'Other app' }, activity: { name: 'Decimals' } },
      generated: { id: 'urn:uuid:00000000-0000-4000-8000-0000000000aa', type: 'TimebackActivityMetricsCollection', items: [{ type: 'xpEarned', value: 7 }] },
    }],
  })
}

async function postHook(body: string, signature: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (signature) headers['x-caliper-signature'] = signature
  return fetch(`${app.url}/webhooks/timeback`, { method: 'POST', body, headers })
}

describe('cloudflare-worker example: KV, Durable Object, Queue (Miniflare)', () => {
  before(async () => {
    app = await startApp()
    const b = (await app.mf.getWorker('app-b')) as unknown as { fetch: WorkerFetch }
    appB = (url, init) => b.fetch(url, init)
  })
  after(async () => app?.close())

  it('a second isolate takes the token from KV: no new token request', async () => {
    const { emulator } = app.server
    // The harness's own webhook setup took a token; count from here.
    const start = emulator.stats().tokens.requests
    const tokenRequests = () => emulator.stats().tokens.requests - start
    const cookie = await signInCookie(app.url, 'seed-teacher-1@seed.example')
    const home = await fetch(`${app.url}/`, { headers: { cookie } })
    assert.equal(home.status, 200)
    assert.match(await home.text(), /Math 3 A/)
    assert.equal(tokenRequests(), 1, 'one token for OneRoster (sign-in lookup, roles, classes) in isolate A')
    // The token reaches KV in the background (callers do not wait for the write).
    // Miniflare types its bindings with its own copies of the Workers types; only list() is used.
    const tokens = (await app.mf.getKVNamespace('TOKENS')) as unknown as { list(): Promise<{ keys: unknown[] }> }
    await eventually('the token in KV', async () => ((await tokens.list()).keys.length > 0 ? true : undefined))

    const fromB = await appB(`${app.url}/teacher?class=seed-class-1`, { headers: { cookie } })
    assert.equal(fromB.status, 200, await fromB.clone().text())
    assert.match(await fromB.text(), /Ada Lovelace/)
    assert.equal(tokenRequests(), 1, 'isolate B (OneRoster and EduBridge calls) found the token in KV')
  })

  it('refuses unsigned and forged deliveries, and a replayed one', async () => {
    const teacher2 = await signInCookie(app.url, 'seed-teacher-2@seed.example') // teaches seed-class-2
    const feed = async () => eventsOnPage(await (await fetch(`${app.url}/teacher?class=seed-class-2`, { headers: { cookie: teacher2 } })).text())
    const id = 'urn:uuid:11111111-1111-4111-8111-111111111111'
    const body = delivery(id)

    assert.equal((await postHook(body, undefined)).status, 401, 'no signature')
    assert.equal((await postHook(body, await signWebhookPayload(body, 'not-the-secret'))).status, 401, 'signed with another secret')
    const tampered = body.replace('"value":7', '"value":700')
    assert.equal((await postHook(tampered, await signWebhookPayload(body, WEBHOOK_SECRET))).status, 401, 'body changed after signing')
    assert.deepEqual(await feed(), [])

    const signature = await signWebhookPayload(body, WEBHOOK_SECRET)
    const first = await postHook(body, signature)
    assert.equal(first.status, 200)
    assert.deepEqual(await first.json(), { added: 1 })
    assert.equal((await postHook(body, signature)).status, 409, 'the same delivery again is a replay')
    // The same event in a new delivery (another send time, so another signature) passes the replay check; the
    // class feed (a Durable Object keyed by event id) still shows it once.
    const again = delivery(id, '2026-12-01T10:05:00.000Z')
    const second = await postHook(again, await signWebhookPayload(again, WEBHOOK_SECRET))
    assert.equal(second.status, 200)
    assert.deepEqual(await second.json(), { added: 0 })
    assert.deepEqual(await feed(), [id])
  })

  it('a Caliper outage: the Queue retries, every event is stored once and arrives once', async () => {
    const { emulator } = app.server
    const cookies = await Promise.all([1, 2, 3, 4].map((n) => signInCookie(app.url, `seed-student-${n}@seed.example`)))
    // The first envelope fails three times (the client's own two retries included), so the consumer retries its
    // messages through the Queue.
    const fault = emulator.faults.add({ method: 'POST', path: '/caliper/event', status: 503, retryAfter: 0, times: 3 })
    const storedBefore = emulator.caliper.events.length
    const logFrom = app.logs.length
    for (const cookie of cookies) {
      for (const lesson of ['fractions-1', 'fractions-2']) {
        const res = await fetch(`${app.url}/classes/seed-class-1/lessons/${lesson}/complete`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: app.url } })
        assert.equal(res.status, 303)
      }
    }
    const queued = 8
    const stored = await eventually('8 events stored by Caliper', async () => {
      const mine = emulator.caliper.events.slice(storedBefore)
      return mine.length >= queued ? mine : undefined
    })
    assert.equal(fault.hits, 3, 'the outage was hit')
    const ids = stored.map((e) => e.externalId)
    assert.equal(new Set(ids).size, queued, `each event stored once: ${ids.join(', ')}`)
    assert.equal(stored.length, queued)

    const teacher = await signInCookie(app.url, 'seed-teacher-1@seed.example')
    const arrived = await eventually('8 events in the class feed', async () => {
      const onPage = eventsOnPage(await (await fetch(`${app.url}/teacher?class=seed-class-1`, { headers: { cookie: teacher } })).text())
      return onPage.length >= queued ? onPage : undefined
    })
    assert.deepEqual([...arrived].sort(), [...ids].sort(), 'the feed shows exactly the stored events')

    const batches = app.logs.slice(logFrom).filter((l) => l.startsWith('caliper batch:')).map((l) => {
      const [messages, sent, acked, retried] = l.match(/\d+/g)!.map(Number)
      return { messages: messages!, sent: sent!, acked: acked!, retried: retried! }
    })
    const total = (k: 'messages' | 'sent' | 'acked' | 'retried') => batches.reduce((n, b) => n + b[k], 0)
    const counts = { queued, sent: total('sent'), acked: total('acked'), retried: total('retried'), lost: queued - new Set(ids).size }
    console.log(`queue counts: ${JSON.stringify(counts)} over ${batches.length} batches`)
    assert.ok(counts.retried > 0, 'some messages were retried through the Queue')
    assert.equal(counts.acked, queued, 'every message acked once, after Caliper accepted it')
    assert.equal(counts.sent, queued)
    assert.equal(total('messages'), queued + counts.retried, 'each retried message came back once more')
  })
})
