// Deno runner: `npx deno test --allow-net --allow-read --allow-env --no-check test/runners/deno.test.ts`
// (after `npm run build`). Tests the built dist/ in 'inject' mode: suites are collected with the mini
// runner's collector and each `it` becomes one Deno.test, so Deno's own summary counts them.

import * as oneroster from '../../dist/oneroster.js'
import * as errors from '../../dist/errors.js'
import * as testing from '../../dist/testing.js'
import * as caliper from '../../dist/caliper.js'
import * as webhooks from '../../dist/webhooks.js'
import { createCollector } from '../harness/mini-runner.ts'
import { guardNetwork, makeEnv } from '../harness/setup.ts'
import type { Sdk } from '../harness/types.ts'
import { suites } from '../suites/index.ts'


declare const Deno: { test(name: string, fn: () => Promise<void> | void): void }

guardNetwork() // a suite that forgets the emulator fails instead of reaching the network
const { h, tests } = createCollector()
const env = makeEnv({ h, sdk: { oneroster, caliper, webhooks, errors, testing } as Sdk, mode: 'inject', runtime: 'deno' })
for (const { name, suite } of suites) h.describe(name, () => suite(env))
for (const test of tests) Deno.test(test.name, test.fn)
