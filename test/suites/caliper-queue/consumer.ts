// consumeCaliperBatch over an in-memory MessageBatch against the emulator: envelopes within maxBatch/maxBytes,
// each message settled exactly once (ack after acceptance, retry otherwise), failures injected by the emulator
// (503, 429 with Retry-After, 400), a refused event isolated from the good ones, foreign messages retried and
// never acked, the event text sent byte for byte, and an unexpected error leaving no message without an outcome.

import type { Assert, Suite } from '../../harness/types.ts'
import { EVENT_PATH, SENSOR, caliperSetup, requireCaliper, sorted } from '../caliper/helpers.ts'
import { bodyOf, fakeBatch, fakeProducer, postBodies } from './helpers.ts'

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i)

const suite: Suite = (env) => {
  const { h, sdk } = env
  if (!requireCaliper(h, sdk, 'caliper-queue: consumer')) return
  const { describe, it } = h
  const assert: Assert = h.assert
  const { consumeCaliperBatch, createCaliperQueueProducer } = sdk.edge
  const E = sdk.errors

  /** Events through the producer into a fake Queue; the bodies a consumer would receive, and the events' ids. */
  const produce = async (s: ReturnType<typeof caliperSetup>, n: number, over: Record<string, unknown> = {}) => {
    const queue = fakeProducer()
    const events = Array.from({ length: n }, (_, i) => s.activity(i, i, over))
    await createCaliperQueueProducer(queue).send(events)
    return { bodies: queue.messages.map((m) => m.body), ids: events.map((e) => e.id), texts: events.map((e) => JSON.stringify(e)) }
  }
  /** A hand-written event the emulator refuses (a field Caliper does not allow), in our message format. */
  const refusedBody = (s: ReturnType<typeof caliperSetup>) => bodyOf(JSON.stringify({ ...JSON.parse(JSON.stringify(s.activity(99))), unknownField: 1 }))

  describe('caliper-queue: consumer', () => {
    it('sends the events in envelopes of maxBatch and acks every message once the service accepted it', async () => {
      const s = caliperSetup(env)
      const { bodies, ids } = await produce(s, 45)
      const fake = fakeBatch(bodies)
      const result = await consumeCaliperBatch(fake.batch, s.client, { sensor: SENSOR, maxBatch: 20 })
      assert.deepEqual([result.sent, result.acked, result.retried, result.failed.length], [45, 45, 0, 0])
      assert.equal(result.jobIds.length, 3)
      assert.equal(s.caliperRequests('POST'), 3)
      assert.ok(fake.allSettledOnce())
      assert.deepEqual(fake.acked(), range(0, 45))
      assert.deepEqual(sorted(s.storedIds()), sorted(ids))
    })

    it('keeps every envelope within maxBytes, and sends each event\'s text byte for byte as queued', async () => {
      const s = caliperSetup(env)
      const posts: string[] = []
      const client = s.make({ fetch: postBodies(s.options.fetch, posts) })
      const { bodies, texts } = await produce(s, 30, { extensions: { note: 'x'.repeat(200) } })
      // A message written by another copy of the producer, formatted differently (indented, integer-like key
      // last): re-serializing would change both, so finding it verbatim in a POST shows nothing was.
      const indented = JSON.stringify(JSON.parse(JSON.stringify(s.activity(7))), null, 2)
      const handmade = indented.replace(/\n}$/, ',\n  "extensions": {"z": 1, "10": 2}\n}')
      assert.ok(handmade.includes('{"z": 1, "10": 2}'))
      const fake = fakeBatch([...bodies, bodyOf(handmade)])
      const result = await consumeCaliperBatch(fake.batch, client, { sensor: SENSOR, maxBatch: 1000, maxBytes: 4096 })
      assert.equal(result.sent, 31)
      assert.ok(posts.length > 1, 'the byte limit split the batch')
      for (const post of posts) assert.ok(new TextEncoder().encode(post).length <= 4096, `an envelope of ${post.length} bytes`)
      const all = posts.join('\n')
      for (const text of [...texts, handmade]) assert.ok(all.includes(text), 'event text found verbatim')
      assert.equal(s.storedIds().length, 31)
    })

    it('a 503 (after the client\'s retries) retries exactly the messages of that envelope; redelivered, they are sent, none twice', async () => {
      const s = caliperSetup(env, {}, { maxRetries: 0 })
      const { bodies, ids } = await produce(s, 30)
      s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 503, times: 2 })
      const seen: { events: number; ids: string[] }[] = []
      const first = fakeBatch(bodies)
      const result = await consumeCaliperBatch(first.batch, s.client, {
        sensor: SENSOR, maxBatch: 10, concurrency: 1, onError: (events, _error, messageIds) => void seen.push({ events: events.length, ids: messageIds }),
      })
      assert.deepEqual([result.sent, result.acked, result.retried], [10, 10, 20])
      assert.ok(first.allSettledOnce())
      assert.deepEqual(first.retried(), range(0, 20))
      assert.deepEqual(first.outcomes[0], [{ kind: 'retry' }], 'no Retry-After: the Queue\'s own backoff')
      assert.deepEqual(seen, [{ events: 10, ids: range(0, 10).map((i) => `msg-${i}`) }, { events: 10, ids: range(10, 20).map((i) => `msg-${i}`) }])
      assert.ok(E.isServerError(result.failed[0]!.error))
      assert.deepEqual(result.failed[0]!.events.map((e) => (e as { id: string }).id), ids.slice(0, 10))
      // The Queue delivers the retried messages again.
      const second = fakeBatch(first.retried().map((i) => bodies[i]), 2)
      const again = await consumeCaliperBatch(second.batch, s.client, { sensor: SENSOR, maxBatch: 10 })
      assert.deepEqual([again.sent, again.acked, again.retried], [20, 20, 0])
      const stored = s.storedIds()
      assert.equal(stored.length, 30, 'nothing stored twice')
      assert.deepEqual(sorted(stored), sorted(ids))
    })

    it('a 429 with Retry-After retries its messages after that delay', async () => {
      const s = caliperSetup(env, {}, { maxRetries: 0 })
      const { bodies } = await produce(s, 5)
      s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 429, retryAfter: 7 })
      const fake = fakeBatch(bodies)
      const result = await consumeCaliperBatch(fake.batch, s.client, { sensor: SENSOR, onError: () => {} })
      assert.equal(result.retried, 5)
      assert.ok(E.isRateLimitError(result.failed[0]!.error))
      assert.deepEqual(fake.outcomes, bodies.map(() => [{ kind: 'retry', delaySeconds: 7 }]))
    })

    it('an envelope refused for one bad event: the good events are acked, only the bad one is retried and reported', async () => {
      const s = caliperSetup(env)
      const { bodies, ids } = await produce(s, 9)
      const posts: string[] = []
      const client = s.make({ fetch: postBodies(s.options.fetch, posts) })
      const all = [...bodies.slice(0, 3), refusedBody(s), ...bodies.slice(3)]
      const failures: { events: unknown[]; error: unknown; ids: string[] }[] = []
      const fake = fakeBatch(all)
      const result = await consumeCaliperBatch(fake.batch, client, {
        sensor: SENSOR, onError: async (events, error, messageIds) => void failures.push({ events, error, ids: messageIds }),
      })
      assert.deepEqual([result.sent, result.acked, result.retried], [9, 9, 1])
      assert.ok(fake.allSettledOnce())
      assert.deepEqual(fake.retried(), [3])
      assert.deepEqual(sorted(s.storedIds()), sorted(ids))
      assert.equal(failures.length, 1)
      assert.equal(failures[0]!.events.length, 1)
      assert.equal((failures[0]!.events[0] as { unknownField: number }).unknownField, 1)
      assert.ok(E.isValidationError(failures[0]!.error))
      assert.deepEqual(failures[0]!.ids, ['msg-3'])
      // Halving [0..9]: [0..4] refused, [5..9] accepted; [0..2] accepted, [3..4] refused; [3] refused, [4] accepted.
      assert.equal(posts.length, 7)
    })

    it('a 400 that does not come back (a transient refusal): the halves are accepted and every message acked', async () => {
      const s = caliperSetup(env)
      const { bodies, ids } = await produce(s, 8)
      s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 400, times: 1 })
      const fake = fakeBatch(bodies)
      const result = await consumeCaliperBatch(fake.batch, s.client, { sensor: SENSOR })
      assert.deepEqual([result.sent, result.acked, result.retried, result.failed.length], [8, 8, 0, 0])
      assert.equal(result.jobIds.length, 2)
      assert.deepEqual(sorted(s.storedIds()), sorted(ids))
    })

    it('foreign and malformed messages are retried (never acked) and reported with their place; ours go through', async () => {
      const s = caliperSetup(env)
      const { bodies, ids } = await produce(s, 2)
      const foreign = [
        { hello: 'an object from another producer' },
        'plain text',
        '{"timebackCaliper":2,"event":{}}',
        `${'{"timebackCaliper":1,"event":'}{not json}}`,
        '{"timebackCaliper":1,"event":[1,2]}',
        null,
      ]
      const fake = fakeBatch([bodies[0], ...foreign, bodies[1]])
      const result = await consumeCaliperBatch(fake.batch, s.client, { sensor: SENSOR, onError: () => {} })
      assert.deepEqual([result.sent, result.acked, result.retried], [2, 2, 6])
      assert.ok(fake.allSettledOnce())
      assert.deepEqual(fake.acked(), [0, 7])
      assert.deepEqual(fake.retried(), [1, 2, 3, 4, 5, 6])
      assert.deepEqual(sorted(s.storedIds()), sorted(ids))
      const problems = result.failed.map((f) => {
        assert.ok(E.isInputValidationError(f.error))
        assert.deepEqual(f.events, [])
        return [f.messageIds[0], (f.error as { issues: { path: string; message: string }[] }).issues[0]!.path]
      })
      assert.deepEqual(problems, range(1, 7).map((i) => [`msg-${i}`, `messages[${i}].body`]))
      const messages = result.failed.map((f) => (f.error as Error).message)
      assert.match(messages[0]!, /has type object: it is not the text of a Timeback Caliper message/)
      assert.match(messages[2]!, /format version 2; this consumer reads version 1/)
      assert.match(messages[3]!, /not valid JSON/)
      assert.match(messages[4]!, /not a JSON object/)
    })

    it('without onError each failure is logged with console.warn: what happened to the messages, the error, no event data', async () => {
      const s = caliperSetup(env, {}, { maxRetries: 0 })
      const { bodies } = await produce(s, 4)
      s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 503 })
      const seen: string[] = []
      const original = console.warn
      console.warn = (...args: unknown[]) => void seen.push(args.map(String).join(' '))
      let result
      try {
        result = await consumeCaliperBatch(fakeBatch([...bodies, 'plain text']).batch, s.client, { sensor: SENSOR })
      } finally {
        console.warn = original
      }
      assert.equal(result.retried, 5)
      const lines = seen.filter((l) => l.includes('caliper queue consumer'))
      assert.equal(lines.length, 2)
      // The messages are retried, not lost: the warning says so, and where they end up; onError is to see them.
      assert.equal(lines[0], 'timeback: caliper queue consumer: 1 message could not be read (InputValidationError: consumeCaliperBatch: ' +
        'messages[4].body: is not a Timeback Caliper message ({"timebackCaliper":1,"event":{…}}): send events with createCaliperQueueProducer); ' +
        'it was retried, and after max_retries goes to the dead-letter queue (or is deleted if none is configured); pass onError to see it')
      assert.match(lines[1]!, /^timeback: caliper queue consumer: 4 events could not be sent \(ServerError: .*503.*\); their messages were retried, and after max_retries go to the dead-letter queue \(or are deleted if none is configured\); pass onError to see them$/)
      assert.doesNotMatch(lines.join('\n'), /school\.example|urn:uuid|student-/)
    })

    it('an onError that throws costs nothing: the messages are still retried and the batch resolves', async () => {
      const s = caliperSetup(env, {}, { maxRetries: 0 })
      const { bodies } = await produce(s, 3)
      s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 503 })
      const fake = fakeBatch(bodies)
      const original = console.warn
      console.warn = () => {}
      try {
        const result = await consumeCaliperBatch(fake.batch, s.client, { sensor: SENSOR, onError: () => { throw new Error('handler bug') } })
        assert.equal(result.retried, 3)
      } finally {
        console.warn = original
      }
      assert.deepEqual(fake.retried(), [0, 1, 2])
    })

    it('an unexpected error (a broken ack) leaves no message without an outcome: the rest are retried, acked ones stay acked', async () => {
      const s = caliperSetup(env)
      const { bodies } = await produce(s, 30)
      const fake = fakeBatch(bodies)
      const calls = fake.outcomes
      fake.batch.messages[12]!.ack = () => {
        calls[12]!.push({ kind: 'ack' })
        throw new Error('binding broke')
      }
      const reported: unknown[] = []
      const result = await consumeCaliperBatch(fake.batch, s.client, { sensor: SENSOR, maxBatch: 10, concurrency: 1, onError: (_e, error) => void reported.push(error) })
      assert.ok(fake.allSettledOnce(), JSON.stringify(calls))
      // Envelope 1 acked; in envelope 2 messages 10..12 were acked before the throw; the rest retried.
      assert.deepEqual(fake.acked(), range(0, 13))
      assert.deepEqual(fake.retried(), range(13, 30))
      assert.deepEqual([result.acked, result.retried], [13, 17])
      assert.match(String((reported[0] as Error).message), /binding broke/)
    })

    it('refuses bad options before touching any message, naming the option', async () => {
      const s = caliperSetup(env)
      const { bodies } = await produce(s, 2)
      const fake = fakeBatch(bodies)
      const bad: [unknown, string][] = [
        [{}, 'sensor'],
        [{ sensor: 'not an iri' }, 'sensor'],
        [{ sensor: SENSOR, maxBatch: 0 }, 'maxBatch'],
        [{ sensor: SENSOR, maxBytes: 2_000_000 }, 'maxBytes'],
        [{ sensor: SENSOR, concurrency: 1.5 }, 'concurrency'],
        [{ sensor: SENSOR, onError: 'log' }, 'onError'],
      ]
      for (const [options, path] of bad) {
        const error = await assert.rejects(consumeCaliperBatch(fake.batch, s.client, options as never), E.isInputValidationError)
        assert.equal(error.issues[0].path, path)
      }
      await assert.rejects(consumeCaliperBatch({ queue: 'q' } as never, s.client, { sensor: SENSOR }), /batch: must be the MessageBatch/)
      await assert.rejects(consumeCaliperBatch(fake.batch, {} as never, { sensor: SENSOR }), /client: must be a CaliperClient/)
      assert.ok(fake.outcomes.every((o) => o.length === 0))
      assert.equal(s.caliperRequests(), 0)
    })
  })
}

export default suite
