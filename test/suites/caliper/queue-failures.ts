// What the queue does when things go wrong inside a flush: a throwing or rejecting onError, no onError at
// all (failures are logged, without the events), a broken logger, an unexpected error, and two flushes or an
// add() at once. Every event taken from the queue ends up sent, in `failed`, or back in the queue.

import type { Assert, Suite } from '../../harness/types.ts'
import { EVENT_PATH, SENSOR, caliperSetup, requireCaliper, sorted } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  if (!requireCaliper(h, sdk, 'caliper: queue failures')) return
  const { describe, it } = h
  const assert: Assert = h.assert

  /** A logger that records what it is told. */
  const recorder = () => {
    const lines: { message: string; data: unknown }[] = []
    return { lines, logger: { warn: (message: string, data?: unknown) => { lines.push({ message, data }) } } }
  }
  const queueLines = <L extends { message: string }>(lines: L[]) => lines.filter((l) => l.message.includes('caliper queue'))
  const failedCount = (failed: { events: unknown[] }[]) => failed.reduce((n, f) => n + f.events.length, 0)

  describe('caliper: queue failures', () => {
    for (const kind of ['throwing', 'rejecting'] as const) {
      it(`a ${kind} onError: every event is sent or failed, none lost, and the handler's failure is logged`, async () => {
        const s = caliperSetup(env)
        const { lines, logger } = recorder()
        let calls = 0
        const onError = kind === 'throwing'
          ? () => { calls++; throw new Error('handler bug') }
          : async () => { calls++; throw new Error('handler bug') }
        const queue = s.make({ logger }).createQueue({ sensor: SENSOR, maxBatch: 10, concurrency: 2, onError })
        s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 400, times: 2 })
        const events = Array.from({ length: 40 }, (_, i) => s.activity(i))
        queue.add(events)
        const result = await queue.flush()
        assert.equal(result.sent, 20)
        assert.equal(result.failed.length, 2)
        assert.equal(result.sent + failedCount(result.failed), 40)
        assert.equal(queue.size, 0)
        assert.equal(calls, 2)
        const failedIds = result.failed.flatMap((f) => f.events.map((e) => (e as { id: string }).id))
        assert.deepEqual(sorted([...failedIds, ...s.storedIds()]), sorted(events.map((e) => e.id)))
        const logged = queueLines(lines)
        assert.equal(logged.length, 2)
        for (const line of logged) assert.match(line.message, /onError threw for an envelope of 10 failed events .*handler bug/)
      })
    }

    it("without onError each failed envelope is logged once through the client's logger: count and error, no event data", async () => {
      const s = caliperSetup(env)
      const { lines, logger } = recorder()
      const queue = s.make({ logger }).createQueue({ sensor: SENSOR, maxBatch: 10 })
      s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 400, times: 2 })
      const events = Array.from({ length: 30 }, (_, i) => s.activity(i))
      queue.add(events)
      const result = await queue.flush()
      assert.equal(result.sent, 10)
      assert.equal(failedCount(result.failed), 20)
      const logged = queueLines(lines)
      assert.equal(logged.length, 2)
      for (const line of logged) {
        assert.match(line.message, /an envelope of 10 events failed.*ValidationError/)
        const text = line.message + JSON.stringify(line.data)
        // No student data: no email, no event or actor id.
        assert.doesNotMatch(text, /school\.example|urn:uuid|student-/)
      }

      // A logger that throws costs nothing: the flush still resolves with the failure in hand.
      const broken = s.make({ logger: { warn: () => { throw new Error('log sink down') } } }).createQueue({ sensor: SENSOR })
      s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 400, times: 1 })
      broken.add(s.activity(99))
      const after = await broken.flush()
      assert.equal(failedCount(after.failed), 1)
      assert.equal(broken.size, 0)
    })

    it('without onError or a logger, failed envelopes go to console.warn', async () => {
      const s = caliperSetup(env)
      const queue = s.client.createQueue({ sensor: SENSOR, maxBatch: 5 })
      s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 400, times: 1 })
      queue.add(Array.from({ length: 10 }, (_, i) => s.activity(i)))
      const seen: string[] = []
      const original = console.warn
      console.warn = (...args: unknown[]) => { seen.push(args.map(String).join(' ')) }
      let result
      try {
        result = await queue.flush()
      } finally {
        console.warn = original
      }
      assert.equal(result.sent, 5)
      assert.deepEqual(seen.filter((m) => m.includes('caliper queue')).map((m) => /an envelope of (\d+) events failed/.exec(m)?.[1]), ['5'])
    })

    it('an unexpected error inside flush() leaves every taken event in the queue; the flush resolves and a later one sends them', async () => {
      const s = caliperSetup(env)
      const { lines, logger } = recorder()
      const queue = s.make({ logger }).createQueue({ sensor: SENSOR, maxBatch: 10 })
      const events = Array.from({ length: 20 }, (_, i) => s.activity(i))
      queue.add(events)
      // Options that blow up when read stand in for any bug between taking the buffer and settling it.
      const hostile = { get timeout(): number { throw new Error('boom') } }
      const result = await queue.flush(hostile)
      assert.equal(result.sent, 0)
      assert.equal(result.requeued, 20)
      assert.equal(queue.size, 20)
      assert.equal(s.caliperRequests('POST'), 0)
      assert.match(queueLines(lines)[0]?.message ?? '', /unexpected error; 20 events stay queued: Error: boom/)
      // Nor does a flush reject on options that are not an object.
      const again = await queue.flush(null as never)
      assert.equal(again.sent, 20)
      assert.deepEqual(s.storedIds(), events.map((e) => e.id))
    })

    it('a fetch that throws synchronously fails its envelopes into `failed`; nothing is lost', async () => {
      const s = caliperSetup(env, {}, { maxRetries: 0 })
      const fetch = (() => { throw new TypeError('fetch exploded') }) as unknown as typeof globalThis.fetch
      const queue = s.make({ fetch }).createQueue({ sensor: SENSOR, maxBatch: 4, onError: () => {} })
      queue.add(Array.from({ length: 10 }, (_, i) => s.activity(i)))
      const result = await queue.flush()
      assert.equal(result.sent, 0)
      assert.equal(failedCount(result.failed) + queue.size, 10)
    })

    it('flushes at once, one of them broken, and add() meanwhile: each event is sent by exactly one flush, none lost', async () => {
      const s = caliperSetup(env)
      const queue = s.make({ logger: { warn: () => {} } }).createQueue({ sensor: SENSOR, maxBatch: 10, concurrency: 2 })
      const events = Array.from({ length: 55 }, (_, i) => s.activity(i))
      queue.add(events.slice(0, 20))
      const first = queue.flush()
      queue.add(events.slice(20, 35)) // while the first flush runs
      assert.equal(queue.size, 15)
      // A flush that breaks takes those 15 and must hand them back, while the first one is still sending.
      const broken = queue.flush({ get timeout(): number { throw new Error('boom') } })
      queue.add(events.slice(35, 45))
      const second = queue.flush()
      queue.add(events.slice(45)) // while they all run
      const [a, x, b] = await Promise.all([first, broken, second])
      // Each flush sent what was buffered when it was called; the last ten wait for the next one.
      assert.equal(a.sent, 20)
      assert.deepEqual([x.sent, x.requeued], [0, 15])
      assert.equal(b.sent, 25)
      assert.equal(queue.size, 10)
      assert.equal((await queue.flush()).sent, 10)
      const stored = s.storedIds()
      assert.equal(stored.length, 55, 'nothing sent twice')
      assert.deepEqual(sorted(stored), sorted(events.map((e) => e.id)))
    })
  })
}

export default suite
