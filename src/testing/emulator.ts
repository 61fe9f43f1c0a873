// Assembles one emulator: store, token authority, faults, router, and the fetch pipeline around them.
import { TokenAuthority } from './auth.js'
import type { Ctx, Env } from './context.js'
import { attachCaliper, caliperRoutes } from './caliper/index.js'
import { abortableDelay, FaultRegistry, HTML_PAGE, truncate } from './faults.js'
import { headersObject, imsx, ImsxError } from './http.js'
import { parseJsonBody } from './json-body.js'
import { onerosterRoutes } from './oneroster/index.js'
import { prepareRecord } from './oneroster/normalize.js'
import { createRouter } from './router.js'
import { loadSeed, SEED_DATE } from './seed.js'
import { RequestStats, STATS_PATH } from './stats.js'
import { Store } from './store.js'
import type { Emulator, EmulatorOptions, Entity, FaultRule, FetchLike, RecordedRequest } from './types.js'
import { attachWebhooks, CALIPER_HOST, webhookRoutes } from './webhooks/index.js'

export const DEFAULT_ORIGIN = 'http://localhost:4010'
export const DEFAULT_CREDENTIALS = { clientId: 'emulator-client', clientSecret: 'emulator-secret' } as const
export const TOKEN_PATH = '/auth/oauth2/token'
/** Requests `emulator.requests` keeps by default (the newest; older ones are dropped). */
export const MAX_RECORDED_REQUESTS = 10_000

const isRequest = (v: unknown): v is Request =>
  typeof v === 'object' && v !== null && !(v instanceof URL) && typeof (v as Request).url === 'string' && typeof (v as Request).method === 'string'

/** Accept what `fetch` accepts; a path-only string is resolved against the emulator's origin. */
function toRequest(input: Request | string | URL, init: RequestInit | undefined, origin: string): Request {
  if (isRequest(input) && init === undefined) return input
  const target = typeof input === 'string' && input.startsWith('/') ? origin + input : input
  return new Request(target, init)
}

/** Add headers; a Response with immutable headers (e.g. from Response.redirect) is rebuilt instead. */
function withHeaders(response: Response, extra: Record<string, string>): Response {
  const entries = Object.entries(extra)
  if (entries.length === 0) return response
  try {
    for (const [name, value] of entries) response.headers.set(name, value)
    return response
  } catch {
    const headers = new Headers(response.headers)
    for (const [name, value] of entries) headers.set(name, value)
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
  }
}

function faultResponse(rule: FaultRule): Response | undefined {
  if (rule.body === 'html') return new Response(HTML_PAGE, { status: rule.status ?? 200, headers: { 'content-type': 'text/html; charset=utf-8' } })
  if (rule.body !== undefined && rule.body !== 'truncated') {
    return new Response(rule.body, { status: rule.status ?? 200, headers: { 'content-type': 'application/json' } })
  }
  if (rule.status !== undefined) return imsx(rule.status, `Injected fault: HTTP ${rule.status}.`)
  return undefined
}

/** An optional positive integer option; a RangeError naming it otherwise. */
function positive(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`createEmulator: ${name} must be an integer >= 1, got ${String(value)}.`)
  return value
}

