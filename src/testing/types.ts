// Public types of `@timeback/sdk/testing` (re-exported by ./index.ts). The kernel's own types, plus one line per
// service module that adds options or controls to the emulator object (OneRoster's `state`, `caliper`, `webhooks`).
import type { CaliperControls } from './caliper/state.js'
import type { EduBridgeControls, GoalsRouteName } from './edubridge/state.js'
import type { MasteryTrackControls, MasteryTrackStudentStatus } from './masterytrack/lifecycle.js'
import type { CollectionName, EmulatorState, Entity, SeedUsersOptions } from './oneroster/types.js'
import type { PowerPathControls } from './powerpath/index.js'
import type { QtiControls } from './qti/index.js'
import type { ClrControls } from './clr/index.js'
import type { OpenBadgesControls } from './openbadges/index.js'
import type { OidcControls } from './oidc/index.js'
import type { EmulatedServiceModule } from './service.js'
import type { EmulatorStats } from './stats.js'
import type { DeliverFunction, DeliveryTargets, WebhookDelivery } from './webhooks/state.js'

export type { ClrControls, OidcControls, OpenBadgesControls, QtiControls }
export type { CollectionName, DeliverFunction, DeliveryTargets, EduBridgeControls, PowerPathControls, EmulatorState, EmulatorStats, Entity, MasteryTrackControls, MasteryTrackStudentStatus, SeedUsersOptions, WebhookDelivery }

/**
 * Options of {@link createEmulator}. Every field is optional.
 *
 * @example
 * const options: EmulatorOptions = { seed: false, tokenTtlSeconds: 60, now: () => fakeClock }
 */
export interface EmulatorOptions {
  /** Base of every URL the emulator hands out. Routing ignores the host. Default `http://localhost:4010`. */
  origin?: string
  /** The one client that may mint tokens. Default `emulator-client` / `emulator-secret`. */
  credentials?: EmulatorCredentials
  /** Lifetime of issued tokens. Default 3600. */
  tokenTtlSeconds?: number
  /** Load the small deterministic seed data set (ids like `seed-school-1`). Default true. */
  seed?: boolean
  /** Clock in ms, used for token expiry and `dateLastModified`. Default `Date.now`. */
  now?: () => number
  /**
   * Sends webhook deliveries (signed POSTs of matching Caliper events to each webhook's `targetUrl`).
   * Default: the global `fetch`. Pass your handler to receive them in-process: `deliver: (request) => handler(request)`.
   */
  deliver?: DeliverFunction
  /**
   * Which webhook target hosts get deliveries. Default `'any'`: in-process tests control their own targets. The
   * `timeback-emulator` bin passes `['loopback']`, so a webhook cannot make it POST to other hosts (SSRF);
   * refused deliveries are recorded with state `refused`.
   */
  deliveryTargets?: DeliveryTargets
  /** How many requests `emulator.requests` keeps (the newest). Default 10,000. Counters (`stats()`) are exact regardless. */
  maxRecordedRequests?: number
  /** Tokens remembered at most (OAuth tokens and API-key JWTs each); past it the oldest are forgotten and answer 401. Default 10,000. */
  maxTokens?: number
  /**
   * The API key and registered email the API-key → JWT exchange accepts (MasteryTrack's auth). Default
   * `emulator-api-key` / `api-user@emulator.test`.
   */
  apiKeyCredentials?: EmulatorApiKeyCredentials
  /**
   * The services to mount. Default {@link BUILT_IN_SERVICES} (OneRoster, Caliper, Webhooks, MasteryTrack). Pass
   * `[...BUILT_IN_SERVICES, yours]` to add one; a built-in left out answers 404 and its controls (such as
   * `state` for OneRoster) are absent.
   */
  services?: readonly EmulatedServiceModule[]
}

/**
 * The OAuth2 client-credentials pair the emulator accepts.
 *
 * @example
 * const { clientId, clientSecret }: EmulatorCredentials = emulator.credentials
 */
export interface EmulatorCredentials {
  readonly clientId: string
  readonly clientSecret: string
}

/**
 * `emulator.credentials`: the OAuth2 pair, plus MasteryTrack's API key and email as `masterytrack`. That one is not
 * enumerable, so spreading the object into an OAuth client's `auth` passes only `clientId` and `clientSecret`.
 *
 * @example
 * new OneRosterClient({ baseUrl: emulator.services.oneroster, auth: { ...emulator.credentials, authUrl: emulator.tokenUrl } })
 * new MasteryTrackClient({ baseUrl: emulator.services.masterytrack, auth: { ...emulator.credentials.masterytrack } })
 */
