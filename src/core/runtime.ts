/**
 * @module core/runtime — builds what every service client needs from its descriptor and options: the
 * resolved configuration, the transport, the authenticator. Throws ConfigurationError early, at construction.
 */

import { resolveConfig, type ClientOptions, type ResolvedConfig } from './config.js'
import type { ServiceContext } from './resource.js'
import type { ServiceDescriptor } from './service.js'
import { Transport } from './transport/http.js'
import type { Authenticator } from './transport/types.js'

/**
 * What a service client holds: its context for resources, the resolved config and the authenticator.
 * @example const runtime = createServiceRuntime(service, options); runtime.config.baseUrl
 */
export interface ServiceRuntime extends ServiceContext {
  config: ResolvedConfig
  /** Undefined for services whose routes are public. */
  auth: Authenticator | undefined
}

/**
 * Resolves options against `descriptor` and wires transport and authenticator together.
 * @example
 * class MyClient { readonly #runtime = createServiceRuntime(myService, options) }
 */
export function createServiceRuntime(descriptor: ServiceDescriptor, options: ClientOptions<object> = {}): ServiceRuntime {
  const config = resolveConfig(descriptor, options)
  const settings = {
    baseUrl: config.baseUrl,
    fetch: options.fetch,
    timeout: options.timeout,
    maxRetries: options.maxRetries,
    maxResponseBytes: options.maxResponseBytes,
    hooks: options.hooks,
    logger: options.logger,
    logBodies: options.logBodies,
    headers: options.headers,
  }
  const auth = descriptor.auth?.({
    config,
    auth: (options.auth ?? {}) as Record<string, unknown>,
    // The credential exchange shares fetch, retries and hooks, but is anonymous, never logs its body and never
    // carries the caller's custom headers: they are meant for the API, not for the identity provider.
    transport: new Transport({ ...settings, headers: undefined }),
    store: options.tokenStore,
    logger: options.logger,
  })
  const transport = new Transport({ ...settings, authenticator: auth })
  return { config, auth, transport, validateResponses: options.validateResponses === true, logger: options.logger }
}
