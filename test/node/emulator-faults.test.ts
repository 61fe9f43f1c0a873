// Fault injection of the emulator: statuses with Retry-After, delays, drops, broken bodies and live quirks.
// Run: node --import tsx --test test/node/emulator-faults.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createEmulator } from '../../src/testing/index.ts'
import { R, G, tokenRequest, connect, ids, assertImsx } from './emulator-helpers.ts'

describe('faults', () => {
  it('answers status with Retry-After for `times` matching requests, counting hits', async () => {
    const { emu, get, call } = await connect()
    const fault = emu.faults.add({ path: '/users', status: 503, retryAfter: 2, times: 2 })
    const other = await get(`${R}/classes/`)
    assert.equal(other.status, 200)
    for (let i = 0; i < 2; i++) {
      const r = await get(`${R}/users/`)
      assert.equal(r.status, 503)
      assert.equal(r.res.headers.get('retry-after'), '2')
      assertImsx(r.body, 'internal_server_error')
    }
    assert.equal((await get(`${R}/users/`)).status, 200)
    assert.equal(fault.hits, 2)
    emu.faults.add({ method: 'POST', path: /\/categories\/?$/, status: 429, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' })
    assert.equal((await get(`${G}/categories/`)).status, 200)
    const limited = await call('POST', `${G}/categories/`, { category: { status: 'active', title: 'x' } })
    assert.equal(limited.status, 429)
    assertImsx(limited.body, 'server_busy')
    assert.equal(limited.res.headers.get('retry-after'), 'Wed, 21 Oct 2026 07:28:00 GMT')
    const forever = emu.faults.add({ path: 'seed-class-2', status: 500, times: Infinity })
    for (let i = 0; i < 3; i++) assert.equal((await get(`${R}/classes/seed-class-2`)).status, 500)
    forever.remove()
    assert.equal((await get(`${R}/classes/seed-class-2`)).status, 200)
    assert.equal(forever.hits, 3)
  })

  it('leaves the token endpoint alone unless includeToken is set', async () => {
    const emu = createEmulator()
    emu.faults.add({ status: 500, times: Infinity })
    assert.equal((await tokenRequest(emu, { grant_type: 'client_credentials', client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret })).status, 200)
    emu.faults.clear()
    emu.faults.add({ status: 503, includeToken: true })
    assert.equal((await tokenRequest(emu, { grant_type: 'client_credentials' })).status, 503)
  })

  it('delays (abortable, rejecting with the signal reason) and drops connections', async () => {
    const { emu, token } = await connect()
    const url = `${emu.origin}${R}/users/?limit=1`
    const headers = { authorization: `Bearer ${token}` }
    emu.faults.add({ path: '/users', delayMs: 40 })
    const started = performance.now()
    const slow = await emu.fetch(url, { headers })
    assert.ok(performance.now() - started >= 35)
    assert.equal(slow.status, 200)

    emu.faults.add({ path: '/users', delayMs: 60_000 })
    const controller = new AbortController()
    const reason = new Error('caller gave up')
    const pending = emu.fetch(url, { headers, signal: controller.signal })
    controller.abort(reason)
    await assert.rejects(pending, (e) => e === reason)
    await assert.rejects(emu.fetch(url, { headers, signal: AbortSignal.abort(reason) }), (e) => e === reason)

    emu.faults.add({ path: '/users', drop: true })
    await assert.rejects(emu.fetch(url, { headers }), (e: unknown) => e instanceof TypeError && e.message === 'fetch failed')
    assert.equal(emu.requests.at(-1)!.status, 0)
    assert.equal((await emu.fetch(url, { headers })).status, 200)
  })

  it('serves HTML, truncated JSON and raw bodies', async () => {
    const { emu, get } = await connect()
    emu.faults.add({ path: '/users', body: 'html', status: 502 })
    const html = await get(`${R}/users/`)
    assert.equal(html.status, 502)
    assert.match(html.res.headers.get('content-type')!, /^text\/html/)
    assert.match(html.text, /^<html>/)
    emu.faults.add({ path: '/users', body: 'truncated' })
    const cut = await get(`${R}/users/`)
    assert.equal(cut.status, 200)
    assert.equal(cut.res.headers.get('content-type'), 'application/json')
    assert.throws(() => JSON.parse(cut.text))
    assert.ok(cut.text.startsWith('{"users":['))
    emu.faults.add({ path: '/users', body: '{"users": "nope"}' })
    assert.deepEqual((await get(`${R}/users/`)).body, { users: 'nope' })
  })

  it('shortPages: soft-deleted records keep their slots and totalCount but are left out of pages', async () => {
    const { emu, call, get } = await connect()
    await call('DELETE', `${R}/users/seed-teacher-2`)
    await call('DELETE', `${R}/users/seed-student-1`)
    assert.equal((await get(`${R}/users?limit=5`)).body.users.length, 5)
    emu.faults.shortPages()
    const first = await get(`${R}/users?limit=5`)
    assert.deepEqual(ids(first.body.users), ['seed-teacher-1', 'seed-teacher-3', 'seed-student-2'])
    assert.equal(first.body.totalCount, 15)
    assert.deepEqual(ids((await get(`${R}/users?limit=5&offset=5`)).body.users), ['seed-student-3', 'seed-student-4', 'seed-student-5', 'seed-student-6', 'seed-student-7'])
    emu.faults.shortPages(false)
    assert.equal((await get(`${R}/users?limit=5`)).body.users.length, 5)
  })

  it('sourcedIdPairsAsArray: creates answer a one-element array', async () => {
    const { emu, call } = await connect()
    emu.faults.sourcedIdPairsAsArray()
    const r = await call('POST', `${G}/categories/`, { category: { sourcedId: 'c-array', status: 'active', title: 'x' } })
    assert.deepEqual(r.body, { sourcedIdPairs: [{ suppliedSourcedId: 'c-array', allocatedSourcedId: 'c-array' }] })
    emu.faults.clear()
    const plain = await call('POST', `${G}/categories/`, { category: { sourcedId: 'c-object', status: 'active', title: 'x' } })
    assert.deepEqual(plain.body, { sourcedIdPairs: { suppliedSourcedId: 'c-object', allocatedSourcedId: 'c-object' } })
  })
})
