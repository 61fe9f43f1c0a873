// Request overhead on loopback: the SDK against plain `fetch` + `json()`, both talking to the emulator served by
// another process. Two raw baselines: `raw` sends only the Authorization header (what a hand-written client
// sends; the goals are against it), `raw+ids` also sends the SDK's Accept and a fresh X-Request-ID per call
// (like for like: what is left is the SDK's own cost, not the server reading one more header).
//
//   node --import tsx bench/speed.ts --json     (with BENCH_SERVER='{"baseUrl":…}' from bench/run.ts; alone it starts one)
//
// Run by bench/run.ts once per Node (the machine's and Node 24): one process each, so JIT and heap start clean.

import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import type * as OneRosterModule from '../src/services/oneroster/index.ts'
import { measureCpu, type CpuFigures } from './cpu.ts'

export interface ServerInfo {
  baseUrl: string
  caliperUrl: string
  tokenUrl: string
  credentials: { clientId: string; clientSecret: string }
  users: number
}

const USERS_PATH = '/ims/oneroster/rostering/v1p2/users/'
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7)
const CALLS = Number(process.env.BENCH_CALLS ?? 400)
const STREAM_ROUNDS = Number(process.env.BENCH_STREAM_ROUNDS ?? 5)
const PAGE = 1000

/** Starts the benchmark's emulator in its own process (with the machine's Node) and reads its address. */
export async function startServer(users: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./server.ts', import.meta.url).pathname, String(users)], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout! })
  for await (const line of lines) return { info: JSON.parse(line) as ServerInfo, child }
  throw new Error('the emulator process exited before printing its address')
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function rawToken(info: ServerInfo): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: info.credentials.clientId, client_secret: info.credentials.clientSecret })
  const answer = (await (await fetch(info.tokenUrl, { method: 'POST', body })).json()) as { access_token: string }
  return answer.access_token
}

async function timed(n: number, call: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  for (let i = 0; i < n; i++) await call()
  return performance.now() - start
}

export interface Ratio {
  /** Median of per-round SDK/raw ratios. */
  ratio: number
  /** The same against raw with the SDK's Accept and X-Request-ID. */
  ratioLike: number
  /** Median ms per call. */
  sdk: number
  raw: number
  rawLike: number
}

/**
 * Interleaves short blocks of SDK, raw and raw+ids calls, rotating which goes first, and compares each SDK block
 * with the raw blocks beside it: drift on a busy machine (the emulator shares its cores) hits all three alike,
 * so the median of the per-round ratios is far steadier than a ratio of medians.
 */
async function compare(sdk: () => Promise<unknown>, raw: () => Promise<unknown>, rawLike: () => Promise<unknown>, n = CALLS): Promise<Ratio> {
  const sides = [sdk, raw, rawLike]
  const ms: number[][] = [[], [], []]
  const ratios: number[] = []
  const ratiosLike: number[] = []
  const block = 50
  for (const side of sides) await timed(100, side) // warm-up: JIT, sockets, token
  for (let b = 0; b < (ROUNDS * n) / block; b++) {
    const got = [0, 0, 0]
    for (let k = 0; k < 3; k++) {
      const i = (b + k) % 3
      got[i] = (await timed(block, sides[i]!)) / block
      ms[i]!.push(got[i]!)
    }
    ratios.push(got[0]! / got[1]!)
    ratiosLike.push(got[0]! / got[2]!)
  }
  return { ratio: median(ratios), ratioLike: median(ratiosLike), sdk: median(ms[0]!), raw: median(ms[1]!), rawLike: median(ms[2]!) }
}

export interface SpeedFigures {
  node: string
  get: Ratio
  list: Ratio
  stream: { sdkMs: number; rawMs: number; throughput: number; sdkCount: number; rawCount: number }
  /** Peak heap kept alive while streaming every user, over a baseline after a full GC (samples after a GC with --expose-gc). */
  heap: { growthMb: number; gcAvailable: boolean }
  cpu: CpuFigures
}

