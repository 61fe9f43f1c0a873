// @timeback/sdk/testing — an in-memory Timeback for tests and demos: a service-neutral kernel plus one module per service.
// @bundleMarkers seed-school-1 revokeTokens
// @bundleMayContain *
import { buildEmulator } from './emulator.js'
import type { Emulator, EmulatorOptions } from './types.js'
export { describeEmulator } from './serve.js'
export { serveEmulator, type EmulatorServer, type ServeEmulatorOptions, type ServeOptions } from './serve-node.js'
export { BUILT_IN_SERVICES } from './services.js'
export { route } from './context.js'
export { HttpError, json } from './http.js'
export { SEED_CASE } from './case/index.js'

export type { ApiKeyRefusal } from './auth/api-key.js'
export type { CaliperControls, StoredCaliperEvent } from './caliper/index.js'
export type { AuthScheme, Ctx as RouteContext, EmulatorEnv, Handler as RouteHandler, Method, Route } from './context.js'
export type { EmulatedService, EmulatedServiceModule, ErrorExtra, ErrorWriter } from './service.js'
export type { TokenCounters } from './stats.js'
export type {
  CollectionName,
  DeliverFunction,
  DeliveryTargets,
  EduBridgeControls,
  Emulator,
  EmulatorApiKeyCredentials,
  EmulatorCredentials,
  EmulatorCredentialSet,
  EmulatorFaults,
  EmulatorOptions,
  EmulatorServices,
  EmulatorWebhooks,
  EmulatorState,
  EmulatorStats,
  Entity,
  FaultHandle,
  FaultRule,
  FetchLike,
  MasteryTrackControls,
  MasteryTrackStudentStatus,
  PowerPathControls,
  QtiControls,
  ClrControls,
  OpenBadgesControls,
  OidcControls,
  RecordedRequest,
  SeedUsersOptions,
  WebhookDelivery,
} from './types.js'

/**
 * Create an in-memory Timeback. Its `fetch` is a plain Web handler (no network, no Node APIs): pass it
 * to a client as its `fetch`, mount it in msw, or serve it on a port with the `timeback-emulator` bin.
 * The services it mounts are `options.services` (default {@link BUILT_IN_SERVICES}).
 *
 * @example
 * import { createEmulator } from '@timeback/sdk/testing'
 *
 * const emulator = createEmulator()
 * const tokenRes = await emulator.fetch(emulator.tokenUrl, {
 *   method: 'POST',
 *   body: new URLSearchParams({ grant_type: 'client_credentials', client_id: emulator.credentials.clientId, client_secret: emulator.credentials.clientSecret }),
 * })
 * const { access_token } = await tokenRes.json()
 * const res = await emulator.fetch(`${emulator.services.oneroster}/ims/oneroster/rostering/v1p2/users?limit=5`, {
 *   headers: { authorization: `Bearer ${access_token}` },
 * })
 * const { users, totalCount } = await res.json()
 *
 * // msw: http.all('*', ({ request }) => emulator.fetch(request))
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  return buildEmulator(options)
}
