// Chromium runner (see web-test-runner.config.js): suites against the built dist/ in 'global' mode, with
// msw's service worker behind globalThis.fetch routing each emulator origin to its emulator. mocha's
// describe/it/before/after are globals in @web/test-runner's default framework.

import { http, HttpResponse } from 'msw'
import { setupWorker } from 'msw/browser'
import { assert } from '../harness/assert.ts'
import { EmulatorRegistry, guardNetwork, makeEnv, mswHandlers } from '../harness/setup.ts'
import { sdk } from '../harness/sdk.dist.ts'
import type { Harness } from '../harness/types.ts'
import { suites } from '../suites/index.ts'

declare const describe: (name: string, body: () => void) => void
declare const it: (name: string, body: () => Promise<void> | void) => void
declare const before: (body: () => Promise<unknown> | void) => void
declare const after: (body: () => Promise<unknown> | void) => void


guardNetwork() // the page's fetch may reach the dev server and emulator origins only
const registry = new EmulatorRegistry()
const worker = setupWorker(...mswHandlers(registry, { http, HttpResponse }))

before(() =>
  worker.start({
    quiet: true,
    // The page's own requests (test modules from the dev server) pass; anything else unrouted is an error.
    onUnhandledRequest(request, print) {
      if (new URL(request.url).origin !== location.origin) print.error()
    },
  }),
)
after(() => worker.stop())

const h: Harness = { describe, it: (name, body) => it(name, async () => body()), assert }
const env = makeEnv({ h, sdk, mode: 'global', runtime: 'chromium', registry })
for (const { name, suite } of suites) describe(name, () => suite(env))
