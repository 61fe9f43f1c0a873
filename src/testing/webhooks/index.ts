// Webhooks half of the emulated Caliper host: routes, per-emulator state and signed delivery.
export { webhookRoutes } from './routes.js'
export { deliverToWebhooks } from './delivery.js'
export { filterMatches, valuesAt } from './match.js'
export {
  attachWebhooks, CALIPER_HOST, webhookState,
  type DeliverFunction, type WebhookDelivery, type WebhooksHandle,
} from './state.js'
