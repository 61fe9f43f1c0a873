// QtiClient (skeleton: resources are being added).

import type { ClientOptions } from '../../core/config.js'
import { createServiceRuntime, type ServiceRuntime } from '../../core/runtime.js'
import { service } from './service.js'

/**
 * Typed client for Qti.
 * @example
 * const client = new QtiClient({ env: 'staging', auth: { clientId, clientSecret } })
 */
export class QtiClient {
  readonly #runtime: ServiceRuntime

  constructor(options: ClientOptions = {}) {
    this.#runtime = createServiceRuntime(service, options)
  }

  /** The resolved base URL (no credentials). */
  get baseUrl(): string {
    return this.#runtime.config.baseUrl
  }
}
