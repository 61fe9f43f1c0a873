// The event loop end to end: register a webhook and filters with WebhooksClient, send events with
// CaliperClient, and receive the emulator's signed deliveries in a handler that verifies and parses them
// with parseWebhook. Also: every filter operation on string, number and boolean fields, sensor scoping,
// inactive webhooks and filters, retries and failed deliveries.

import type * as Caliper from '../../../src/services/caliper/index.ts'
import type { Assert, Sdk, Suite, SuiteEnv } from '../../harness/types.ts'
import { hookInput, requireWebhooks, SECRET, TARGET, webhooksSetup } from './helpers.ts'

const SENSOR = 'https://app.example/sensors/main'

type Parsed = Awaited<ReturnType<Sdk['webhooks']['parseWebhook']>>

function activityInput(over: Record<string, unknown> = {}) {
  return {
    id: `urn:uuid:${crypto.randomUUID()}`,
    actor: { id: 'https://app.example/users/ada', email: 'ada@school.example', role: 'student' as const },
    object: { id: 'https://app.example/lessons/7', subject: 'Math' as const, app: { name: 'Example App' }, process: true },
    metrics: [
      { type: 'xpEarned' as const, value: 12 },
      { type: 'totalQuestions' as const, value: 10 },
      { type: 'correctQuestions' as const, value: 9 },
    ],
    ...over,
  }
}

/** A webhook receiver as a user would write one: verify + parse, answer 401 on a bad signature. */
function receiver(sdk: Sdk, secret = SECRET) {
  const received: Parsed[] = []
  const rejected: unknown[] = []
  let answer = 204
  const handler = async (request: Request): Promise<Response> => {
    try {
      received.push(await sdk.webhooks.parseWebhook(request, { secret }))
      return new Response(null, { status: answer })
    } catch (error) {
      rejected.push(error)
      return new Response('invalid signature', { status: sdk.webhooks.isWebhookSignatureError(error) ? 401 : 400 })
    }
  }
  return { received, rejected, handler, answerWith: (status: number) => void (answer = status) }
}

