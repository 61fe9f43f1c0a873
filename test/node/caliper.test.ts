// Node-only Caliper tests: the client and queue over real HTTP (the emulator served on a loopback port, Node's
// own fetch, no msw), where retried responses and aborted requests go through a real socket; and a short run
// of the benchmark helper so `npm run bench` cannot silently break.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { benchCaliper } from '../../bench/caliper.ts'
import * as caliper from '../../src/services/caliper/index.ts'
import { serveEmulator, type EmulatorServer } from '../../src/testing/serve-node.ts'

const SENSOR = 'https://app.example/sensors/http'
const SEND = /^\/caliper-host\/caliper\/event$/

const activity = (n: number) => caliper.createActivityEvent({
  actor: { id: `https://app.example/users/${n}`, email: `u${n}@app.example`, role: 'student' },
  object: { id: 'https://app.example/activities/1', subject: 'Reading', app: { name: 'HTTP test' } },
  metrics: [{ type: 'xpEarned', value: n % 7 }],
})

describe('caliper over HTTP', () => {
  let server: EmulatorServer
  before(async () => {
    server = await serveEmulator({ seed: false }, { port: 0, host: '127.0.0.1' })
  })
  after(() => server.close())
  const client = (extra: Partial<caliper.ClientOptions> = {}) => new caliper.CaliperClient({
    baseUrl: server.emulator.services.caliper,
    auth: { ...server.emulator.credentials, authUrl: server.emulator.tokenUrl },
    ...extra,
  })

  it('sends, waits for the job and reads the events back', async () => {
    server.emulator.reset()
    const c = client()
    const sent = await c.events.sendTimeSpent(SENSOR, {
      actor: { id: 'https://app.example/users/1', email: 'u1@app.example' },
      object: { id: 'https://app.example/activities/1', subject: 'Math', app: { name: 'HTTP test' } },
      metrics: [{ type: 'active', value: 120 }],
    })
    const job = await c.jobs.waitForCompletion(sent.jobId!, { pollInterval: 0 })
    assert.equal(job.state, 'completed')
    const [event] = await c.events.listAll({ sensor: SENSOR })
    assert.equal(event?.type, 'TimeSpentEvent')
    assert.equal((await c.events.get(event!.externalId)).id, event!.id)
  })

  it('a queue flush through 503s and dropped connections stores every event exactly once', async () => {
    server.emulator.reset()
    server.emulator.faults.add({ method: 'POST', path: SEND, status: 503, retryAfter: 0, times: 4 })
    server.emulator.faults.add({ method: 'POST', path: SEND, drop: true, times: 2 })
    const queue = client({ maxRetries: 8 }).createQueue({ sensor: SENSOR, maxBatch: 25 })
    const events = Array.from({ length: 300 }, (_, i) => activity(i))
    queue.add(events)
    const result = await queue.flush()
    assert.equal(result.sent, 300)
    assert.deepEqual(result.failed, [])
    const stored = server.emulator.caliper.events.map((e) => e.externalId)
    assert.equal(new Set(stored).size, 300)
    assert.deepEqual([...stored].sort(), events.map((e) => e.id).sort())
  })

  it('an abort during a send puts the envelope back: delivery is at least once, never lost', async () => {
    server.emulator.reset()
    await client().events.send(SENSOR, [activity(999)]) // a warm keep-alive socket, as in production
    server.emulator.reset()
    const controller = new AbortController()
    const hang = server.emulator.faults.add({ method: 'POST', path: SEND, delayMs: 60_000 })
    const c = client({ hooks: { onRequest: (r) => { if (r.url.endsWith('/caliper/event')) setImmediate(() => controller.abort()) } } })
    const queue = c.createQueue({ sensor: SENSOR, maxBatch: 10, concurrency: 1 })
    const events = Array.from({ length: 20 }, (_, i) => activity(i))
    queue.add(events)
    const result = await queue.flush({ signal: controller.signal })
    assert.equal(result.aborted, true)
    assert.equal(result.sent, 0)
    assert.equal(queue.size, 20)
    hang.remove()
    assert.equal((await queue.flush()).sent, 20)
    // The aborted request may still have reached the server (its bytes were on the wire): then the first
    // envelope is stored twice. Nothing else may be duplicated, and nothing may be missing.
    const stored = server.emulator.caliper.events.map((e) => e.externalId)
    assert.deepEqual([...new Set(stored)].sort(), events.map((e) => e.id).sort())
    const twice = stored.filter((id, i) => stored.indexOf(id) !== i)
    assert.ok(twice.length === 0 || twice.length === 10, `duplicated: ${twice.length}`)
    for (const id of twice) assert.ok(events.slice(0, 10).some((e) => e.id === id))
  })

  it('benchCaliper runs end to end and reports its figures', async () => {
    server.emulator.reset()
    const result = await benchCaliper(
      { caliperUrl: server.emulator.services.caliper, tokenUrl: server.emulator.tokenUrl, credentials: server.emulator.credentials },
      { sdk: caliper, events: 500, rounds: 1 },
    )
    assert.equal(result.events, 500)
    assert.equal(result.requests, 5)
    assert.ok(result.sdkMs > 0 && result.rawMs > 0)
  })
})
