/**
 * @module core/auth/optional-credentials — OAuth2 client credentials that a client may be built without, for
 * services with public routes (CLR and Open Badges discovery documents).
 */

import { ConfigurationError } from '../errors.js'
import type { AuthPlugin } from '../service.js'
import { clientCredentials } from './client-credentials.js'

/**
 * OAuth2 client credentials, or, when they are missing, an authenticator that refuses every authenticated call
 * with the ConfigurationError construction would have thrown: a public route needs no credentials, so a client
 * made without them still reads it, and the first call that needs a token fails before any request.
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
