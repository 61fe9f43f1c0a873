// Bun runner: `npx bun test test/runners/bun.test.ts`. Suites against src/ in 'inject' mode with bun:test.

import { describe, it } from 'bun:test'
import { sdk } from '../harness/sdk.src.ts'
import { assert } from '../harness/assert.ts'
import { guardNetwork, makeEnv } from '../harness/setup.ts'
import type { Harness } from '../harness/types.ts'
import { suites } from '../suites/index.ts'

guardNetwork() // a suite that forgets the emulator fails instead of reaching the network
// Wrapped so bun:test never sees a `done` parameter; a stuck test fails after 15 s (Bun's default is 5 s).
const h: Harness = { describe: (name, body) => describe(name, body), it: (name, body) => it(name, async () => body(), 15_000), assert }
const env = makeEnv({ h, sdk, mode: 'inject', runtime: 'bun' })

for (const { name, suite } of suites) describe(name, () => suite(env))
