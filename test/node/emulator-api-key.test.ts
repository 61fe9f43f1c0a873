// The kernel's API-key → JWT exchange (MasteryTrack's auth): POST {services.masterytrack}/authorizer with
// `x-api-key` and `{ email }` answers `{ success: true, jwt }`; `api-key` routes take `X-Auth-Token: Bearer <jwt>`.
// The route needing the JWT is the test-only `notes` module's GET /v1/secure (MasteryTrack has no business routes yet).
// Run: node --import tsx --test test/node/emulator-api-key.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createEmulator, type Emulator } from '../../src/testing/index.ts'
import { R, assertImsx, exchangeApiKey, jwtPart, mintJwt, mintToken, withNotes, type Json } from './emulator-helpers.ts'

const result = async (res: Response) => [res.status, (await res.json()) as Json] as const

describe('API-key exchange', () => {
  it('answers { success: true, jwt } for the key and registered email: an HS256 JWT whose exp is iat + 3600', async () => {
    const clock = 1_700_000_000_000
    const emu = createEmulator({ now: () => clock })
    assert.deepEqual({ ...emu.apiKeyCredentials }, { apiKey: 'emulator-api-key', email: 'api-user@emulator.test' })
    assert.equal(Object.isFrozen(emu.apiKeyCredentials), true)
    const res = await exchangeApiKey(emu)
    assert.equal(res.headers.get('cache-control'), 'no-store')
    const [status, body] = await result(res)
    assert.equal(status, 200)
    assert.deepEqual(Object.keys(body), ['success', 'jwt'])
    assert.equal(body.success, true)
    const parts = (body.jwt as string).split('.')
    assert.equal(parts.length, 3)
    assert.match(parts[2]!, /^[A-Za-z0-9_-]{43}$/) // a 32-byte HMAC-SHA-256, base64url without padding
    assert.deepEqual(jwtPart(body.jwt, 0), { alg: 'HS256', typ: 'JWT' })
    const claims = jwtPart(body.jwt, 1)
    assert.deepEqual({ ...claims, jti: typeof claims.jti }, {
      iss: `${emu.origin}/masterytrack`, sub: 'api-user@emulator.test', email: 'api-user@emulator.test', iat: 1_700_000_000, exp: 1_700_003_600, jti: 'string',
    })
    assert.notEqual(await mintJwt(emu), body.jwt) // each exchange mints a new token
    const stats = emu.stats()
    assert.deepEqual(stats.apiKeyTokens, { requests: 2, issued: 2, live: 2 })
    assert.deepEqual(stats.tokens, { requests: 0, issued: 0, live: 0 }) // OAuth counters are apart
    assert.deepEqual(stats.requests.byService, { auth: 2 })
  })

  it('refuses a wrong or missing key (401), an unregistered email (403), a missing email (400) in MasteryTrack error bodies', async () => {
    const emu = createEmulator()
    const email = { email: emu.apiKeyCredentials.email }
    assert.deepEqual(await result(await exchangeApiKey(emu, email, { 'x-api-key': 'wrong' })), [401, { success: false, error: 'Invalid API key', code: 'UNAUTHORIZED' }])
    assert.deepEqual(await result(await exchangeApiKey(emu, email, {})), [401, { success: false, error: 'Invalid API key', code: 'UNAUTHORIZED' }])
    const denied = { success: false, error: 'User not found or does not have API access', code: 'ACCESS_DENIED' }
    assert.deepEqual(await result(await exchangeApiKey(emu, { email: 'someone@else.test' })), [403, denied])
    const missing = { success: false, error: 'Email is required', code: 'MISSING_PARAMETER' }
    for (const body of [{}, { email: '' }, { email: '  ' }, { email: null }, '']) {
      assert.deepEqual(await result(await exchangeApiKey(emu, body)), [400, missing], JSON.stringify(body))
    }
    assert.deepEqual(await result(await exchangeApiKey(emu, { email: 42 })), [400, { success: false, error: 'Email must be a string', code: 'INVALID_PARAMETERS' }])
    const [badJson, badJsonBody] = await result(await exchangeApiKey(emu, '{"email":'))
    assert.deepEqual([badJson, badJsonBody.code], [400, 'INVALID_PARAMETERS'])
    assert.match(badJsonBody.error, /^Invalid JSON body/)
    const form = await exchangeApiKey(emu, 'email=x', { 'x-api-key': emu.apiKeyCredentials.apiKey, 'content-type': 'application/x-www-form-urlencoded' })
    assert.deepEqual(await result(form), [400, { success: false, error: 'Content-Type must be application/json', code: 'INVALID_PARAMETERS' }])
    const get = await emu.fetch(`${emu.services.masterytrack}/authorizer`, { headers: { 'x-api-key': emu.apiKeyCredentials.apiKey } })
    assert.equal(get.status, 405)
    assert.equal(get.headers.get('allow'), 'POST')
    // The email matches whatever its case and surrounding spaces; the key must match exactly (case included).
    assert.equal((await exchangeApiKey(emu, { email: '  API-User@Emulator.TEST ' })).status, 200)
    assert.equal((await exchangeApiKey(emu, email, { 'x-api-key': emu.apiKeyCredentials.apiKey.toUpperCase() })).status, 401)
    assert.deepEqual(emu.stats().apiKeyTokens, { requests: 14, issued: 1, live: 1 })
  })

  it('apiKeyCredentials sets the accepted key and email; blank values are refused at creation', async () => {
    const emu = createEmulator({ apiKeyCredentials: { apiKey: 'k-123', email: 'me@school.test' } })
    assert.deepEqual({ ...emu.apiKeyCredentials }, { apiKey: 'k-123', email: 'me@school.test' })
    assert.equal((await exchangeApiKey(emu, { email: 'me@school.test' }, { 'x-api-key': 'k-123' })).status, 200)
    assert.equal((await exchangeApiKey(emu, { email: 'api-user@emulator.test' }, { 'x-api-key': 'k-123' })).status, 403)
    assert.equal((await exchangeApiKey(emu, { email: 'me@school.test' }, { 'x-api-key': 'emulator-api-key' })).status, 401)
    assert.throws(() => createEmulator({ apiKeyCredentials: { apiKey: '', email: 'a@b.test' } }), /apiKeyCredentials\.apiKey must be a non-empty string/)
    assert.throws(() => createEmulator({ apiKeyCredentials: { apiKey: 'k' } as never }), /apiKeyCredentials\.email must be a non-empty string/)
  })

  it('faults skip the exchange unless includeToken; MasteryTrack paths answer faults and unknown routes in its error body', async () => {
    const emu = createEmulator()
    emu.faults.add({ status: 503, times: Infinity })
    assert.equal((await exchangeApiKey(emu)).status, 200)
    assert.deepEqual(await result(await emu.fetch(`${emu.services.masterytrack}/authoring/inventory/search`)),
      [503, { success: false, error: 'Injected fault: HTTP 503.', code: 'INTERNAL_ERROR' }])
    emu.faults.clear()
    assert.deepEqual(await result(await emu.fetch(`${emu.services.masterytrack}/nope`)), [404, { success: false, error: 'Unknown route: GET /masterytrack/nope' }])
    emu.faults.add({ status: 500, includeToken: true })
    assert.deepEqual(await result(await exchangeApiKey(emu)), [500, { success: false, error: 'Injected fault: HTTP 500.', code: 'INTERNAL_ERROR' }])
  })
})

