// The Webhooks API on the emulated Caliper host: /webhooks and /webhook-filters with the documented
// envelopes (`{ webhook }`, `{ webhooks }`, `{ filter }`, `{ filters }`), status codes and error bodies.
// Deletes are soft (`deletedAt` is set; the record disappears from reads); deleting a webhook deletes its filters.
import { route, type Ctx, type Route } from '../context.js'
import { HttpError, json } from '../http.js'
import { liveFilter, liveWebhook, type FilterRecord, type WebhookRecord, type WebhookState } from './state.js'
import { checkFilter, checkWebhook, filterError, webhookError } from './validate.js'

// Relative to the Caliper host, which is the Webhooks module's prefix.
const WEBHOOKS = '/webhooks'
const FILTERS = '/webhook-filters'

/** The JSON body, or a Response in the route family's error format when it is not JSON. */
async function readBody(ctx: Ctx, fail: (message: string) => Response): Promise<{ body: unknown } | { error: Response }> {
  try {
    return { body: await ctx.body() }
  } catch (error) {
    if (error instanceof HttpError) return { error: fail(error.message) }
    throw error
  }
}

const webhookNotFound = (id: string) => webhookError(404, `Webhook '${id}' not found`)
const filterNotFound = (id: string) => filterError(404, `Webhook filter '${id}' not found`)

async function saveWebhook(state: WebhookState, ctx: Ctx, existing: WebhookRecord | undefined): Promise<Response> {
  const read = await readBody(ctx, (message) => webhookError(400, message))
  if ('error' in read) return read.error
  const { fields, details } = checkWebhook(read.body)
  if (details.length) return webhookError(400, 'Invalid webhook input', details)
  const now = ctx.env.nowIso()
  const webhook: WebhookRecord = existing
    ? { ...existing, ...fields, updatedAt: now }
    : { id: ctx.env.newId(), ...fields, createdAt: now, updatedAt: now, deletedAt: null }
  state.webhooks.set(webhook.id, webhook)
  return json({ webhook }, existing ? 200 : 201)
}

function setActive(state: WebhookState, active: boolean) {
  return (ctx: Ctx): Response => {
    const hook = liveWebhook(state, ctx.params.id!)
    if (!hook) return webhookNotFound(ctx.params.id!)
    const webhook = { ...hook, active, updatedAt: ctx.env.nowIso() }
    state.webhooks.set(webhook.id, webhook)
    return json({ webhook })
  }
}

function webhookRoutesOnly(state: WebhookState): Route[] {
  return [
    route('GET', `${WEBHOOKS}/`, 'listWebhooks', () => {
      const webhooks = [...state.webhooks.values()].filter((w) => w.deletedAt === null)
      return json({ webhooks })
    }),
    route('POST', `${WEBHOOKS}/`, 'createWebhook', (ctx) => saveWebhook(state, ctx, undefined)),
    route('GET', `${WEBHOOKS}/{id}`, 'getWebhook', (ctx) => {
      const webhook = liveWebhook(state, ctx.params.id!)
      return webhook ? json({ webhook }) : webhookNotFound(ctx.params.id!)
    }),
    route('PUT', `${WEBHOOKS}/{id}`, 'updateWebhook', (ctx) => {
      const existing = liveWebhook(state, ctx.params.id!)
      return existing ? saveWebhook(state, ctx, existing) : webhookNotFound(ctx.params.id!)
    }),
    route('DELETE', `${WEBHOOKS}/{id}`, 'deleteWebhook', (ctx) => {
      const hook = liveWebhook(state, ctx.params.id!)
      if (!hook) return webhookNotFound(ctx.params.id!)
      const now = ctx.env.nowIso()
      state.webhooks.set(hook.id, { ...hook, deletedAt: now, updatedAt: now })
      for (const f of state.filters.values()) {
        if (f.webhookId === hook.id && f.deletedAt === null) state.filters.set(f.id, { ...f, deletedAt: now, updatedAt: now })
      }
      return json({ status: 'success', message: 'Webhook deleted successfully', errors: null })
    }),
    route('PUT', `${WEBHOOKS}/{id}/activate`, 'activateWebhook', setActive(state, true)),
    route('PUT', `${WEBHOOKS}/{id}/deactivate`, 'deactivateWebhook', setActive(state, false)),
  ]
}

async function saveFilter(state: WebhookState, ctx: Ctx, existing: FilterRecord | undefined): Promise<Response> {
  const read = await readBody(ctx, (message) => filterError(400, message))
  if ('error' in read) return read.error
  const { fields, issues } = checkFilter(read.body)
  if (issues.length) return filterError(400, 'Invalid webhook filter input', issues)
  if (!liveWebhook(state, fields.webhookId)) return filterError(404, `Webhook '${fields.webhookId}' not found`)
  const now = ctx.env.nowIso()
  const filter: FilterRecord = existing
    ? { ...existing, ...fields, updatedAt: now }
    : { id: ctx.env.newId(), ...fields, createdAt: now, updatedAt: now, deletedAt: null }
  state.filters.set(filter.id, filter)
  return json({ filter }, existing ? 200 : 201)
}

const liveFilters = (state: WebhookState): FilterRecord[] => [...state.filters.values()].filter((f) => f.deletedAt === null)

function filterRoutes(state: WebhookState): Route[] {
  return [
    route('GET', `${FILTERS}/`, 'listWebhookFilters', () => json({ filters: liveFilters(state) })),
    route('POST', `${FILTERS}/`, 'createWebhookFilter', (ctx) => saveFilter(state, ctx, undefined)),
    route('GET', `${FILTERS}/{id}`, 'getWebhookFilter', (ctx) => {
      const filter = liveFilter(state, ctx.params.id!)
      return filter ? json({ filter }) : filterNotFound(ctx.params.id!)
    }),
    route('PUT', `${FILTERS}/{id}`, 'updateWebhookFilter', (ctx) => {
      const existing = liveFilter(state, ctx.params.id!)
      return existing ? saveFilter(state, ctx, existing) : filterNotFound(ctx.params.id!)
    }),
    route('DELETE', `${FILTERS}/{id}`, 'deleteWebhookFilter', (ctx) => {
      const filter = liveFilter(state, ctx.params.id!)
      if (!filter) return filterNotFound(ctx.params.id!)
      const now = ctx.env.nowIso()
      state.filters.set(filter.id, { ...filter, deletedAt: now, updatedAt: now })
      return json({ status: 'success', message: 'Webhook filter deleted successfully', errors: null })
    }),
    route('GET', `${FILTERS}/webhook/{webhookId}`, 'listWebhookFiltersByWebhook', (ctx) => {
      const webhookId = ctx.params.webhookId!
      if (!liveWebhook(state, webhookId)) return filterError(404, `Webhook '${webhookId}' not found`)
      return json({ filters: liveFilters(state).filter((f) => f.webhookId === webhookId) })
    }),
  ]
}

/** Every Webhooks route over one state, relative to the Caliper host. Built per emulator; nothing happens at import time. */
export function webhookRoutes(state: WebhookState): Route[] {
  return [...webhookRoutesOnly(state), ...filterRoutes(state)]
}
