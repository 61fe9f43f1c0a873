// The receiver served by Deno.serve on a loopback port, receiving the emulator's own signed deliveries (the
// emulator's webhook registered through the SDK, a Caliper event sent through the SDK). A copy of each delivery
// is kept on the way so that it can be replayed and tampered with afterwards.
// @ts-types="./node-assert.d.ts"
import assert from 'node:assert/strict'
import { CaliperClient, createActivityEvent } from '@timeback/sdk/caliper'
import { WebhooksClient } from '@timeback/sdk/webhooks'
import { createWebhookHandler, eventKey, WEBHOOK_PATH } from '../webhooks.ts'
import { withFixture, type Fixture } from './fixtures.ts'

const SECRET = 'whsec-deno-example-1'
const SENSOR = 'https://app.example/sensors/main'

interface Captured {
  url: string
  headers: Headers
  body: string
}

/** Serves the receiver on a free loopback port, runs `fn`, and shuts it down. */
async function withReceiver(kv: Deno.Kv, fn: (url: string) => Promise<void>) {
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, createWebhookHandler({ kv, secret: SECRET }))
  try {
    await fn(`http://127.0.0.1:${server.addr.port}${WEBHOOK_PATH}`)
  } finally {
    await server.shutdown()
  }
}

/** Registers a webhook for `targetUrl` and sends one ActivityEvent, both through the SDK; waits for delivery. */
async function deliverOne({ server, options }: Fixture, targetUrl: string) {
  const { emulator } = server
  const hooks = new WebhooksClient({ ...options, baseUrl: emulator.services.webhooks })
  await hooks.webhooks.create({ name: 'Completions', description: null, targetUrl, secret: SECRET, active: true })
  const caliper = new CaliperClient({ ...options, baseUrl: emulator.services.caliper })
  const event = createActivityEvent({
    actor: { id: 'https://app.example/users/ada', email: 'ada@school.example', role: 'student' },
    object: { id: 'https://app.example/lessons/7', subject: 'Math', app: { name: 'Example App' } },
    metrics: [{ type: 'xpEarned', value: 12 }],
  })
  await caliper.events.send(SENSOR, [event])
  await emulator.webhooks.idle()
  return event
}

const storedEvents = async (kv: Deno.Kv) => {
  const found = []
  for await (const entry of kv.list<{ event: { id: string } }>({ prefix: ['webhook-events'] })) found.push(entry.value.event.id)
  return found
}

const resend = (captured: Captured, headers: Headers = captured.headers) =>
  fetch(captured.url, { method: 'POST', headers, body: captured.body })

Deno.test('webhooks: the emulator\'s signed delivery is accepted and stored; its replay is refused; a bad signature is refused', async () => {
  const captured: Captured[] = []
  // The emulator's default delivery (global fetch, loopback targets only), with a copy kept on the way.
  const deliver = async (request: Request) => {
    captured.push({ url: request.url, headers: new Headers(request.headers), body: await request.clone().text() })
    return fetch(request)
  }
  await withFixture({ deliver, deliveryTargets: ['loopback'] }, async (fixture) => {
    const { kv, server } = fixture
    await withReceiver(kv, async (url) => {
      const event = await deliverOne(fixture, url)

      const [delivery] = server.emulator.deliveries
      assert.deepEqual([server.emulator.deliveries.length, delivery.state, delivery.status, delivery.attempts], [1, 'delivered', 204, 1])
      assert.equal(delivery.eventId, event.id)
      const stored = await kv.get<{ event: { id: string; type: string }; deliveryId: string }>(eventKey(event.id))
      assert.equal(stored.value?.event.type, 'ActivityEvent')
      assert.equal(stored.value?.deliveryId, delivery.deliveryId)

      // The same signed bytes again: refused as a replay, nothing stored twice.
      assert.equal(captured.length, 1)
      const replay = await resend(captured[0])
      assert.equal(replay.status, 409)
      assert.deepEqual(await replay.json(), { error: 'replayed' })

      // A changed signature: refused before anything is recorded.
      const forged = new Headers(captured[0].headers)
      const signature = forged.get('x-caliper-signature')!
      const last = signature.at(-1) === '0' ? '1' : '0'
      forged.set('x-caliper-signature', signature.slice(0, -1) + last)
      const bad = await resend(captured[0], forged)
      assert.equal(bad.status, 401)
      assert.deepEqual(await bad.json(), { error: 'invalid_signature' })

      // A changed body under the original signature: refused too.
      const tampered = await fetch(captured[0].url, { method: 'POST', headers: captured[0].headers, body: captured[0].body.replace('"value":12', '"value":99') })
      assert.equal(tampered.status, 401)
      await tampered.body?.cancel()

      assert.deepEqual(await storedEvents(kv), [event.id])
    })
  })
})

Deno.test('webhooks: a second receiver over the same KV (another isolate) refuses the replay too; other paths and methods are refused', async () => {
  const captured: Captured[] = []
  const deliver = async (request: Request) => {
    captured.push({ url: request.url, headers: new Headers(request.headers), body: await request.clone().text() })
    return fetch(request)
  }
  await withFixture({ deliver, deliveryTargets: ['loopback'] }, async (fixture) => {
    const { kv } = fixture
    await withReceiver(kv, async (url) => {
      await deliverOne(fixture, url)
      assert.equal(fixture.server.emulator.deliveries[0].status, 204)
    })
    await withReceiver(kv, async (url) => {
      const replay = await fetch(url, { method: 'POST', headers: captured[0].headers, body: captured[0].body })
      assert.equal(replay.status, 409)
      await replay.body?.cancel()
      const get = await fetch(url)
      assert.deepEqual([get.status, get.headers.get('allow')], [405, 'POST'])
      await get.body?.cancel()
      const elsewhere = await fetch(new URL('/other', url), { method: 'POST', headers: captured[0].headers, body: captured[0].body })
      assert.equal(elsewhere.status, 404)
      await elsewhere.body?.cancel()
    })
    assert.equal((await storedEvents(kv)).length, 1)
  })
})

Deno.test('webhooks: when storing fails the claim is released, so the emulator\'s retry is accepted and stored once', async () => {
  await withFixture({ deliveryTargets: ['loopback'] }, async (fixture) => {
    const { kv, server } = fixture
    // The KV as the receiver sees it: its first event write fails, as a full or unreachable database would.
    let failures = 0
    const flaky = new Proxy(kv, {
      get(target, key) {
        if (key === 'set') {
          return (...args: Parameters<Deno.Kv['set']>) => {
            if (failures++ === 0) return Promise.reject(new Error('database is locked'))
            return target.set(...args)
          }
        }
        const value = Reflect.get(target, key)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    const receiver = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, createWebhookHandler({ kv: flaky, secret: SECRET }))
    try {
      const event = await deliverOne(fixture, `http://127.0.0.1:${receiver.addr.port}${WEBHOOK_PATH}`)
      const [delivery] = server.emulator.deliveries
      assert.deepEqual([delivery.state, delivery.status, delivery.attempts], ['delivered', 204, 2])
      assert.equal(failures, 2)
      assert.deepEqual(await storedEvents(kv), [event.id])
    } finally {
      await receiver.shutdown()
    }
  })
})

Deno.test('webhooks: a receiver needs a secret', () => {
  assert.throws(() => createWebhookHandler({ kv: {} as Deno.Kv, secret: '' }), /secret is required/)
  assert.throws(() => createWebhookHandler({ kv: {} as Deno.Kv, secret: [] }), /secret is required/)
})
