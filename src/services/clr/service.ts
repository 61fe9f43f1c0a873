/**
 * @module services/clr/service — what core needs to know about Clr: its host family (api), CLR_* then TIMEBACK_*
 * variables, OAuth2 client credentials.
 */

import { clientCredentials } from '../../core/auth/client-credentials.js'
import type { ServiceDescriptor } from '../../core/service.js'

/**
 * The Clr service's descriptor (env vars CLR_CLIENT_ID, CLR_CLIENT_SECRET, CLR_BASE_URL…).
 * @example createServiceRuntime(service, { auth: { clientId, clientSecret } })
 */
export const service: ServiceDescriptor = { name: 'clr', envPrefixes: ['CLR'], hostFamily: 'api', auth: clientCredentials }
