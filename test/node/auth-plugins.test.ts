// The authenticator plug-ins a service descriptor can name, against the emulator's kernel with the test-only
// `notes` module (a route behind the API-key JWT, a public route, OAuth routes): API key + email exchanged for a
// JWT sent as X-Auth-Token (cached, single-flighted, refreshed once on a 401), and no authenticator at all.

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { apiKeyJwt } from '../../src/core/auth/api-key.ts'
import { clearTokenCache } from '../../src/core/auth/token-cache.ts'
import { isAuthenticationError, isConfigurationError } from '../../src/core/errors.ts'
import { createServiceRuntime } from '../../src/core/runtime.ts'
import type { ServiceDescriptor } from '../../src/core/service.ts'
import type { Emulator } from '../../src/testing/index.ts'
import { withNotes } from './emulator-helpers.ts'

const apiKeyService: ServiceDescriptor = { name: 'masterytrack', envPrefixes: ['MASTERYTRACK'], hostFamily: 'masterytrack', auth: apiKeyJwt }
const publicService: ServiceDescriptor = { name: 'notes', envPrefixes: ['NOTES'] }

const exchanges = (emu: Emulator) => emu.requests.filter((r) => r.path.endsWith('/authorizer')).length
function apiKeyRuntime(emu: Emulator, auth: Record<string, string> = {}, vars?: object) {
  return createServiceRuntime(apiKeyService, {
    baseUrl: emu.services.notes!, fetch: emu.fetch, vars,
    auth: { ...emu.apiKeyCredentials, authUrl: `${emu.services.masterytrack}/authorizer`, ...auth },
  })
}
const secure = { method: 'GET', path: '/v1/secure' } as const

describe('apiKeyJwt', () => {
  it('exchanges the key once for many concurrent calls and sends the JWT as X-Auth-Token: Bearer', async () => {
    const emu = withNotes()
    const runtime = apiKeyRuntime(emu)
    const answers = await Promise.all(Array.from({ length: 20 }, () => runtime.transport.request(secure)))
    assert.deepEqual(answers[0], { ok: true })
    assert.equal(exchanges(emu), 1)
    const sent = emu.requests.find((r) => r.path.endsWith('/v1/secure'))!
    assert.match(sent.headers['x-auth-token'] ?? '', /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/)
    assert.equal(sent.headers.authorization, undefined)
    // The exchange itself carried the key in x-api-key and the email in the body, nowhere else.
    const exchange = emu.requests.find((r) => r.path.endsWith('/authorizer'))!
    assert.equal(exchange.headers['x-api-key'], emu.apiKeyCredentials.apiKey)
  })

  it('a revoked JWT is refreshed once and the call retried once', async () => {
    const emu = withNotes()
    const runtime = apiKeyRuntime(emu)
    await runtime.transport.request(secure)
    emu.faults.revokeTokens()
    assert.deepEqual(await runtime.transport.request(secure), { ok: true })
    assert.equal(exchanges(emu), 2)
    emu.faults.add({ path: '/v1/secure', status: 401, times: Infinity })
    await assert.rejects(runtime.transport.request(secure), isAuthenticationError)
    assert.equal(exchanges(emu), 3, 'one refresh, then the 401 stands')
  })

  it('a wrong key is an AuthenticationError naming the fix, without the key', async () => {
    const emu = withNotes()
    const runtime = apiKeyRuntime(emu, { apiKey: 'wrong-key-123456' })
    const error = await runtime.transport.request(secure).then(() => assert.fail('resolved'), (e: unknown) => e)
    assert.ok(isAuthenticationError(error))
    assert.match(error.message, /API key/)
    assert.ok(!`${error.message}${JSON.stringify(error)}`.includes('wrong-key-123456'))
  })

  it('keys are per credential: another email never reuses the JWT', async () => {
    clearTokenCache()
    const emu = withNotes()
    await apiKeyRuntime(emu).transport.request(secure)
    await apiKeyRuntime(emu, { email: 'someone.else@school.example' }).transport.request(secure).catch(() => undefined)
    assert.equal(exchanges(emu), 2)
  })

  it('reads MASTERYTRACK_API_KEY and MASTERYTRACK_EMAIL, and names them when missing', async () => {
    const emu = withNotes()
    const { apiKey, email } = emu.apiKeyCredentials
    const fromVars = createServiceRuntime(apiKeyService, {
      baseUrl: emu.services.notes!, fetch: emu.fetch, auth: { authUrl: `${emu.services.masterytrack}/authorizer` },
      vars: { MASTERYTRACK_API_KEY: apiKey, MASTERYTRACK_EMAIL: email },
    })
    assert.deepEqual(await fromVars.transport.request(secure), { ok: true })
    assert.throws(() => createServiceRuntime(apiKeyService, { baseUrl: emu.services.notes!, vars: { TIMEBACK_API_KEY: apiKey } }), (e: unknown) =>
      isConfigurationError(e) && /MASTERYTRACK_API_KEY/.test(e.message) && /MASTERYTRACK_EMAIL/.test(e.message) && !e.message.includes(apiKey))
  })
})

describe('no authenticator (public routes)', () => {
  it('sends no credentials, and a 401 is an error without any refresh', async () => {
    const emu = withNotes()
    const runtime = createServiceRuntime(publicService, { baseUrl: emu.services.notes!, fetch: emu.fetch })
    assert.equal(runtime.auth, undefined)
    assert.deepEqual(await runtime.transport.request({ method: 'GET', path: '/v1/discovery' }), { service: 'notes' })
    const sent = emu.requests.at(-1)!
    assert.equal(sent.headers.authorization, undefined)
    assert.equal(sent.headers['x-auth-token'], undefined)
    await assert.rejects(runtime.transport.request({ method: 'GET', path: '/v1/notes' }), isAuthenticationError)
    assert.equal(emu.requests.filter((r) => r.path.endsWith('/v1/notes')).length, 1)
  })
})
