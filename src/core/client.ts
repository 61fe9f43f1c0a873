// Builds what every service client needs from its options: resolved config, transport and authenticator.

import { ClientCredentials } from './auth/client-credentials.js'
import { resolveConfig, type ClientOptions, type ResolvedConfig } from './config.js'
import type { ServiceName } from './environments.js'
import type { ServiceContext } from './resource.js'
import { Transport } from './transport/http.js'

export interface ServiceRuntime extends ServiceContext {
  config: ResolvedConfig
  auth: ClientCredentials
}

/** Resolves options (throwing ConfigurationError early) and wires transport and OAuth2 together. */
export function createServiceRuntime(service: ServiceName, options: ClientOptions = {}): ServiceRuntime {
  const config = resolveConfig(service, options)
  const settings = {
    baseUrl: config.baseUrl,
    fetch: options.fetch,
    timeout: options.timeout,
    maxRetries: options.maxRetries,
    hooks: options.hooks,
    logger: options.logger,
    logBodies: options.logBodies,
    headers: options.headers,
  }
  // The token request shares fetch, retries and hooks, but is anonymous, never logs its body and never carries
  // the caller's custom headers: they are meant for the API, not for the identity provider.
  const tokenTransport = new Transport({ ...settings, headers: undefined })
  const auth = new ClientCredentials({
    tokenUrl: config.tokenUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    scope: config.scope,
    store: options.tokenStore,
    logger: options.logger,
    transport: tokenTransport,
  })
  const transport = new Transport({ ...settings, authenticator: auth })
  return { config, auth, transport, validateResponses: options.validateResponses === true, logger: options.logger }
}
