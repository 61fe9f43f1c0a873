// WebhooksClient: register the endpoints Timeback notifies when it has processed Caliper events, and the
// filters that decide which events each endpoint gets. Webhooks live on the Caliper host.

import { createServiceRuntime, type ServiceRuntime } from '../../core/runtime.js'
import { service } from './service.js'
import type { ClientOptions } from '../../core/config.js'
import { createWebhookFilters, type WebhookFiltersResource } from './resources/filters.js'
import { createWebhooks, type WebhooksResource } from './resources/webhooks.js'

/**
 * Typed client for Timeback's Webhooks API. Same options as every client: `env` + `auth`, or `baseUrl`
 * (the Caliper host) + `auth.authUrl`; env vars `WEBHOOKS_*`, then `CALIPER_*`, then `TIMEBACK_*`.
 * @example
 * const client = new WebhooksClient({ env: 'staging', auth: { clientId, clientSecret } })
 * const hook = await client.webhooks.create({ name: 'completions', targetUrl: 'https://app.example/hooks', secret })
 * await client.filters.create({ webhookId: hook.id, filterKey: 'type', filterValue: 'ActivityEvent', filterOperation: 'eq' })
 */
export class WebhooksClient {
  readonly #runtime: ServiceRuntime
  #webhooks?: WebhooksResource
  #filters?: WebhookFiltersResource

  constructor(options: ClientOptions = {}) {
    this.#runtime = createServiceRuntime(service, options)
  }

  /** The resolved base URL (the Caliper host; no credentials). */
  get baseUrl(): string {
    return this.#runtime.config.baseUrl
  }

  /** list, get, create, update, delete, activate, deactivate. */
  get webhooks(): WebhooksResource {
    return (this.#webhooks ??= createWebhooks(this.#runtime))
  }

  /** list, get, create, update, delete, listByWebhook. */
  get filters(): WebhookFiltersResource {
    return (this.#filters ??= createWebhookFilters(this.#runtime))
  }
}
