// MasteryTrackClient against the emulator's student-side rules: only Timeback users get tests (404 USER_NOT_FOUND,
// a NotFoundError), an assignment moves ASSIGNED → IN_PROGRESS ⇄ PAUSED → COMPLETED (or ABANDONED) while the
// active ones block a duplicate and can be invalidated, a malformed grade is a 400 INVALID_PARAMETERS
// (ValidationError), and `emulator.credentials.masterytrack` is the key pair without leaking into OAuth spreads.

import type { Assert, SuiteEnv, Suite } from '../../harness/types.ts'

const STUDENT = 'seed-student-3@seed.example'

function mtSetup(env: SuiteEnv) {
  const { emulator, options } = env.setup()
  const client = new env.sdk.masterytrack.MasteryTrackClient({
    baseUrl: emulator.services.masterytrack,
    auth: { ...emulator.credentials.masterytrack },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  return { emulator, client }
}

const failure = (p: Promise<unknown>): Promise<any> => p.then(() => undefined, (e) => e)

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const { isConflictError, isNotFoundError, isValidationError } = sdk.errors
  const { existingAssignmentOf } = sdk.masterytrack

  describe('masterytrack: students and statuses', () => {
    it('refuses a student who is not a Timeback user: assign is a NotFoundError USER_NOT_FOUND, invalidate a NotFoundError', async () => {
      const { emulator, client } = mtSetup(env)
      const stranger = 'nobody@school.example'
      const error = await failure(client.assignments.assign({ student_email: stranger, timeback_id: '_mt-math-g4' }))
      assert.ok(isNotFoundError(error), String(error))
      assert.deepEqual(error.minorCodes, ['USER_NOT_FOUND'])
      assert.match(error.message, /User with email nobody@school\.example not found/)
      const gone = await failure(client.assignments.invalidate({ student_email: stranger, timeback_id: '_mt-math-g4' }))
      assert.ok(isNotFoundError(gone))
      assert.match(gone.message, /does not exist in timeback/)
      // A user added to the roster can take tests at once; one marked tobedeleted no longer can.
      emulator.state.insert('users', { sourcedId: 'mt-new', givenName: 'New', familyName: 'Student', email: stranger, roles: [], enabledUser: 'true' })
      const { assignment } = await client.assignments.assign({ student_email: stranger, timeback_id: '_mt-math-g4' })
      assert.equal(assignment.student_email, stranger)
      emulator.state.insert('users', { ...emulator.state.get('users', 'seed-student-4')!, status: 'tobedeleted' })
      const removed = await failure(client.assignments.assign({ student_email: 'seed-student-4@seed.example', timeback_id: '_mt-math-g4' }))
      assert.deepEqual(removed?.minorCodes, ['USER_NOT_FOUND'])
    })

    it('an in-progress or paused assignment still blocks a duplicate; a completed one does not', async () => {
      const { emulator, client } = mtSetup(env)
      const input = { student_email: STUDENT, timeback_id: '_mt-math-g4' }
      const { assignment } = await client.assignments.assign(input)
      for (const status of ['IN_PROGRESS', 'PAUSED', 'IN_PROGRESS'] as const) {
        emulator.masterytrack.setStatus(assignment.id, status)
        const error = await failure(client.assignments.assign(input))
        assert.ok(isConflictError(error), `${status}: ${String(error)}`)
        assert.equal(existingAssignmentOf(error)?.status, status)
      }
      emulator.masterytrack.setStatus(assignment.id, 'COMPLETED')
      const again = await client.assignments.assign(input)
      assert.notEqual(again.assignment.id, assignment.id)
      assert.deepEqual(emulator.masterytrack.assignments.map((a) => [a.id, a.status]), [[assignment.id, 'COMPLETED'], [again.assignment.id, 'ASSIGNED']])
    })

    it('invalidation takes only active assignments: a completed or abandoned one is left as it is (404 when nothing else matches)', async () => {
      const { emulator, client } = mtSetup(env)
      const done = await client.assignments.assign({ student_email: STUDENT, timeback_id: '_mt-math-g4' })
      emulator.masterytrack.setStatus(done.assignment.id, 'IN_PROGRESS')
      emulator.masterytrack.setStatus(done.assignment.id, 'COMPLETED')
      const quit = await client.assignments.assign({ student_email: STUDENT, timeback_id: '_mt-read-k' })
      emulator.masterytrack.setStatus(quit.assignment.id, 'ABANDONED')
      for (const criteria of [{ assignment_id: done.assignment.id }, { timeback_id: '_mt-read-k' }, { subject: 'Math', grade_rank: 4 }]) {
        const error = await failure(client.assignments.invalidate({ student_email: STUDENT, ...criteria }))
        assert.ok(isNotFoundError(error), JSON.stringify(criteria))
        assert.match(error.message, /No active assignments found/)
      }
      const paused = await client.assignments.assign({ student_email: STUDENT, timeback_id: '_mt-math-g4' })
      emulator.masterytrack.setStatus(paused.assignment.id, 'IN_PROGRESS')
      emulator.masterytrack.setStatus(paused.assignment.id, 'PAUSED')
      const result = await client.assignments.invalidate({ student_email: STUDENT, timeback_id: '_mt-math-g4' })
      assert.deepEqual(result.invalidated_assignments, [{ assignment_id: paused.assignment.id, student_email: STUDENT }])
      const statuses = Object.fromEntries(emulator.masterytrack.assignments.map((a) => [a.id, a.status]))
      assert.deepEqual(statuses, { [done.assignment.id]: 'COMPLETED', [quit.assignment.id]: 'ABANDONED', [paused.assignment.id]: 'INVALIDATED' })
    })

    it('completing a test assigned with both write-back sourcedIds writes its result to OneRoster; others write nothing', async () => {
      const { emulator, client } = mtSetup(env)
      // The app made the result record beforehand; the write keeps its other fields.
      emulator.state.insert('assessmentResults', { sourcedId: 'mt-result-1', assessmentLineItem: { sourcedId: 'mt-line-1' }, student: { sourcedId: 'seed-student-3' }, scoreStatus: 'not submitted', comment: 'placeholder' })
      const { assignment } = await client.assignments.assign({
        student_email: STUDENT, timeback_id: '_mt-math-g4', assessment_line_item_sourced_id: 'mt-line-1', assessment_result_sourced_id: 'mt-result-1',
      })
      const plain = await client.assignments.assign({ student_email: STUDENT, timeback_id: '_mt-read-k' })
      emulator.masterytrack.setStatus(assignment.id, 'IN_PROGRESS')
      assert.equal(emulator.state.get('assessmentResults', 'mt-result-1')?.scoreStatus, 'not submitted') // not before completion
      emulator.masterytrack.setStatus(assignment.id, 'COMPLETED', { score: 87 })
      const written = emulator.state.get('assessmentResults', 'mt-result-1')
      assert.deepEqual(
        [written?.score, written?.scoreStatus, written?.student, written?.assessmentLineItem, written?.comment],
        [87, 'fully graded', { sourcedId: 'seed-student-3' }, { sourcedId: 'mt-line-1' }, 'placeholder'],
      )
      assert.equal(typeof written?.scoreDate, 'string')
      const before = emulator.state.count('assessmentResults')
      emulator.masterytrack.setStatus(plain.assignment.id, 'IN_PROGRESS')
      emulator.masterytrack.setStatus(plain.assignment.id, 'COMPLETED', { score: 50 })
      assert.equal(emulator.state.count('assessmentResults'), before)
      const third = await client.assignments.assign({ student_email: STUDENT, timeback_id: '_mt-math-g3-b' })
      assert.throws(() => emulator.masterytrack.setStatus(third.assignment.id, 'IN_PROGRESS', { score: Number.NaN }), /score must be a finite number/)
      assert.equal(emulator.masterytrack.assignments.find((a) => a.id === third.assignment.id)?.status, 'ASSIGNED')
    })

    it('setStatus refuses moves the service does not make, and final statuses never move', async () => {
      const { emulator, client } = mtSetup(env)
      const { assignment } = await client.assignments.assign({ student_email: STUDENT, timeback_id: '_mt-math-g4' })
      assert.throws(() => emulator.masterytrack.setStatus(assignment.id, 'COMPLETED'), /ASSIGNED, not COMPLETED: it can move to IN_PROGRESS, ABANDONED/)
      assert.throws(() => emulator.masterytrack.setStatus(assignment.id, 'PAUSED'), TypeError)
      assert.throws(() => emulator.masterytrack.setStatus(assignment.id + 100, 'IN_PROGRESS'), RangeError)
      await client.assignments.invalidate({ student_email: STUDENT, assignment_id: assignment.id })
      assert.throws(() => emulator.masterytrack.setStatus(assignment.id, 'IN_PROGRESS'), /INVALIDATED, not IN_PROGRESS: it is final/)
      // The list is a copy: writing to it changes nothing.
      ;(emulator.masterytrack.assignments[0] as { status: string }).status = 'ASSIGNED'
      assert.equal(emulator.masterytrack.assignments[0]?.status, 'INVALIDATED')
      emulator.reset()
      assert.deepEqual(emulator.masterytrack.assignments, [])
    })

    it('a grade that is neither a rank 0-12 nor a grade name is a ValidationError INVALID_PARAMETERS', async () => {
      const { client } = mtSetup(env)
      const error = await failure(client.inventory.search({ grade: 'K' }))
      assert.ok(isValidationError(error), String(error))
      assert.equal(error.status, 400)
      assert.deepEqual(error.minorCodes, ['INVALID_PARAMETERS'])
      assert.deepEqual((await client.inventory.search({ grade: '0' })).map((t) => t.timeback_id), ['_mt-read-k'])
      assert.deepEqual((await client.inventory.search({ grade: 'KINDERGARTEN' })).map((t) => t.timeback_id), ['_mt-read-k'])
      assert.deepEqual(await client.inventory.search({ grade: 'Twelfth Grade' }), [])
    })

    it('emulator.credentials.masterytrack is the API key pair, left out when the OAuth pair is spread', () => {
      const { emulator } = mtSetup(env)
      assert.deepEqual(Object.keys({ ...emulator.credentials }), ['clientId', 'clientSecret'])
      assert.equal(JSON.stringify(emulator.credentials).includes('apiKey'), false)
      assert.equal(emulator.credentials.masterytrack, emulator.apiKeyCredentials)
      assert.deepEqual({ ...emulator.credentials.masterytrack }, { apiKey: 'emulator-api-key', email: 'api-user@emulator.test' })
    })
  })
}

export default suite
