// The emulator's PowerPath answers against the vendor's own schemas (powerpath-api.2025-12.json): every PowerPath
// portable suite runs once more (Node, injected fetch) with the emulator's fetch recording each answer under
// /powerpath/; then each answer of a spec operation must carry a status the operation declares, and its JSON body
// must fit that status's schema (field names, types, enum spellings, required keys). Every spec operation must
// have been answered at least once. The 2026 routes have no vendor schema and are only counted. Node only; reads
// $TIMEBACK_SPECS (default ../shared/specs): without the spec the test skips, or fails under CI=true.

import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { createCollector, formatError, runTests } from '../harness/mini-runner.ts'
import { sdk } from '../harness/sdk.src.ts'
import { makeEnv } from '../harness/setup.ts'
import { powerpathSuites } from '../suites/powerpath/index.ts'
import { check, type Json } from './spec-schema.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SPEC = resolve(ROOT, process.env.TIMEBACK_SPECS ?? '../shared/specs', 'powerpath-api.2025-12.json')

interface Answer { method: string; path: string; status: number; body: unknown }
interface Operation { key: string; method: string; pattern: RegExp; literal: number; responses: Json }

/** The spec's operations, each path as a pattern (`{id}` and Express-style `:id` are one segment). */
function operations(spec: Json): Operation[] {
  return Object.entries(spec.paths as Json).flatMap(([path, ops]) => Object.entries(ops as Json).map(([method, op]) => ({
    key: `${method.toUpperCase()} ${path}`,
    method: method.toUpperCase(),
    pattern: new RegExp(`^${path.replace(/\/$/, '').replace(/\{[^}]+\}|:[A-Za-z]+/g, '[^/]+')}/?$`),
    // A literal segment beats a placeholder (`/placement/getCurrentLevel` over `/placement/:studentId`).
    literal: path.split('/').filter((s) => s && !s.startsWith(':') && !s.startsWith('{')).length,
    responses: (op as Json).responses ?? {},
  })))
}

/** The suites' answers, recorded behind each emulator's fetch. */
async function record(): Promise<{ answers: Answer[]; failures: string[] }> {
  const answers: Answer[] = []
  const testing = {
    ...sdk.testing,
    createEmulator: ((options) => {
      const emulator = sdk.testing.createEmulator(options)
      const inner = emulator.fetch
      Object.assign(emulator, {
        fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
          const request = new Request(input, init)
          const response = await inner(request.clone())
          const { pathname } = new URL(request.url)
          if (pathname.startsWith('/powerpath/')) {
            const text = await response.clone().text()
            answers.push({ method: request.method, path: pathname, status: response.status, body: text === '' ? undefined : JSON.parse(text) })
          }
          return response
        },
      })
      return emulator
    }) as typeof sdk.testing.createEmulator,
  }
  const { h, tests } = createCollector()
  const env = makeEnv({ h, sdk: { ...sdk, testing }, mode: 'inject', runtime: 'node' })
  for (const { suite } of powerpathSuites) suite(env)
  const summary = await runTests(tests)
  const failures = summary.results.filter((r) => !r.ok).map((r) => `${r.name}: ${formatError(r.error)}`)
  return { answers, failures }
}

describe('PowerPath emulator against powerpath-api.2025-12.json', () => {
  if (!existsSync(SPEC)) {
    const message = `spec not found at ${SPEC} (set TIMEBACK_SPECS)`
    if (process.env.CI === 'true') it('has the spec (required under CI=true)', () => assert.fail(message))
    else it('conformance (skipped)', (t) => t.skip(message))
    return
  }
  const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as Json
  const ops = operations(spec)

  it('every answer the suites get has a declared status and fits its schema; every operation is answered', async () => {
    const { answers, failures } = await record()
    assert.deepEqual(failures, [], 'the PowerPath suites pass against the recording emulator')
    const problems = new Set<string>()
    const answered = new Set<string>()
    for (const a of answers) {
      const op = ops.filter((o) => o.method === a.method && o.pattern.test(a.path)).sort((x, y) => y.literal - x.literal)[0]
      if (!op) continue // a 2026 route: no vendor schema
      answered.add(op.key)
      const declared = op.responses[String(a.status)] as Json | undefined
      if (!declared) {
        problems.add(`${op.key}: status ${a.status} is not declared`)
        continue
      }
      const schema = declared.content?.['application/json']?.schema
      if (schema) for (const p of check(spec, schema, a.body)) problems.add(`${op.key} ${a.status}: ${p}`)
    }
    assert.deepEqual([...problems], [])
    assert.deepEqual(ops.map((o) => o.key).filter((k) => !answered.has(k)), [], 'operations the suites never reach')
  })
})
