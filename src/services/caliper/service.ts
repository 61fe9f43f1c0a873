/**
 * @module services/caliper/service — what core needs to know about this service: Caliper lives on its own host, with OAuth2 client credentials.
 */

import { clientCredentials } from '../../core/auth/client-credentials.js'
import type { ServiceDescriptor } from '../../core/service.js'

/**
 * The caliper service's descriptor (env vars CALIPER_*, then TIMEBACK_*).
 * @example createServiceRuntime(service, { env: 'staging' })
 */
export const service: ServiceDescriptor = { name: 'caliper', envPrefixes: ['CALIPER'], hostFamily: 'caliper', auth: clientCredentials }
