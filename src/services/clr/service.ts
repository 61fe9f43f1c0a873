/**
 * @module services/clr/service — what core needs to know about CLR: its host family (api), CLR_* then TIMEBACK_*
 * variables, OAuth2 client credentials that may be left out (discovery is public).
 */

import { optionalCredentials } from '../../core/auth/optional-credentials.js'
import type { ServiceDescriptor } from '../../core/service.js'

/**
 * The CLR service's descriptor (env vars CLR_CLIENT_ID, CLR_CLIENT_SECRET, CLR_BASE_URL…).
 * @example createServiceRuntime(service, { auth: { clientId, clientSecret } })
 */
export const service: ServiceDescriptor = { name: 'clr', envPrefixes: ['CLR'], hostFamily: 'api', auth: optionalCredentials }
