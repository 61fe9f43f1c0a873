/**
 * @module services/masterytrack/service — what core needs to know about MasteryTrack: its own host, MASTERYTRACK_*
 * variables, and an API key + registered email exchanged for a JWT sent as `X-Auth-Token: Bearer …`.
 */

import { apiKeyJwt } from '../../core/auth/api-key.js'
import type { ServiceDescriptor } from '../../core/service.js'

/**
 * The MasteryTrack service's descriptor (env vars MASTERYTRACK_API_KEY, MASTERYTRACK_EMAIL, MASTERYTRACK_BASE_URL…).
 * @example createServiceRuntime(service, { auth: { apiKey, email } })
 */
export const service: ServiceDescriptor = { name: 'masterytrack', envPrefixes: ['MASTERYTRACK'], hostFamily: 'masterytrack', auth: apiKeyJwt }