export async function measureSpeed(info: ServerInfo, module: typeof OneRosterModule): Promise<SpeedFigures> {
  const { OneRosterClient } = module
  const client = new OneRosterClient({ baseUrl: info.baseUrl, auth: { ...info.credentials, authUrl: info.tokenUrl } })
  const authorization = `Bearer ${await rawToken(info)}`
  const plain = { authorization }
  const like = () => ({ authorization, accept: 'application/json', 'x-request-id': crypto.randomUUID() })
  const first = await client.users.first()
  const id = first!.sourcedId
  const getUrl = `${info.baseUrl}${USERS_PATH}${encodeURIComponent(id)}`
  const listUrl = `${info.baseUrl}${USERS_PATH}?limit=100&offset=0`
  const get = await compare(
    () => client.users.get(id),
    () => fetch(getUrl, { headers: plain }).then((res) => res.json()),
    () => fetch(getUrl, { headers: like() }).then((res) => res.json()),
  )
  const list = await compare(
    () => client.users.list({ limit: 100 }),
    () => fetch(listUrl, { headers: plain }).then((res) => res.json()),
    () => fetch(listUrl, { headers: like() }).then((res) => res.json()),
    CALLS / 4,
  )

  const sdkPass = async () => {
    let count = 0
    for await (const _ of client.users.stream({ limit: PAGE })) count++
    return count
  }
  const rawPass = async () => {
    let count = 0
    for (let offset = 0; ; offset += PAGE) {
      const body = (await (await fetch(`${info.baseUrl}${USERS_PATH}?limit=${PAGE}&offset=${offset}`, { headers: plain })).json()) as { users: unknown[]; totalCount: number }
      count += body.users.length
      if (offset + PAGE >= body.totalCount) break
    }
    return count
  }
  const s: number[] = []
  const r: number[] = []
  const counts = { sdk: 0, raw: 0 }
  for (let round = 0; round < STREAM_ROUNDS; round++) {
    for (const side of round % 2 === 0 ? (['sdk', 'raw'] as const) : (['raw', 'sdk'] as const)) {
      const t = performance.now()
      counts[side] = await (side === 'sdk' ? sdkPass() : rawPass())
      ;(side === 'sdk' ? s : r).push(performance.now() - t)
    }
  }
  const stream = { sdkMs: median(s), rawMs: median(r), throughput: median(r) / median(s), sdkCount: counts.sdk, rawCount: counts.raw }

  // Heap: what the stream keeps alive, over a baseline after a full GC. With --expose-gc each sample follows a
  // full GC, so it counts retained memory (one page in hand) and not garbage not yet collected, whose amount
  // depends on the Node version's young-generation size (Node 24 peaks 30-50 MB either way). Without it, every
  // 250 records.
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const base = process.memoryUsage().heapUsed
  let peak = base
  let n = 0
  for await (const _ of client.users.stream({ limit: PAGE })) {
    if (++n % (gc ? 5000 : 250) === 0) {
      gc?.()
      peak = Math.max(peak, process.memoryUsage().heapUsed)
    }
  }
  const heap = { growthMb: (peak - base) / 2 ** 20, gcAvailable: Boolean(gc) }

  const cpu = await measureCpu(module)
  return { node: process.version, get, list, stream, heap, cpu }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // A variable specifier keeps the type-checker off dist/ (absent before a build).
  const path = process.env.BENCH_MODULE ?? new URL('../dist/oneroster.js', import.meta.url).pathname
  const module = (await import(path)) as typeof OneRosterModule
  const given = process.env.BENCH_SERVER
  const started = given ? undefined : await startServer(Number(process.env.BENCH_STREAM_USERS ?? 100_000))
  try {
    const figures = await measureSpeed(given ? (JSON.parse(given) as ServerInfo) : started!.info, module)
    console.log(process.argv.includes('--json') ? JSON.stringify(figures) : figures)
  } finally {
    started?.child.kill()
  }
}
