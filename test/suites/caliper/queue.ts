// The edge event queue: batching within maxBatch/maxBytes, bounded concurrency, and its promise never to
// lose an event — through 503s and dropped connections, partial failures, and aborted flushes.

import type { Assert, Suite } from '../../harness/types.ts'
import { EVENT_PATH, SENSOR, caliperSetup, requireCaliper, sorted } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  if (!requireCaliper(h, sdk, 'caliper: queue')) return
  const { describe, it } = h
  const assert: Assert = h.assert
  const E = sdk.errors

  describe('caliper: queue batching', () => {
    it('flushes in envelopes of at most maxBatch events, in order, and empties the queue', async () => {
      const s = caliperSetup(env)
      const queue = s.client.createQueue({ sensor: SENSOR, maxBatch: 10 })
      const events = Array.from({ length: 25 }, (_, i) => s.activity(i, i))
      queue.add(events.slice(0, 1)[0]!)
      queue.add(events.slice(1))
      assert.equal(queue.size, 25)
      const result = await queue.flush()
      assert.equal(result.sent, 25)
      assert.deepEqual(result.failed, [])
      assert.equal(result.jobIds.length, 3)
      assert.equal(queue.size, 0)
      assert.equal(s.caliperRequests('POST'), 3)
      assert.deepEqual(sorted(s.storedIds()), sorted(events.map((e) => e.id)))
    })

    it('keeps every envelope under maxBytes', async () => {
      const s = caliperSetup(env)
      const sizes: number[] = []
      const client = s.make({ fetch: spy(s.options.fetch, sizes) })
      const queue = client.createQueue({ sensor: SENSOR, maxBatch: 1000, maxBytes: 4096 })
      const events = Array.from({ length: 40 }, (_, i) => s.activity(i, i, { extensions: { note: 'x'.repeat(200) } }))
      queue.add(events)
      const result = await queue.flush()
      assert.equal(result.sent, 40)
      assert.ok(s.caliperRequests('POST') > 1, 'the byte limit split the batch')
      for (const n of sizes) assert.ok(n <= 4096, `envelope of ${n} bytes`)
      assert.deepEqual(sorted(s.storedIds()), sorted(events.map((e) => e.id)))
    })

    it('runs at most `concurrency` envelope sends at once', async () => {
      const s = caliperSetup(env)
      let inFlight = 0
      let peak = 0
      const base = s.options.fetch
      const counting: typeof fetch = async (input, init) => {
        const isSend = (init?.method ?? 'GET') === 'POST' && String(input instanceof Request ? input.url : input).endsWith('/caliper/event')
        if (isSend) peak = Math.max(peak, ++inFlight)
        try {
          return await (base ?? globalThis.fetch)(input, init)
        } finally {
          if (isSend) inFlight--
        }
      }
      const queue = s.make({ fetch: counting }).createQueue({ sensor: SENSOR, maxBatch: 1, concurrency: 3 })
      queue.add(Array.from({ length: 12 }, (_, i) => s.activity(i)))
      assert.equal((await queue.flush()).sent, 12)
      assert.ok(peak <= 3, `peak ${peak}`)
      assert.ok(peak >= 2, `peak ${peak}: sends did overlap`)
    })

    it('an empty flush makes no request', async () => {
      const s = caliperSetup(env)
      const result = await s.client.createQueue({ sensor: SENSOR }).flush()
      assert.deepEqual(result, { sent: 0, failed: [], jobIds: [], aborted: false, requeued: 0 })
      assert.equal(s.emulator.requests.length, 0)
    })
  })

  describe('caliper: queue reliability', () => {
    it('a flush against 503s loses nothing: every event is stored exactly once', async () => {
      const s = caliperSetup(env, {}, { maxRetries: 6 })
      const fault = s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 503, retryAfter: 0, times: 8 })
      const queue = s.client.createQueue({ sensor: SENSOR, maxBatch: 20 })
      const events = Array.from({ length: 100 }, (_, i) => s.activity(i))
      queue.add(events)
      const result = await queue.flush()
      assert.equal(fault.hits, 8)
      assert.equal(result.sent, 100)
      assert.deepEqual(result.failed, [])
      assert.equal(queue.size, 0)
      assert.deepEqual(sorted(s.storedIds()), sorted(events.map((e) => e.id)))
    })

    it('retries envelopes after dropped connections (sent as idempotent) and stores each event once', async () => {
      const s = caliperSetup(env, {}, { maxRetries: 4 })
      s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, drop: true, times: 3 })
      const queue = s.client.createQueue({ sensor: SENSOR, maxBatch: 10 })
      const events = Array.from({ length: 30 }, (_, i) => s.activity(i))
      queue.add(events)
      const result = await queue.flush()
      assert.equal(result.sent, 30)
      assert.deepEqual(sorted(s.storedIds()), sorted(events.map((e) => e.id)))
    })

    it('a partial failure reports exactly the events of the failed envelope, to onError and in the result', async () => {
      const s = caliperSetup(env)
      const handed: { events: { id: string }[]; error: unknown }[] = []
      const queue = s.client.createQueue({ sensor: SENSOR, maxBatch: 10, onError: (events, error) => { handed.push({ events: events as { id: string }[], error }) } })
      s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 400, times: 1 })
      const events = Array.from({ length: 40 }, (_, i) => s.activity(i))
      queue.add(events)
      const result = await queue.flush()
      assert.equal(result.failed.length, 1)
      assert.equal(result.sent, 30)
      const failedIds = result.failed[0]!.events.map((e) => (e as { id: string }).id)
      assert.equal(failedIds.length, 10)
      assert.ok(E.isValidationError(result.failed[0]!.error))
      assert.equal(handed.length, 1)
      assert.deepEqual(handed[0]!.events.map((e) => e.id), failedIds)
      // Failed and stored are disjoint and together are everything that was added.
      assert.deepEqual(sorted([...failedIds, ...s.storedIds()]), sorted(events.map((e) => e.id)))
      assert.equal(queue.size, 0)
    })

    it('a 500 on one envelope (not retried for a POST) fails only that envelope; a throwing onError stops nothing', async () => {
      const s = caliperSetup(env)
      let posts = 0
      // Fail the second envelope: the fault is armed once the first one has been answered.
      const client = s.make({ logger: { warn: () => {} }, hooks: { onResponse: (r) => { if (r.url.endsWith('/caliper/event') && ++posts === 1) s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 500 }) } } })
      const queue = client.createQueue({ sensor: SENSOR, maxBatch: 5, concurrency: 1, onError: () => { throw new Error('handler bug') } })
      const events = Array.from({ length: 15 }, (_, i) => s.activity(i))
      queue.add(events)
      const result = await queue.flush()
      assert.equal(queue.size, 0)
      assert.equal(result.sent, 10)
      assert.equal(result.failed.length, 1)
      assert.ok(E.isServerError(result.failed[0]!.error))
      assert.deepEqual(result.failed[0]!.events.map((e) => (e as { id: string }).id), events.slice(5, 10).map((e) => e.id))
      assert.deepEqual(sorted(s.storedIds()), sorted([...events.slice(0, 5), ...events.slice(10)].map((e) => e.id)))
    })

    it('an aborted flush keeps every unsent event, in-flight ones included, and a later flush sends them once', async () => {
      const s = caliperSetup(env)
      const controller = new AbortController()
      let posts = 0
      let hang: { remove(): void } | undefined
      const client = s.make({
        hooks: {
          onRequest: (r) => {
            // (Counted by URL: the token request is a POST too.)
            if (!r.url.endsWith('/caliper/event') || ++posts !== 2) return
            // The second envelope hangs in the emulator; abort once its request is under way.
            hang = s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, delayMs: 60_000 })
            void Promise.resolve().then(() => controller.abort())
          },
        },
      })
      const queue = client.createQueue({ sensor: SENSOR, maxBatch: 10, concurrency: 1 })
      const events = Array.from({ length: 30 }, (_, i) => s.activity(i))
      queue.add(events)
      const result = await queue.flush({ signal: controller.signal })
      assert.equal(result.aborted, true)
      assert.equal(result.sent, 10)
      assert.deepEqual(result.failed, [])
      assert.equal(result.requeued, 20)
      assert.equal(queue.size, 20)
      assert.deepEqual(s.storedIds(), events.slice(0, 10).map((e) => e.id))

      // With msw the aborted request may never reach the emulator, leaving the hang unused: disarm it.
      hang?.remove()
      const again = await queue.flush()
      assert.equal(again.sent, 20)
      assert.equal(queue.size, 0)
      // Every event is stored. Delivery is at least once: where the transport lets an aborted request go on
      // (msw in a browser, a real socket), the envelope that was in flight may be stored a second time.
      const stored = s.storedIds()
      assert.deepEqual(sorted([...new Set(stored)]), sorted(events.map((e) => e.id)))
      const inFlight = new Set(events.slice(10, 20).map((e) => e.id))
      assert.ok(stored.filter((id, i) => stored.indexOf(id) !== i).every((id) => inFlight.has(id)), 'only the in-flight envelope may repeat')
      if (stored.length === 30) assert.deepEqual(stored, events.map((e) => e.id), 'in the original order')
    })

    it('events added during an aborted flush stay behind the requeued ones', async () => {
      const s = caliperSetup(env)
      const controller = new AbortController()
      controller.abort()
      const queue = s.client.createQueue({ sensor: SENSOR, maxBatch: 2, concurrency: 1 })
      const first = [s.activity(1), s.activity(2), s.activity(3)]
      queue.add(first)
      const pending = queue.flush({ signal: controller.signal })
      const late = s.activity(4)
      queue.add(late)
      const result = await pending
      assert.equal(result.requeued, 3)
      assert.equal(s.emulator.requests.length, 0)
      await queue.flush()
      assert.deepEqual(s.storedIds(), [...first, late].map((e) => e.id))
    })
  })
}

/** A fetch that records the byte length of every envelope POSTed to /caliper/event. */
function spy(base: typeof fetch | undefined, sizes: number[]): typeof fetch {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    if (url.endsWith('/caliper/event') && typeof init?.body === 'string') sizes.push(new TextEncoder().encode(init.body).length)
    // The global fetch is looked up per call: in 'global' mode it is the one msw patched.
    return (base ?? globalThis.fetch)(input, init)
  }
}

export default suite
