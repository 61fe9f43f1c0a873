// The emulated MasteryTrack over raw HTTP (no client): the key → JWT exchange and its one-hour expiry on the
// service's routes, every error code the service documents in its `{ success: false, error, code }` body, the
// invalidate route's code-less errors, assignment statuses as students move them, and reset.
// Run: node --import tsx --test test/node/emulator-masterytrack.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BUILT_IN_SERVICES, createEmulator, type EmulatorOptions } from '../../src/testing/index.ts'
import { exchangeApiKey, mintJwt, type Json } from './emulator-helpers.ts'

const STUDENT = 'seed-student-1@seed.example'
const ASSIGN = '/delivery/assignments/assign'
const INVALIDATE = '/delivery/assignments/invalidate'
const SEARCH = '/authoring/inventory/search'

/** An emulator, a JWT for it, and `call(method, path, body?)` answering `[status, json]`. */
async function open(options?: EmulatorOptions) {
  const emu = createEmulator(options)
  let jwt = await mintJwt(emu)
  const call = async (method: string, path: string, body?: unknown, token: string | null = jwt): Promise<[number, Json]> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (token !== null) headers['x-auth-token'] = `Bearer ${token}`
    const res = await emu.fetch(`${emu.services.masterytrack}${path}`, {
      method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    return [res.status, (await res.json()) as Json]
  }
  return { emu, call, renew: async () => { jwt = await mintJwt(emu) } }
}

const err = (error: string, code?: string, extra: Json = {}): Json => ({ success: false, error, ...(code ? { code } : {}), ...extra })

describe('emulated MasteryTrack: key exchange and expiry', () => {
  it('a JWT from /authorizer opens the routes for one hour; then they answer 401 UNAUTHORIZED until a new exchange', async () => {
    let clock = Date.UTC(2026, 0, 5, 9, 0, 0)
    const { call, renew } = await open({ now: () => clock })
    const [status, body] = await call('GET', SEARCH)
    assert.equal(status, 200)
    assert.deepEqual(Object.keys(body), ['success', 'data'])
    clock += 3599_000
    assert.equal((await call('GET', SEARCH))[0], 200)
    clock += 1000
    assert.deepEqual(await call('GET', SEARCH), [401, err('Invalid or expired JWT', 'UNAUTHORIZED', { details: { reason: 'expired' } })])
    assert.equal((await call('POST', ASSIGN, { student_email: STUDENT, timeback_id: '_mt-math-g4' }))[0], 401)
    await renew()
    assert.equal((await call('GET', SEARCH))[0], 200)
  })

  it('no token, a token without Bearer or an unknown one is 401 UNAUTHORIZED; the exchange itself refuses with 401, 403 and 400', async () => {
    const { emu, call } = await open()
    const [missing, missingBody] = await call('GET', SEARCH, undefined, null)
    assert.deepEqual([missing, missingBody.code, missingBody.details.reason], [401, 'UNAUTHORIZED', 'missing'])
    assert.match(missingBody.details.hint, /X-Auth-Token: Bearer <jwt>/)
    assert.deepEqual((await call('GET', SEARCH, undefined, 'not.a.jwt'))[1], err('Invalid or expired JWT', 'UNAUTHORIZED', { details: { reason: 'unknown' } }))
    const codes = async (res: Promise<Response>) => { const r = await res; return [r.status, ((await r.json()) as Json).code] }
    assert.deepEqual(await codes(exchangeApiKey(emu, undefined, { 'x-api-key': 'nope' })), [401, 'UNAUTHORIZED'])
    assert.deepEqual(await codes(exchangeApiKey(emu, { email: STUDENT })), [403, 'ACCESS_DENIED'])
    assert.deepEqual(await codes(exchangeApiKey(emu, {})), [400, 'MISSING_PARAMETER'])
  })
})

describe('emulated MasteryTrack: documented error codes', () => {
  it('assign: MISSING_PARAMETER, INVALID_PARAMETERS, USER_NOT_FOUND, TEST_NOT_FOUND, TEST_NOT_SUPPORTED, ASSIGNMENT_EXISTS', async () => {
    const { call } = await open()
    const assign = (body: unknown) => call('POST', ASSIGN, body)
    assert.deepEqual(await assign({ timeback_id: '_mt-math-g4' }), [400, err('student_email is required', 'MISSING_PARAMETER')])
    assert.deepEqual(await assign({ student_email: STUDENT }), [400, err('timeback_id or subject is required', 'MISSING_PARAMETER')])
    assert.deepEqual(await assign({ student_email: STUDENT, subject: 'Math', grade_rank: 13 }), [400, err('grade_rank must be a valid number between 0-12', 'INVALID_PARAMETERS')])
    assert.deepEqual(await assign({ student_email: STUDENT, subject: 'Math', grade_rank: '3' }), [400, err('grade_rank must be a valid number between 0-12', 'INVALID_PARAMETERS')])
    assert.deepEqual((await assign('{"student_email":'))[1].code, 'INVALID_PARAMETERS')
    assert.deepEqual((await assign([STUDENT]))[1], err('Body must be a JSON object', 'INVALID_PARAMETERS'))
    assert.deepEqual(await assign({ student_email: 'ghost@school.example', timeback_id: '_mt-math-g4' }), [404, err('User with email ghost@school.example not found', 'USER_NOT_FOUND')])
    // The user check comes before the test's: an unknown student with an unknown test is USER_NOT_FOUND.
    assert.equal((await assign({ student_email: 'ghost@school.example', timeback_id: '_nope' }))[1].code, 'USER_NOT_FOUND')
    assert.deepEqual(await assign({ student_email: STUDENT, timeback_id: '_nope' }), [404, err('Test not found with timeback_id: _nope', 'TEST_NOT_FOUND')])
    assert.deepEqual((await assign({ student_email: STUDENT, subject: 'Art' }))[0], 404)
    assert.deepEqual(await assign({ student_email: STUDENT, timeback_id: '_mt-sci-g5' }), [422, err('The requested test is not yet supported by the system', 'TEST_NOT_SUPPORTED')])
    const [created, made] = await assign({ student_email: STUDENT, timeback_id: '_mt-math-g4' })
    assert.equal(created, 201)
    const { id, test_url } = made.data.assignment
    assert.deepEqual(await assign({ student_email: STUDENT, timeback_id: '_mt-math-g4' }), [409, err('Assignment already exists', 'ASSIGNMENT_EXISTS', {
      data: { existing_assignment: { id, student_email: STUDENT, test_name: 'Alpha Standardized Math G4.1', status: 'ASSIGNED', test_url } },
    })])
  })

  it('student emails match OneRoster users whatever their case; without OneRoster mounted every email passes', async () => {
    const { call } = await open()
    assert.equal((await call('POST', ASSIGN, { student_email: 'SEED-Student-2@Seed.Example', timeback_id: '_mt-math-g4' }))[0], 201)
    const alone = await open({ services: BUILT_IN_SERVICES.filter((s) => s.name === 'masterytrack') })
    assert.equal((await alone.call('POST', ASSIGN, { student_email: 'anyone@school.example', timeback_id: '_mt-math-g4' }))[0], 201)
  })

  it('search: a grade that is not a rank 0-12 or a grade name, or an `all` that is not a boolean, is 400 INVALID_PARAMETERS with details', async () => {
    const { call } = await open()
    assert.deepEqual(await call('GET', `${SEARCH}?grade=K&all=yes`), [400, err('Invalid search parameters', 'INVALID_PARAMETERS', {
      details: { grade: 'Invalid grade format', all: 'Invalid boolean' },
    })])
    for (const grade of ['13', '-1', '3rd', '']) assert.equal((await call('GET', `${SEARCH}?grade=${grade}`))[0], 400, grade)
    for (const grade of ['3', '12', 'third grade', 'KINDERGARTEN']) assert.equal((await call('GET', `${SEARCH}?grade=${encodeURIComponent(grade)}`))[0], 200, grade)
    assert.equal((await call('GET', `${SEARCH}?all=FALSE`))[0], 200)
  })

  it('invalidate: errors carry no code, as documented; an unknown student is a 404', async () => {
    const { call } = await open()
    const invalidate = (body: unknown) => call('POST', INVALIDATE, body)
    assert.deepEqual(await invalidate({ assignment_id: 1 }), [400, err('student_email is required')])
    assert.deepEqual(await invalidate({ student_email: STUDENT }), [400, err('Either assignment_id, timeback_id, or (subject and grade/grade_rank) is required')])
    assert.deepEqual(await invalidate({ student_email: STUDENT, assignment_id: 0 }), [400, err('assignment_id must be a valid positive number')])
    assert.deepEqual(await invalidate({ student_email: STUDENT, subject: 'Math', grade_rank: 40 }), [400, err('grade_rank must be a valid number between 0-12')])
    assert.deepEqual(await invalidate({ student_email: 'ghost@school.example', assignment_id: 1 }), [404, err('Student with email ghost@school.example does not exist in timeback')])
    assert.deepEqual(await invalidate({ student_email: STUDENT, subject: 'Math', grade_rank: 4 }), [404, err(`No active assignments found for student ${STUDENT} with criteria: subject: Math, grade: 4`)])
  })

  it('a 500 injected on its routes carries INTERNAL_ERROR', async () => {
    const { emu, call } = await open()
    emu.faults.add({ path: ASSIGN, status: 500 })
    const [status, body] = await call('POST', ASSIGN, { student_email: STUDENT, timeback_id: '_mt-math-g4' })
    assert.deepEqual([status, body.success, body.code], [500, false, 'INTERNAL_ERROR'])
  })
})

describe('emulated MasteryTrack: assignment statuses and reset', () => {
  it('an assignment is ASSIGNED for 30 days; IN_PROGRESS and PAUSED still block, COMPLETED frees the test; invalidation ends only active ones', async () => {
    const clock = Date.UTC(2026, 2, 1, 12, 0, 0)
    const { emu, call } = await open({ now: () => clock })
    const input = { student_email: STUDENT, timeback_id: '_mt-math-g4' }
    const [, first] = await call('POST', ASSIGN, { ...input, assessment_line_item_sourced_id: 'li-1', assessment_result_sourced_id: 'r-1' })
    const a = first.data.assignment
    // The documented fields only: the write-back ids and the test's own ids stay inside the emulator.
    assert.deepEqual(Object.keys(a), ['id', 'student_email', 'test_name', 'assigned_by', 'test_url', 'status', 'expires_at', 'metadata', 'created_at'])
    assert.deepEqual([first.platform, a.status, a.created_at, a.expires_at], ['Mastery Track', 'ASSIGNED', '2026-03-01T12:00:00.000Z', '2026-03-31T12:00:00.000Z'])
    emu.masterytrack.setStatus(a.id, 'IN_PROGRESS')
    assert.equal((await call('POST', ASSIGN, input))[1].data.existing_assignment.status, 'IN_PROGRESS')
    emu.masterytrack.setStatus(a.id, 'PAUSED')
    assert.equal((await call('POST', ASSIGN, input))[1].data.existing_assignment.status, 'PAUSED')
    emu.masterytrack.setStatus(a.id, 'IN_PROGRESS')
    emu.masterytrack.setStatus(a.id, 'COMPLETED')
    const [again, second] = await call('POST', ASSIGN, input)
    assert.equal(again, 201)
    const [ok, result] = await call('POST', INVALIDATE, { student_email: STUDENT, timeback_id: '_mt-math-g4' })
    assert.equal(ok, 200)
    assert.deepEqual(result.data, {
      message: 'Assignment(s) invalidated successfully.', total_invalidated: 1,
      invalidated_assignments: [{ assignment_id: second.data.assignment.id, student_email: STUDENT }],
    })
    assert.deepEqual(emu.masterytrack.assignments.map((x) => x.status), ['COMPLETED', 'INVALIDATED'])
    assert.throws(() => emu.masterytrack.setStatus(a.id, 'ABANDONED'), /COMPLETED, not ABANDONED: it is final/)
  })

  it('reset forgets assignments and JWTs, restarts ids at 1 and reloads the inventory', async () => {
    const { emu, call, renew } = await open()
    const input = { student_email: STUDENT, timeback_id: '_mt-math-g4' }
    await call('POST', ASSIGN, { student_email: STUDENT, timeback_id: '_mt-read-k' })
    assert.equal((await call('POST', ASSIGN, input))[1].data.assignment.id, 2)
    emu.reset()
    assert.equal((await call('GET', SEARCH))[0], 401) // the JWT went with the reset
    await renew()
    assert.deepEqual(emu.masterytrack.assignments, [])
    assert.equal((await call('GET', SEARCH))[1].data.length, 5)
    const [status, body] = await call('POST', ASSIGN, input) // no 409: the old assignment is gone
    assert.deepEqual([status, body.data.assignment.id], [201, 1])
  })

  it('seed: false starts with no inventory; seedInventory() loads it and keeps the assignments made', async () => {
    const { emu, call } = await open({ seed: false })
    assert.deepEqual((await call('GET', SEARCH))[1].data, [])
    emu.masterytrack.seedInventory()
    const tests = (await call('GET', `${SEARCH}?all=true`))[1].data as Json[]
    assert.equal(tests.length, 7)
    assert.equal((await call('GET', SEARCH))[1].data.length, 5)
    assert.equal((await call('POST', ASSIGN, { student_email: STUDENT, timeback_id: '_mt-math-g4' }))[0], 404) // no OneRoster students either
    emu.masterytrack.seedInventory()
    assert.equal((await call('GET', `${SEARCH}?all=true`))[1].data.length, 7) // replaced, not doubled
  })
})
