// consumeCaliperBatch against hostile messages, clients and answers: prototype-pollution keys in a body, a
// message whose text is one of ours but whose event is not Caliper, duplicated message ids, an empty batch, a
// client that throws synchronously, a 2xx that says status 'error', a 413, 429s whose Retry-After is huge,
// negative or garbage, an answer lost after the service stored the envelope (at least once), and a batch of 10,000.
// Throughout: every message gets exactly one ack() or retry(), and only accepted events are acked.

import type { Assert, Suite } from '../../harness/types.ts'
import { EVENT_PATH, SENSOR, caliperSetup, requireCaliper, sorted } from '../caliper/helpers.ts'
import { bodyOf, fakeBatch, fakeProducer } from './helpers.ts'

/** A fetch that answers the event POSTs itself (`answer`) and sends everything else (tokens) to `base`. */
function answerEvents(base: typeof fetch | undefined, answer: () => Response): typeof fetch {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    if (url.endsWith('/caliper/event')) return answer()
    return (base ?? globalThis.fetch)(input, init)
  }
}

const suite: Suite = (env) => {
  const { h, sdk } = env
  if (!requireCaliper(h, sdk, 'caliper-queue: consumer against hostile input')) return
  const { describe, it } = h
  const assert: Assert = h.assert
  const { consumeCaliperBatch, createCaliperQueueProducer } = sdk.edge
  const E = sdk.errors

  const produce = async (s: ReturnType<typeof caliperSetup>, n: number) => {
    const queue = fakeProducer()
    const events = Array.from({ length: n }, (_, i) => s.activity(i, i))
    await createCaliperQueueProducer(queue).send(events)
    return { bodies: queue.messages.map((m) => m.body), ids: events.map((e) => e.id), texts: events.map((e) => JSON.stringify(e)) }
  }

  describe('caliper-queue: consumer against hostile input', () => {
    it('bodies with __proto__ and constructor keys pollute nothing; the service judges them and they are retried', async () => {
      const s = caliperSetup(env)
      const { bodies, ids, texts } = await produce(s, 2)
      const polluted = [
        bodyOf(texts[0]!.replace(/^\{/, '{"__proto__":{"polluted":"yes"},')),
        bodyOf(texts[1]!.replace(/^\{/, '{"constructor":{"prototype":{"polluted":"yes"}},')),
      ]
      const fake = fakeBatch([...polluted, ...bodies])
      const result = await consumeCaliperBatch(fake.batch, s.client, { sensor: SENSOR, onError: () => {} })
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched')
      assert.deepEqual([result.acked, result.retried], [2, 2])
      assert.ok(fake.allSettledOnce())
      assert.deepEqual(fake.retried(), [0, 1], 'the service refused the unknown fields; only those two are retried')
      assert.deepEqual(fake.acked(), [2, 3])
      assert.deepEqual(sorted(s.storedIds()), sorted(ids))
    })

    it('our format around an event that is not Caliper is sent, refused and retried, never acked', async () => {
      const s = caliperSetup(env)
      const { bodies, ids } = await produce(s, 3)
      const fake = fakeBatch([bodyOf('{"hello":"world"}'), ...bodies, bodyOf('{}')])
      const result = await consumeCaliperBatch(fake.batch, s.client, { sensor: SENSOR, onError: () => {} })
      assert.ok(fake.allSettledOnce())
      assert.deepEqual(fake.retried(), [0, 4])
      assert.deepEqual([result.acked, result.retried], [3, 2])
      assert.deepEqual(sorted(s.storedIds()), sorted(ids))
    })

    it('duplicated message ids and an empty batch: each message is settled once by its place; nothing is sent for none', async () => {
      const s = caliperSetup(env)
      const { bodies } = await produce(s, 3)
      const fake = fakeBatch(bodies)
      for (const message of fake.batch.messages) (message as { id: string }).id = 'same-id'
      const result = await consumeCaliperBatch(fake.batch, s.client, { sensor: SENSOR })
      assert.ok(fake.allSettledOnce())
      assert.deepEqual([result.sent, result.acked, result.retried], [3, 3, 0])
      const before = s.caliperRequests()
      const empty = await consumeCaliperBatch({ queue: 'q', messages: [] }, s.client, { sensor: SENSOR })
      assert.deepEqual([empty.sent, empty.acked, empty.retried, empty.failed.length], [0, 0, 0, 0])
      assert.equal(s.caliperRequests(), before)
    })

    it('a client whose send throws synchronously: every message retried and reported, the batch resolves', async () => {
      const s = caliperSetup(env)
      const { bodies } = await produce(s, 4)
      const fake = fakeBatch(bodies)
      const broken = { events: { send: () => { throw new TypeError('not a function of mine') } } }
      const errors: unknown[] = []
      const result = await consumeCaliperBatch(fake.batch, broken as never, { sensor: SENSOR, onError: (_e, error) => void errors.push(error) })
      assert.ok(fake.allSettledOnce())
      assert.deepEqual(fake.retried(), [0, 1, 2, 3])
      assert.equal(result.acked, 0)
      assert.match(String((errors[0] as Error).message), /not a function of mine/)
    })

    it('a 2xx saying status "error" is a refusal: halved down to single events, none acked, each retried once', async () => {
      const s = caliperSetup(env)
      const { bodies } = await produce(s, 4)
      let posts = 0
      const client = s.make({ fetch: answerEvents(s.options.fetch, () => (posts++, Response.json({ status: 'error', message: 'nope' }))) })
      const fake = fakeBatch(bodies)
      const result = await consumeCaliperBatch(fake.batch, client, { sensor: SENSOR, onError: () => {} })
      assert.ok(fake.allSettledOnce())
      assert.deepEqual([result.acked, result.retried], [0, 4])
      assert.equal(posts, 7, '[0..3], [0..1], [0], [1], [2..3], [2], [3]')
      assert.ok(result.failed.every((f) => E.isValidationError(f.error) && f.events.length === 1))
    })

    it('a 413 halves the envelope; a single event still refused is retried', async () => {
      const s = caliperSetup(env, {}, { maxRetries: 0 })
      const { bodies, ids } = await produce(s, 6)
      s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 413, times: 1 })
      const fake = fakeBatch(bodies)
      const result = await consumeCaliperBatch(fake.batch, s.client, { sensor: SENSOR })
      assert.deepEqual([result.acked, result.retried], [6, 0])
      assert.deepEqual(sorted(s.storedIds()), sorted(ids))
      const single = fakeBatch([bodies[0]])
      s.emulator.faults.add({ method: 'POST', path: EVENT_PATH, status: 413, times: 1 })
      const alone = await consumeCaliperBatch(single.batch, s.client, { sensor: SENSOR, onError: () => {} })
      assert.deepEqual([alone.acked, alone.retried], [0, 1])
      assert.deepEqual(single.outcomes[0], [{ kind: 'retry' }])
    })

    it('429 Retry-After: huge is capped at 12 hours, negative or garbage falls back to the Queue\'s backoff', async () => {
      const s = caliperSetup(env, {}, { maxRetries: 0 })
      const { bodies } = await produce(s, 1)
      const cases: [string, { kind: 'retry'; delaySeconds?: number }][] = [
        ['999999999', { kind: 'retry', delaySeconds: 43_200 }],
        ['2.2', { kind: 'retry', delaySeconds: 3 }],
        ['-5', { kind: 'retry' }],
        ['soon', { kind: 'retry' }],
        ['Thu, 01 Jan 1970 00:00:00 GMT', { kind: 'retry' }],
      ]
      for (const [value, outcome] of cases) {
        const client = s.make({ fetch: answerEvents(s.options.fetch, () => new Response('{"message":"slow down"}', { status: 429, headers: { 'retry-after': value, 'content-type': 'application/json' } })) })
        const fake = fakeBatch(bodies)
        await consumeCaliperBatch(fake.batch, client, { sensor: SENSOR, onError: () => {} })
        assert.deepEqual(fake.outcomes, [[outcome]], `Retry-After: ${value}`)
      }
    })

    it('an answer lost after the service stored the envelope: the messages are retried and the events arrive twice (at least once, same ids)', async () => {
      const s = caliperSetup(env, {}, { maxRetries: 0 })
      const { bodies, ids } = await produce(s, 3)
      const base = s.options.fetch ?? globalThis.fetch
      let drop = true
      const lossy: typeof fetch = async (input, init) => {
        const response = await base(input, init)
        const url = String(input instanceof Request ? input.url : input)
        if (drop && url.endsWith('/caliper/event')) {
          drop = false
          throw new TypeError('network connection lost')
        }
        return response
      }
      const client = s.make({ fetch: lossy })
      const first = fakeBatch(bodies)
      const lost = await consumeCaliperBatch(first.batch, client, { sensor: SENSOR, onError: () => {} })
      assert.deepEqual([lost.acked, lost.retried], [0, 3])
      assert.deepEqual(sorted(s.storedIds()), sorted(ids), 'stored although the answer never came')
      const again = await consumeCaliperBatch(fakeBatch(bodies, 2).batch, client, { sensor: SENSOR })
      assert.deepEqual([again.acked, again.retried], [3, 0])
      assert.deepEqual(sorted(s.storedIds()), sorted([...ids, ...ids]), 'each event twice, recognisable by its id')
    })

    it('a batch of 10,000 messages: 100 envelopes, every message acked once, every event stored once', async () => {
      const s = caliperSetup(env)
      const { bodies, ids } = await produce(s, 10_000)
      const fake = fakeBatch(bodies)
      const result = await consumeCaliperBatch(fake.batch, s.client, { sensor: SENSOR })
      assert.ok(fake.allSettledOnce())
      assert.deepEqual([result.sent, result.acked, result.retried, result.jobIds.length], [10_000, 10_000, 0, 100])
      assert.deepEqual(sorted(s.storedIds()), sorted(ids))
    })
  })
}

export default suite
