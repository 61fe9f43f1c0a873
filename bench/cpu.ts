// The client's own CPU cost, without a network: both sides call a fetch that answers at once with a Response
// built from a prebuilt body, so every microsecond measured is the caller's (the SDK's, or plain fetch + json()).
// Steadier than the loopback figures on a busy machine, and the place to look first when they move.
//
//   node --import tsx bench/cpu.ts [--json]            (BENCH_MODULE=path/to/oneroster.js to measure another build)
//
// Figures: µs per `users.get(id)` and per `users.list({ limit: 100 })`, ms for `users.stream()` over 100,000
// users in pages of 1000; each the median of interleaved SDK/raw blocks.

import type * as OneRosterModule from '../src/services/oneroster/index.ts'

const BASE = 'http://bench.invalid'
const TOKEN_URL = `${BASE}/auth/token`
const USERS = `${BASE}/ims/oneroster/rostering/v1p2/users/`
const STREAM_USERS = Number(process.env.BENCH_STREAM_USERS ?? 100_000)
const PAGE = 1000
const ROUNDS = Number(process.env.BENCH_CPU_ROUNDS ?? 21)

/** A user shaped like the emulator's bulk users (the shape the network bench lists). */
function user(n: number): Record<string, unknown> {
  const id = `bulk-student-${n}`
  return {
    sourcedId: id, status: 'active', dateLastModified: '2024-01-01T00:00:00.000Z', enabledUser: 'true',
    givenName: 'Student', familyName: `Bulk ${n}`, email: `${id}@bulk.example`, username: id,
    roles: [{ roleType: 'primary', role: 'student', org: { href: `${BASE}/ims/oneroster/rostering/v1p2/orgs/seed-school-1`, sourcedId: 'seed-school-1', type: 'org' } }],
    agents: [], userProfiles: [],
  }
}

const encoder = new TextEncoder()
const encode = (text: string): Uint8Array<ArrayBuffer> => encoder.encode(text) as Uint8Array<ArrayBuffer>
const one = encode(JSON.stringify({ user: user(1) }))
const hundred = encode(JSON.stringify({ users: Array.from({ length: 100 }, (_, i) => user(i + 1)), totalCount: STREAM_USERS, offset: 0, limit: 100 }))
// The stream's pages (about 30 MB) are built only for the stream measure: a big heap makes every GC dearer.
const pages = new Map<number, Uint8Array<ArrayBuffer>>()
function buildPages(): void {
  for (let offset = 0; offset < STREAM_USERS; offset += PAGE) {
    const users = Array.from({ length: Math.min(PAGE, STREAM_USERS - offset) }, (_, i) => user(offset + i + 1))
    pages.set(offset, encode(JSON.stringify({ users, totalCount: STREAM_USERS, offset, limit: PAGE })))
  }
}
const token = encode(JSON.stringify({ access_token: 'bench-token', token_type: 'Bearer', expires_in: 3600 }))
const jsonHeaders = { 'content-type': 'application/json' }
const empty = encode('{"users":[],"totalCount":0}')

/** The no-network fetch: a new Response over a prebuilt body (a Response can be read once), at once. */
const answer: typeof fetch = (input) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  let body = one
  if (url === TOKEN_URL) body = token
  else if (url.includes('?')) {
    const limit = /[?&]limit=(\d+)/.exec(url)?.[1]
    const offset = Number(/[?&]offset=(\d+)/.exec(url)?.[1] ?? 0)
    body = limit === '100' ? hundred : (pages.get(offset) ?? empty)
  }
  return Promise.resolve(new Response(body, { status: 200, headers: jsonHeaders }))
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function perCall(n: number, call: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  for (let i = 0; i < n; i++) await call()
  return ((performance.now() - start) * 1000) / n
}

