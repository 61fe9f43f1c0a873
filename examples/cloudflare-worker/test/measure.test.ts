// What the Worker costs: its bundle (esbuild minified, as wrangler deploys it, and gzip -9) and time per request
// in workerd. Miniflare does not report a request's CPU time, so two measures: the median wall time of N warm
// requests to the teacher page (session cookie decrypted, OneRoster x3, EduBridge per student, the Durable
// Object) next to the same number to /health (routing only), against the emulator on loopback; and the CPU the
// workerd process used over those requests (utime + stime from /proc, Linux), divided by N.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { after, before, describe, it } from 'node:test'
import { bundleWorker, startApp, type App } from './harness.ts'
import { signInCookie } from './session.ts'

const N = 60
let app: App

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

async function timed(url: string, cookie: string): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < N; i++) {
    const start = performance.now()
    const res = await fetch(url, { headers: { cookie } })
    const body = await res.text()
    times.push(performance.now() - start)
    assert.equal(res.status, 200, body.slice(0, 200))
  }
  return times
}

/** CPU ms used so far by the workerd processes started by this test process (Miniflare's runtime). */
function workerdCpuMs(): number {
  const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100
  const stats = new Map<number, { ppid: number; comm: string; cpu: number }>()
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8')
      const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'))
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ') // f[0] is field 3 (state)
      stats.set(Number(name), { ppid: Number(f[1]), comm, cpu: Number(f[11]) + Number(f[12]) })
    } catch {
      // the process ended while we listed
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 10; p = stats.get(p)?.ppid ?? 0, hops++) if (p === process.pid) return true
    return false
  }
  const found = [...stats].filter(([pid, s]) => s.comm === 'workerd' && mine(pid))
  assert.ok(found.length > 0, 'the workerd process of this test')
  return (found.reduce((n, [, s]) => n + s.cpu, 0) * 1000) / ticks
}

describe('cost of the Worker', () => {
  before(async () => { app = await startApp() })
  after(async () => app?.close())

  it('bundle size, minified and gzipped', async () => {
    const min = Buffer.from(await bundleWorker(true))
    const gz = gzipSync(min, { level: 9 }).length
    console.log(`worker bundle: ${(min.length / 1024).toFixed(1)} KB minified, ${(gz / 1024).toFixed(1)} KB gzip -9`)
    // Far under Cloudflare's 3 MB (free plan, compressed) limit; a jump here means something heavy got bundled.
    assert.ok(gz < 80 * 1024, `${gz} bytes gzipped`)
    assert.ok(!min.includes('node:http'), 'no Node server code (the emulator) in the Worker')
  })

  it('wall time per warm request: teacher page vs a trivial route', async () => {
    const cookie = await signInCookie(app.url, 'seed-teacher-1@seed.example')
    const page = `${app.url}/teacher?class=seed-class-1`
    await timed(page, cookie) // warm: token cached, isolate compiled
    const cpu0 = workerdCpuMs()
    const teacher = median(await timed(page, cookie))
    const cpu1 = workerdCpuMs()
    const health = median(await timed(`${app.url}/health`, cookie))
    const cpu2 = workerdCpuMs()
    console.log(`median of ${N} warm requests in Miniflare: teacher page ${teacher.toFixed(2)} ms, /health ${health.toFixed(2)} ms, difference ${(teacher - health).toFixed(2)} ms (wall time, includes the emulator's)`)
    console.log(`workerd CPU per request: teacher page ${((cpu1 - cpu0) / N).toFixed(2)} ms, /health ${((cpu2 - cpu1) / N).toFixed(2)} ms (process utime+stime over ${N} requests, clock-tick resolution)`)
    assert.ok(teacher > health, 'the roster page does more than routing')
    assert.ok(cpu1 - cpu0 > cpu2 - cpu1, 'and costs more CPU')
  })
})
