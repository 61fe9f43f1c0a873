// The Webhooks API of the emulated Caliper host as a kernel module: routes, per-emulator state, and signed
// delivery of the events the Caliper module stores (it subscribes to CALIPER_EVENTS_STORED on the hub).
import { CALIPER_EVENTS_STORED, CALIPER_HOST, type StoredEventsMessage } from '../caliper/state.js'
import type { EmulatedService, EmulatedServiceModule } from '../service.js'
import { deliverToWebhooks } from './delivery.js'
import { webhookRoutes } from './routes.js'
import { createWebhookState, webhooksHandle } from './state.js'

export { deliverToWebhooks } from './delivery.js'
export { filterMatches, valuesAt } from './match.js'
export { CALIPER_HOST, type DeliverFunction, type WebhookDelivery, type WebhooksHandle } from './state.js'

/**
 * The Webhooks module of the emulator: its controls are `emulator.webhooks` (`idle()`, `deliveries`) and
 * `emulator.deliveries`; it reads the `deliver` and `deliveryTargets` options and counts deliveries in
 * `stats().webhooks`.
 *
 * @example
 * const emulator = createEmulator({ deliver: (request) => myHandler(request) })
 * await emulator.webhooks.idle()
 */
export const webhooksService: EmulatedServiceModule = {
  name: 'webhooks',
  create(env, options): EmulatedService {
    const counts = env.counters('webhooks', ['delivered', 'failed', 'refused'])
    const state = createWebhookState({ deliver: options.deliver, targets: options.deliveryTargets, settled: (final) => { counts[final]++ } })
    const handle = webhooksHandle(state)
    env.subscribe(CALIPER_EVENTS_STORED, (message) => {
      const { events, envelope } = message as StoredEventsMessage
      void deliverToWebhooks(state, env, events, envelope).catch(() => undefined)
    })
    return {
      prefix: CALIPER_HOST,
      paths: ['/webhook'], // /webhooks and /webhook-filters; the rest of the Caliper host is Caliper's
      routes: () => webhookRoutes(state),
      controls: { webhooks: { idle: handle.idle, deliveries: handle.deliveries }, deliveries: handle.deliveries },
      reset: () => handle.clear(),
    }
  },
}
