/**
 * @module services/openbadges/service — what core needs to know about Open Badges: its host family (api),
 * OPENBADGES_* then TIMEBACK_* variables, OAuth2 client credentials that may be left out (discovery is public and
 * a VC-JWT is checked without the service).
 */

import { clientCredentials } from '../../core/auth/client-credentials.js'
import { ConfigurationError } from '../../core/errors.js'
import type { AuthPlugin, ServiceDescriptor } from '../../core/service.js'

/**
 * OAuth2 client credentials, or, when they are missing, an authenticator that refuses every authenticated call
 * with the ConfigurationError construction would have thrown.
 * @example export const service: ServiceDescriptor = { name: 'openbadges', envPrefixes: ['OPENBADGES'], hostFamily: 'api', auth: optionalCredentials }
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
 * The Open Badges service's descriptor (env vars OPENBADGES_CLIENT_ID, OPENBADGES_CLIENT_SECRET, OPENBADGES_BASE_URL…).
 * @example createServiceRuntime(service, { auth: { clientId, clientSecret } })
 */
export const service: ServiceDescriptor = { name: 'openbadges', envPrefixes: ['OPENBADGES'], hostFamily: 'api', auth: optionalCredentials }