export function buildEmulator(options: EmulatorOptions): Emulator {
  const origin = new URL(options.origin ?? DEFAULT_ORIGIN).origin // throws early on a malformed origin
  const credentials = Object.freeze({ ...(options.credentials ?? DEFAULT_CREDENTIALS) })
  const now = options.now ?? (() => Date.now())
  const seed = options.seed ?? true
  let skewMs = 0
  const clock = (): number => now() + skewMs
  const nowIso = (): string => new Date(clock()).toISOString()
  const newId = (): string => crypto.randomUUID()
  const quirks = { shortPages: false, pairsAsArray: false }

  // Bulk users share their (frozen) roles and empty arrays: nothing edits a stored record in place,
  // and sharing keeps 100,000 users to one small object each.
  const bulkRoles = new Map<string, readonly unknown[]>()
  const none: readonly unknown[] = Object.freeze([])
  const store: Store = new Store({
    prepare: (collection, e) => prepareRecord(env, collection, e),
    newId,
    nowIso,
    // Built ready-to-store (no normalisation pass) so 100,000 users take milliseconds, not seconds.
    bulkUser: (id, n, role, org): Entity => {
      const key = `${role}\u0000${org}`
      let roles = bulkRoles.get(key)
      if (!roles) {
        const orgRef = { href: `${origin}/ims/oneroster/rostering/v1p2/orgs/${encodeURIComponent(org)}`, sourcedId: org, type: 'org' }
        roles = Object.freeze([Object.freeze({ roleType: 'primary', role, org: Object.freeze(orgRef) })])
        bulkRoles.set(key, roles)
      }
      return {
        sourcedId: id, status: 'active', dateLastModified: SEED_DATE, enabledUser: 'true',
        givenName: role.charAt(0).toUpperCase() + role.slice(1), familyName: `Bulk ${n}`, email: `${id}@bulk.example`, username: id,
        roles, agents: none, userProfiles: none,
      }
    },
  })
  const env: Env = { store, origin, clock, nowIso, newId, quirks, jsonCache: new WeakMap() }
  const tokens: TokenAuthority = new TokenAuthority(credentials, options.tokenTtlSeconds ?? 3600, clock, {
    onIssued: () => stats.tokenIssued(),
    max: positive(options.maxTokens, 'maxTokens'),
  })
  const stats = new RequestStats(nowIso, () => tokens.live)
  const faults = new FaultRegistry({ revokeTokens: () => tokens.revokeAll(), setSkewMs: (ms) => { skewMs = ms }, quirks })
  const webhooks = attachWebhooks(env, { deliver: options.deliver, targets: options.deliveryTargets, settled: (state) => stats.delivery(state) })
  const caliper = attachCaliper(env)
  const match = createRouter([...onerosterRoutes(), ...caliperRoutes(), ...webhookRoutes()])
  const requests: RecordedRequest[] = []
  const maxRecorded = positive(options.maxRecordedRequests, 'maxRecordedRequests') ?? MAX_RECORDED_REQUESTS
  const record = (entry: RecordedRequest): void => {
    requests.push(entry)
    // Only the newest entries are kept; shift() of one entry from a 10,000-entry array costs microseconds.
    if (requests.length > maxRecorded) requests.shift()
  }
  if (seed) loadSeed(store)

  async function handle(request: Request, url: URL, isToken: boolean): Promise<Response> {
    if (isToken) return tokens.issue(request)
    try {
      const m = match(request.method, url.pathname)
      if (m.kind === 'none') return imsx(404, `Unknown route: ${request.method} ${url.pathname}`)
      if (m.kind === 'method') {
        return imsx(405, `Method ${request.method} is not allowed on ${url.pathname}.`, { allow: m.allow.join(', ') })
      }
      const denied = tokens.check(request)
      if (denied) return denied
      let body: Promise<unknown> | undefined
      const ctx: Ctx = {
        env, request, method: request.method, params: m.params, query: url.searchParams,
        body: () => (body ??= request.text().then(parseJsonBody)),
      }
      return await m.route.handle(ctx)
    } catch (err) {
      if (err instanceof ImsxError) return imsx(err.status, err.message, err.headers)
      return imsx(500, `Internal emulator error: ${err instanceof Error ? err.message : String(err)}`)
    }
  }

  const fetch: FetchLike = async (input, init) => {
    const request = toRequest(input, init, origin)
    // The caller's own signal carries the reason they aborted with; Request wraps it in a follower.
    const signal = init?.signal ?? (isRequest(input) ? input.signal : undefined) ?? request.signal
    if (signal?.aborted) throw signal.reason
    const url = new URL(request.url)
    if (url.pathname === STATS_PATH) return stats.handle(request.method)
    const entry: RecordedRequest = { method: request.method, url: request.url, path: url.pathname, headers: headersObject(request.headers), status: 0 }
    record(entry)
    const isToken = (url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname) === TOKEN_PATH
    stats.request(url.pathname, isToken)
    try {
      const response = await answer(request, url, isToken, signal)
      entry.status = response.status
      return response
    } finally {
      stats.answered(entry.status)
    }
  }

  /** Faults first, then the real answer, then the echo headers; HEAD answers lose their body. */
  async function answer(request: Request, url: URL, isToken: boolean, signal: AbortSignal | null | undefined): Promise<Response> {
    const fault = faults.take(request.method, url.pathname, isToken)
    if (fault?.delayMs) await abortableDelay(fault.delayMs, signal ?? undefined)
    if (fault?.drop) throw new TypeError('fetch failed', { cause: new Error('timeback-emulator: connection dropped by an injected fault') })
    let response = (fault && faultResponse(fault)) ?? (await handle(request, url, isToken))
    if (fault?.body === 'truncated') response = await truncate(response)
    const extra: Record<string, string> = {}
    if (fault?.retryAfter !== undefined) extra['retry-after'] = String(fault.retryAfter)
    const requestId = request.headers.get('x-request-id')
    if (requestId !== null) extra['x-request-id'] = requestId
    response = withHeaders(response, extra)
    if (request.method === 'HEAD') return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers })
    return response
  }

  return {
    fetch,
    origin,
    services: Object.freeze({ oneroster: origin, caliper: `${origin}${CALIPER_HOST}`, webhooks: `${origin}${CALIPER_HOST}` }),
    tokenUrl: `${origin}${TOKEN_PATH}`,
    credentials,
    state: store,
    requests,
    clearRequests: () => { requests.length = 0 },
    faults,
    deliveries: webhooks.deliveries,
    webhooks: { idle: webhooks.idle },
    caliper,
    stats: () => stats.snapshot(),
    reset: () => {
      store.clear()
      if (seed) loadSeed(store)
      faults.clear()
      tokens.clear()
      requests.length = 0
      stats.clear()
      webhooks.clear()
      caliper.clear()
    },
  }
}
