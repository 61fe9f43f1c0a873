// Assembles one emulator from the kernel (clock, counters, token authorities, faults, request log, pipeline) and
// the service modules, which it mounts in a loop: this file names no service.
import { ApiKeyAuthority } from './auth/api-key.js'
import { TokenAuthority } from './auth/oauth.js'
import type { EmulatorEnv } from './context.js'
import { createDispatcher, type TokenEndpoint } from './dispatch.js'
import { FaultRegistry } from './faults.js'
import { createHub } from './hub.js'
import { defaultError, mountServices } from './mount.js'
import { createFetch, type PathInfo } from './pipeline.js'
import { BUILT_IN_SERVICES } from './services.js'
import { RequestStats } from './stats.js'
import type { Emulator, EmulatorApiKeyCredentials, EmulatorFaults, EmulatorOptions, FaultRule, RecordedRequest } from './types.js'
import { randomUUID } from './uuid.js'

export const DEFAULT_ORIGIN = 'http://localhost:4010'
export const DEFAULT_CREDENTIALS = { clientId: 'emulator-client', clientSecret: 'emulator-secret' } as const
export const DEFAULT_API_KEY_CREDENTIALS = { apiKey: 'emulator-api-key', email: 'api-user@emulator.test' } as const
export const TOKEN_PATH = '/auth/oauth2/token'
/** Requests `emulator.requests` keeps by default (the newest; older ones are dropped). */
export const MAX_RECORDED_REQUESTS = 10_000

// Properties of the emulator object and methods of `faults` that belong to the kernel: modules may not take them.
const KERNEL_KEYS = new Set(['fetch', 'origin', 'services', 'tokenUrl', 'credentials', 'apiKeyCredentials', 'requests', 'clearRequests', 'faults', 'stats', 'reset'])
const KERNEL_FAULTS = new Set(['add', 'revokeTokens', 'clockSkew', 'clear'])

/** An optional positive integer option; a RangeError naming it otherwise. */
function positive(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`createEmulator: ${name} must be an integer >= 1, got ${String(value)}.`)
  return value
}

function apiKeyCredentialsOf(given: EmulatorApiKeyCredentials | undefined): EmulatorApiKeyCredentials {
  if (given === undefined) return Object.freeze({ ...DEFAULT_API_KEY_CREDENTIALS })
  for (const field of ['apiKey', 'email'] as const) {
    const value = (given as Partial<EmulatorApiKeyCredentials> | null)?.[field]
    if (typeof value !== 'string' || value.trim() === '') {
      throw new TypeError(`createEmulator: apiKeyCredentials.${field} must be a non-empty string (or leave apiKeyCredentials out for the defaults).`)
    }
  }
  return Object.freeze({ apiKey: given.apiKey, email: given.email })
}

export function buildEmulator(options: EmulatorOptions): Emulator {
  const origin = new URL(options.origin ?? DEFAULT_ORIGIN).origin // throws early on a malformed origin
  const apiKeyCredentials = apiKeyCredentialsOf(options.apiKeyCredentials)
  // Users spread `credentials` into an OAuth client's `auth`: MasteryTrack's pair rides along unenumerated, so that
  // `{ ...emulator.credentials }` stays `{ clientId, clientSecret }`.
  const credentials = Object.freeze(Object.defineProperty({ ...(options.credentials ?? DEFAULT_CREDENTIALS) }, 'masterytrack', { value: apiKeyCredentials, enumerable: false }))
  const now = options.now ?? (() => Date.now())
  const seed = options.seed ?? true
  let skewMs = 0
  const clock = (): number => now() + skewMs
  const nowIso = (): string => new Date(clock()).toISOString()
  const maxTokens = positive(options.maxTokens, 'maxTokens')

  const stats = new RequestStats(nowIso)
  const oauth: TokenAuthority = new TokenAuthority(credentials, options.tokenTtlSeconds ?? 3600, clock, { onIssued: () => oauthCounts.issued++, max: maxTokens })
  const apiKeys: ApiKeyAuthority = new ApiKeyAuthority(apiKeyCredentials, clock, { onIssued: () => apiKeyCounts.issued++, max: maxTokens })
  const oauthCounts = stats.section('tokens', ['requests', 'issued'], { live: () => oauth.live })
  const apiKeyCounts = stats.section('apiKeyTokens', ['requests', 'issued'], { live: () => apiKeys.live })
  const hub = createHub()
  const provided = new Map<string, unknown>()
  const env: EmulatorEnv = {
    origin, clock, nowIso, newId: randomUUID,
    counters: (section, names) => stats.section(section, names),
    publish: hub.publish, subscribe: hub.subscribe,
    provide: (name, value) => {
      if (provided.has(name)) throw new Error(`createEmulator: two service modules provide '${name}'.`)
      provided.set(name, value)
    },
    lookup: <T>(name: string) => provided.get(name) as T | undefined,
  }
  const mount = mountServices(options.services ?? BUILT_IN_SERVICES, env, options, KERNEL_KEYS, KERNEL_FAULTS)

  const registry = new FaultRegistry()
  const faults = {
    add: (rule: FaultRule) => registry.add(rule),
    revokeTokens: () => {
      oauth.revokeAll()
      apiKeys.revokeAll()
    },
    clockSkew: (seconds: number) => { skewMs = seconds * 1000 },
    clear: () => {
      registry.clear()
      skewMs = 0
      for (const { service } of mount.services) service.clearFaults?.()
    },
    ...mount.faults,
  } as unknown as EmulatorFaults // the quirk switches come from the modules (OneRoster's shortPages, …)

  const requests: RecordedRequest[] = []
  const maxRecorded = positive(options.maxRecordedRequests, 'maxRecordedRequests') ?? MAX_RECORDED_REQUESTS
  const record = (entry: RecordedRequest): void => {
    requests.push(entry)
    // Only the newest entries are kept; shift() of one entry from a 10,000-entry array costs microseconds.
    if (requests.length > maxRecorded) requests.shift()
  }

  const admit = (path: string): PathInfo<TokenEndpoint> => {
    if ((path.endsWith('/') ? path.slice(0, -1) : path) === TOKEN_PATH) {
      oauthCounts.requests++
      return { counted: 'auth', error: defaultError, endpoint: { kind: 'oauth' } }
    }
    const exchange = mount.exchangeAt(path)
    if (exchange) {
      apiKeyCounts.requests++
      return { counted: 'auth', error: exchange.error, endpoint: { kind: 'api-key', owner: exchange } }
    }
    const owner = mount.ownerOf(path)
    return { counted: owner?.name ?? 'other', error: owner?.error ?? defaultError, endpoint: undefined }
  }

  const seedAll = (): void => {
    if (seed) for (const { service } of mount.services) service.seed?.()
  }
  seedAll()

  const emulator = {
    fetch: createFetch({ origin, stats, faults: registry, record, admit, dispatch: createDispatcher({ mount, oauth, apiKeys }) }),
    origin,
    services: Object.freeze(Object.fromEntries(mount.services.map((s) => [s.name, s.baseUrl]))),
    tokenUrl: `${origin}${TOKEN_PATH}`,
    credentials,
    apiKeyCredentials,
    requests,
    clearRequests: () => { requests.length = 0 },
    faults,
    stats: () => stats.snapshot(),
    reset: () => {
      for (const { service } of mount.services) service.reset()
      seedAll()
      faults.clear()
      oauth.clear()
      apiKeys.clear()
      requests.length = 0
      stats.clear()
    },
    ...mount.controls,
  }
  return emulator as unknown as Emulator // `state`, `caliper`, `webhooks`, `deliveries` come from the modules
}
