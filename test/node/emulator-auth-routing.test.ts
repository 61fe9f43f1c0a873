// The emulator's token endpoint, bearer checks, routing and protocol details (404/405, slash forms, HEAD,
// request log, reset, large pages), through raw Requests (no SDK).
// Run: node --import tsx --test test/node/emulator-auth-routing.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createEmulator } from '../../src/testing/index.ts'
import { R, enc, tokenRequest, mintToken, connect, ids, assertImsx, type Json } from './emulator-helpers.ts'

describe('token endpoint', () => {
  it('issues a Bearer token for form credentials (values trimmed) and for HTTP Basic', async () => {
    const emu = createEmulator()
    const form = await tokenRequest(emu, { grant_type: ' client_credentials ', client_id: ` ${emu.credentials.clientId} `, client_secret: `${emu.credentials.clientSecret}\n` })
    assert.equal(form.status, 200)
    const body = (await form.json()) as Json
    assert.equal(body.token_type, 'Bearer')
    assert.equal(body.expires_in, 3600)
    assert.match(body.access_token, /^\S{20,}$/)
    const basic = await tokenRequest(emu, { grant_type: 'client_credentials', scope: 'https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly' }, {
      authorization: `Basic ${btoa(`${emu.credentials.clientId}:${emu.credentials.clientSecret}`)}`,
    })
    assert.equal(basic.status, 200)
    assert.notEqual(((await basic.json()) as Json).access_token, body.access_token)
  })

  it('answers 401 invalid_client for wrong credentials and 400 unsupported_grant_type for other grants', async () => {
    const emu = createEmulator({ credentials: { clientId: 'me', clientSecret: 's3cret' } })
    const wrong = await tokenRequest(emu, { grant_type: 'client_credentials', client_id: 'me', client_secret: 'nope' })
    assert.equal(wrong.status, 401)
    assert.equal(((await wrong.json()) as Json).error, 'invalid_client')
    const wrongBasic = await tokenRequest(emu, { grant_type: 'client_credentials' }, { authorization: `Basic ${btoa('me:nope')}` })
    assert.equal(wrongBasic.status, 401)
    const grant = await tokenRequest(emu, { grant_type: 'password', client_id: 'me', client_secret: 's3cret' })
    assert.equal(grant.status, 400)
    assert.equal(((await grant.json()) as Json).error, 'unsupported_grant_type')
    assert.equal(emu.credentials.clientId, 'me')
  })

  it('refuses API calls without, with an unknown, an expired or a revoked token (401 imsx)', async () => {
    let clock = 1_000_000
    const emu = createEmulator({ now: () => clock, tokenTtlSeconds: 60 })
    const users = `${emu.origin}${R}/users/`
    const none = await emu.fetch(users)
    assert.equal(none.status, 401)
    assertImsx((await none.json()) as Json, 'unauthorisedrequest')
    const unknown = await emu.fetch(users, { headers: { authorization: 'Bearer not-a-token' } })
    assert.equal(unknown.status, 401)

    const token = await mintToken(emu)
    const auth = { authorization: `Bearer ${token}` }
    assert.equal((await emu.fetch(users, { headers: auth })).status, 200)
    clock += 59_000
    assert.equal((await emu.fetch(users, { headers: auth })).status, 200)
    clock += 1_000
    const expired = await emu.fetch(users, { headers: auth })
    assert.equal(expired.status, 401)
    assertImsx((await expired.json()) as Json, 'unauthorisedrequest', /expired/)

    const fresh = { authorization: `Bearer ${await mintToken(emu)}` }
    assert.equal((await emu.fetch(users, { headers: fresh })).status, 200)
    emu.faults.revokeTokens()
    const revoked = await emu.fetch(users, { headers: fresh })
    assert.equal(revoked.status, 401)
    assertImsx((await revoked.json()) as Json, 'unauthorisedrequest', /revoked/)
    assert.equal((await emu.fetch(users, { headers: { authorization: `Bearer ${await mintToken(emu)}` } })).status, 200)
  })

  it('clockSkew makes tokens expire earlier; faults.clear() removes the skew', async () => {
    const { emu, get } = await connect({ tokenTtlSeconds: 600 })
    assert.equal((await get(`${R}/users/`)).status, 200)
    emu.faults.clockSkew(601)
    assert.equal((await get(`${R}/users/`)).status, 401)
    emu.faults.clear()
    assert.equal((await get(`${R}/users/`)).status, 200)
  })
})

