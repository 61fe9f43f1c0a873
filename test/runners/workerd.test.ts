// workerd runner: `node --import tsx --test test/runners/workerd.test.ts`. Bundles workerd.worker.ts with
// esbuild for the worker conditions and runs it in Miniflare twice: plain, and with nodejs_compat.

import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'
import { Miniflare } from 'miniflare'
import type { RunSummary } from '../harness/mini-runner.ts'

const entry = fileURLToPath(new URL('./workerd.worker.ts', import.meta.url))
// Recent, but not newer than what the pinned workerd (4.20260426.0) supports.
const COMPATIBILITY_DATE = '2026-04-01'
let script = ''

before(async () => {
  const out = await esbuild.build({
    entryPoints: [entry], bundle: true, write: false, format: 'esm', target: 'es2022',
    platform: 'neutral', conditions: ['workerd', 'worker', 'browser'], mainFields: ['module', 'main'],
  })
  script = out.outputFiles[0]!.text
})

for (const compatibilityFlags of [[], ['nodejs_compat']]) {
  const label = compatibilityFlags.length ? compatibilityFlags.join(',') : 'no flags'
  describe(`workerd (${label})`, () => {
    let mf: Miniflare
    before(() => {
      mf = new Miniflare({ modules: true, script, compatibilityDate: COMPATIBILITY_DATE, compatibilityFlags, kvNamespaces: ['TOKENS'] })
    })
    after(() => mf?.dispose())

    it('runs every suite with zero failures', async () => {
      const res = await mf.dispatchFetch(`http://localhost/?runtime=${encodeURIComponent(`workerd (${label})`)}`)
      const text = await res.text()
      if (res.status !== 200) throw new Error(`worker answered ${res.status}: ${text.slice(0, 2000)}`)
      const summary = JSON.parse(text) as RunSummary
      for (const r of summary.results) if (!r.ok) console.log(`not ok - workerd (${label}) > ${r.name}\n${r.error}\n`)
      // A line scripts/test-all.js counts (one per configuration).
      console.log(`workerd (${label}): ${summary.passed} passed, ${summary.failed} failed`)
      if (summary.failed > 0) throw new Error(`${summary.failed} of ${summary.results.length} tests failed in workerd (${label})`)
    })
  })
}
