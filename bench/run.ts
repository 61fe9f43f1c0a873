// npm run bench: the SDK (built dist/) against raw fetch, both talking to the emulator served on a loopback
// port by a separate process. Every figure is a median of repeated rounds; the table at the end compares
// each with its goal. Speed (bench/speed.ts, with the no-network CPU figures of bench/cpu.ts) is measured in a
// fresh process per Node: the machine's and Node 24 (tools/node-matrix), where the speed goals apply. Cold
// start (bench/cold-start.ts) compares importing the SDK with importing ofetch, in Node and in workerd.

import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import type * as OneRosterModule from '../src/services/oneroster/index.ts'
import { benchCaliper } from './caliper.ts'
import { measureNodeImport, measureWorkerStart } from './cold-start.ts'
import { startServer, type ServerInfo, type SpeedFigures } from './speed.ts'
import { measureWorkerTokens } from '../test/node/fixtures/worker-tokens.ts'
import { SIZE_GOALS, kb, measure } from '../test/node/fixtures/bundle-size.ts'

const STREAM_USERS = Number(process.env.BENCH_STREAM_USERS ?? 100_000)
const NODE24 = new URL('../tools/node-matrix/node_modules/node24/bin/node', import.meta.url).pathname

/** Node 24 from tools/node-matrix, installed from its lockfile when missing; undefined if that fails. */
function node24(): string | undefined {
  if (!existsSync(NODE24)) spawnSync('npm', ['ci', '--prefix', 'tools/node-matrix', '--no-audit', '--no-fund'], { stdio: 'inherit' })
  return existsSync(NODE24) ? NODE24 : undefined
}

/** bench/speed.ts in a fresh process of `node`, against the shared emulator; its figures. */
async function speedOn(node: string, info: ServerInfo): Promise<SpeedFigures> {
  const child = spawn(node, ['--expose-gc', '--import', 'tsx', 'bench/speed.ts', '--json'], {
    env: { ...process.env, BENCH_SERVER: JSON.stringify(info) }, stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout!.on('data', (chunk) => (out += chunk))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  if (code !== 0) throw new Error(`bench/speed.ts on ${node} exited ${code}`)
  return JSON.parse(out.trim().split('\n').pop()!) as SpeedFigures
}

const us = (n: number) => `${n.toFixed(1)} µs`

/** Table rows for one Node's speed figures; the goals are Node 24's, so other Nodes' rows are reported only. */
function speedRows(f: SpeedFigures): (readonly [string, string, string, boolean])[] {
  const goals = f.node.startsWith('v24.')
  const goal = (text: string, met: boolean) => (goals ? ([text, met] as const) : (['(report)', true] as const))
  const ratio = (r: SpeedFigures['get']) => `${r.ratio.toFixed(3)} (${(r.sdk * 1000).toFixed(0)} / ${(r.raw * 1000).toFixed(0)} µs); like for like ${r.ratioLike.toFixed(3)}`
  const cpuOver = f.cpu.get.sdkUs - f.cpu.get.rawUs
  const { stream, cpu } = f
  return [
    [`${f.node} users.get(id): SDK/raw time per call`, ratio(f.get), ...goal('≤ 1.05', f.get.ratio <= 1.05)],
    [`${f.node} users.list({limit:100}): SDK/raw time per call`, ratio(f.list), ...goal('≤ 1.05', f.list.ratio <= 1.05)],
    [`${f.node} stream ${stream.sdkCount} users: throughput SDK/raw`, `${stream.throughput.toFixed(3)} (${stream.sdkMs.toFixed(0)} / ${stream.rawMs.toFixed(0)} ms)`,
      ...goal('≥ 0.97', stream.throughput >= 0.97 && stream.sdkCount === stream.rawCount)],
    [`${f.node} stream: peak heap kept alive (sampled after a full GC every 5000 records)`, `${f.heap.growthMb.toFixed(1)} MB${f.heap.gcAvailable ? '' : ' (no --expose-gc: live + garbage)'}`, '≤ 32 MB', f.heap.growthMb <= 32],
    [`${f.node} CPU per get, no-network fetch: SDK, raw, over raw`, `${us(cpu.get.sdkUs)}, ${us(cpu.get.rawUs)}, +${us(cpuOver)}`, ...goal('≤ +5 µs', cpuOver <= 5)],
    [`${f.node} CPU per list(100), no-network fetch: SDK, raw, over raw`, `${us(cpu.list.sdkUs)}, ${us(cpu.list.rawUs)}, +${us(cpu.list.sdkUs - cpu.list.rawUs)}`, '(report)', true],
    [`${f.node} CPU stream ${cpu.stream.sdkCount} users, no-network fetch: SDK, raw, throughput`,
      `${cpu.stream.sdkMs.toFixed(0)} ms, ${cpu.stream.rawMs.toFixed(0)} ms, ${(cpu.stream.rawMs / cpu.stream.sdkMs).toFixed(3)}`, '(report)', cpu.stream.sdkCount === cpu.stream.rawCount],
  ]
}

async function tokens(info: ServerInfo) {
  let tokenRequests = 0
  const counting: typeof fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).startsWith(info.tokenUrl)) tokenRequests++
    return fetch(input, init)
  }
  const client = new OneRosterClient({ baseUrl: info.baseUrl, auth: { ...info.credentials, authUrl: info.tokenUrl }, fetch: counting })
  clearTokenCache() // cold: the earlier measures left this isolate a token for the same credentials
  await Promise.all(Array.from({ length: 1000 }, () => client.users.list({ limit: 1 })))
  return tokenRequests
}

