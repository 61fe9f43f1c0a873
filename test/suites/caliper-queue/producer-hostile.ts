// createCaliperQueueProducer against hostile input: sizes counted in UTF-8 bytes (an event of few characters but
// many bytes is refused; emoji and lone surrogates are counted as sent), an event whose getter or toJSON
// throws, and a binding whose sendBatch throws synchronously. Nothing is queued unless every event is valid.

import type { Assert, Suite } from '../../harness/types.ts'
import { caliperSetup, requireCaliper } from '../caliper/helpers.ts'
import { fakeProducer } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  if (!requireCaliper(h, sdk, 'caliper-queue: producer against hostile input')) return
  const { describe, it } = h
  const assert: Assert = h.assert
  const { createCaliperQueueProducer, CaliperQueueSendError } = sdk.edge
  const E = sdk.errors
  const ROOM = 128_000 - 128 - 30

  describe('caliper-queue: producer against hostile input', () => {
    it('the 128 KB limit is in UTF-8 bytes: 2-byte and 4-byte characters count as such, lone surrogates as their escapes', async () => {
      const s = caliperSetup(env)
      const withNote = (note: string) => s.activity(1, 1, { extensions: { note } })
      const base = new TextEncoder().encode(JSON.stringify(withNote(''))).length
      // 'é' is 2 bytes: (ROOM - base) / 2 + 1 of them are fewer characters than ROOM but more bytes.
      const overInBytes = withNote('é'.repeat(Math.floor((ROOM - base) / 2) + 1))
      assert.ok(JSON.stringify(overInBytes).length < ROOM, 'under the limit in characters')
      const queue = fakeProducer()
      const refused = await assert.rejects(createCaliperQueueProducer(queue).send(overInBytes), E.isInputValidationError)
      assert.equal(refused.issues[0].path, 'event')
      assert.equal(queue.batches.length, 0)
      // '😀' is 4 bytes (2 UTF-16 units): exactly the room fits.
      const emoji = withNote('😀'.repeat(Math.floor((ROOM - base) / 4)) + 'x'.repeat((ROOM - base) % 4))
      assert.equal(new TextEncoder().encode(JSON.stringify(emoji)).length, ROOM)
      assert.deepEqual(await createCaliperQueueProducer(queue).send(emoji), { queued: 1 })
      // A lone surrogate is sent as its 6-character escape by JSON.stringify: counted as 6 bytes.
      const lone = withNote('\ud800'.repeat(Math.floor((ROOM - base) / 6) + 1))
      await assert.rejects(createCaliperQueueProducer(queue).send(lone), E.isInputValidationError)
      assert.equal(queue.batches.length, 1)
    })

    it('an event whose getter or toJSON throws is refused by name before anything is queued', async () => {
      const s = caliperSetup(env)
      const queue = fakeProducer()
      const good = s.activity(1)
      const getter = JSON.parse(JSON.stringify(s.activity(2))) as Record<string, unknown>
      Object.defineProperty(getter, 'extensions', { enumerable: true, get() { throw new Error('getter blew up') } })
      const toJson = { ...JSON.parse(JSON.stringify(s.activity(3))), extensions: { toJSON() { throw new Error('toJSON blew up') } } }
      const error = await assert.rejects(createCaliperQueueProducer(queue).send([good, getter as never, toJson as never]), E.isInputValidationError)
      assert.deepEqual(error.issues.map((i: { path: string }) => i.path.split('.')[0]), ['events[1]', 'events[2]'])
      assert.equal(queue.batches.length, 0)
    })

    it('a sendBatch that throws synchronously is a CaliperQueueSendError with queued 0', async () => {
      const s = caliperSetup(env)
      const binding = { send: async () => undefined, sendBatch: () => { throw new Error('binding gone') } }
      const error = await assert.rejects(createCaliperQueueProducer(binding as never).send([s.activity(1)]), (e) => e instanceof CaliperQueueSendError)
      assert.equal(error.queued, 0)
      assert.match(error.message, /binding gone/)
    })
  })
}

export default suite
