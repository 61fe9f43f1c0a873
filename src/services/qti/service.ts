/**
 * @module services/qti/service — what core needs to know about Qti: its host family (qti), QTI_* then TIMEBACK_*
 * variables, OAuth2 client credentials.
 */

import { clientCredentials } from '../../core/auth/client-credentials.js'
import type { ServiceDescriptor } from '../../core/service.js'

/**
 * The Qti service's descriptor (env vars QTI_CLIENT_ID, QTI_CLIENT_SECRET, QTI_BASE_URL…).
 * @example createServiceRuntime(service, { auth: { clientId, clientSecret } })
 */
export const service: ServiceDescriptor = { name: 'qti', envPrefixes: ['QTI'], hostFamily: 'qti', auth: clientCredentials }
