// A tiny describe/it collector and sequential runner for runtimes without a test framework of their own
// (workerd). Also used by the Deno runner to flatten suites into one Deno.test per `it`.

import { assert } from './assert.ts'
import type { Harness } from './types.ts'

export interface CollectedTest {
  /** Describe names and the test name joined with ' > '. */
  name: string
  fn: () => Promise<void> | void
}

export interface TestResult {
  name: string
  ok: boolean
  ms: number
  error?: string
}

export interface RunSummary {
  passed: number
  failed: number
  results: TestResult[]
}

/** A Harness whose describe/it only record tests; `tests` is filled as suites register. */
export function createCollector(): { h: Harness; tests: CollectedTest[] } {
  const tests: CollectedTest[] = []
  const stack: string[] = []
  const h: Harness = {
    describe(name, body) {
      stack.push(name)
      try {
        body()
      } finally {
        stack.pop()
      }
    },
    it(name, fn) {
      tests.push({ name: [...stack, name].join(' > '), fn })
    },
    assert,
  }
  return { h, tests }
}

export function formatError(error: unknown): string {
  if (error instanceof Error) return error.stack?.includes(error.message) ? error.stack : `${error.name}: ${error.message}\n${error.stack ?? ''}`
  return String(error)
}

/** Runs tests one after another; a test that neither settles nor fails within `timeoutMs` fails. */
export async function runTests(tests: CollectedTest[], { timeoutMs = 15_000 } = {}): Promise<RunSummary> {
  const results: TestResult[] = []
  for (const test of tests) {
    const started = Date.now()
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      await Promise.race([
        Promise.resolve().then(test.fn),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs)
        }),
      ])
      results.push({ name: test.name, ok: true, ms: Date.now() - started })
    } catch (error) {
      results.push({ name: test.name, ok: false, ms: Date.now() - started, error: formatError(error) })
    } finally {
      clearTimeout(timer)
    }
  }
  const failed = results.filter((r) => !r.ok).length
  return { passed: results.length - failed, failed, results }
}
