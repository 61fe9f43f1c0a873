/**
 * @module core/service — what a service tells core about itself. One descriptor per service lives in the
 * service's own folder (`src/services/<svc>/service.ts`); core reads these fields and knows no service by name.
 */

import type { TokenStore } from './auth/token-store.js'
import type { ConfigSubject, ResolvedConfig } from './config.js'
import type { Logger } from './transport/hooks.js'
import type { Transport } from './transport/http.js'
import type { Authenticator } from './transport/types.js'

/** What an authenticator plug-in gets to build itself: the resolved config, the user's `auth` and helpers. */
export interface AuthSetup {
  config: ResolvedConfig
  /** The client's `auth` option as given (the plug-in checks its fields). */
  auth: Record<string, unknown>
  /** For the credential exchange itself: anonymous, no custom headers, same fetch/retries/hooks. */
  transport: Transport
  store: TokenStore | undefined
  logger: Logger | undefined
}

/**
 * Builds a service's authenticator from its configuration, or throws a ConfigurationError naming the missing
 * credential and the env vars that would supply it. `undefined` as a descriptor's `auth` means public routes.
 * @example const descriptor: ServiceDescriptor = { name: 'caliper', envPrefixes: ['CALIPER'], hostFamily: 'caliper', auth: clientCredentials }
 */
export type AuthPlugin = (setup: AuthSetup) => Authenticator

/**
 * A service as core sees it: its name (messages), env var prefixes (most specific first), the host family its
 * default base URL comes from in environment mode, and how it authenticates.
 * @example
 * export const service: ServiceDescriptor = { name: 'webhooks', envPrefixes: ['WEBHOOKS', 'CALIPER'], hostFamily: 'caliper', auth: clientCredentials }
 */
export interface ServiceDescriptor extends ConfigSubject {
  auth?: AuthPlugin
}
