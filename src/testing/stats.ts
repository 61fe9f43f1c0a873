// Request counters of one emulator, readable in-process (`emulator.stats()`) and from other processes over HTTP
// (`GET /__emulator/stats`), e.g. a Worker test counting how many token requests its isolates made. Counters,
// unlike the request log, are never trimmed, so they stay exact however long the emulator runs.
import { json } from './http.js'
import { CALIPER_HOST } from './webhooks/state.js'

/** Control route: GET reads the counters, DELETE zeroes them. Not logged, not counted, no token needed. */
export const STATS_PATH = '/__emulator/stats'
/** Distinct paths counted one by one in `byPath`; requests to further paths are counted in total only. */
export const MAX_COUNTED_PATHS = 1000

/**
 * A snapshot of the request counters (`emulator.stats()`, or the JSON of `GET /__emulator/stats`).
 *
 * @example
 * const stats: EmulatorStats = await (await fetch(`${url}/__emulator/stats`)).json()
 * stats.tokens.issued // tokens handed out since start, reset() or DELETE /__emulator/stats
 */
export interface EmulatorStats {
  /** When counting started: creation, `reset()` or `DELETE /__emulator/stats` (ISO 8601, emulator clock). */
  readonly since: string
  readonly requests: {
    /** Every request received, token requests included (control routes excluded). */
    readonly total: number
    /** Per service: `auth` (the token endpoint), `oneroster`, `caliper`, `webhooks`, `other` (unknown paths). */
    readonly byService: Readonly<Record<string, number>>
    /** Per raw pathname (no query), for the first 1000 distinct paths. */
    readonly byPath: Readonly<Record<string, number>>
    /** Per answered status; `0` counts dropped or aborted requests. */
    readonly byStatus: Readonly<Record<string, number>>
  }
  /** Webhook deliveries by final state (a delivery still running is not counted yet). */
  readonly webhooks: { readonly delivered: number; readonly failed: number; readonly refused: number }
  readonly tokens: {
    /** Requests to the token endpoint, whatever their outcome. */
    readonly requests: number
    /** Access tokens issued (200 answers of the token endpoint). */
    readonly issued: number
    /** Tokens currently valid (issued, not expired, not revoked). */
    readonly live: number
  }
}

function serviceOf(path: string, isToken: boolean): string {
  if (isToken) return 'auth'
  if (path.startsWith('/ims/oneroster/')) return 'oneroster'
  if (path.startsWith(`${CALIPER_HOST}/webhook`)) return 'webhooks'
  if (path.startsWith(`${CALIPER_HOST}/`)) return 'caliper'
  return 'other'
}

const bump = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1
}

export class RequestStats {
  #since: string
  #total = 0
  #tokenRequests = 0
  #issued = 0
  // Null-prototype records: a path such as `/__proto__` is an ordinary key.
  #byService: Record<string, number> = Object.create(null)
  #byPath: Record<string, number> = Object.create(null)
  #paths = 0
  #byStatus: Record<string, number> = Object.create(null)
  #webhooks = { delivered: 0, failed: 0, refused: 0 }
  readonly #nowIso: () => string
  readonly #liveTokens: () => number

  constructor(nowIso: () => string, liveTokens: () => number) {
    this.#nowIso = nowIso
    this.#liveTokens = liveTokens
    this.#since = nowIso()
  }

  /** Count one incoming request (before faults or routing decide its answer). */
  request(path: string, isToken: boolean): void {
    this.#total++
    if (isToken) this.#tokenRequests++
    bump(this.#byService, serviceOf(path, isToken))
    if (this.#byPath[path] !== undefined) this.#byPath[path]++
    else if (this.#paths < MAX_COUNTED_PATHS) {
      this.#byPath[path] = 1
      this.#paths++
    }
  }

  /** Count one answer by status (0: dropped or aborted). */
  answered(status: number): void {
    bump(this.#byStatus, String(status))
  }

  tokenIssued(): void {
    this.#issued++
  }

  delivery(state: 'delivered' | 'failed' | 'refused'): void {
    this.#webhooks[state]++
  }

  snapshot(): EmulatorStats {
    return {
      since: this.#since,
      requests: { total: this.#total, byService: { ...this.#byService }, byPath: { ...this.#byPath }, byStatus: { ...this.#byStatus } },
      webhooks: { ...this.#webhooks },
      tokens: { requests: this.#tokenRequests, issued: this.#issued, live: this.#liveTokens() },
    }
  }

  clear(): void {
    this.#since = this.#nowIso()
    this.#total = this.#tokenRequests = this.#issued = this.#paths = 0
    this.#byService = Object.create(null)
    this.#byPath = Object.create(null)
    this.#byStatus = Object.create(null)
    this.#webhooks = { delivered: 0, failed: 0, refused: 0 }
  }

  /** `GET` (read) or `DELETE` (zero) of {@link STATS_PATH}. */
  handle(method: string): Response {
    if (method === 'GET' || method === 'HEAD') return json(this.snapshot(), 200, { 'cache-control': 'no-store' })
    if (method === 'DELETE') {
      this.clear()
      return new Response(null, { status: 204 })
    }
    return json({ error: `Method ${method} is not allowed on ${STATS_PATH} (GET reads, DELETE zeroes).` }, 405, { allow: 'GET, HEAD, DELETE' })
  }
}