describe('routing and protocol', () => {
  it('404s unknown routes, 405s wrong methods with Allow, accepts both slash forms, serves HEAD', async () => {
    const { call, get } = await connect()
    const unknown = await get(`${R}/nothing-here`)
    assert.equal(unknown.status, 404)
    assertImsx(unknown.body, 'unknownobject', /Unknown route/)
    const wrong = await call('DELETE', `${R}/users/`)
    assert.equal(wrong.status, 405)
    assert.equal(wrong.res.headers.get('allow'), 'GET, HEAD, POST')
    assert.equal((await get(`${R}/users`)).status, 200)
    assert.equal((await get(`${R}/courses/components/`)).body.totalCount, 1)
    const head = await call('HEAD', `${R}/users/seed-student-1`)
    assert.equal(head.status, 200)
    assert.equal(head.text, '')
    assert.equal((await call('HEAD', `${R}/users/nobody`)).status, 404)
  })

  it('logs requests (raw path, lower-case headers, authorization as sent, status), echoes x-request-id', async () => {
    const { emu, token, get } = await connect()
    emu.clearRequests()
    assert.equal(emu.requests.length, 0)
    const r = await get(`${R}/users/seed-student-1`)
    const withId = await emu.fetch(`${emu.origin}${R}/users/?limit=1`, { headers: { Authorization: `Bearer ${token}`, 'X-Request-Id': 'req-42' } })
    assert.equal(withId.headers.get('x-request-id'), 'req-42')
    assert.equal(r.res.headers.get('x-request-id'), null)
    assert.equal(emu.requests.length, 2)
    const [first, second] = emu.requests
    assert.deepEqual({ ...first, headers: undefined }, { method: 'GET', url: `${emu.origin}${R}/users/seed-student-1`, path: `${R}/users/seed-student-1`, headers: undefined, status: 200 })
    assert.equal(second!.headers.authorization, `Bearer ${token}`)
    assert.equal(second!.headers['x-request-id'], 'req-42')
    const relative = await emu.fetch(`${R}/users/`, { headers: { authorization: `Bearer ${token}` } })
    assert.equal(relative.status, 200) // a path-only URL resolves against the origin
  })

  it('reset() restores the seed and clears faults, tokens and the log', async () => {
    const { emu, call, get } = await connect()
    await call('DELETE', `${R}/users/seed-student-1`)
    emu.state.insert('users', { sourcedId: 'extra', givenName: 'X', roles: [] })
    emu.faults.add({ status: 500, times: Infinity })
    emu.reset()
    assert.equal(emu.requests.length, 0)
    assert.equal(emu.state.get('users', 'seed-student-1')?.status, 'active')
    assert.equal(emu.state.has('users', 'extra'), false)
    assert.equal((await get(`${R}/users/`)).status, 401) // the old token is gone
    const token = await mintToken(emu)
    assert.equal((await emu.fetch(`${emu.origin}${R}/users/`, { headers: { authorization: `Bearer ${token}` } })).status, 200)
    assert.equal(createEmulator({ seed: false }).state.count('users'), 0)
  })

  it('lists a 3000-record page of 100,000 users without sorting or copying', async () => {
    const { emu, get } = await connect({ seed: false })
    const made = emu.state.seedUsers(100_000)
    assert.equal(made.length, 100_000)
    assert.equal(emu.state.count('users'), 100_000)
    let slowest = 0
    for (const offset of [0, 48_000, 97_000, 99_000]) {
      const started = performance.now()
      const page = await get(`${R}/users?limit=3000&offset=${offset}`)
      slowest = Math.max(slowest, performance.now() - started)
      assert.equal(page.body.totalCount, 100_000)
      assert.equal(page.body.users.length, Math.min(3000, 100_000 - offset))
      assert.equal(page.body.users[0].sourcedId, made[offset])
    }
    // Generous bound (slow CI machines): a page costs a few ms; per-request sorting would cost far more.
    assert.ok(slowest < 1000, `slowest page took ${slowest.toFixed(1)} ms`)
    const students = await get(`${R}/students?limit=1&filter=${enc("email~'bulk-student-99999@'")}`)
    assert.deepEqual(ids(students.body.users), ['bulk-student-99999'])
  })
})