export interface EmulatorCredentialSet extends EmulatorCredentials {
  /** The same object as `emulator.apiKeyCredentials`. */
  readonly masterytrack: EmulatorApiKeyCredentials
}

/**
 * The API key and registered email the emulator's API-key → JWT exchange accepts (`POST {services.masterytrack}/authorizer`
 * with `x-api-key: <apiKey>` and `{ "email": <email> }`).
 *
 * @example
 * const { apiKey, email }: EmulatorApiKeyCredentials = emulator.apiKeyCredentials
 */
export interface EmulatorApiKeyCredentials {
  readonly apiKey: string
  readonly email: string
}

/**
 * Base URLs of the emulated services, keyed by service name: each is the emulator's origin plus the service's
 * prefix. A record so that more services can join without changing callers.
 *
 * @example
 * new OneRosterClient({ baseUrl: emulator.services.oneroster, auth: { ...emulator.credentials, authUrl: emulator.tokenUrl } })
 */
export interface EmulatorServices {
  /** OneRoster base URL; clients append `/ims/oneroster/...`. */
  readonly oneroster: string
  /** Caliper base URL (the emulated Caliper host, `${origin}/caliper-host`) for `CaliperClient`. */
  readonly caliper: string
  /** Webhooks base URL (the emulated Caliper host, `${origin}/caliper-host`) for `WebhooksClient`. */
  readonly webhooks: string
  /** MasteryTrack base URL (`${origin}/masterytrack`): the API-key → JWT exchange is `POST /authorizer` under it. */
  readonly masterytrack: string
  /** PowerPath base URL (the origin): clients append `/powerpath/...`. */
  readonly powerpath: string
  /** EduBridge base URL (the origin): clients append `/edubridge/...`; goals live at `/goals/...`. */
  readonly edubridge: string
  /** QTI base URL (the emulated QTI host, `${origin}/qti-host`): clients append `/assessment-items`…. */
  readonly qti: string
  /** CASE base URL (the origin): clients append `/ims/case/v1p1/...`. */
  readonly case: string
  /** CLR base URL (the origin): clients append `/ims/clr/v2p0/...`. */
  readonly clr: string
  /** Open Badges base URL (the origin): clients append `/ims/ob/v3p0/...`. */
  readonly openbadges: string
  /** The emulated OIDC identity provider's issuer (`${origin}/oidc-host`): discovery at `/.well-known/openid-configuration`. */
  readonly oidc: string
  readonly [service: string]: string
}

/**
 * One request as the emulator received it.
 *
 * @example
 * const last: RecordedRequest = emulator.requests[emulator.requests.length - 1]
 * last.headers.authorization // 'Bearer …'
 */
export interface RecordedRequest {
  readonly method: string
  /** The full URL as received. */
  readonly url: string
  /** The raw pathname, still percent-encoded. */
  readonly path: string
  /** Request headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>
  /** Status answered; 0 while pending or when the request was dropped or aborted. */
  status: number
}

/**
 * A failure to inject on matching requests. See `emulator.faults.add`.
 *
 * @example
 * emulator.faults.add({ path: '/users', status: 503, retryAfter: 1, times: 2 })
 */
export interface FaultRule {
  /** HTTP method to match (any when absent). */
  method?: string
  /** Substring of, or pattern for, the URL pathname (any when absent). */
  path?: string | RegExp
  /** How many matching requests it affects. Default 1; `Infinity` allowed. */
  times?: number
  /** Answer with this status and the service's error body (imsx unless the service has its own). */
  status?: number
  /** `Retry-After` header value (seconds or an HTTP date). */
  retryAfter?: number | string
  /** Wait this long first; aborting the request's signal rejects with the signal's reason. */
  delayMs?: number
  /** Reject like a dropped connection: `TypeError('fetch failed')`. */
  drop?: boolean
  /** `'html'`: an HTML page; `'truncated'`: the real answer cut in half; any other string: that raw body. */
  body?: 'html' | 'truncated' | (string & {})
  /** Also match token-endpoint and API-key exchange requests. Default false. */
  includeToken?: boolean
}

/**
 * Handle of an added fault.
 *
 * @example
 * const fault = emulator.faults.add({ status: 500 })
 * fault.hits // 0 until a request matches
 * fault.remove()
 */
export interface FaultHandle {
  /** Stop matching. */
  remove(): void
  /** Number of requests this fault has affected. */
  readonly hits: number
}

/**
 * Failure injection and live-quirk switches. `add`, `revokeTokens`, `clockSkew` and `clear` are the kernel's;
 * the quirk switches come from the service that honours them (OneRoster: `shortPages`, `sourcedIdPairsAsArray`).
 *
 * @example
 * emulator.faults.revokeTokens()
 * emulator.faults.shortPages()
 */
