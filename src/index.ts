// @timeback/sdk — one client for every service: createTimeback / TimebackClient and the server helpers.
// @bundleMarkers timeback-activity:v1 timeback.activity.record
// @bundleMayContain *

/**
 * @module @timeback/sdk — the unified client. Name the services you use (`use: { oneroster, caliper }`) so a
 * bundle carries only their clients; `everyService` gives all of them.
 * @example
 * import { createTimeback, oneroster, caliper } from '@timeback/sdk'
 * const timeback = await createTimeback({ env: 'staging', api: { clientId, clientSecret }, use: { oneroster, caliper }, sensor: 'https://myapp.example' })
 * await timeback.api.oneroster.users.list({ limit: 1 })
 */

export { createTimeback, TimebackClient } from './timeback/client.js'
export type { TimebackOptions, TimebackApi, ServiceSet, ServiceOverride } from './timeback/client.js'
export {
  oneroster, caliper, webhooks, masterytrack, powerpath, edubridge, qti, caseService, clr, openbadges, everyService,
} from './timeback/services.js'
export type { ServiceFactory } from './timeback/services.js'
export type { UserHelpers, UserProfile, UserVerification } from './timeback/user.js'
export type { ActivityHelpers, ActivityRecordResult, ActivityRecordInput } from './timeback/activity.js'
export { TimebackUserResolutionError } from './timeback/resolve.js'
export type { UserResolutionReason } from './timeback/resolve.js'
export { computeXp } from './timeback/xp.js'
export * from './core/public.js'