function loopSetup(env: SuiteEnv, caliper: typeof Caliper, deliver: (request: Request) => Promise<Response>) {
  const s = webhooksSetup(env, { deliver })
  const events = new caliper.CaliperClient({ ...s.options, baseUrl: s.emulator.services.caliper!, maxRetries: 0 }).events
  return { ...s, events }
}

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  // Annotated, so TypeScript narrows after assert.ok.
  const assert: Assert = h.assert
  if (!requireWebhooks(h, sdk, 'webhooks: delivery')) return
  const caliper = (sdk as Sdk & { caliper?: typeof Caliper }).caliper
  if (!caliper) {
    describe('webhooks: delivery', () => it('SKIPPED: this runner does not load @timeback/sdk/caliper (sdk.caliper) yet', () => {}))
    return
  }

  describe('webhooks: delivery', () => {
    it('a matching activity event reaches the handler, verified and parsed, exactly as sent', async () => {
      const r = receiver(sdk)
      const { client, events, emulator } = loopSetup(env, caliper, r.handler)
      const hook = await client.webhooks.create(hookInput())
      await client.filters.create({ webhookId: hook.id, filterKey: 'type', filterValue: 'ActivityEvent', filterOperation: 'eq' })
      const event = caliper.createActivityEvent(activityInput())
      const sent = await events.send(SENSOR, [event])
      assert.equal(sent.eventsAccepted, 1)
      await emulator.webhooks.idle()

      assert.equal(r.rejected.length, 0)
      assert.equal(r.received.length, 1)
      const [got] = r.received
      assert.deepEqual<unknown>(got!.events, [event])
      assert.equal(got!.envelope.sensor, SENSOR)
      assert.equal(got!.webhookId, hook.id)
      const [d] = emulator.deliveries
      assert.deepEqual(
        { webhookId: d!.webhookId, eventId: d!.eventId, targetUrl: d!.targetUrl, state: d!.state, status: d!.status, attempts: d!.attempts },
        { webhookId: hook.id, eventId: event.id, targetUrl: TARGET, state: 'delivered', status: 204, attempts: 1 },
      )
      assert.equal(got!.deliveryId, d!.deliveryId)
    })

    it('an event that does not match the filter delivers nothing; a time-spent event does not match an ActivityEvent filter', async () => {
      const r = receiver(sdk)
      const { client, events, emulator } = loopSetup(env, caliper, r.handler)
      const hook = await client.webhooks.create(hookInput())
      await client.filters.create({ webhookId: hook.id, filterKey: 'actor.email', filterValue: 'bob@school.example', filterOperation: 'eq' })
      await client.filters.create({ webhookId: hook.id, filterKey: 'type', filterValue: 'ActivityEvent', filterOperation: 'eq' })
      await events.sendActivity(SENSOR, activityInput())
      const { metrics: _activityMetrics, ...common } = activityInput()
      await events.sendTimeSpent(SENSOR, {
        ...common, actor: { id: 'https://app.example/users/bob', email: 'bob@school.example' }, metrics: [{ type: 'active', value: 60 }],
      })
      await emulator.webhooks.idle()
      assert.equal(r.received.length, 0)
      assert.equal(emulator.deliveries.length, 0)

      // The same webhook with both conditions met receives the event (all filters must match).
      await events.sendActivity(SENSOR, activityInput({ actor: { id: 'https://app.example/users/bob', email: 'bob@school.example' } }))
      await emulator.webhooks.idle()
      assert.equal(r.received.length, 1)
    })

    it('every filter operation, on string, number and boolean fields', async () => {
      const r = receiver(sdk)
      const { client, events, emulator } = loopSetup(env, caliper, r.handler)
      // [filterKey, filterOperation, value, filterType?, should match]
      const table: [string, string, unknown, string | undefined, boolean][] = [
        ['type', 'eq', 'ActivityEvent', undefined, true],
        ['type', 'eq', 'TimeSpentEvent', undefined, false],
        ['object.subject', 'neq', 'Reading', undefined, true],
        ['object.subject', 'neq', 'Math', undefined, false],
        ['generated.items.0.value', 'gt', 11, undefined, true],
        ['generated.items.0.value', 'gt', 12, undefined, false],
        ['generated.items.0.value', 'gte', 12, undefined, true],
        ['generated.items.0.value', 'gte', 13, undefined, false],
        ['generated.items.0.value', 'lt', 13, undefined, true],
        ['generated.items.0.value', 'lt', 12, undefined, false],
        ['generated.items.0.value', 'lte', '12', 'number', true],
        ['generated.items.0.value', 'lte', '11.5', 'number', false],
        ['actor.email', 'contains', 'school', undefined, true],
        ['actor.email', 'contains', 'district', undefined, false],
        ['actor.email', 'notContains', 'district', undefined, true],
        ['actor.email', 'notContains', 'school', undefined, false],
        ['object.subject', 'in', ['Reading', 'Math'], undefined, true],
        ['object.subject', 'in', ['Reading', 'Science'], undefined, false],
        ['generated.items.0.value', 'in', [11, 12], undefined, true],
        ['object.subject', 'notIn', 'Reading,Science', undefined, true],
        ['object.subject', 'notIn', ['Math'], undefined, false],
        ['actor.email', 'startsWith', 'ada@', undefined, true],
        ['actor.email', 'startsWith', 'bob@', undefined, false],
        ['actor.email', 'endsWith', '@school.example', undefined, true],
        ['actor.email', 'endsWith', '@other.example', undefined, false],
        ['actor.email', 'regexp', '^[a-z]+@school\\.example$', undefined, true],
        ['actor.email', 'regexp', '^bob', undefined, false],
        ['object.process', 'eq', true, undefined, true],
        ['object.process', 'eq', 'false', 'boolean', false],
        ['object.process', 'neq', false, undefined, true],
        ['sensor', 'eq', SENSOR, undefined, true],
        // A path through an array without an index looks at every element.
        ['generated.items.type', 'eq', 'correctQuestions', undefined, true],
        ['generated.items.value', 'lt', 5, undefined, false],
        // A missing field matches only the negative operations.
        ['object.course.name', 'eq', 'Algebra', undefined, false],
        ['object.course.name', 'neq', 'Algebra', undefined, true],
      ]
      const expected = new Map<string, string>()
      for (const [filterKey, filterOperation, filterValue, filterType, match] of table) {
        const label = `${filterKey} ${filterOperation} ${JSON.stringify(filterValue)}`
        const hook = await client.webhooks.create(hookInput({ name: label }))
        await client.filters.create({ webhookId: hook.id, filterKey, filterOperation, filterValue, ...(filterType ? { filterType } : {}) } as never)
        if (match) expected.set(hook.id, label)
      }
      await events.sendActivity(SENSOR, activityInput())
      await emulator.webhooks.idle()
      const delivered = new Map((await client.webhooks.list()).map((w) => [w.id, w.name]))
      const got = emulator.deliveries.map((d) => delivered.get(d.webhookId)).sort()
      assert.deepEqual(got, [...expected.values()].sort())
      assert.equal(r.received.length, expected.size)
      assert.ok(emulator.deliveries.every((d) => d.state === 'delivered'))
    })

    it('sensor-scoped, inactive and filterless webhooks; inactive filters are ignored', async () => {
      const r = receiver(sdk)
      const { client, events, emulator } = loopSetup(env, caliper, r.handler)
      const all = await client.webhooks.create(hookInput({ name: 'all' }))
      const mine = await client.webhooks.create(hookInput({ name: 'mine', sensor: SENSOR }))
      const theirs = await client.webhooks.create(hookInput({ name: 'theirs', sensor: 'https://other.example/sensors/1' }))
      const off = await client.webhooks.create(hookInput({ name: 'off', active: false }))
      const paused = await client.webhooks.create(hookInput({ name: 'paused' }))
      await client.webhooks.deactivate(paused.id)
      const lenient = await client.webhooks.create(hookInput({ name: 'lenient' }))
      await client.filters.create({ webhookId: lenient.id, filterKey: 'type', filterValue: 'Nope', filterOperation: 'eq', active: false })
      await events.sendActivity(SENSOR, activityInput())
      await emulator.webhooks.idle()
      assert.deepEqual(emulator.deliveries.map((d) => d.webhookId).sort(), [all.id, mine.id, lenient.id].sort())
      assert.ok(![theirs.id, off.id, paused.id].some((id) => r.received.some((p) => p.webhookId === id)))
    })

    it('a delivery tampered with in transit fails verification and is never parsed', async () => {
      const r = receiver(sdk)
      let changed = false
      const tamper = async (request: Request): Promise<Response> => {
        const text = await request.text()
        const forged = text.replace('"value":12', '"value":1200')
        changed = forged !== text
        return r.handler(new Request(request.url, { method: 'POST', headers: request.headers, body: forged }))
      }
      const { client, events, emulator } = loopSetup(env, caliper, tamper)
      await client.webhooks.create(hookInput())
      await events.sendActivity(SENSOR, activityInput())
      await emulator.webhooks.idle()
      assert.ok(changed, 'the body was altered')
      assert.equal(r.received.length, 0)
      assert.equal(r.rejected.length, 1)
      const error = r.rejected[0]
      assert.ok(sdk.webhooks.isWebhookSignatureError(error) && error.reason === 'mismatch')
      assert.deepEqual([emulator.deliveries[0]!.state, emulator.deliveries[0]!.status], ['failed', 401])
    })

    it('retries a delivery answered 5xx, records one answered 4xx or thrown as failed, and never sends a bad signature through', async () => {
      const r = receiver(sdk)
      let calls = 0
      let mode: 'flaky' | 'reject' | 'throw' = 'flaky'
      const deliver = async (request: Request): Promise<Response> => {
        calls++
        if (mode === 'throw') throw new TypeError('connection refused')
        if (mode === 'flaky' && calls < 3) return new Response('busy', { status: 503 })
        return r.handler(request)
      }
      const { client, events, emulator } = loopSetup(env, caliper, deliver)
      const hook = await client.webhooks.create(hookInput())
      await events.sendActivity(SENSOR, activityInput())
      await emulator.webhooks.idle()
      assert.deepEqual([emulator.deliveries[0]!.state, emulator.deliveries[0]!.status, emulator.deliveries[0]!.attempts], ['delivered', 204, 3])
      assert.equal(r.received.length, 1, 'the retried request verified and parsed once it got through')

      // The receiver holds a different secret: every delivery fails verification, is answered 401, not retried.
      await client.webhooks.update(hook.id, { ...hook, secret: 'rotated-on-the-server-only' })
      mode = 'reject'
      await events.sendActivity(SENSOR, activityInput())
      await emulator.webhooks.idle()
      const rejected = emulator.deliveries[1]!
      assert.deepEqual([rejected.state, rejected.status, rejected.attempts], ['failed', 401, 1])
      assert.ok(sdk.webhooks.isWebhookSignatureError(r.rejected[0]))
      assert.equal(r.received.length, 1)

      mode = 'throw'
      await events.sendActivity(SENSOR, activityInput())
      await emulator.webhooks.idle()
      const thrown = emulator.deliveries[2]!
      assert.deepEqual([thrown.state, thrown.status, thrown.attempts], ['failed', undefined, 3])
      assert.match(thrown.error ?? '', /connection refused/)
    })
  })
}

export default suite
