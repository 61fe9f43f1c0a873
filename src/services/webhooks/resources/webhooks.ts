/**
 * @module services/webhooks/resources/webhooks — the endpoints Timeback POSTs processed Caliper events to
 * (/webhooks). Each has a target URL, a shared secret, an on/off switch and an optional sensor that limits it
 * to one sending app.
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import { jsonCollection } from '../../../core/resource/json-collection.js'
import { checked, one, operation } from '../../../core/resource/operation.js'
import { boolean, check, nullable, object, optional, pipe, string } from '../../../core/schema.js'
import type { CallOptions } from '../../../core/transport/http.js'
import type { WebhookCreateInput, WebhookUpdateInput } from '../schemas.js'
import { isHttpUrl, nonEmpty, nullableText, type Timestamps } from './shared.js'

/** A registered webhook as the service returns it (the secret included). */
export interface Webhook extends Timestamps {
  /** UUID. */
  id: string
  name: string
  description: string | null
  targetUrl: string
  /** Shared with the receiver, which verifies deliveries with it. */
  secret: string
  active: boolean
  /** Only events from this sensor are delivered; null means every sensor of your client. */
  sensor?: string | null
}

// The rules of WebhookCreateSchema / WebhookUpdateSchema (schemas.ts, valibot), on core/schema.ts so that the
// client does not bundle valibot; test/node/schema-checks.test.ts holds the two to the same answers.
const fields = {
  name: nonEmpty(),
  description: nullableText,
  targetUrl: pipe(string('must be a string'), check(isHttpUrl, 'must be an absolute http(s) URL')),
  secret: nonEmpty('must not be empty (receivers verify deliveries with it)'),
  sensor: optional(nullable(nonEmpty('must not be empty; use null for every sensor'))),
}

/**
 * What `webhooks.create` checks (WebhookCreateSchema's rules): `description` defaults to null, `active` to
 * true, unknown keys are dropped.
 * @example parseInput(WebhookCreateCheck, input, 'webhooks.create', 'webhook')
 */
export const WebhookCreateCheck = /* @__PURE__ */ object({ ...fields, active: optional(boolean('must be true or false'), true) })
/**
 * What `webhooks.update` checks (WebhookUpdateSchema's rules): a full replacement, so `active` is required.
 * @example parseInput(WebhookUpdateCheck, input, 'webhooks.update', 'webhook')
 */
export const WebhookUpdateCheck = /* @__PURE__ */ object({ ...fields, active: boolean('must be true or false') })

/**
 * `client.webhooks`: the endpoints Timeback delivers processed events to (/webhooks).
 * @example
 * const hook = await client.webhooks.create({ name: 'grades', targetUrl: 'https://app.example/hooks', secret })
 * await client.webhooks.deactivate(hook.id)
 */
export interface WebhooksResource {
  /** GET /webhooks/ — every webhook of your client (not paginated). */
  list(call?: CallOptions): Promise<Webhook[]>
  /** GET /webhooks/{id} */
  get(id: string, call?: CallOptions): Promise<Webhook>
  /** POST /webhooks/ — answers the stored webhook with its new `id`. */
  create(input: WebhookCreateInput, call?: CallOptions): Promise<Webhook>
  /** PUT /webhooks/{id} — replaces every field. */
  update(id: string, input: WebhookUpdateInput, call?: CallOptions): Promise<Webhook>
  /** DELETE /webhooks/{id} */
  delete(id: string, call?: CallOptions): Promise<void>
  /** PUT /webhooks/{id}/activate — deliveries resume. */
  activate(id: string, call?: CallOptions): Promise<Webhook>
  /** PUT /webhooks/{id}/deactivate — deliveries stop; filters are kept. */
  deactivate(id: string, call?: CallOptions): Promise<Webhook>
}

/** GET|POST /webhooks/, GET|PUT|DELETE /webhooks/{id}: `{ webhook }` / `{ webhooks }` envelopes. */
const webhooks = /* @__PURE__ */ jsonCollection<Webhook, WebhookCreateInput, WebhookUpdateInput>({
  path: '/webhooks/',
  item: '/webhooks/{id}',
  one: 'webhook',
  many: 'webhooks',
  create: /* @__PURE__ */ checked(WebhookCreateCheck, 'webhook', 'webhooks.create'),
  update: /* @__PURE__ */ checked(WebhookUpdateCheck, 'webhook', 'webhooks.update'),
})
/** PUT /webhooks/{id}/activate */
const activate = /* @__PURE__ */ operation<{ id: string }, Webhook>({ method: 'PUT', path: '/webhooks/{id}/activate', unwrap: /* @__PURE__ */ one('webhook') })
/** PUT /webhooks/{id}/deactivate */
const deactivate = /* @__PURE__ */ operation<{ id: string }, Webhook>({ method: 'PUT', path: '/webhooks/{id}/deactivate', unwrap: /* @__PURE__ */ one('webhook') })

/**
 * Builds `client.webhooks`.
 * @example
 * const hook = await client.webhooks.create({ name: 'grades', targetUrl: 'https://app.example/hooks/timeback', secret })
 * await client.webhooks.deactivate(hook.id)
 */
export function createWebhooks(ctx: ServiceContext): WebhooksResource {
  return {
    ...webhooks(ctx),
    activate: (id, call) => activate(ctx, { id }, call),
    deactivate: (id, call) => deactivate(ctx, { id }, call),
  }
}
