// Caliper queue benchmark for `npm run bench`: 10,000 activity events through `createQueue` (validation,
// batching into envelopes, bounded concurrency, retries wired in) against a raw loop that POSTs the same
// envelopes with a raw bearer token at the same concurrency. Rounds alternate; figures are medians.
// The lead's bench/run.ts calls benchCaliper(info) with the served emulator's Caliper URL.

import type * as CaliperModule from '../src/services/caliper/index.ts'

export interface CaliperBenchInfo {
  /** The served emulator's Caliper base URL (`emulator.services.caliper`). */
  caliperUrl: string
  tokenUrl: string
  credentials: { clientId: string; clientSecret: string }
}

export interface CaliperBenchOptions {
  events?: number
  rounds?: number
  /** The Caliper module to measure; default the built `dist/caliper.js`. */
  sdk?: typeof CaliperModule
}

export interface CaliperBenchResult {
  events: number
  /** Envelope POSTs the queue made for one round (the raw loop makes the same number). */
  requests: number
  /** Median ms per round (15 rounds, alternating, after a warm-up round of each): add + flush through the SDK queue. */
  sdkMs: number
  /** Median ms per round: the raw loop over the same envelopes. */
  rawMs: number
  /** Median over rounds of rawMs / sdkMs: the SDK's throughput relative to the raw loop (goal ≥ 0.9). */
  throughputRatio: number
}

const SENSOR = 'https://bench.example/sensors/main'
const BATCH = 100
const CONCURRENCY = 6
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function rawToken(info: CaliperBenchInfo): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: info.credentials.clientId, client_secret: info.credentials.clientSecret })
  const answer = (await (await fetch(info.tokenUrl, { method: 'POST', body })).json()) as { access_token: string }
  return answer.access_token
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/**
 * Measures the queue against the raw loop; returns medians over `rounds` (default 3).
 * @example
 * const result = await benchCaliper({ caliperUrl: emulator.services.caliper, tokenUrl: emulator.tokenUrl, credentials: emulator.credentials })
 */
export async function benchCaliper(info: CaliperBenchInfo, options: CaliperBenchOptions = {}): Promise<CaliperBenchResult> {
  // A variable specifier keeps type-checkers and bundlers from resolving dist/ when it has not been built.
  const distPath = '../dist/caliper.js'
  const sdk = options.sdk ?? ((await import(distPath)) as typeof CaliperModule)
  const total = options.events ?? 10_000
  const rounds = options.rounds ?? 15
  let requests = 0
  const client = new sdk.CaliperClient({
    baseUrl: info.caliperUrl,
    auth: { ...info.credentials, authUrl: info.tokenUrl },
    hooks: { onRequest: (r) => { if (r.method === 'POST' && r.url.endsWith('/caliper/event')) requests++ } },
  })
  const token = await rawToken(info)
  const object = { id: 'https://bench.example/activities/1', subject: 'Math' as const, app: { name: 'Bench' } }
  const makeEvents = () => Array.from({ length: total }, (_, i) => sdk.createActivityEvent({
    actor: { id: `https://bench.example/users/${i % 500}`, email: `u${i % 500}@bench.example`, role: 'student' },
    object,
    metrics: [{ type: 'xpEarned', value: i % 30 }, { type: 'totalQuestions', value: 10 }, { type: 'correctQuestions', value: 8 }],
  }))

  const sdkRound = async () => {
    const events = makeEvents()
    const queue = client.createQueue({ sensor: SENSOR, maxBatch: BATCH, concurrency: CONCURRENCY })
    requests = 0
    const started = performance.now()
    queue.add(events)
    const result = await queue.flush()
    const ms = performance.now() - started
    if (result.sent !== total || result.failed.length) throw new Error(`bench: the queue sent ${result.sent}/${total} (${result.failed.length} failed envelopes)`)
    return ms
  }
  const rawRound = async () => {
    const events = makeEvents()
    const batches: unknown[][] = []
    for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH))
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' }
    const started = performance.now()
    await pool(batches, CONCURRENCY, async (data) => {
      const body = JSON.stringify({ sensor: SENSOR, sendTime: new Date().toISOString(), dataVersion: sdk.DATA_VERSION, data })
      // The same request as the SDK's, X-Request-ID included.
      const res = await fetch(`${info.caliperUrl}/caliper/event`, { method: 'POST', headers: { ...headers, 'x-request-id': crypto.randomUUID() }, body })
      if (!res.ok) throw new Error(`bench: raw POST answered ${res.status}`)
      await res.json()
    })
    return performance.now() - started
  }

  await client.events.send(SENSOR, makeEvents().slice(0, 1)) // warm-up: token, sockets, JIT
  await sdkRound()
  await rawRound()
  const s: number[] = []
  const r: number[] = []
  const ratios: number[] = []
  let perRound = 0
  for (let round = 0; round < rounds; round++) {
    let sdkMs: number
    let rawMs: number
    if (round % 2 === 0) {
      sdkMs = await sdkRound()
      perRound = requests
      rawMs = await rawRound()
    } else {
      rawMs = await rawRound()
      sdkMs = await sdkRound()
    }
    s.push(sdkMs)
    r.push(rawMs)
    // Each round's pair shares the machine's state, so their ratio is steadier than a ratio of medians.
    ratios.push(rawMs / sdkMs)
  }
  return { events: total, requests: perRound, sdkMs: median(s), rawMs: median(r), throughputRatio: median(ratios) }
}
