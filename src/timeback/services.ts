/**
 * @module timeback/services — one small descriptor per service for the unified client. A consumer names the
 * services it uses (`use: { oneroster, caliper }`), so a bundler keeps only those clients: `timeback.api.<name>`
 * is a property read, which no bundler can shake, but an unused named import is dropped.
 */

import type { ApiKeyAuthOptions } from '../core/auth/api-key.js'
import type { ClientOptions } from '../core/config.js'
import type { Logger } from '../core/transport/hooks.js'
import { CaliperClient } from '../services/caliper/client.js'
import { CaseClient } from '../services/case/client.js'
import { ClrClient } from '../services/clr/client.js'
import { EduBridgeClient } from '../services/edubridge/client.js'
import { MasteryTrackClient } from '../services/masterytrack/client.js'
import { OneRosterClient } from '../services/oneroster/client.js'
import { OpenBadgesClient } from '../services/openbadges/client.js'
import { PowerPathClient } from '../services/powerpath/client.js'
import { QtiClient } from '../services/qti/client.js'
import { WebhooksClient } from '../services/webhooks/client.js'
import { createActivityHelpers, type ActivityHelpers } from './activity.js'
import { createUserHelpers, type ClientLookup, type UserHelpers } from './user.js'

/**
 * How the unified client builds one service's client. `oauth` services get the shared `api` credentials;
 * MasteryTrack (an API key) takes its `auth` from `services.masterytrack.auth` or its env vars.
 * @example const mine: ServiceFactory<OneRosterClient> = { name: 'oneroster', oauth: true, create: (o) => new OneRosterClient(o) }
 */
export interface ServiceFactory<C = unknown, A extends object = object> {
  readonly name: string
  readonly oauth: boolean
  create(options: ClientOptions<A>): C
  /**
   * Server helpers that ship with this service (so a bundle without it carries none of their code):
   * `timeback.user` comes with `oneroster`, `timeback.activity` with `caliper`.
   */
  readonly helpers?: {
    user?: (client: ClientLookup) => UserHelpers
    activity?: (client: ClientLookup, options: { sensor?: string; vars?: object; logger?: Logger }) => ActivityHelpers
  }
}

/** OneRoster (rostering, gradebook, resources). @example createTimeback({ env: 'staging', use: { oneroster } }) */
export const oneroster: ServiceFactory<OneRosterClient> = {
  name: 'oneroster', oauth: true, create: (o) => new OneRosterClient(o), helpers: { user: createUserHelpers },
}
/** Caliper events. @example createTimeback({ env: 'staging', use: { caliper } }) */
export const caliper: ServiceFactory<CaliperClient> = {
  name: 'caliper', oauth: true, create: (o) => new CaliperClient(o), helpers: { activity: createActivityHelpers },
}
/** Webhooks (subscriptions, filters, receiving). @example createTimeback({ env: 'staging', use: { webhooks } }) */
export const webhooks: ServiceFactory<WebhooksClient> = { name: 'webhooks', oauth: true, create: (o) => new WebhooksClient(o) }
/** MasteryTrack (API key auth: `services: { masterytrack: { auth: { apiKey, email } } }`). @example createTimeback({ env: 'staging', use: { masterytrack } }) */
export const masterytrack: ServiceFactory<MasteryTrackClient, ApiKeyAuthOptions> = {
  name: 'masterytrack', oauth: false, create: (o) => new MasteryTrackClient(o),
}
/** PowerPath. @example createTimeback({ env: 'staging', use: { powerpath } }) */
export const powerpath: ServiceFactory<PowerPathClient> = { name: 'powerpath', oauth: true, create: (o) => new PowerPathClient(o) }
/** EduBridge (enrollments, analytics, goals). @example createTimeback({ env: 'staging', use: { edubridge } }) */
export const edubridge: ServiceFactory<EduBridgeClient> = { name: 'edubridge', oauth: true, create: (o) => new EduBridgeClient(o) }
/** QTI. @example createTimeback({ env: 'staging', use: { qti } }) */
export const qti: ServiceFactory<QtiClient> = { name: 'qti', oauth: true, create: (o) => new QtiClient(o) }
/** CASE. @example createTimeback({ env: 'staging', use: { case: caseService } }) */
export const caseService: ServiceFactory<CaseClient> = { name: 'case', oauth: true, create: (o) => new CaseClient(o) }
/** CLR. @example createTimeback({ env: 'staging', use: { clr } }) */
export const clr: ServiceFactory<ClrClient> = { name: 'clr', oauth: true, create: (o) => new ClrClient(o) }
/** Open Badges (carries jose for VC-JWT checks). @example createTimeback({ env: 'staging', use: { openbadges } }) */
export const openbadges: ServiceFactory<OpenBadgesClient> = { name: 'openbadges', oauth: true, create: (o) => new OpenBadgesClient(o) }

/**
 * Every service, for the vendor's shape (`timeback.api.<any service>`), at the price of every client in the bundle.
 * @example const timeback = await createTimeback({ env: 'staging', api: { clientId, clientSecret }, use: everyService })
 */
export const everyService = {
  oneroster, caliper, webhooks, masterytrack, powerpath, edubridge, qti, case: caseService, clr, openbadges,
} as const
