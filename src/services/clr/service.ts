/**
 * @module services/clr/service — what core needs to know about CLR: its host family (api), CLR_* then TIMEBACK_*
 * variables, OAuth2 client credentials that may be left out (discovery is public).
 */

import { clientCredentials } from '../../core/auth/client-credentials.js'
import { ConfigurationError } from '../../core/errors.js'
import type { AuthPlugin, ServiceDescriptor } from '../../core/service.js'

/**
 * OAuth2 client credentials, or, when they are missing, an authenticator that refuses every authenticated call
 * with the ConfigurationError construction would have thrown: the public discovery document needs no credentials,
 * so a client made without them still reads it.
 * @example export const service: ServiceDescriptor = { name: 'clr', envPrefixes: ['CLR'], hostFamily: 'api', auth: optionalCredentials }
 */
export const optionalCredentials: AuthPlugin = (setup) => {
  try {
    return clientCredentials(setup)
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error
    return { authorize: () => Promise.reject(error), invalidate: async () => undefined }
  }
}

/**
 * The CLR service's descriptor (env vars CLR_CLIENT_ID, CLR_CLIENT_SECRET, CLR_BASE_URL…).
 * @example createServiceRuntime(service, { auth: { clientId, clientSecret } })
 */
export const service: ServiceDescriptor = { name: 'clr', envPrefixes: ['CLR'], hostFamily: 'api', auth: optionalCredentials }
