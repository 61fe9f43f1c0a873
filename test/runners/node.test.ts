// Node runner: `node --import tsx --test test/runners/node.test.ts`. Every suite runs twice against src/:
// 'inject' (clients get the emulator's fetch) and 'global' (msw/node behind globalThis.fetch, routed by origin).

import { after, before, describe, it } from 'node:test'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { sdk } from '../harness/sdk.src.ts'
import { assert } from '../harness/assert.ts'
import { EmulatorRegistry, guardNetwork, makeEnv, mswHandlers } from '../harness/setup.ts'
import type { Harness, SuiteEnv } from '../harness/types.ts'
import { suites } from '../suites/index.ts'

// Nothing may leave loopback: msw ('global') passes only emulator origins, the guard catches the rest.
guardNetwork()
// node:test passes a context to test bodies; suites take none, so wrap. A stuck test fails after 15 s.
const h: Harness = { describe: (name, body) => void describe(name, body), it: (name, body) => void it(name, { timeout: 15_000 }, () => body()), assert }

function register(env: SuiteEnv): void {
  for (const { name, suite } of suites) describe(name, () => suite(env))
}

describe('inject', () => register(makeEnv({ h, sdk, mode: 'inject', runtime: 'node' })))

describe('global (msw/node)', () => {
  const registry = new EmulatorRegistry()
  const server = setupServer(...mswHandlers(registry, { http, HttpResponse }))
  // 'error': anything not routed to an emulator fails the test instead of reaching the network.
  before(() => server.listen({ onUnhandledRequest: 'error' }))
  after(() => server.close())
  register(makeEnv({ h, sdk, mode: 'global', runtime: 'node', registry }))
})
