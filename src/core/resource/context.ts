/**
 * @module core/resource/context — what every resource of a client shares: the transport, whether answers are
 * checked, and the client's logger. Resources, operations and pagers take this and nothing wider, so a service
 * client may hold more (its config, its authenticator) without resources depending on it.
 */

import type { Transport } from '../transport/http.js'
import type { Logger } from '../transport/hooks.js'

/**
 * What every resource of a client shares. A service's runtime (`ServiceRuntime`) is one.
 * @example
 * export function createWebhooks(ctx: ServiceContext): WebhooksResource {
 *   return { get: (id, call) => getWebhook(ctx, { id }, call) }
 * }
 */
export interface ServiceContext {
  transport: Transport
  /** Check answers against the resource's entity schema (`validateResponses: true`). */
  validateResponses: boolean
  /** The client's logger, for what a service reports outside a request (a queue's failed batches). */
  logger?: Logger
}
