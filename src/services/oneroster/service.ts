/**
 * @module services/oneroster/service — what core needs to know about this service: OneRoster (rostering, gradebook, resources) lives on the API host, with OAuth2 client credentials.
 */

import { clientCredentials } from '../../core/auth/client-credentials.js'
import type { ServiceDescriptor } from '../../core/service.js'

/**
 * The oneroster service's descriptor (env vars ONEROSTER_*, then TIMEBACK_*).
 * @example createServiceRuntime(service, { env: 'staging' })
 */
export const service: ServiceDescriptor = { name: 'oneroster', envPrefixes: ['ONEROSTER'], hostFamily: 'api', auth: clientCredentials }