describe('api-key routes (X-Auth-Token)', () => {
  const secure = (emu: Emulator) => `${emu.services.notes}/v1/secure`
  const refusal = (reason: string, hint = false) => ({
    problem: 'Invalid or expired JWT', code: 'UNAUTHORIZED',
    details: hint ? { reason, hint: 'Send the JWT from POST <base URL>/authorizer as the header X-Auth-Token: Bearer <jwt>.' } : { reason },
  })

  it('take X-Auth-Token: Bearer <jwt> and nothing else', async () => {
    const emu = withNotes()
    const jwt = await mintJwt(emu)
    const get = (headers: Record<string, string>) => emu.fetch(secure(emu), { headers }).then(result)
    assert.deepEqual(await get({ 'x-auth-token': `Bearer ${jwt}` }), [200, { ok: true }])
    assert.deepEqual(await get({ 'X-Auth-Token': `bearer  ${jwt} ` }), [200, { ok: true }])
    assert.deepEqual(await get({}), [401, refusal('missing', true)])
    assert.deepEqual(await get({ authorization: `Bearer ${jwt}` }), [401, refusal('missing', true)])
    assert.deepEqual(await get({ 'x-auth-token': jwt }), [401, refusal('malformed', true)])
    assert.deepEqual(await get({ 'x-auth-token': `Bearer ${await mintToken(emu)}` }), [401, refusal('unknown')])
    const [header, payload, signature] = jwt.split('.')
    const longer = Buffer.from(JSON.stringify({ ...jwtPart(jwt, 1), exp: 9_999_999_999 })).toString('base64url')
    assert.deepEqual(await get({ 'x-auth-token': `Bearer ${header}.${longer}.${signature}` }), [401, refusal('unknown')])
    assert.equal((await get({ 'x-auth-token': `Bearer ${header}.${payload}.${signature}` }))[0], 200)
  })

  it('a JWT opens no OAuth route and an OAuth token opens no api-key route', async () => {
    const emu = withNotes()
    const jwt = await mintJwt(emu)
    const users = await emu.fetch(`${emu.origin}${R}/users/`, { headers: { authorization: `Bearer ${jwt}`, 'x-auth-token': `Bearer ${jwt}` } })
    assert.equal(users.status, 401)
    assertImsx((await users.json()) as Json, 'unauthorisedrequest', /Invalid access token/)
    const oauth = await mintToken(emu)
    assert.equal((await emu.fetch(secure(emu), { headers: { authorization: `Bearer ${oauth}` } })).status, 401)
  })

  it('expire one hour after issue, are revoked by faults.revokeTokens() and forgotten by reset()', async () => {
    let clock = 1_700_000_000_000
    const emu = withNotes({ now: () => clock })
    const status = async (jwt: string) => {
      const [code, body] = await emu.fetch(secure(emu), { headers: { 'x-auth-token': `Bearer ${jwt}` } }).then(result)
      return code === 200 ? '200' : `${code} ${body.details.reason}`
    }
    const jwt = await mintJwt(emu)
    clock += 3_599_999
    assert.equal(await status(jwt), '200')
    clock += 1
    assert.equal(await status(jwt), '401 expired')
    assert.deepEqual(emu.stats().apiKeyTokens.live, 0)

    const skewed = await mintJwt(emu)
    emu.faults.clockSkew(3600)
    assert.equal(await status(skewed), '401 expired')
    emu.faults.clear()

    const revoked = await mintJwt(emu)
    const oauth = await mintToken(emu)
    emu.faults.revokeTokens()
    assert.equal(await status(revoked), '401 revoked')
    assert.equal((await emu.fetch(`${emu.origin}${R}/users/`, { headers: { authorization: `Bearer ${oauth}` } })).status, 401) // both kinds
    const fresh = await mintJwt(emu)
    assert.equal(await status(fresh), '200')
    emu.reset()
    assert.equal(await status(fresh), '401 unknown')
    assert.deepEqual(emu.stats().apiKeyTokens, { requests: 0, issued: 0, live: 0 })
  })

  it('maxTokens caps the JWT table too: the oldest JWT is forgotten', async () => {
    const emu = withNotes({ maxTokens: 2 })
    const [a, b, c] = [await mintJwt(emu), await mintJwt(emu), await mintJwt(emu)]
    const status = (jwt: string) => emu.fetch(secure(emu), { headers: { 'x-auth-token': `Bearer ${jwt}` } }).then((r) => r.status)
    assert.deepEqual([await status(a), await status(b), await status(c)], [401, 200, 200])
  })
})
