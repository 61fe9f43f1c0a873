/**
 * @module services/edubridge/service — what core needs to know about EduBridge: the API host, EDUBRIDGE_* then TIMEBACK_*
 * variables, OAuth2 client credentials.
 */

import { clientCredentials } from '../../core/auth/client-credentials.js'
import type { ServiceDescriptor } from '../../core/service.js'

/**
 * The EduBridge service's descriptor (env vars EDUBRIDGE_CLIENT_ID, EDUBRIDGE_CLIENT_SECRET, EDUBRIDGE_BASE_URL…).
 * @example createServiceRuntime(service, { auth: { clientId, clientSecret } })
 */
export const service: ServiceDescriptor = { name: 'edubridge', envPrefixes: ['EDUBRIDGE'], hostFamily: 'api', auth: clientCredentials }
