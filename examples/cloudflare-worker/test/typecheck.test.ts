// The example type-checks against the BUILT package (node_modules/@timeback/sdk → dist/*.d.ts through the
// package's exports), as a user's project would, with the repository's TypeScript.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { describe, it } from 'node:test'
import { EXAMPLE } from './harness.ts'

describe('type-check', () => {
  it('tsc -p examples/cloudflare-worker/tsconfig.json --noEmit passes, reading the SDK from dist/', () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
    const run = spawnSync(process.execPath, [tsc, '-p', `${EXAMPLE}/tsconfig.json`, '--noEmit', '--listFiles'], { encoding: 'utf8' })
    const files = run.stdout.split('\n').filter((l) => l.endsWith('.ts'))
    const errors = run.stdout.split('\n').filter((l) => l.includes('error TS'))
    assert.equal(run.status, 0, `tsc failed:\n${errors.join('\n')}\n${run.stderr}`)
    assert.ok(files.some((f) => /\/dist\/edge\.d\.ts$/.test(f)), 'the SDK types come from dist/')
    assert.ok(!files.some((f) => /\/src\/(core|edge|services)\//.test(f)), "no SDK source file is read (only the build's .d.ts)")
  })

  it('the tests type-check too (test/tsconfig.json: Node types, the SDK from dist/)', () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
    const run = spawnSync(process.execPath, [tsc, '-p', `${EXAMPLE}/test/tsconfig.json`, '--noEmit'], { encoding: 'utf8' })
    assert.equal(run.status, 0, `tsc failed:\n${run.stdout}\n${run.stderr}`)
  })
})
