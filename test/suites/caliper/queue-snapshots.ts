// The queue takes a snapshot of each event when it is added: an event that cannot become JSON is refused
// right there (naming it, adding nothing), a `toJSON` cannot slip an unchecked event past the checks, and
// what the caller does to the object afterwards changes nothing that is sent.

import type { Assert, Suite } from '../../harness/types.ts'
import { SENSOR, activityContext, caliperSetup, requireCaliper, sorted } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  if (!requireCaliper(h, sdk, 'caliper: queue snapshots')) return
  const { describe, it } = h
  const assert: Assert = h.assert
  const E = sdk.errors

  /** A hand-written copy of a built event with `over` applied (builders refuse such input themselves). */
  const handWritten = <T extends object>(event: T, over: Record<string, unknown> = {}): T => ({ ...event, ...over })
  /** Calls `work`, expecting an InputValidationError; returns its issues. */
  const issuesOf = (work: () => unknown): { path: string; message: string }[] =>
    assert.throws(work, E.isInputValidationError).issues

  describe('caliper: queue snapshots', () => {
    it('a list of 50 with #25 holding a BigInt is refused whole, naming it; the 49 others then go, nothing lost', async () => {
      const s = caliperSetup(env)
      const queue = s.client.createQueue({ sensor: SENSOR, maxBatch: 10 })
      const events = Array.from({ length: 50 }, (_, i) => i === 25 ? handWritten(s.activity(i, i), { extensions: { score: BigInt(7) } }) : s.activity(i, i))
      const issues = issuesOf(() => queue.add(events as never))
      assert.deepEqual(issues.map((i) => i.path), ['events[25].extensions.score'])
      assert.match(issues[0]!.message, /cannot be serialized to JSON: a BigInt/)
      assert.equal(queue.size, 0)
      const good = events.filter((_, i) => i !== 25)
      queue.add(good)
      const result = await queue.flush()
      assert.equal(result.sent, 49)
      assert.deepEqual(result.failed, [])
      assert.deepEqual(sorted(s.storedIds()), sorted(good.map((e) => e.id)))
    })

    it('added one by one, only the poisoned event is refused (as `event`); the 49 others are queued and sent', async () => {
      const s = caliperSetup(env)
      const queue = s.client.createQueue({ sensor: SENSOR, maxBatch: 10 })
      const events = Array.from({ length: 50 }, (_, i) => i === 25 ? handWritten(s.activity(i, i), { extensions: { score: BigInt(7) } }) : s.activity(i, i))
      for (const [i, event] of events.entries()) {
        if (i === 25) assert.deepEqual(issuesOf(() => queue.add(event as never)).map((x) => x.path), ['event.extensions.score'])
        else queue.add(event as never)
      }
      assert.equal(queue.size, 49)
      const result = await queue.flush()
      assert.equal(result.sent, 49)
      assert.equal(queue.size, 0)
      assert.deepEqual(sorted(s.storedIds()), sorted(events.filter((_, i) => i !== 25).map((e) => e.id)))
    })

    it('a cycle, a throwing toJSON, a getter that throws and a toJSON giving nothing are refused at add, each where it is', async () => {
      const s = caliperSetup(env)
      const queue = s.client.createQueue({ sensor: SENSOR })
      const cyclic: Record<string, unknown> = { note: 'loops' }
      cyclic.self = cyclic
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ extensions: { ring: cyclic } }, 'events[0].extensions.ring.self', /circular reference/],
        [{ extensions: { when: { toJSON: () => { throw new Error('no date') } } } }, 'events[1].extensions.when', /toJSON threw Error: no date/],
        [{ extensions: { get secret() { throw new Error('locked') } } }, 'events[2].extensions.secret', /reading it threw Error: locked/],
      ]
      const events: unknown[] = cases.map(([over], i) => handWritten(s.activity(i, 1), over))
      events.push({ ...s.activity(3), toJSON: () => undefined })
      // The builders refuse the same input at once, naming the same place.
      for (const [over] of cases) assert.throws(() => s.activity(9, 1, over), E.isInputValidationError)
      const issues = issuesOf(() => queue.add(events as never))
      assert.deepEqual(issues.map((i) => i.path), [...cases.map(([, path]) => path), 'events[3]'])
      cases.forEach(([, , pattern], i) => assert.match(issues[i]!.message, pattern))
      assert.match(issues[3]!.message, /cannot be serialized to JSON: its toJSON returns nothing/)
      assert.equal(queue.size, 0)
      assert.equal(await queue.flush().then((r) => r.sent), 0)
      assert.equal(s.emulator.requests.length, 0)
    })

    it('a toJSON cannot swap an unchecked event in: what is checked is the text that will be sent', async () => {
      const s = caliperSetup(env)
      const queue = s.client.createQueue({ sensor: SENSOR })
      // The activity context is a loose object, so a toJSON key passes the schema; its output must not.
      const sneaky = { ...activityContext(), toJSON: () => ({ id: 'not an iri' }) }
      const paths = issuesOf(() => s.activity(1, 1, { object: sneaky })).map((i) => i.path)
      assert.ok(paths.includes('object.id') && paths.includes('object.subject'), paths.join(', '))
      // A toJSON attached to a built event afterwards changes nothing: the event goes as the text that was checked.
      const built = s.activity(4, 1)
      const checkedText = JSON.stringify(built)
      ;(built.object as { toJSON?: () => unknown }).toJSON = () => ({ id: 'not an iri' })
      queue.add(built)
      assert.equal((await queue.flush()).sent, 1)
      assert.deepEqual(s.emulator.caliper.events[0]!.object, JSON.parse(checkedText).object)
      // The same trick on a hand-written event (not from a builder).
      const plain = { ...JSON.parse(JSON.stringify(s.activity(2))), actor: { id: 'https://app.example/u/2', email: 'b@school.example', type: 'TimebackUser', toJSON: () => ({ id: 'x' }) } }
      const found = issuesOf(() => queue.add(plain)).map((i) => i.path)
      assert.ok(found.includes('event.actor.email'), found.join(', '))
      // A toJSON whose output is valid is fine: the text is what gets checked, and sent.
      const dated = s.activity(3, 1, { extensions: { at: new Date('2025-01-02T03:04:05.000Z') } })
      queue.add(dated)
      assert.equal((await queue.flush()).sent, 1)
      assert.deepEqual(s.emulator.caliper.events.map((e) => e.extensions), [null, { at: '2025-01-02T03:04:05.000Z' }])
    })

    it('changing or poisoning an event after add() changes nothing that is sent', async () => {
      const s = caliperSetup(env)
      const queue = s.client.createQueue({ sensor: SENSOR })
      const changed = s.activity(1, 10)
      const poisoned = s.activity(2, 20)
      queue.add([changed, poisoned])
      const expected = JSON.parse(JSON.stringify([changed, poisoned])) as typeof changed[]
      // Edits after add: another value and email, and a BigInt that no JSON text could carry.
      ;(changed.generated.items[0] as { value: number }).value = 999
      changed.actor.email = 'someone.else@school.example'
      ;(poisoned as { extensions?: unknown }).extensions = { score: BigInt(1) }
      const result = await queue.flush()
      assert.equal(result.sent, 2)
      assert.deepEqual(result.failed, [])
      const stored = s.emulator.caliper.events
      assert.deepEqual(stored.map((e) => e.externalId), expected.map((e) => e.id))
      for (const [i, e] of stored.entries()) {
        assert.deepEqual(e.actor, expected[i]!.actor)
        assert.deepEqual(e.generated, expected[i]!.generated)
        assert.equal(e.extensions, null)
      }
    })
  })
}

export default suite
