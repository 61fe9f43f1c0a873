// Public types of `@timeback/sdk/testing` (re-exported by ./index.ts).
import type { DeliverFunction, DeliveryTargets, WebhookDelivery } from './webhooks/state.js'
import type { CaliperControls } from './caliper/state.js'
import type { EmulatorStats } from './stats.js'

export type { DeliverFunction, DeliveryTargets, EmulatorStats, WebhookDelivery }

/**
 * A stored record. Every record has a `sourcedId`; the rest is the OneRoster shape as written.
 *
 * @example
 * const user: Entity = { sourcedId: 'u1', status: 'active', givenName: 'Ada' }
 */
export interface Entity {
  sourcedId: string
  status?: string
  dateLastModified?: string
  [field: string]: unknown
}

/**
 * Store collection names. They are the OneRoster resource names; schools, terms, grading periods,
 * students and teachers live inside `orgs`, `academicSessions` and `users`.
 *
 * @example
 * const name: CollectionName = 'academicSessions'
 */
export type CollectionName =
  | 'users'
  | 'orgs'
  | 'classes'
  | 'courses'
  | 'enrollments'
  | 'academicSessions'
  | 'demographics'
  | 'lineItems'
  | 'results'
  | 'categories'
  | 'scoreScales'
  | 'assessmentLineItems'
  | 'assessmentResults'
  | 'resources'
  | 'courseComponents'
  | 'componentResources'

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
  /** Tokens remembered at most; past it the oldest are forgotten and answer 401. Default 10,000. */
  maxTokens?: number
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
 * Base URLs of the emulated services, keyed by service name. A record so that more services
 * (Caliper at `${origin}/caliper`, …) can join without changing callers.
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
  readonly [service: string]: string
}

/**
 * The in-memory store behind the emulator. Returned records are the stored objects: read them, but
 * write through `insert` (records are replaced, never mutated in place by the emulator).
 *
 * @example
 * emulator.state.insert('users', { sourcedId: 'u1', givenName: 'Ada', familyName: 'Lovelace', roles: [] })
 * emulator.state.get('users', 'u1')?.givenName // 'Ada'
 */
export interface EmulatorState {
  /** Insert or replace one record (a missing `sourcedId` gets a UUID; `status` defaults to `active`). */
  insert(collection: CollectionName, entity: Partial<Entity> & Record<string, unknown>): Entity
  /** Insert or replace many records. */
  insertMany(collection: CollectionName, entities: Iterable<Partial<Entity> & Record<string, unknown>>): Entity[]
  get(collection: CollectionName, id: string): Entity | undefined
  has(collection: CollectionName, id: string): boolean
  /** All records of a collection in insertion order (the live array: do not modify it). */
  list(collection: CollectionName): readonly Entity[]
  count(collection: CollectionName): number
  /** Hard-delete one record (the HTTP API only soft-deletes). */
  remove(collection: CollectionName, id: string): boolean
  /** Empty every collection (the seed is not reloaded; `emulator.reset()` does that). */
  clear(): void
  /** Insert `n` valid users fast (for load tests); returns their ids. */
  seedUsers(n: number, options?: SeedUsersOptions): string[]
}

/**
 * Options of `state.seedUsers`.
 *
 * @example
 * emulator.state.seedUsers(100_000, { role: 'teacher', org: 'seed-school-2' })
 */
export interface SeedUsersOptions {
  /** OneRoster role of every user. Default `student`. */
  role?: string
  /** sourcedId of the org in the users' role. Default `seed-school-1`. */
  org?: string
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
  /** Answer with this status and an imsx error body. */
  status?: number
  /** `Retry-After` header value (seconds or an HTTP date). */
  retryAfter?: number | string
  /** Wait this long first; aborting the request's signal rejects with the signal's reason. */
  delayMs?: number
  /** Reject like a dropped connection: `TypeError('fetch failed')`. */
  drop?: boolean
  /** `'html'`: an HTML page; `'truncated'`: the real answer cut in half; any other string: that raw body. */
  body?: 'html' | 'truncated' | (string & {})
  /** Also match token-endpoint requests. Default false. */
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
 * Failure injection and live-quirk switches.
 *
 * @example
 * emulator.faults.revokeTokens()
 * emulator.faults.shortPages()
 */
export interface EmulatorFaults {
  add(rule: FaultRule): FaultHandle
  /** Every token issued so far answers 401 from now on. */
  revokeTokens(): void
  /** Run the emulator's clock `seconds` ahead (tokens expire earlier). Replaces any earlier skew. */
  clockSkew(seconds: number): void
  /** Live quirk: soft-deleted records count in `totalCount` and take page slots but are left out of pages. */
  shortPages(on?: boolean): void
  /** Live quirk: creates answer `{ sourcedIdPairs: [ { … } ] }`. */
  sourcedIdPairsAsArray(on?: boolean): void
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
  /** Serves the token endpoint and every OneRoster route. Bind-free. */
  readonly fetch: FetchLike
  readonly origin: string
  readonly services: EmulatorServices
  readonly tokenUrl: string
  readonly credentials: EmulatorCredentials
  readonly state: EmulatorState
  /** Requests received, newest last: the last 10,000 (`maxRecordedRequests`). Control routes (`/__emulator/…`) are not logged. */
  readonly requests: readonly RecordedRequest[]
  clearRequests(): void
  readonly faults: EmulatorFaults
  /** Every webhook delivery so far, oldest first (entries update in place while attempts run). */
  readonly deliveries: readonly WebhookDelivery[]
  /** `await emulator.webhooks.idle()` waits until every delivery started so far has finished. */
  readonly webhooks: EmulatorWebhooks
  /** The emulated Caliper host: stored events and switches such as `failNextJob()`. */
  readonly caliper: CaliperControls
  /**
   * Request and token counters since creation, `reset()` or `DELETE /__emulator/stats`; the same JSON that
   * `GET /__emulator/stats` answers (for tests in another process).
   */
  stats(): EmulatorStats
  /** Back to the seed state; clears faults, tokens, the request log and the counters. */
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
}
