// PowerPathClient's 2026 additions against the emulator: the seeded Math course sequence, its stages (all, the
// first, by grade), the stage after an assessment, and self-service test-outs (eligibility, then the assignment).

import type { Assert, Suite } from '../../harness/types.ts'
import { ppSetup, rejection } from './helpers.ts'

// The emulator's seeded Math sequence (src/testing/powerpath/seed.ts SEED_SEQUENCE_ID): an assessment stage for
// grades 3–5, then Math 3, Math 4 and Math 5.
const SEQUENCE = '5e9a0c2e-6b1f-4c39-9d3e-000000000001'
const STUDENT = 'seed-student-1'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  describe('powerpath: course sequences and self-service test-outs', () => {
    it('reads a sequence, its stages and the stage an assessment leads to', async () => {
      const { client } = ppSetup(env)
      const sequence = await client.courseSequences.get({ id: SEQUENCE })
      assert.equal(sequence.subject, 'Math')
      assert.equal(sequence.status, 'active')
      const ids = (stages: { id: string }[]) => stages.map((s) => s.id)
      assert.deepEqual(ids(await client.courseSequences.getStages({ id: SEQUENCE })), ids(sequence.stages))
      assert.deepEqual(ids(await client.courseSequences.getStages({ id: SEQUENCE, limit: 1 })), [sequence.stages[0]!.id])
      assert.deepEqual(ids(await client.courseSequences.getStages({ id: SEQUENCE, grade: 4 })), ['stage-math-placement', 'stage-math-4'])
      assert.equal((await client.courseSequences.getStageAfterAssessment({ id: SEQUENCE, test_grade: 3, test_type: 'placement' })).id, 'stage-math-3')
      assert.equal((await client.courseSequences.getStageAfterAssessment({ id: SEQUENCE, test_grade: '3', test_type: 'test_out', cqpm: 40 })).id, 'stage-math-4')
      assert.ok(sdk.errors.isNotFoundError(await rejection(client.courseSequences.get({ id: 'no-such-sequence' }))))
    })

    it('checks test-out eligibility and assigns a self-elected test-out', async () => {
      const { client } = ppSetup(env)
      const eligible = await client.testOut.getEligibility({ studentId: STUDENT, subject: 'Math' })
      assert.deepEqual(eligible, { eligible: true })
      const notEnrolled = await client.testOut.getEligibility({ studentId: STUDENT, subject: 'science' as never })
      assert.equal(notEnrolled.eligible, false)
      assert.match(notEnrolled.reason ?? '', /Science/)

      const made = await client.testOut.makeExternalStudentTestOutAssignment({ oneRosterSourcedId: STUDENT, subject: 'Math' })
      assert.equal(made.success, true)
      const assignmentId = made.data?.assignmentId as string
      const assignment = await client.testAssignments.get({ id: assignmentId })
      assert.equal(assignment.subject, 'Math')
      assert.equal(assignment.studentSourcedId, STUDENT)
      const refused = await client.testOut.makeExternalStudentTestOutAssignment({ oneRosterSourcedId: STUDENT, subject: 'Science' })
      assert.equal(refused.success, false)
    })
  })
}

export default suite
