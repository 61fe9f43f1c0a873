// PowerPathClient refuses bad input before any request: unknown parameter names (with the name it most likely
// meant: PowerPath silently ignores `studentId` where it wants `student`), missing required ones, wrong enum
// values, bad cross-field combinations and hostile path ids. Ids containing / ? # % travel as one path segment.

import type { Assert, Suite } from '../../harness/types.ts'
import { refusalChecker, type RefusalCase } from '../refusals.ts'
import { ppSetup, rejection } from './helpers.ts'

type Case = RefusalCase

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const { isInputValidationError } = sdk.errors

  const check = refusalChecker(env)
  /** Each case is refused with an InputValidationError naming its field; the emulator receives nothing. */
  const refuses = (emulator: { requests: readonly unknown[] }, cases: Case[]) => check(cases, () => emulator.requests.length)

  describe('powerpath: input checks', () => {
    it('names the parameter an unknown one most likely meant (studentId → student, lessonId → lesson)', async () => {
      const { emulator, client } = ppSetup(env)
      const any = client as any
      await refuses(emulator, [
        [() => any.placement.getCurrentLevel({ studentId: 'stu-1', subject: 'Math' }), 'studentId', /did you mean student\?/],
        [() => any.placement.getCurrentLevel({ studentId: 'stu-1', subject: 'Math' }), 'student', /is required/],
        [() => any.assessments.getNextQuestion({ student: 'stu-1', lessonId: 'l1' }), 'lessonId', /did you mean lesson\?/],
        [() => any.assessments.testOut({ student: 'stu-1', courseId: 'c1' }), 'courseId', /did you mean course\?/],
        [() => any.lessonPlans.getCourseProgress({ courseId: 'c1', student: 'stu-1' }), 'student', /did you mean studentId\?/],
        [() => any.testAssignments.list({ studentId: 'stu-1' }), 'studentId', /did you mean student\?/],
        [() => any.testAssignments.get({ sourcedId: 'a1' }), 'sourcedId', /did you mean id\?/],
        [() => any.testAssignments.get({ identifier: 'a1' }), 'identifier', /unknown parameter \(expected id\)/],
        [() => any.syllabus.get({ courseSourcedId: 'c1', fields: 'x' }), 'fields', /unknown parameter/],
      ])
    })

    it('refuses missing required parameters and non-object params', async () => {
      const { emulator, client } = ppSetup(env)
      const any = client as any
      await refuses(emulator, [
        [() => any.placement.getCurrentLevel({ student: 'stu-1' }), 'subject', /is required/],
        [() => any.testAssignments.create({ student: 'stu-1', subject: 'Math' }), 'grade', /is required/],
        [() => any.screening.resetSession({}), 'userId', /is required/],
        [() => any.lessonPlans.create({ courseId: 'c1' }), 'userId', /is required/],
        [() => any.testAssignments.update({ id: 'a1' }), 'testName', /is required/],
        [() => any.assessments.getAttempts({ student: '  ', lesson: 'l1' }), 'student', /non-empty string/],
        [() => any.syllabus.get(), 'params', /must be an object/],
        [() => any.placement.getPlacement('stu-1'), 'params', /must be an object/],
        [() => any.assessments.makeExternalTestAssignment({ student: 's', lesson: 'l', skipCourseEnrollment: 'yes' }), 'skipCourseEnrollment', /true or false/],
      ])
    })

    it('refuses values outside the enums (subject, grade, status, lessonType, toolProvider, test_type)', async () => {
      const { emulator, client } = ppSetup(env)
      const any = client as any
      await refuses(emulator, [
        [() => any.placement.getCurrentLevel({ student: 's', subject: 'Maths' }), 'subject', /must be one of Reading, .*Math \(got "Maths"\)/],
        [() => any.testAssignments.list({ student: 's', status: 'done' }), 'status', /assigned, in_progress/],
        [() => any.testAssignments.create({ student: 's', subject: 'Math', grade: 14 }), 'grade', /must be one of -1, 0/],
        [() => any.testAssignments.bulk({ items: [{ student: 's', subject: 'Math', grade: '3' }, { student: 's', subject: 'Art', grade: '3' }] }), 'items.1.subject', /must be one of/],
        [() => any.assessments.createInternalTest({ courseId: 'c', lessonType: 'exam', testType: 'qti', qti: { url: 'u' } }), 'lessonType', /powerpath-100, quiz/],
        [() => any.assessments.createExternalPlacementTest({ courseId: 'c', lessonType: 'placement', toolProvider: 'pearson', grades: ['3'] }), 'toolProvider', /edulastic, mastery-track/],
        [() => any.assessments.createExternalPlacementTest({ courseId: 'c', lessonType: 'placement', toolProvider: 'edulastic', grades: ['3', 'K'] }), 'grades.1', /grade from -1 to 13/],
        [() => any.screening.assignTest({ userId: 'u', subject: 'Vocabulary' }), 'subject', /Math, Reading, Language, Science/],
        [() => any.testOut.getEligibility({ studentId: 's', subject: 'FastMath' }), 'subject', /must be one of/],
        [() => any.courseSequences.getStageAfterAssessment({ id: 'q', test_type: 'final' }), 'test_type', /placement, test_out/],
        [() => any.lessonPlans.storeOperation({ lessonPlanId: 'p', operation: { type: 'skip', payload: {} } }), 'operation.type', /set-skipped/],
        [() => any.lessonPlans.updateStudentItemResponse({ studentId: 's', componentResourceId: 'cr', result: { status: 'active', scoreStatus: 'graded', scoreDate: '2026-01-01' } }), 'result.scoreStatus', /fully graded/],
      ])
    })

    it('checks the combinations the spec ties together', async () => {
      const { emulator, client } = ppSetup(env)
      const any = client as any
      await refuses(emulator, [
        [() => any.assessments.createInternalTest({ courseId: 'c', lessonType: 'quiz', testType: 'qti' }), 'qti', /required when testType is 'qti'/],
        [() => any.assessments.createInternalTest({ courseId: 'c', lessonType: 'quiz', testType: 'assessment-bank', assessmentBank: { resources: [] }, qti: { url: 'u' } }), 'qti', /does not go with/],
        [() => any.assessments.createExternalTestOut({ courseId: 'c', lessonType: 'test-out', toolProvider: 'edulastic', grades: ['3'] }), 'xp', /required for a test-out/],
        [() => any.assessments.updateStudentQuestionResponse({ student: 's', lesson: 'l', question: 'q' }), 'response', /give response/],
        [() => any.assessments.updateStudentQuestionResponse({ student: 's', lesson: 'l', question: 'q', response: 3 }), 'response', /string or an array of strings/],
        [() => any.assessments.getAssessmentProgress({ student: 's', lesson: 'l', attempt: 0 }), 'attempt', /from 1/],
        [() => any.lessonPlans.storeOperation({ lessonPlanId: 'p', operation: { type: 'set-skipped', payload: { target: { type: 'unit', id: 'x' }, value: true } } }), 'operation.payload.target', /component' \| 'resource/],
        [() => any.testAssignments.list({ student: 's', limit: 0 }), 'limit', /integer from 1/],
        [() => any.courseSequences.getStages({ id: 'q', limit: 1.5 }), 'limit', /integer from 1/],
      ])
      // A listing's stream checks its params on the first next(), still before any request.
      const before = emulator.requests.length
      const error = await rejection(any.testAssignments.stream({ student: 's', grade: 'K' }).next())
      assert.ok(isInputValidationError(error))
      assert.match(error.message, /^testAssignments\.list: grade: must be one of/)
      await rejection(any.testAssignments.admin.listAll({ status: 'lost' }))
      assert.equal(emulator.requests.length, before)
    })

    it('refuses hostile path ids before the request and sends / ? # % inside one segment', async () => {
      const { emulator, client } = ppSetup(env)
      const any = client as any
      await refuses(emulator, [
        [() => any.placement.getPlacement({ studentId: '..' }), 'studentId', /not a valid id/],
        [() => any.testAssignments.get({ id: '.' }), 'id', /not a valid id/],
        [() => any.lessonPlans.getTree({ courseId: '', userId: 'u' }), 'courseId', /non-empty string/],
        [() => any.syllabus.get({ courseSourcedId: 42 }), 'courseSourcedId', /non-empty string/],
        [() => any.screening.getSession({ userId: null }), 'userId', /non-empty string/],
      ])
      const hostile = 'a/../b?x=1#frag%2F'
      await client.testAssignments.get({ id: hostile }).catch(() => undefined)
      await client.lessonPlans.getCourseProgress({ courseId: 'c/1', studentId: hostile }).catch(() => undefined)
      const paths = emulator.requests.slice(-2).map((r) => r.path)
      assert.deepEqual(paths, [
        '/powerpath/test-assignments/a%2F..%2Fb%3Fx%3D1%23frag%252F',
        '/powerpath/lessonPlans/getCourseProgress/c%2F1/student/a%2F..%2Fb%3Fx%3D1%23frag%252F',
      ])
    })

    it('sends enum values in the spelling of the spec whatever the case given, and grades given as numbers as strings', async () => {
      const { emulator, client } = ppSetup(env)
      await client.placement.getCurrentLevel({ student: 'stu-1', subject: 'social studies' as never }).catch(() => undefined)
      await client.testAssignments.list({ student: 'stu-1', grade: 3, status: 'ASSIGNED' as never }).catch(() => undefined)
      const [level, list] = emulator.requests.slice(-2).map((r) => new URL(r.url).searchParams)
      assert.equal(level!.get('subject'), 'Social Studies')
      assert.equal(list!.get('grade'), '3')
      assert.equal(list!.get('status'), 'assigned')
      assert.equal(list!.get('studentId'), null)
    })
  })
}

export default suite
