// DEV DRIVER (temporary, not a runner): runs only the Webhooks suites under node:test, in 'inject' and
// 'global' (msw) modes, until every runner loads sdk.webhooks and sdk.caliper. The real runner is node.test.ts.
//   node --import tsx --test test/runners/dev-webhooks.ts

import { after, before, describe, it } from 'node:test'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import * as caliper from '../../src/services/caliper/index.ts'
import * as oneroster from '../../src/services/oneroster/index.ts'
import * as webhooks from '../../src/services/webhooks/index.ts'
import * as errors from '../../src/errors.ts'
import * as testing from '../../src/testing/index.ts'
import { assert } from '../harness/assert.ts'
import { EmulatorRegistry, makeEnv, mswHandlers } from '../harness/setup.ts'
import type { Harness, Sdk, SuiteEnv } from '../harness/types.ts'
import { webhooksSuites } from '../suites/webhooks/index.ts'

const sdk = { oneroster, errors, testing, webhooks, caliper } as Sdk
const h: Harness = { describe: (name, body) => void describe(name, body), it: (name, body) => void it(name, () => body()), assert }
const register = (env: SuiteEnv) => { for (const { name, suite } of webhooksSuites) describe(name, () => suite(env)) }

describe('inject', () => register(makeEnv({ h, sdk, mode: 'inject', runtime: 'node' })))
describe('global (msw/node)', () => {
  const registry = new EmulatorRegistry()
  const server = setupServer(...mswHandlers(registry, { http, HttpResponse }))
  before(() => server.listen({ onUnhandledRequest: 'error' }))
  after(() => server.close())
  register(makeEnv({ h, sdk, mode: 'global', runtime: 'node', registry }))
})
