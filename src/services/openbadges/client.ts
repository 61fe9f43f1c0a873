// OpenBadgesClient (skeleton: resources are being added).

import type { ClientOptions } from '../../core/config.js'
import { createServiceRuntime, type ServiceRuntime } from '../../core/runtime.js'
import { service } from './service.js'

/**
 * Typed client for OpenBadges.
 * @example
 * const client = new OpenBadgesClient({ env: 'staging', auth: { clientId, clientSecret } })
 */
export class OpenBadgesClient {
  readonly #runtime: ServiceRuntime

  constructor(options: ClientOptions = {}) {
    this.#runtime = createServiceRuntime(service, options)
  }

  /** The resolved base URL (no credentials). */
  get baseUrl(): string {
    return this.#runtime.config.baseUrl
  }
}
