/**
 * @module services/openbadges/service — what core needs to know about OpenBadges: its host family (api), OPENBADGES_* then TIMEBACK_*
 * variables, OAuth2 client credentials.
 */

import { clientCredentials } from '../../core/auth/client-credentials.js'
import type { ServiceDescriptor } from '../../core/service.js'

/**
 * The OpenBadges service's descriptor (env vars OPENBADGES_CLIENT_ID, OPENBADGES_CLIENT_SECRET, OPENBADGES_BASE_URL…).
 * @example createServiceRuntime(service, { auth: { clientId, clientSecret } })
 */
export const service: ServiceDescriptor = { name: 'openbadges', envPrefixes: ['OPENBADGES'], hostFamily: 'api', auth: clientCredentials }
