// ClrClient: the public discovery document and the credential upsert of CLR 2.0, on the API host.

import type { ClientOptions } from '../../core/config.js'
import { publicDocument, type ServiceDescription } from '../../core/resource/public-document.js'
import { createServiceRuntime, type ServiceRuntime } from '../../core/runtime.js'
import type { CallOptions } from '../../core/transport/http.js'
import { createClrCredentials, type ClrCredentialsResource } from './resources/credentials.js'
import { service } from './service.js'

/**
 * Typed client for CLR 2.0 (Comprehensive Learner Record). Options: `auth: { clientId, clientSecret }` (env
 * `CLR_*` then `TIMEBACK_*`; optional when you only read the discovery document) and `env` or `baseUrl`.
 * @example
 * const client = new ClrClient({ env: 'staging', auth: { clientId, clientSecret } })
 * const doc = await client.discovery()
 * const { credential, created } = await client.credentials.upsert(record)
 */
export class ClrClient {
  readonly #runtime: ServiceRuntime
  #credentials?: ClrCredentialsResource

  constructor(options: ClientOptions = {}) {
    this.#runtime = createServiceRuntime(service, options)
  }

  /** The resolved base URL (no credentials). */
  get baseUrl(): string {
    return this.#runtime.config.baseUrl
  }

  /** GET /ims/clr/v2p0/discovery/ — public: sent without a token (none is requested). */
  discovery(call?: CallOptions): Promise<ServiceDescription> {
    return publicDocument(this.#runtime, '/ims/clr/v2p0/discovery/', call)
  }

  /** upsert (checked before the request; the service signs). */
  get credentials(): ClrCredentialsResource {
    return (this.#credentials ??= createClrCredentials(this.#runtime))
  }
}