export interface EmulatorFaults {
  add(rule: FaultRule): FaultHandle
  /** Every token issued so far (OAuth tokens and API-key JWTs) answers 401 from now on. */
  revokeTokens(): void
  /** Run the emulator's clock `seconds` ahead (tokens expire earlier). Replaces any earlier skew. */
  clockSkew(seconds: number): void
  /** OneRoster live quirk: soft-deleted records count in `totalCount` and take page slots but are left out of pages. */
  shortPages(on?: boolean): void
  /** OneRoster live quirk: creates answer `{ sourcedIdPairs: [ { … } ] }`. */
  sourcedIdPairsAsArray(on?: boolean): void
  /** EduBridge: serve the goals reset under this name only (the other route 404s); no name: both (the default). */
  edubridgeOnlyGoalsRoute(name?: GoalsRouteName): void
  /** Remove every fault rule, the clock skew and the quirks (revoked tokens stay revoked). */
  clear(): void
}

/**
 * A `fetch`-compatible function: `(input, init?) => Promise<Response>`.
 *
 * @example
 * const f: FetchLike = emulator.fetch
 * await f('/ims/oneroster/rostering/v1p2/users/', { headers: { authorization: `Bearer ${token}` } })
 */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>

/**
 * An in-memory Timeback. Create one with {@link createEmulator}.
 *
 * @example
 * const emulator = createEmulator()
 * const res = await emulator.fetch(emulator.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: emulator.credentials.clientId, client_secret: emulator.credentials.clientSecret }) })
 */
export interface Emulator {
  /** Serves the token endpoint, the API-key exchange and every mounted service's routes. Bind-free. */
  readonly fetch: FetchLike
  readonly origin: string
  readonly services: EmulatorServices
  /** The OAuth2 client-credentials token endpoint. */
  readonly tokenUrl: string
  /** The OAuth pair; `credentials.masterytrack` (not enumerable) is MasteryTrack's `{ apiKey, email }`. */
  readonly credentials: EmulatorCredentialSet
  /** What the API-key → JWT exchange accepts (MasteryTrack). */
  readonly apiKeyCredentials: EmulatorApiKeyCredentials
  /** The OneRoster store. */
  readonly state: EmulatorState
  /** Requests received, newest last: the last 10,000 (`maxRecordedRequests`). Control routes (`/__emulator/…`) are not logged. */
  readonly requests: readonly RecordedRequest[]
  clearRequests(): void
  readonly faults: EmulatorFaults
  /** Every webhook delivery so far, oldest first (entries update in place while attempts run). */
  readonly deliveries: readonly WebhookDelivery[]
  /** `await emulator.webhooks.idle()` waits until every delivery started so far has finished; `deliveries` as above. */
  readonly webhooks: EmulatorWebhooks
  /** The emulated Caliper host: stored events and switches such as `failNextJob()`. */
  readonly caliper: CaliperControls
  /** The emulated MasteryTrack's assignments, and `setStatus` to move one as its student would. */
  readonly masterytrack: MasteryTrackControls
  /** The emulated EduBridge: facts received, progression jobs enqueued, and `setMapProfile` for MAP reports. */
  readonly edubridge: EduBridgeControls
  /** The emulated PowerPath: `addLesson`, attempts and test assignments, and stand-ins for external tools (sheets, write-backs, MAP). */
  readonly powerpath: PowerPathControls
  /** The emulated QTI: stored items, stimuli and tests as the service would answer them, feedback, the seed's ids. */
  readonly qti: QtiControls
  /** The emulated CLR: the credentials it stored (each signed with the platform key). */
  readonly clr: ClrControls
  /** The emulated Open Badges: its JWKS URL, `signJwt` for VC-JWTs by the platform key, issued badges, achievements. */
  readonly openbadges: OpenBadgesControls
  /** The OIDC provider's issuer, client and id_token tampering switches. */
  readonly oidc: OidcControls
  /**
   * Request and token counters since creation, `reset()` or `DELETE /__emulator/stats`; the same JSON that
   * `GET /__emulator/stats` answers (for tests in another process).
   */
  stats(): EmulatorStats
  /** Back to the seed state; clears faults, tokens (OAuth and API-key JWTs), the request log and the counters. */
  reset(): void
}

/**
 * Webhook delivery control of an emulator.
 *
 * @example
 * await caliper.events.sendActivity(sensor, input)
 * await emulator.webhooks.idle()
 * emulator.deliveries.length // 1
 */
export interface EmulatorWebhooks {
  /** Resolves once every delivery started so far (and any started meanwhile) has finished. */
  idle(): Promise<void>
  /** The same array as `emulator.deliveries`. */
  readonly deliveries: readonly WebhookDelivery[]
}
