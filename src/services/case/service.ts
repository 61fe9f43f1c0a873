/**
 * @module services/case/service — what core needs to know about Case: its host family (api), CASE_* then TIMEBACK_*
 * variables, OAuth2 client credentials.
 */

import { clientCredentials } from '../../core/auth/client-credentials.js'
import type { ServiceDescriptor } from '../../core/service.js'

/**
 * The Case service's descriptor (env vars CASE_CLIENT_ID, CASE_CLIENT_SECRET, CASE_BASE_URL…).
 * @example createServiceRuntime(service, { auth: { clientId, clientSecret } })
 */
export const service: ServiceDescriptor = { name: 'case', envPrefixes: ['CASE'], hostFamily: 'api', auth: clientCredentials }
