// The emulator keeps `dateLastModified` exact for delta sync: every kind of OneRoster write stamps the record with
// the emulator's clock to the millisecond, `filter=dateLastModified>=…` / `>…` compare to the millisecond, and
// every OneRoster answer carries a `Date` header from the same clock (skew included).
// Run: node --import tsx --test test/node/emulator-oneroster-changes.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { connect, G, R, ref, type Json } from './emulator-helpers.ts'

/** A clock the test sets; starts at a known instant with milliseconds. */
function fixedClock() {
  let at = Date.UTC(2026, 2, 1, 10, 0, 0, 123)
  return { now: () => at, set: (iso: string) => { at = Date.parse(iso) } }
}

const user = (id: string) => ({
  sourcedId: id, enabledUser: 'true', givenName: 'Ada', familyName: 'Stamp', email: `${id}@example.org`,
  roles: [{ roleType: 'primary', role: 'student', org: ref('seed-school-1') }],
})

describe('emulator: dateLastModified for delta sync', () => {
  it('every write stamps the record with the clock, to the millisecond', async () => {
    const clock = fixedClock()
    const { call, get } = await connect({ now: clock.now, tokenTtlSeconds: 86_400 })
    const stampOf = async (path: string, key: string) => ((await get(path)).body[key] as Json).dateLastModified

    clock.set('2026-03-01T10:00:01.001Z')
    assert.equal((await call('POST', `${R}/users/`, { user: user('stamp-1') })).status, 201)
    assert.equal(await stampOf(`${R}/users/stamp-1`, 'user'), '2026-03-01T10:00:01.001Z', 'create')

    clock.set('2026-03-01T10:00:02.002Z')
    assert.equal((await call('PUT', `${R}/users/stamp-1`, { user: { ...user('stamp-1'), givenName: 'Put' } })).status, 200)
    assert.equal(await stampOf(`${R}/users/stamp-1`, 'user'), '2026-03-01T10:00:02.002Z', 'update (PUT)')

    clock.set('2026-03-01T10:00:03.003Z')
    const upserted = await call('PUT', `${G}/categories/stamp-category`, { category: { title: 'New by PUT', status: 'active' } })
    assert.equal(upserted.status, 201)
    assert.equal(await stampOf(`${G}/categories/stamp-category`, 'category'), '2026-03-01T10:00:03.003Z', 'upsert (PUT of a new id)')

    clock.set('2026-03-01T10:00:04.004Z')
    assert.equal((await call('POST', `${R}/classes/seed-class-1/students`, { enrollment: { user: ref('stamp-1') } })).status, 201)
    const enrollment = ((await get(`${R}/enrollments/?filter=${encodeURIComponent("user.sourcedId='stamp-1'")}`)).body.enrollments as Json[])[0]!
    assert.equal(enrollment.dateLastModified, '2026-03-01T10:00:04.004Z', 'enrolment through a class route')

    clock.set('2026-03-01T10:00:05.005Z')
    assert.equal((await call('PATCH', `${R}/enrollments/${enrollment.sourcedId}`, { enrollment: { metadata: { goal: 1 } } })).status, 200)
    assert.equal(await stampOf(`${R}/enrollments/${enrollment.sourcedId}`, 'enrollment'), '2026-03-01T10:00:05.005Z', 'patch')

    clock.set('2026-03-01T10:00:06.006Z')
    assert.equal((await call('POST', `${R}/users/stamp-1/agents`, { agentSourcedId: 'seed-teacher-1' })).status < 300, true)
    assert.equal(await stampOf(`${R}/users/stamp-1`, 'user'), '2026-03-01T10:00:06.006Z', 'agents change the user')

    clock.set('2026-03-01T10:00:07.007Z')
    assert.equal((await call('DELETE', `${R}/users/stamp-1`)).status, 204)
    const deleted = (await get(`${R}/users/stamp-1`)).body.user as Json
    assert.equal(deleted.status, 'tobedeleted')
    assert.equal(deleted.dateLastModified, '2026-03-01T10:00:07.007Z', 'soft delete')
  })

  it('dateLastModified filters compare to the millisecond', async () => {
    const clock = fixedClock()
    const { call, get } = await connect({ now: clock.now, tokenTtlSeconds: 86_400 })
    clock.set('2026-03-01T11:00:00.500Z')
    await call('POST', `${R}/users/`, { user: user('edge') })
    const listed = async (filter: string) =>
      ((await get(`${R}/users/?filter=${encodeURIComponent(filter)}`)).body.users as Json[]).map((u) => u.sourcedId)
    assert.deepEqual(await listed("dateLastModified>='2026-03-01T11:00:00.500Z'"), ['edge'])
    assert.deepEqual(await listed("dateLastModified>='2026-03-01T11:00:00.501Z'"), [])
    assert.deepEqual(await listed("dateLastModified>'2026-03-01T11:00:00.500Z'"), [])
    assert.deepEqual(await listed("dateLastModified>'2026-03-01T11:00:00.499Z'"), ['edge'])
  })

  it('answers carry a Date header from the emulator clock, skew included', async () => {
    const clock = fixedClock()
    const { emu, call, get } = await connect({ now: clock.now, tokenTtlSeconds: 86_400 })
    clock.set('2026-03-01T12:34:56.789Z')
    assert.equal((await get(`${R}/users/`)).res.headers.get('date'), 'Sun, 01 Mar 2026 12:34:56 GMT', 'list')
    assert.equal((await get(`${R}/users/seed-student-1`)).res.headers.get('date'), 'Sun, 01 Mar 2026 12:34:56 GMT', 'get')
    assert.equal((await call('POST', `${R}/users/`, { user: user('dated') })).res.headers.get('date'), 'Sun, 01 Mar 2026 12:34:56 GMT', 'create')
    emu.faults.clockSkew(3600)
    assert.equal((await get(`${R}/users/`)).res.headers.get('date'), 'Sun, 01 Mar 2026 13:34:56 GMT')
  })
})
