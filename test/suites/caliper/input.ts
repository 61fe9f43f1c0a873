// Bad input never leaves the client: non-urn ids, negative or out-of-range metrics, unknown subjects, wrong
// type/action pairs, empty event lists and oversized envelopes are InputValidationErrors that name each bad
// field, and the emulator sees no request at all (not even for a token).

import type { Assert, Suite } from '../../harness/types.ts'
import { SENSOR, activityContext, actor, caliperSetup, requireCaliper, sorted } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  if (!requireCaliper(h, sdk, 'caliper: input')) return
  const { describe, it } = h
  const assert: Assert = h.assert
  const E = sdk.errors

  /** Runs `work`, expecting an InputValidationError; returns its issue paths. */
  async function paths(work: () => unknown): Promise<string[]> {
    const error = await assert.rejects(async () => { await work() }, E.isInputValidationError)
    return error.issues.map((i: { path: string }) => i.path)
  }

  describe('caliper: bad input is refused before any request', () => {
    it('non-urn event ids', async () => {
      const s = caliperSetup(env)
      const event = { ...s.activity(), id: 'c51570e4-f8ed-4c18-bb3a-dfe51b2cc594' }
      assert.deepEqual(await paths(() => s.client.events.send(SENSOR, [s.activity(), event])), ['data[1].id'])
      assert.deepEqual(await paths(() => s.caliper.createActivityEvent({ id: 'uuid:1', actor: actor(), object: activityContext(), metrics: [{ type: 'xpEarned', value: 1 }] })), ['id'])
      const generic = { id: 'https://app.example/e/1', type: 'SessionEvent', action: 'LoggedIn', actor: 'https://a.example', object: 'https://b.example', eventTime: new Date().toISOString() }
      assert.deepEqual(await paths(() => s.client.events.send(SENSOR, [generic])), ['data[0].id'])
      assert.equal(s.emulator.requests.length, 0)
    })

    it('negative metric values, with the path of each bad value', async () => {
      const s = caliperSetup(env)
      const event = s.activity()
      const bad = { ...event, generated: { ...event.generated, items: [{ type: 'xpEarned', value: 3 }, { type: 'correctQuestions', value: -2 }] } }
      assert.deepEqual(await paths(() => s.client.events.send(SENSOR, [bad as typeof event])), ['data[0].generated.items[1].value'])
      assert.deepEqual(
        await paths(() => s.client.events.sendActivity(SENSOR, { actor: actor(), object: activityContext(), metrics: [{ type: 'xpEarned', value: -1 }, { type: 'masteredUnits', value: Number.NaN }] })),
        ['generated.items[0].value', 'generated.items[1].value'],
      )
      assert.deepEqual(
        await paths(() => s.client.events.sendTimeSpent(SENSOR, { actor: actor(), object: activityContext(), metrics: [{ type: 'active', value: -5 }, { type: 'inactive', value: 86_401 }] })),
        ['generated.items[0].value', 'generated.items[1].value'],
      )
      assert.deepEqual(await paths(() => s.caliper.createActivityEvent({ actor: actor(), object: activityContext(), metrics: [{ type: 'xpEarned', value: 1 }], attempt: 0 })), ['generated.attempt'])
      assert.equal(s.emulator.requests.length, 0)
    })

    it('unknown subjects, metric types, roles and fields', async () => {
      const s = caliperSetup(env)
      const object = { ...activityContext(), subject: 'Astrology' as 'Math' }
      assert.deepEqual(await paths(() => s.client.events.sendActivity(SENSOR, { actor: actor(), object, metrics: [{ type: 'xpEarned', value: 1 }] })), ['object.subject'])
      const event = s.activity()
      const bad = {
        ...event,
        actor: { ...event.actor, role: 'principal', nickname: 'x' },
        object: { ...event.object, subject: 'Art' },
        generated: { ...event.generated, items: [{ type: 'stars', value: 1 }] },
      }
      assert.deepEqual(
        sortedPaths(await paths(() => s.client.events.send(SENSOR, [bad as unknown as typeof event]))),
        ['data[0].actor.nickname', 'data[0].actor.role', 'data[0].generated.items[0].type', 'data[0].object.subject'],
      )
      // The newer subjects are accepted alongside the spec's.
      for (const subject of ['Vocabulary', 'FastMath', 'Writing', 'Other', 'Social Studies'] as const) {
        s.caliper.createTimeSpentEvent({ actor: actor(), object: { ...activityContext(), subject }, metrics: [{ type: 'active', value: 1 }] })
      }
      assert.equal(s.emulator.requests.length, 0)
    })

    it('type/action pairs and profiles the spec does not allow', async () => {
      const s = caliperSetup(env)
      const base = { actor: 'https://app.example/u/1', object: 'https://app.example/x' }
      assert.deepEqual(await paths(() => s.caliper.createCaliperEvent({ ...base, type: 'SessionEvent', action: 'Graded' as 'LoggedIn' })), ['action'])
      assert.deepEqual(await paths(() => s.caliper.createCaliperEvent({ ...base, type: 'NavigationEvent', action: 'NavigatedTo' })), ['profile'])
      assert.deepEqual(await paths(() => s.caliper.createCaliperEvent({ ...base, type: 'GradeEvent', action: 'Graded' })), ['generated'])
      assert.deepEqual(await paths(() => s.caliper.createCaliperEvent({ ...base, type: 'ToolUseEvent', action: 'Used', profile: 'MediaProfile' as 'ToolUseProfile' })), ['profile'])
      assert.deepEqual(await paths(() => s.caliper.createCaliperEvent({ ...base, type: 'MadeUpEvent' as 'Event', action: 'x' })), ['type'])
      const event = { ...s.activity(), action: 'Started' }
      assert.deepEqual(await paths(() => s.client.events.send(SENSOR, [event as ReturnType<typeof s.activity>])), ['data[0].action'])
      assert.equal(s.emulator.requests.length, 0)
    })

    it('an empty event list, a bad sensor and a bad envelope', async () => {
      const s = caliperSetup(env)
      assert.deepEqual(await paths(() => s.client.events.send(SENSOR, [])), ['data'])
      assert.deepEqual(await paths(() => s.client.events.send('not a uri', [s.activity()])), ['sensor'])
      const envelope = { sensor: SENSOR, sendTime: 'now', dataVersion: 'v1', data: [s.activity()], extra: 1 }
      assert.deepEqual(sortedPaths(await paths(() => s.client.events.sendEnvelope(envelope as never))), ['dataVersion', 'extra', 'sendTime'])
      assert.deepEqual(await paths(() => s.client.events.send(SENSOR, [42 as never])), ['data[0]'])
      assert.equal(s.emulator.requests.length, 0)
    })

    it('an envelope over the 1 MiB limit', async () => {
      const s = caliperSetup(env)
      assert.equal(s.caliper.MAX_ENVELOPE_BYTES, 1_048_576)
      const big = s.activity(1, 1, { extensions: { blob: 'é'.repeat(300_000) } }) // 600,000 bytes of UTF-8
      const error = await assert.rejects(s.client.events.send(SENSOR, [big, s.activity(2, 1, { extensions: { blob: 'x'.repeat(500_000) } })]), E.isInputValidationError)
      assert.deepEqual(error.issues.map((i: { path: string }) => i.path), ['data'])
      assert.match(error.message, /1048576-byte limit/)
      // One event alone is fine.
      await s.client.events.send(SENSOR, [big])
      assert.equal(s.emulator.caliper.events.length, 1)
    })

    it('queue.add refuses an event no envelope could hold, naming it, and adds none of the list', async () => {
      const s = caliperSetup(env)
      const queue = s.client.createQueue({ sensor: SENSOR })
      const huge = s.activity(3, 1, { extensions: { blob: 'x'.repeat(1_100_000) } })
      const small = [s.activity(4), s.activity(5)]
      const error = assert.throws(() => queue.add([small[0]!, huge, small[1]!]), E.isInputValidationError)
      assert.deepEqual(error.issues.map((i: { path: string }) => i.path), ['events[1]'])
      assert.match(error.message, /no envelope of at most 1048576 bytes/)
      assert.equal(queue.size, 0)
      queue.add(small)
      const result = await queue.flush()
      assert.equal(result.sent, 2)
      assert.deepEqual(sorted(s.storedIds()), sorted(small.map((e) => e.id)))
    })

    it('events.send refuses an event that cannot be JSON (a BigInt, a cycle) as an InputValidationError naming it', async () => {
      const s = caliperSetup(env)
      const ring: Record<string, unknown> = {}
      ring.self = ring
      // Hand-written events (copies of built ones, so not a builder's): the builders refuse such input themselves.
      const bigint = { ...s.activity(1, 1), extensions: { score: BigInt(3) } }
      const cyclic = { ...s.activity(2, 1), extensions: { ring } }
      assert.throws(() => s.activity(3, 1, { extensions: { score: BigInt(3) } }), E.isInputValidationError)
      assert.deepEqual(await paths(() => s.client.events.send(SENSOR, [s.activity(0), bigint])), ['data[1].extensions.score'])
      assert.deepEqual(await paths(() => s.client.events.send(SENSOR, [cyclic])), ['data[0].extensions.ring.self'])
      assert.equal(s.emulator.requests.length, 0)
    })

    it('queue.add is all or nothing, and queue options are checked', async () => {
      const s = caliperSetup(env)
      const queue = s.client.createQueue({ sensor: SENSOR })
      assert.deepEqual(await paths(() => queue.add([s.activity(1), { ...s.activity(2), id: 'x' }])), ['events[1].id'])
      assert.deepEqual(await paths(() => queue.add({ ...s.activity(2), eventTime: 'yesterday' })), ['event.eventTime'])
      assert.equal(queue.size, 0)
      for (const options of [{ sensor: 'nope' }, { sensor: SENSOR, maxBatch: 0 }, { sensor: SENSOR, concurrency: 1.5 }, { sensor: SENSOR, maxBytes: 2_000_000 }, { sensor: SENSOR, onError: 'log' }]) {
        assert.throws(() => s.client.createQueue(options as never), E.isInputValidationError)
      }
      assert.equal(s.emulator.requests.length, 0)
    })
  })
}

const sortedPaths = (xs: string[]) => [...xs].sort()

export default suite
