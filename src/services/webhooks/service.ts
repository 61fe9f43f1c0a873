/**
 * @module services/webhooks/service — what core needs to know about this service: Webhooks live on the Caliper host and fall back to its CALIPER_* variables,
 * with OAuth2 client credentials.
 */

import { clientCredentials } from '../../core/auth/client-credentials.js'
import type { ServiceDescriptor } from '../../core/service.js'

/**
 * The webhooks service's descriptor (env vars WEBHOOKS_*, CALIPER_*, then TIMEBACK_*).
 * @example createServiceRuntime(service, { env: 'staging' })
 */
export const service: ServiceDescriptor = { name: 'webhooks', envPrefixes: ['WEBHOOKS', 'CALIPER'], hostFamily: 'caliper', auth: clientCredentials }
