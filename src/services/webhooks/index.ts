// @timeback/sdk/webhooks — manage webhooks and their filters, and receive deliveries (verify + parse).
// @bundleMarkers /webhook-filters/ WebhooksClient
//
// The receiving half (`parseWebhook`, `verifyWebhookSignature`, the replay stores) lives in its own modules and
// imports no client code: a Worker that only receives webhooks keeps only that part after tree-shaking.

export { WebhooksClient } from './client.js'
export type { Webhook, WebhooksResource } from './resources/webhooks.js'
export {
  FILTER_OPERATIONS, FILTER_TYPES,
  type FilterOperation, type FilterType, type WebhookFilter, type WebhookFilterCreateInput,
  type WebhookFilterUpdateInput, type WebhookFiltersResource,
} from './resources/filters.js'
// The valibot schemas of the rules the client checks (with core/schema.ts): bundled only when imported.
export {
  WebhookCreateSchema, WebhookUpdateSchema, WebhookFilterCreateSchema, WebhookFilterUpdateSchema,
  type WebhookCreateInput, type WebhookUpdateInput,
} from './schemas.js'
export { parseWebhook, type ParseWebhookOptions, type ParsedWebhook, type WebhookVerifyInput } from './receive.js'
export {
  SIGNATURE_HEADER, WebhookSignatureError, isWebhookSignatureError, signWebhookPayload, verifyWebhookSignature,
  type SignatureFailure, type VerifyWebhookSignatureInput, type WebhookSecret,
} from './signature.js'
export { DEFAULT_MAX_BODY_BYTES, WebhookPayloadTooLargeError, isWebhookPayloadTooLargeError } from './read-body.js'
export {
  DEFAULT_REPLAY_WINDOW_SECONDS, MemoryReplayStore, WebhookReplayError, isWebhookReplayError, type ReplayStore,
} from './replay.js'
export {
  CALIPER_DATA_VERSION, isActivityEvent, isTimeSpentEvent, readEnvelope,
  type ActivityEvent, type ActivityMetric, type CaliperEntity, type CaliperEnvelope, type CaliperEvent,
  type CaliperRef, type TimeSpentEvent, type TimeSpentMetric, type TimebackActivityContext, type TimebackUser,
} from './events.js'
// The names every entry shares (options, pages, token stores, hooks): last, and the same objects everywhere.
export * from '../../core/public.js'
