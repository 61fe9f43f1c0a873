// PowerPathClient's NWEA MAP screening against the emulator: assigning a test makes the student's session, the
// finished test (the emulator's stand-in for NWEA) gives results, and a reset clears the session's assignment.

import type { Assert, Suite } from '../../harness/types.ts'
import { ppSetup, rejection } from './helpers.ts'

const STUDENT = 'seed-student-1'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  describe('powerpath: screening', () => {
    it('assigns a screening test, reads the session and results, and resets the session', async () => {
      const { emulator, client } = ppSetup(env)
      assert.ok(sdk.errors.isNotFoundError(await rejection(client.screening.getSession({ userId: STUDENT }))), 'no session before a test is assigned')
      const session = await client.screening.assignTest({ userId: STUDENT, subject: 'math' as never })
      assert.equal(session.status, 'active')
      assert.equal(session.assignment.status, 'assigned')
      assert.match(session.assignment.assignedTestKey ?? '', /Math/)
      assert.deepEqual(await client.screening.getSession({ userId: STUDENT }), session)
      assert.deepEqual(await client.screening.getResults({ userId: STUDENT }), {})

      assert.equal(emulator.powerpath.completeScreening(STUDENT, 'Math', 201), true)
      const results = await client.screening.getResults({ userId: STUDENT })
      assert.equal((results.Math as { ritScore?: number } | undefined)?.ritScore, 201)
      assert.equal((await client.screening.getSession({ userId: STUDENT })).assignment.status, 'completed')

      assert.equal(await client.screening.resetSession({ userId: STUDENT }), undefined)
      const reset = await client.screening.getSession({ userId: STUDENT })
      assert.equal(reset.assignment.assignedTestKey, null)
      assert.equal(reset.pin, session.pin, 'the session itself is kept')
    })
  })
}

export default suite
