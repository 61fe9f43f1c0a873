// Cold start: what importing the SDK costs a fresh process or isolate, against ofetch (the fetch wrapper the
// transport could have been built on). ofetch is not a dependency: it lives in tools/bench-compare, installed
// from that folder's lockfile on first use.
//
// - Node: `await import()` of dist/oneroster.js (with its chunks and valibot) timed inside a fresh process, and the
//   same for ofetch (its Node build) and for an empty module; median of interleaved runs, per Node binary.
// - workerd: a Miniflare instance per run, timed from construction to the first response of a Worker whose bundle
//   (esbuild, the Worker conditions) imports the SDK, ofetch, or nothing. Each run starts a workerd process, so the
//   difference from the empty Worker is the figure that belongs to the bundle.

import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import * as esbuild from 'esbuild'
import { Miniflare } from 'miniflare'

const root = new URL('..', import.meta.url).pathname
const compareDir = `${root}tools/bench-compare`
const ofetchDir = `${compareDir}/node_modules/ofetch`
/** The OneRoster entry measured: the build in dist/, or BENCH_MODULE (another build of it). */
const sdkModule = process.env.BENCH_MODULE ?? new URL('../dist/oneroster.js', import.meta.url).pathname
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15)
const WORKER_RUNS = Number(process.env.BENCH_WORKER_RUNS ?? 7)

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** ofetch from tools/bench-compare, installed from its lockfile when missing; undefined when that fails. */
function ofetchInstalled(): boolean {
  if (existsSync(ofetchDir)) return true
  const install = spawnSync('npm', ['ci', '--prefix', compareDir, '--no-audit', '--no-fund'], { stdio: 'inherit' })
  return install.status === 0 && existsSync(ofetchDir)
}

/** ms of `await import(specifier)` in a fresh `node` process. */
function importMs(node: string, specifier: string): number {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t))`
  return Number(execFileSync(node, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' }))
}

export interface NodeColdStart {
  node: string
  sdkMs: number
  ofetchMs: number | undefined
  emptyMs: number
}

/** Import times on `node` (a path to a Node binary), medians of {@link RUNS} interleaved fresh processes. */
export function measureNodeImport(node: string): NodeColdStart {
  const withOfetch = ofetchInstalled()
  const targets: Record<string, string> = {
    sdk: new URL(`file://${sdkModule}`).href,
    empty: 'data:text/javascript,export default 1',
  }
  // The file Node resolves `ofetch` to from its own package (the "node" condition: dist/node.mjs).
  if (withOfetch) targets.ofetch = new URL(`file://${ofetchDir}/dist/node.mjs`).href
  const times: Record<string, number[]> = {}
  for (const name of Object.keys(targets)) importMs(node, targets[name]!) // warm the file cache
  for (let run = 0; run < RUNS; run++) {
    for (const name of Object.keys(targets)) (times[name] ??= []).push(importMs(node, targets[name]!))
  }
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
  return { node: version, sdkMs: median(times.sdk!), ofetchMs: times.ofetch && median(times.ofetch), emptyMs: median(times.empty!) }
}

export interface WorkerColdStart {
  /** Median ms from `new Miniflare` to the first response, per Worker. */
  emptyMs: number
  sdkMs: number
  ofetchMs: number | undefined
  /** min + gzip -9 of each Worker bundle. */
  sdkGzip: number
  ofetchGzip: number | undefined
}

async function workerBundle(contents: string): Promise<{ script: string; gzip: number }> {
  const out = await esbuild.build({
    stdin: { contents, resolveDir: root, loader: 'js' }, bundle: true, write: false, format: 'esm', minify: true,
    target: 'es2022', platform: 'neutral', conditions: ['workerd', 'worker', 'browser'], mainFields: ['module', 'main'],
    nodePaths: [`${compareDir}/node_modules`],
  })
  const script = out.outputFiles[0]!.text
  return { script, gzip: gzipSync(script, { level: 9 }).length }
}

async function firstResponseMs(script: string): Promise<number> {
  const started = performance.now()
  const mf = new Miniflare({ modules: true, script, compatibilityDate: '2026-04-01' })
  try {
    const response = await mf.dispatchFetch('http://worker/')
    const text = await response.text()
    if (response.status !== 200) throw new Error(`cold-start worker answered ${response.status}: ${text.slice(0, 300)}`)
    return performance.now() - started
  } finally {
    await mf.dispose()
  }
}

/** Isolate start in workerd for a Worker using the SDK, one using ofetch, and an empty one. */
export async function measureWorkerStart(): Promise<WorkerColdStart> {
  const withOfetch = ofetchInstalled()
  // Each Worker uses what it imports (a client built per request), so nothing is tree-shaken away.
  const empty = await workerBundle(`export default { fetch() { return new Response('ok') } }`)
  const sdk = await workerBundle(`import { OneRosterClient } from ${JSON.stringify(sdkModule)}
export default { fetch() {
  const client = new OneRosterClient({ baseUrl: 'https://api.example', auth: { clientId: 'id', clientSecret: 'secret', authUrl: 'https://auth.example/token' } })
  return new Response(typeof client.users.list)
} }`)
  const ofetch = withOfetch
    ? await workerBundle(`import { ofetch } from 'ofetch'
export default { fetch() { const api = ofetch.create({ baseURL: 'https://api.example' }); return new Response(typeof api) } }`)
    : undefined
  const scripts: Record<string, string> = { empty: empty.script, sdk: sdk.script }
  if (ofetch) scripts.ofetch = ofetch.script
  const times: Record<string, number[]> = {}
  await firstResponseMs(empty.script) // the first workerd start pays for loading the binary
  for (let run = 0; run < WORKER_RUNS; run++) {
    for (const name of Object.keys(scripts)) (times[name] ??= []).push(await firstResponseMs(scripts[name]!))
  }
  return {
    emptyMs: median(times.empty!), sdkMs: median(times.sdk!), ofetchMs: times.ofetch && median(times.ofetch),
    sdkGzip: sdk.gzip, ofetchGzip: ofetch?.gzip,
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(measureNodeImport(process.execPath))
  console.log(await measureWorkerStart())
}