/** Interleaved blocks, alternating which side goes first; medians of µs per call for each side. */
async function compare(sdk: () => Promise<unknown>, raw: () => Promise<unknown>, calls: number) {
  for (let i = 0; i < 3; i++) await perCall(calls, sdk), await perCall(calls, raw) // warm-up: JIT
  const s: number[] = []
  const r: number[] = []
  for (let round = 0; round < ROUNDS * 2; round++) {
    if (round % 2 === 0) s.push(await perCall(calls, sdk)), r.push(await perCall(calls, raw))
    else r.push(await perCall(calls, raw)), s.push(await perCall(calls, sdk))
  }
  return { sdkUs: median(s), rawUs: median(r) }
}

export interface CpuFigures {
  node: string
  get: { sdkUs: number; rawUs: number }
  list: { sdkUs: number; rawUs: number }
  stream: { sdkMs: number; rawMs: number; sdkCount: number; rawCount: number }
}

export async function measureCpu(module: typeof OneRosterModule): Promise<CpuFigures> {
  const { OneRosterClient } = module
  const client = new OneRosterClient({ baseUrl: BASE, allowInsecureHttp: true, auth: { clientId: 'id', clientSecret: 'secret', authUrl: TOKEN_URL }, fetch: answer })
  const headers = { authorization: 'Bearer bench-token' }
  const id = 'bulk-student-1'
  const getUrl = `${USERS}${id}`
  const listUrl = `${USERS}?limit=100&offset=0`
  const get = await compare(() => client.users.get(id), () => answer(getUrl, { headers }).then((res) => res.json()), 2000)
  const list = await compare(() => client.users.list({ limit: 100 }), () => answer(listUrl, { headers }).then((res) => res.json()), 100)

  buildPages()
  const sdkPass = async () => {
    let count = 0
    for await (const _ of client.users.stream({ limit: PAGE })) count++
    return count
  }
  const rawPass = async () => {
    let count = 0
    for (let offset = 0; ; offset += PAGE) {
      const body = (await (await answer(`${USERS}?limit=${PAGE}&offset=${offset}`, { headers })).json()) as { users: unknown[]; totalCount: number }
      count += body.users.length
      if (offset + PAGE >= body.totalCount) break
    }
    return count
  }
  const s: number[] = []
  const r: number[] = []
  let sdkCount = 0
  let rawCount = 0
  await sdkPass(), await rawPass()
  for (let round = 0; round < 10; round++) {
    const first = round % 2 === 0
    for (const side of first ? ['sdk', 'raw'] : ['raw', 'sdk']) {
      const t = performance.now()
      if (side === 'sdk') sdkCount = await sdkPass()
      else rawCount = await rawPass()
      ;(side === 'sdk' ? s : r).push(performance.now() - t)
    }
  }
  pages.clear()
  return { node: process.version, get, list, stream: { sdkMs: median(s), rawMs: median(r), sdkCount, rawCount } }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // A variable specifier keeps the type-checker off dist/ (absent before a build).
  const path = process.env.BENCH_MODULE ?? new URL('../dist/oneroster.js', import.meta.url).pathname
  const figures = await measureCpu((await import(path)) as typeof OneRosterModule)
  if (process.argv.includes('--json')) console.log(JSON.stringify(figures))
  else {
    const { get, list, stream } = figures
    console.log(`${figures.node} ${path}`)
    console.log(`get:        SDK ${get.sdkUs.toFixed(2)} µs, raw ${get.rawUs.toFixed(2)} µs, over raw ${(get.sdkUs - get.rawUs).toFixed(2)} µs`)
    console.log(`list(100):  SDK ${list.sdkUs.toFixed(1)} µs, raw ${list.rawUs.toFixed(1)} µs, over raw ${(list.sdkUs - list.rawUs).toFixed(1)} µs`)
    console.log(`stream ${stream.sdkCount}: SDK ${stream.sdkMs.toFixed(1)} ms, raw ${stream.rawMs.toFixed(1)} ms (${stream.rawCount}), throughput ${(stream.rawMs / stream.sdkMs).toFixed(3)}`)
  }
}
