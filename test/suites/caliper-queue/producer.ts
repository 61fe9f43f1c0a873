// createCaliperQueueProducer over an in-memory Queue binding: validation all or nothing (the errors of
// queue.add), one text message per event carrying the event's JSON as it was validated, and sendBatch calls
// within Cloudflare's limits (100 messages, 256 KB with ~100 bytes of metadata each, 128 KB per message).

import type { Assert, Suite } from '../../harness/types.ts'
import { caliperSetup, requireCaliper } from '../caliper/helpers.ts'
import { bodyOf, fakeProducer } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  if (!requireCaliper(h, sdk, 'caliper-queue: producer')) return
  const { describe, it } = h
  const assert: Assert = h.assert
  const { createCaliperQueueProducer, CaliperQueueSendError } = sdk.edge
  const E = sdk.errors

  describe('caliper-queue: producer', () => {
    it('queues one text message per event, the event\'s JSON inside, and resolves with the count', async () => {
      const s = caliperSetup(env)
      const queue = fakeProducer()
      const events = Array.from({ length: 3 }, (_, i) => s.activity(i))
      const texts = events.map((e) => JSON.stringify(e))
      assert.deepEqual(await createCaliperQueueProducer(queue).send(events), { queued: 3 })
      assert.equal(queue.batches.length, 1)
      assert.deepEqual(queue.messages, texts.map((t) => ({ body: bodyOf(t), contentType: 'text' })))
      // One event (not in a list) works the same, and each body is one JSON document.
      const ninth = s.activity(9)
      assert.deepEqual(await createCaliperQueueProducer(queue).send(ninth), { queued: 1 })
      assert.equal(queue.messages.length, 4)
      assert.deepEqual(JSON.parse(queue.messages[3]!.body as string), { timebackCaliper: 1, event: JSON.parse(JSON.stringify(ninth)) })
    })

    it('what is queued is the text validated at send: changing the object afterwards changes nothing', async () => {
      const s = caliperSetup(env)
      const queue = fakeProducer()
      const event = JSON.parse(JSON.stringify(s.activity(1))) as Record<string, unknown>
      const before = JSON.stringify(event)
      const sending = createCaliperQueueProducer(queue).send(event as never)
      event.action = 'Tampered'
      await sending
      assert.equal(queue.messages[0]!.body, bodyOf(before))
    })

    it('all or nothing: one invalid event rejects the call with an InputValidationError naming it, and nothing is queued', async () => {
      const s = caliperSetup(env)
      const queue = fakeProducer()
      const good = s.activity(1)
      const bad = { ...JSON.parse(JSON.stringify(s.activity(2))), eventTime: 'yesterday' }
      const error = await assert.rejects(createCaliperQueueProducer(queue).send([good, good, bad as never]), E.isInputValidationError)
      assert.deepEqual(error.issues.map((i: { path: string }) => i.path), ['events[2].eventTime'])
      assert.match(error.message, /^producer\.send: /)
      assert.equal(queue.batches.length, 0)
      // A single bad event is named `event`; a BigInt cannot become JSON and is refused the same way.
      const single = await assert.rejects(createCaliperQueueProducer(queue).send({ ...good, extensions: { n: 1n } } as never), E.isInputValidationError)
      assert.match(single.issues[0].path, /^event/)
      assert.equal(queue.batches.length, 0)
    })

    it('an event over the 128 KB of a Queue message is refused by name; one just under fits', async () => {
      const s = caliperSetup(env)
      const queue = fakeProducer()
      const withNote = (n: number, bytes: number) => s.activity(n, 1, { extensions: { note: 'x'.repeat(bytes) } })
      const base = JSON.stringify(withNote(1, 0)).length
      // 128,000 bytes per message, minus 128 kept for Cloudflare's metadata, minus the 30-byte frame.
      const room = 128_000 - 128 - 30
      const fits = withNote(1, room - base)
      const over = withNote(2, room - base + 1)
      assert.equal(JSON.stringify(fits).length, room)
      const error = await assert.rejects(createCaliperQueueProducer(queue).send([fits, over]), E.isInputValidationError)
      assert.deepEqual(error.issues.map((i: { path: string }) => i.path), ['events[1]'])
      assert.match(error.message, /128 KB per message/)
      assert.equal(queue.batches.length, 0)
      assert.deepEqual(await createCaliperQueueProducer(queue).send([fits]), { queued: 1 })
      assert.equal((queue.messages[0]!.body as string).length, 128_000 - 128)
    })

    it('cuts sendBatch calls at 100 messages and at 256 KB (metadata counted), in order', async () => {
      const s = caliperSetup(env)
      const queue = fakeProducer()
      const many = Array.from({ length: 250 }, (_, i) => s.activity(i))
      assert.deepEqual(await createCaliperQueueProducer(queue).send(many), { queued: 250 })
      assert.deepEqual(queue.batches.map((b) => b.length), [100, 100, 50])
      assert.deepEqual(queue.messages.map((m) => m.body), many.map((e) => bodyOf(JSON.stringify(e))))

      // Events of ~60 KB: four make 4 x (60,000 + 30 + 128) = 240,632 bytes; a fifth would pass 256,000.
      const big = new Set<number>()
      const bigQueue = fakeProducer()
      const heavy = Array.from({ length: 10 }, (_, i) => {
        const e = s.activity(i, 1, { extensions: { note: '' } })
        const pad = 60_000 - JSON.stringify(e).length
        return s.activity(i, 1, { extensions: { note: 'y'.repeat(pad) } })
      })
      for (const e of heavy) big.add(JSON.stringify(e).length)
      assert.deepEqual([...big], [60_000])
      await createCaliperQueueProducer(bigQueue).send(heavy)
      assert.deepEqual(bigQueue.batches.map((b) => b.length), [4, 4, 2])
    })

    it('passes delaySeconds to sendBatch and refuses one out of range before queueing anything', async () => {
      const s = caliperSetup(env)
      const queue = fakeProducer()
      await createCaliperQueueProducer(queue).send([s.activity(1)], { delaySeconds: 30 })
      assert.deepEqual(queue.options, [{ delaySeconds: 30 }])
      const error = await assert.rejects(createCaliperQueueProducer(queue).send([s.activity(2)], { delaySeconds: 50_000 }), E.isInputValidationError)
      assert.equal(error.issues[0].path, 'delaySeconds')
      assert.equal(queue.batches.length, 1)
    })

    it('a sendBatch that fails midway: CaliperQueueSendError says how many were queued, so the rest can be sent again', async () => {
      const s = caliperSetup(env)
      const queue = fakeProducer(1)
      const events = Array.from({ length: 230 }, (_, i) => s.activity(i))
      const producer = createCaliperQueueProducer(queue)
      const error = await assert.rejects(producer.send(events), (e) => e instanceof CaliperQueueSendError)
      assert.equal(error.queued, 100)
      assert.match(error.message, /after 100 of 230 events were queued \(events\[100\] and after are not\): Queue send failed/)
      assert.equal(queue.messages.length, 100)
      assert.deepEqual(await producer.send(events.slice(error.queued)), { queued: 130 })
      assert.deepEqual(queue.messages.map((m) => m.body), events.map((e) => bodyOf(JSON.stringify(e))))
    })

    it('refuses something that is not a Queue binding, naming it', () => {
      const error = assert.throws(() => createCaliperQueueProducer({} as never), E.isInputValidationError)
      assert.equal(error.issues[0].path, 'queue')
      assert.match(error.message, /queues\.producers/)
    })
  })
}

export default suite
