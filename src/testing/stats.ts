// Request counters of one emulator, readable in-process (`emulator.stats()`) and from other processes over HTTP
// (`GET /__emulator/stats`), e.g. a Worker test counting how many token requests its isolates made. Counters,
// unlike the request log, are never trimmed, so they stay exact however long the emulator runs. The kernel counts
// requests; the token counters and each service's own counters (Webhooks' deliveries) are sections registered by
// whoever owns them, so this file names no service.
import { json } from './http.js'

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
    /**
     * Per service: `auth` (the token endpoint and the API-key exchange), each mounted service by name (`oneroster`,
     * `caliper`, `webhooks`, `masterytrack`, …, by the paths it answers), `other` (paths no service answers).
     */
    readonly byService: Readonly<Record<string, number>>
    /** Per raw pathname (no query), for the first 1000 distinct paths. */
    readonly byPath: Readonly<Record<string, number>>
    /** Per answered status; `0` counts dropped or aborted requests. */
    readonly byStatus: Readonly<Record<string, number>>
  }
  /** Webhook deliveries by final state (a delivery still running is not counted yet). Absent without the Webhooks module. */
  readonly webhooks: { readonly delivered: number; readonly failed: number; readonly refused: number }
  /** The OAuth2 token endpoint. */
  readonly tokens: TokenCounters
  /** The API-key → JWT exchange (MasteryTrack's auth). */
  readonly apiKeyTokens: TokenCounters
}

/**
 * Counters of one token-issuing endpoint.
 *
 * @example
 * const { requests, issued, live }: TokenCounters = emulator.stats().apiKeyTokens
 */
export interface TokenCounters {
  /** Requests to the endpoint, whatever their outcome. */
  readonly requests: number
  /** Tokens issued (200 answers). */
  readonly issued: number
  /** Tokens currently valid (issued, not expired, not revoked). */
  readonly live: number
}

const bump = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1
}

interface Section {
  readonly counters: Record<string, number>
  readonly gauges: Readonly<Record<string, () => number>>
}

export class RequestStats {
  #since: string
  #total = 0
  // Null-prototype records: a path such as `/__proto__` is an ordinary key.
  #byService: Record<string, number> = Object.create(null)
  #byPath: Record<string, number> = Object.create(null)
  #paths = 0
  #byStatus: Record<string, number> = Object.create(null)
  readonly #sections = new Map<string, Section>()
  readonly #nowIso: () => string

  constructor(nowIso: () => string) {
    this.#nowIso = nowIso
    this.#since = nowIso()
  }

  /**
   * Counters shown as `snapshot()[name]` (`{ ...counters, ...gauges() }`). The returned object is the live one:
   * bump its fields; `clear()` zeroes them in place. Gauges are read at snapshot time and never cleared.
   */
  section<K extends string>(name: string, names: readonly K[], gauges: Readonly<Record<string, () => number>> = {}): Record<K, number> {
    if (name === 'since' || name === 'requests' || this.#sections.has(name)) throw new TypeError(`createEmulator: stats section '${name}' is taken.`)
    const counters = Object.fromEntries(names.map((n) => [n, 0])) as Record<K, number>
    this.#sections.set(name, { counters, gauges })
    return counters
  }

  /** Count one incoming request (before faults or routing decide its answer). */
  request(path: string, service: string): void {
    this.#total++
    bump(this.#byService, service)
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

  snapshot(): EmulatorStats {
    const sections: Record<string, Record<string, number>> = {}
    for (const [name, { counters, gauges }] of this.#sections) {
      const out: Record<string, number> = { ...counters }
      for (const [gauge, read] of Object.entries(gauges)) out[gauge] = read()
      sections[name] = out
    }
    return {
      since: this.#since,
      requests: { total: this.#total, byService: { ...this.#byService }, byPath: { ...this.#byPath }, byStatus: { ...this.#byStatus } },
      ...sections,
    } as unknown as EmulatorStats
  }

  clear(): void {
    this.#since = this.#nowIso()
    this.#total = this.#paths = 0
    this.#byService = Object.create(null)
    this.#byPath = Object.create(null)
    this.#byStatus = Object.create(null)
    for (const { counters } of this.#sections.values()) for (const name of Object.keys(counters)) counters[name] = 0
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
