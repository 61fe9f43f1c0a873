// Worker entry bundled by workerd.test.ts: each request runs every suite (against src/, 'inject' mode)
// through the mini runner and answers the JSON summary. Registration happens inside the handler because
// workerd forbids timers and randomness at module scope.

import { sdk } from '../harness/sdk.src.ts'
import { createCollector, runTests } from '../harness/mini-runner.ts'
import { guardNetwork, makeEnv } from '../harness/setup.ts'
import { suites } from '../suites/index.ts'

export default {
  async fetch(request: Request): Promise<Response> {
    const runtime = new URL(request.url).searchParams.get('runtime') ?? 'workerd'
    const { h, tests } = createCollector()
    const env = makeEnv({ h, sdk, mode: 'inject', runtime })
    for (const { name, suite } of suites) h.describe(name, () => suite(env))
    const restore = guardNetwork() // a suite that forgets the emulator fails instead of reaching the network
    try {
      return Response.json(await runTests(tests))
    } finally {
      restore()
    }
  },
}
