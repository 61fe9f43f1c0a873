/**
 * @module services/openbadges/service — what core needs to know about Open Badges: its host family (api),
 * OPENBADGES_* then TIMEBACK_* variables, OAuth2 client credentials that may be left out (discovery is public and
 * a VC-JWT is checked without the service).
 */

import { optionalCredentials } from '../../core/auth/optional-credentials.js'
import type { ServiceDescriptor } from '../../core/service.js'

/**
 * The Open Badges service's descriptor (env vars OPENBADGES_CLIENT_ID, OPENBADGES_CLIENT_SECRET, OPENBADGES_BASE_URL…).
 * @example createServiceRuntime(service, { auth: { clientId, clientSecret } })
 */
export const service: ServiceDescriptor = { name: 'openbadges', envPrefixes: ['OPENBADGES'], hostFamily: 'api', auth: optionalCredentials }
