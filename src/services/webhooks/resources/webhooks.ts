/**
 * @module services/webhooks/resources/webhooks — the endpoints Timeback POSTs processed Caliper events to
 * (/webhooks). Each has a target URL, a shared secret, an on/off switch and an optional sensor that limits it
 * to one sending app.
 */

import * as v from 'valibot'
import type { ServiceContext } from '../../../core/resource/context.js'
import { many, none, one, operation } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { nonEmpty, nullableText, type Timestamps } from './shared.js'

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

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

const fields = {
  name: nonEmpty(),
  description: nullableText,
  targetUrl: v.pipe(v.string('must be a string'), v.check(isHttpUrl, 'must be an absolute http(s) URL')),
  secret: nonEmpty('must not be empty (receivers verify deliveries with it)'),
  sensor: v.optional(v.nullable(nonEmpty('must not be empty; use null for every sensor'))),
}

/**
 * Create input. `description` defaults to null and `active` to true. Unknown keys (such as `id` or
 * `createdAt` from a fetched webhook) are dropped, so a read object can be spread into an update.
 * @example
 * const ok = v.safeParse(WebhookCreateSchema, { name: 'n', targetUrl: 'https://app.example/hook', secret: 's' }).success // true
 */
export const WebhookCreateSchema = v.object({ ...fields, active: v.optional(v.boolean('must be true or false'), true) })
/**
 * Update input: a full replacement (PUT), so `active` must be stated.
 * @example
 * await client.webhooks.update(hook.id, { ...hook, targetUrl: 'https://app.example/hooks/v2' })
 */
export const WebhookUpdateSchema = v.object({ ...fields, active: v.boolean('must be true or false') })

export type WebhookCreateInput = v.InferInput<typeof WebhookCreateSchema>
export type WebhookUpdateInput = v.InferInput<typeof WebhookUpdateSchema>

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

const COLLECTION = '/webhooks/'
const ITEM = '/webhooks/{id}'
type Id = { id: string }
const webhook = /* @__PURE__ */ one<Webhook>('webhook')

/** GET /webhooks/ */
const listWebhooks = /* @__PURE__ */ operation<undefined, Webhook[]>({ method: 'GET', path: COLLECTION, unwrap: /* @__PURE__ */ many('webhooks') })
/** GET /webhooks/{id} */
const getWebhook = /* @__PURE__ */ operation<Id, Webhook>({ method: 'GET', path: ITEM, unwrap: webhook })
/** POST /webhooks/ */
const createWebhook = /* @__PURE__ */ operation<{ body: WebhookCreateInput }, Webhook>({
  method: 'POST', path: COLLECTION, body: WebhookCreateSchema, label: 'webhooks.create', name: 'webhook', unwrap: webhook,
})
/** PUT /webhooks/{id} */
const updateWebhook = /* @__PURE__ */ operation<Id & { body: WebhookUpdateInput }, Webhook>({
  method: 'PUT', path: ITEM, body: WebhookUpdateSchema, label: 'webhooks.update', name: 'webhook', unwrap: webhook,
})
/** DELETE /webhooks/{id} */
const deleteWebhook = /* @__PURE__ */ operation<Id, void>({ method: 'DELETE', path: ITEM, unwrap: none })
/** PUT /webhooks/{id}/activate */
const activateWebhook = /* @__PURE__ */ operation<Id, Webhook>({ method: 'PUT', path: '/webhooks/{id}/activate', unwrap: webhook })
/** PUT /webhooks/{id}/deactivate */
const deactivateWebhook = /* @__PURE__ */ operation<Id, Webhook>({ method: 'PUT', path: '/webhooks/{id}/deactivate', unwrap: webhook })

/**
 * Builds `client.webhooks`.
 * @example
 * const hook = await client.webhooks.create({ name: 'grades', targetUrl: 'https://app.example/hooks/timeback', secret })
 * await client.webhooks.deactivate(hook.id)
 */
export function createWebhooks(ctx: ServiceContext): WebhooksResource {
  return {
    list: (call) => listWebhooks(ctx, undefined, call),
    get: (id, call) => getWebhook(ctx, { id }, call),
    create: (body, call) => createWebhook(ctx, { body }, call),
    update: (id, body, call) => updateWebhook(ctx, { id, body }, call),
    delete: (id, call) => deleteWebhook(ctx, { id }, call),
    activate: (id, call) => activateWebhook(ctx, { id }, call),
    deactivate: (id, call) => deactivateWebhook(ctx, { id }, call),
  }
}
