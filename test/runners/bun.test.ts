// Bun runner: `npx bun test test/runners/bun.test.ts`. Suites against src/ in 'inject' mode with bun:test.

import { describe, it } from 'bun:test'
import * as oneroster from '../../src/services/oneroster/index.ts'
import * as errors from '../../src/errors.ts'
import * as testing from '../../src/testing/index.ts'
import { assert } from '../harness/assert.ts'
import { makeEnv } from '../harness/setup.ts'
import type { Harness } from '../harness/types.ts'
import { suites } from '../suites/index.ts'

// Wrapped so bun:test never sees a `done` parameter; a stuck test fails after 30 s (Bun's default is 5 s).
const h: Harness = { describe: (name, body) => describe(name, body), it: (name, body) => it(name, async () => body(), 30_000), assert }
const env = makeEnv({ h, sdk: { oneroster, errors, testing }, mode: 'inject', runtime: 'bun' })

for (const { name, suite } of suites) describe(name, () => suite(env))
