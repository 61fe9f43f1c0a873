/**
 * @module services/powerpath/service — what core needs to know about PowerPath: the API host, POWERPATH_* then TIMEBACK_*
 * variables, OAuth2 client credentials.
 */

import { clientCredentials } from '../../core/auth/client-credentials.js'
import type { ServiceDescriptor } from '../../core/service.js'

/**
 * The PowerPath service's descriptor (env vars POWERPATH_CLIENT_ID, POWERPATH_CLIENT_SECRET, POWERPATH_BASE_URL…).
 * @example createServiceRuntime(service, { auth: { clientId, clientSecret } })
 */
export const service: ServiceDescriptor = { name: 'powerpath', envPrefixes: ['POWERPATH'], hostFamily: 'api', auth: clientCredentials }
