// MasteryTrackClient against the emulator: inventory search (filters, sort, `all`), the assign variants, the
// documented rules (422 TEST_NOT_SUPPORTED, 409 ASSIGNMENT_EXISTS with the existing assignment, permanent
// invalidation), bad input refused before any request, and one API-key → JWT exchange for many calls. Students are
// the emulator's seeded OneRoster users: MasteryTrack only assigns to Timeback users (404 USER_NOT_FOUND otherwise).

import type { Assert, SuiteEnv, Suite } from '../../harness/types.ts'

const STUDENT = 'seed-student-1@seed.example'
const OTHER_STUDENT = 'seed-student-2@seed.example'

function mtSetup(env: SuiteEnv) {
  const { emulator, options } = env.setup()
  const client = new env.sdk.masterytrack.MasteryTrackClient({
    baseUrl: emulator.services.masterytrack,
    auth: { ...emulator.credentials.masterytrack },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  return { emulator, client }
}

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const { isConflictError, isValidationError, isNotFoundError, isInputValidationError } = sdk.errors
  const { existingAssignmentOf } = sdk.masterytrack

  describe('masterytrack: client', () => {
    it('searches supported tests sorted by subject, grade_rank, name, version desc; all=true adds unsupported ones', async () => {
      const { client } = mtSetup(env)
      const ids = (tests: { timeback_id: string }[]) => tests.map((t) => t.timeback_id)
      assert.deepEqual(ids(await client.inventory.search()), [
        '_mt-math-g3-v2', '_mt-math-g3-v1', '_mt-math-g3-b', '_mt-math-g4', '_mt-read-k',
      ])
      assert.deepEqual(ids(await client.inventory.search({ all: true })), [
        '_mt-math-g3-v2', '_mt-math-g3-v1', '_mt-math-g3-b', '_mt-math-g4-draw', '_mt-math-g4', '_mt-read-k', '_mt-sci-g5',
      ])
      assert.deepEqual(ids(await client.inventory.search({ subject: 'MATH', grade: 'fourth grade' })), ['_mt-math-g4'])
      assert.deepEqual(ids(await client.inventory.search({ timebackId: '_mt-read-k' })), ['_mt-read-k'])
      assert.deepEqual(ids(await client.inventory.search({ name: 'g3.2' })), ['_mt-math-g3-b'])
      const [science] = await client.inventory.search({ subject: 'science', all: true })
      assert.equal(science?.supported, false)
      assert.equal(science?.grade_rank, 5)
    })

    it('assigns by timeback_id, by subject + grade_rank (first untaken test) and with write-back sourcedIds', async () => {
      const { client } = mtSetup(env)
      const first = await client.assignments.assign({ student_email: STUDENT, timeback_id: '_mt-math-g4' })
      assert.equal(first.assignment.student_email, STUDENT)
      assert.equal(first.assignment.test_name, 'Alpha Standardized Math G4.1')
      assert.equal(first.assignment.status, 'ASSIGNED')
      assert.equal(first.message, `Test successfully assigned to ${STUDENT}`)
      // Grade 3 math: G3.1 (newest version first), then G3.2 once G3.1 is taken.
      const a = await client.assignments.assign({ student_email: STUDENT, subject: 'math', grade_rank: 3 })
      assert.equal(a.assignment.test_name, 'Alpha Standardized Math G3.1')
      const b = await client.assignments.assign({
        student_email: STUDENT, subject: 'Math', grade_rank: 3,
        assessment_line_item_sourced_id: 'ali-1', assessment_result_sourced_id: 'ar-1',
      })
      assert.equal(b.assignment.test_name, 'Alpha Standardized Math G3.2')
      // Subject alone: the placement flow starts at the subject's lowest grade.
      const reading = await client.assignments.assign({ student_email: STUDENT, subject: 'Reading' })
      assert.equal(reading.assignment.test_name, 'Alpha Reading K.1')
      assert.notEqual(a.assignment.id, b.assignment.id)
    })

    it('refuses an unsupported test with 422 TEST_NOT_SUPPORTED', async () => {
      const { client } = mtSetup(env)
      const error = await client.assignments.assign({ student_email: STUDENT, timeback_id: '_mt-sci-g5' }).then(() => undefined, (e) => e)
      assert.ok(isValidationError(error))
      assert.equal(error.status, 422)
      assert.deepEqual(error.minorCodes, ['TEST_NOT_SUPPORTED'])
      assert.match(error.message, /not yet supported/)
    })

    it('refuses a duplicate of an active assignment with a ConflictError carrying the existing assignment', async () => {
      const { client } = mtSetup(env)
      const { assignment } = await client.assignments.assign({ student_email: STUDENT, timeback_id: '_mt-math-g4' })
      const error = await client.assignments.assign({ student_email: STUDENT, timeback_id: '_mt-math-g4' }).then(() => undefined, (e) => e)
      assert.ok(isConflictError(error))
      assert.deepEqual(error.minorCodes, ['ASSIGNMENT_EXISTS'])
      assert.match(error.message, /409 Conflict: Assignment already exists/)
      const existing = existingAssignmentOf(error)
      assert.equal(existing?.id, assignment.id)
      assert.equal(existing?.test_url, assignment.test_url)
      assert.equal(existingAssignmentOf(new Error('x')), undefined)
      // Another student is not blocked.
      await client.assignments.assign({ student_email: OTHER_STUDENT, timeback_id: '_mt-math-g4' })
    })

    it('invalidates by id, by timeback_id and by subject + grade_rank; invalidation is permanent', async () => {
      const { client } = mtSetup(env)
      const one = await client.assignments.assign({ student_email: STUDENT, timeback_id: '_mt-math-g4' })
      const byId = await client.assignments.invalidate({ student_email: STUDENT, assignment_id: one.assignment.id })
      assert.equal(byId.total_invalidated, 1)
      assert.deepEqual(byId.invalidated_assignments, [{ assignment_id: one.assignment.id, student_email: STUDENT }])
      // Permanent: invalidating again finds nothing active (404)...
      await assert.rejects(client.assignments.invalidate({ student_email: STUDENT, assignment_id: one.assignment.id }), isNotFoundError)
      // ...and the test can be assigned anew, as a new assignment.
      const again = await client.assignments.assign({ student_email: STUDENT, timeback_id: '_mt-math-g4' })
      assert.notEqual(again.assignment.id, one.assignment.id)
      const byTest = await client.assignments.invalidate({ student_email: STUDENT, timeback_id: '_mt-math-g4' })
      assert.deepEqual(byTest.invalidated_assignments.map((a) => a.assignment_id), [again.assignment.id])

      const g3 = await client.assignments.assign({ student_email: STUDENT, subject: 'Math', grade_rank: 3 })
      await client.assignments.assign({ student_email: STUDENT, timeback_id: '_mt-read-k' })
      const bySubject = await client.assignments.invalidate({ student_email: STUDENT, subject: 'math', grade_rank: 3 })
      assert.deepEqual(bySubject.invalidated_assignments.map((a) => a.assignment_id), [g3.assignment.id])
    })

    it('refuses bad input before any request, naming the field', async () => {
      const { emulator, client } = mtSetup(env)
      const before = emulator.requests.length
      const cases: [() => Promise<unknown>, string][] = [
        [() => client.assignments.assign({ timeback_id: '_mt-math-g4' } as never), 'student_email'],
        [() => client.assignments.assign({ student_email: STUDENT }), 'timeback_id'],
        [() => client.assignments.assign({ student_email: STUDENT, subject: 'Math', grade_rank: 13 }), 'grade_rank'],
        [() => client.assignments.assign({ student_email: STUDENT, subject: 'Math', grade_rank: 2.5 }), 'grade_rank'],
        [() => client.assignments.assign({ student_email: STUDENT, timeback_id: 'x', assessment_result_sourced_id: 'r' }), 'assessment_line_item_sourced_id'],
        [() => client.assignments.assign({ student_email: STUDENT, timebackId: 'x' } as never), 'timebackId'],
        [() => client.assignments.invalidate({ student_email: STUDENT }), 'assignment_id'],
        [() => client.assignments.invalidate({ student_email: STUDENT, subject: 'Math' }), 'grade_rank'],
        [() => client.assignments.invalidate({ student_email: STUDENT, assignment_id: 0 }), 'assignment_id'],
        [() => client.inventory.search({ timeback_id: 'x' } as never), 'timeback_id'],
        [() => client.inventory.search({ all: 'yes' } as never), 'all'],
      ]
      for (const [call, field] of cases) {
        const error = await call().then(() => undefined, (e) => e)
        assert.ok(isInputValidationError(error), `expected an InputValidationError for ${field}`)
        assert.ok(error.issues.some((i: { path: string }) => i.path === field), `${field} named in: ${error.message}`)
      }
      assert.equal(emulator.requests.length, before)
    })

    it('exchanges the API key once for many calls and sends the JWT as X-Auth-Token', async () => {
      const { emulator, client } = mtSetup(env)
      await client.inventory.search()
      await client.inventory.search({ subject: 'math' })
      await client.assignments.assign({ student_email: STUDENT, timeback_id: '_mt-math-g4' })
      await client.assignments.invalidate({ student_email: STUDENT, timeback_id: '_mt-math-g4' })
      assert.equal(emulator.stats().apiKeyTokens.issued, 1)
      const calls = emulator.requests.filter((r) => !r.path.endsWith('/authorizer'))
      assert.equal(calls.length, 4)
      for (const r of calls) assert.match(r.headers['x-auth-token'] ?? '', /^Bearer \S+$/)
    })
  })
}

export default suite
