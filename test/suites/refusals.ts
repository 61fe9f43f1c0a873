// Shared by the services' bad-input suites: a call that must be refused before any request, with an
// InputValidationError naming the field (and, when given, a message matching the fix).

import type { Assert, SuiteEnv } from '../harness/types.ts'

/** One refusal: the call, the field its error must name, and (optionally) what that issue's message must say. */
export type RefusalCase = [call: () => unknown, field: string, message?: RegExp]

/** The rejection of `promise` (fails when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    (value) => { throw new Error(`expected a rejection, got ${JSON.stringify(value)?.slice(0, 200)}`) },
    (error: unknown) => error,
  )
}

/**
 * `refuses(cases, requests)`: each case rejects with an InputValidationError naming its field, and `requests()` (a
 * count of requests sent, e.g. `() => emulator.requests.length`) does not move while they run.
 */
export function refusalChecker(env: SuiteEnv): (cases: readonly RefusalCase[], requests: () => number) => Promise<void> {
  const assert: Assert = env.h.assert
  const { isInputValidationError } = env.sdk.errors
  return async (cases, requests) => {
    const before = requests()
    for (const [call, field, message] of cases) {
      const error = await rejection((async () => call())())
      assert.ok(isInputValidationError(error), `expected an InputValidationError for ${field}, got ${String(error)}`)
      const issue = error.issues.find((i: { path: string }) => i.path === field)
      assert.ok(issue, `${field} is named in: ${error.message}`)
      if (message) assert.match(issue.message, message, error.message)
    }
    assert.equal(requests(), before, 'no request was made')
  }
}
