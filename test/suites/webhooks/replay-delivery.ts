// Replay protection against the emulator's real deliveries: a retry carries the same signed body, so it has
// the same replay id. A handler that fails after parseWebhook must release the id, or the retry is refused
// and the event is never processed. This is the README's receiver pattern, run end to end.

import type * as Caliper from '../../../src/services/caliper/index.ts'
import type { Assert, Sdk, Suite } from '../../harness/types.ts'
import { hookInput, requireWebhooks, SECRET, webhooksSetup } from './helpers.ts'

const SENSOR = 'https://app.example/sensors/main'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  if (!requireWebhooks(h, sdk, 'webhooks: replay protection with deliveries')) return
  const caliper = (sdk as Sdk & { caliper?: typeof Caliper }).caliper
  if (!caliper) {
    describe('webhooks: replay protection with deliveries', () => it('SKIPPED: this runner does not load @timeback/sdk/caliper (sdk.caliper) yet', () => {}))
    return
  }
  const { parseWebhook, isWebhookReplayError, MemoryReplayStore } = sdk.webhooks

  /** A receiver whose processing fails on the first attempt; it releases the id on failure when told to. */
  function receiver(releaseOnFailure: boolean) {
    const seen = new MemoryReplayStore()
    const log = { processed: 0, replays: 0, failures: 0 }
    const deliver = async (request: Request): Promise<Response> => {
      let parsed
      try {
        parsed = await parseWebhook(request, { secret: SECRET, seen })
      } catch (error) {
        if (isWebhookReplayError(error)) return (log.replays++, new Response(null, { status: 200 }))
        return new Response(null, { status: 400 })
      }
      if (log.failures === 0) {
        log.failures++
        if (releaseOnFailure) await seen.release(parsed.replayId!)
        return new Response('try again', { status: 503 })
      }
      log.processed += parsed.events.length
      return new Response(null, { status: 204 })
    }
    return { log, deliver }
  }

  async function sendOne(deliver: (request: Request) => Promise<Response>) {
    const s = webhooksSetup(env, { deliver })
    await s.client.webhooks.create(hookInput())
    const events = new caliper!.CaliperClient({ ...s.options, baseUrl: s.emulator.services.caliper!, maxRetries: 0 }).events
    await events.send(SENSOR, [caliper!.createActivityEvent({
      actor: { id: 'https://app.example/users/ada', email: 'ada@school.example', role: 'student' },
      object: { id: 'https://app.example/lessons/7', subject: 'Math', app: { name: 'Example App' } },
      metrics: [{ type: 'xpEarned', value: 12 }],
    })])
    await s.emulator.webhooks.idle()
    return s.emulator.deliveries[0]!
  }

  describe('webhooks: replay protection with deliveries', () => {
    it('a handler that fails and releases the id gets the retry and processes the event once', async () => {
      const r = receiver(true)
      const delivery = await sendOne(r.deliver)
      assert.deepEqual([delivery.state, delivery.status, delivery.attempts], ['delivered', 204, 2])
      assert.deepEqual(r.log, { processed: 1, replays: 0, failures: 1 })
    })

    it('without the release the retry is refused as a replay and the event is never processed', async () => {
      const r = receiver(false)
      const delivery = await sendOne(r.deliver)
      assert.deepEqual([delivery.state, delivery.status, delivery.attempts], ['delivered', 200, 2])
      assert.deepEqual(r.log, { processed: 0, replays: 1, failures: 1 })
    })
  })
}

export default suite