// The built package is measured; a variable specifier keeps the type-checker off dist/ (absent before a build).
const distPath = '../dist/oneroster.js'
const { OneRosterClient, clearTokenCache } = (await import(distPath)) as typeof OneRosterModule

const { info, child } = await startServer(STREAM_USERS)
try {
  console.log(`emulator on ${info.baseUrl} with ${info.users} users`)
  const n24 = node24()
  const speeds: SpeedFigures[] = []
  for (const node of n24 ? [process.execPath, n24] : [process.execPath]) speeds.push(await speedOn(node, info))
  const imports = (n24 ? [process.execPath, n24] : [process.execPath]).map(measureNodeImport)
  // A failure here (workerd could not start) is a row of the table, not the end of the run.
  const isolate = await measureWorkerStart().catch((error: unknown) => (error instanceof Error ? error.message : String(error)))
  const tokenCount = await tokens(info)
  // The README's Worker (client and KV store built per request) in Miniflare: token requests the emulator saw.
  const worker = await measureWorkerTokens()
  // Size goals: consumer bundles of the built package, as test/node/bundle-size.test.ts measures them.
  const sizes = await Promise.all(SIZE_GOALS.map(async (goal) => ({ goal, ...(await measure(goal.entry, goal.imports)) })))
  const errorsOnly = await measure('errors', '*')
  const leaked = /ims\/oneroster|OneRosterClient|rostering/.test(errorsOnly.text)
  const caliper = await benchCaliper(info)
  const rows = [
    ...speeds.flatMap(speedRows),
    ...(n24 ? [] : [['Node 24 (tools/node-matrix)', 'not installed: npm ci --prefix tools/node-matrix failed', 'speed goals', false] as const]),
    ...imports.map((c) => [`${c.node} cold start: import ./oneroster (dist), fresh process`,
      `${c.sdkMs.toFixed(1)} ms; ofetch ${c.ofetchMs === undefined ? 'not installed' : `${c.ofetchMs.toFixed(1)} ms`}; empty module ${c.emptyMs.toFixed(1)} ms`, '(report)', true] as const),
    typeof isolate === 'string'
      ? (['workerd cold start', `failed: ${isolate}`, '(report)', false] as const)
      : (['workerd cold start: new Miniflare to first response (Worker bundle min+gzip)',
          `SDK ${isolate.sdkMs.toFixed(0)} ms (${kb(isolate.sdkGzip)}); ofetch ${isolate.ofetchMs === undefined ? 'not installed' : `${isolate.ofetchMs.toFixed(0)} ms (${kb(isolate.ofetchGzip!)})`}; empty Worker ${isolate.emptyMs.toFixed(0)} ms`, '(report)', true] as const),
    ['1000 concurrent calls, cold client: token requests', String(tokenCount), '= 1', tokenCount === 1],
    ['Worker per request, 50 concurrent cold requests, one isolate: token requests', String(worker.oneIsolateCold), '= 1', worker.oneIsolateCold === 1],
    ['Worker per request, warm isolate (50 more): token requests', String(worker.oneIsolateWarm), '= 0', worker.oneIsolateWarm === 0],
    ['Worker per request, 2 isolates sharing KV x 10 cold: token requests', String(worker.twoIsolatesCold), '≤ 2', worker.twoIsolatesCold <= 2],
    ['Worker per request, cold isolate after KV holds the token: token requests', String(worker.secondIsolateAfterKv), '= 0', worker.secondIsolateAfterKv === 0],
    ["Worker per request, README's Caliper queue x 20 cold: token requests", String(worker.caliperQueueCold), '= 1', worker.caliperQueueCold === 1],
    [`caliper queue, ${caliper.events} events: requests`, String(caliper.requests), `${Math.ceil(caliper.events / 100)}`, caliper.requests === Math.ceil(caliper.events / 100)],
    ['caliper queue: throughput SDK/raw', `${caliper.throughputRatio.toFixed(3)} (${caliper.sdkMs.toFixed(0)} / ${caliper.rawMs.toFixed(0)} ms)`, '≥ 0.90', caliper.throughputRatio >= 0.9],
    ...sizes.map(({ goal, gzip }) => [`size: ${goal.label}, min+gzip -9 (consumer bundle)`, kb(gzip), `≤ ${kb(goal.goal)}`, gzip <= goal.goal] as const),
    ['./errors alone pulls in OneRoster code', leaked ? 'yes' : `no (${kb(errorsOnly.gzip)})`, 'no', !leaked],
  ] as const
  console.log('')
  console.log('| measure | result | goal | met |')
  console.log('|---|---|---|---|')
  for (const [name, value, goal, met] of rows) console.log(`| ${name} | ${value} | ${goal} | ${met ? 'yes' : 'NO'} |`)
} finally {
  child.kill()
}
