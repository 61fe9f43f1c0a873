// Webhooks (/webhooks): the endpoints Timeback POSTs processed Caliper events to. Each has a target URL, a
// shared secret, an on/off switch and an optional sensor that limits it to one sending app.

import * as v from 'valibot'
import { buildPath } from '../../../core/paths.js'
import type { ServiceContext } from '../../../core/resource.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { parseInput, requireObject } from '../../../core/validation.js'
import { nonEmpty, nullableText, unwrapMany, unwrapOne, type Timestamps } from './shared.js'

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

/**
 * Builds `client.webhooks`.
 * @example
 * const hook = await client.webhooks.create({ name: 'grades', targetUrl: 'https://app.example/hooks/timeback', secret })
 * await client.webhooks.deactivate(hook.id)
 */
export function createWebhooks(ctx: ServiceContext): WebhooksResource {
  const t = ctx.transport
  const one = async (req: Parameters<typeof t.request>[0], call: CallOptions | undefined) =>
    unwrapOne<Webhook>(await t.request(req, call), 'webhook', req.path)
  const toggle = (id: string, action: 'activate' | 'deactivate', call?: CallOptions) =>
    one({ method: 'PUT', path: buildPath(`${ITEM}/${action}`, { id }) }, call)

  return {
    async list(call) {
      return unwrapMany<Webhook>(await t.request({ method: 'GET', path: COLLECTION }, call), 'webhooks', COLLECTION)
    },
    get: async (id, call) => one({ method: 'GET', path: buildPath(ITEM, { id }) }, call),
    async create(input, call) {
      const body = parseInput(WebhookCreateSchema, requireObject(input, 'webhook'), 'webhooks.create', 'webhook')
      return one({ method: 'POST', path: COLLECTION, body }, call)
    },
    async update(id, input, call) {
      const path = buildPath(ITEM, { id })
      const body = parseInput(WebhookUpdateSchema, requireObject(input, 'webhook'), 'webhooks.update', 'webhook')
      return one({ method: 'PUT', path, body }, call)
    },
    async delete(id, call) {
      await t.request({ method: 'DELETE', path: buildPath(ITEM, { id }) }, call)
    },
    activate: async (id, call) => toggle(id, 'activate', call),
    deactivate: async (id, call) => toggle(id, 'deactivate', call),
  }
}
