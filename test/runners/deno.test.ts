// Deno runner: `npx deno test --allow-net --allow-read --allow-env --no-check test/runners/deno.test.ts`
// (after `npm run build`). Tests the built dist/ in 'inject' mode: suites are collected with the mini
// runner's collector and each `it` becomes one Deno.test, so Deno's own summary counts them.

import { sdk } from '../harness/sdk.dist.ts'
import { createCollector } from '../harness/mini-runner.ts'
import { guardNetwork, makeEnv } from '../harness/setup.ts'
import { suites } from '../suites/index.ts'


declare const Deno: { test(name: string, fn: () => Promise<void> | void): void }

guardNetwork() // a suite that forgets the emulator fails instead of reaching the network
const { h, tests } = createCollector()
const env = makeEnv({ h, sdk, mode: 'inject', runtime: 'deno' })
for (const { name, suite } of suites) h.describe(name, () => suite(env))
for (const test of tests) Deno.test(test.name, test.fn)
