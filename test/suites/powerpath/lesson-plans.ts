// PowerPathClient's `lessonPlans` and `syllabus` against the emulator: a student's plan for the seeded Math 3
// course, personalised through the operations log (skip a lesson, move a unit first), synced, recreated (the log
// replayed), synced per course and deleted; the course syllabus.

import type { Assert, Suite } from '../../harness/types.ts'
import { ppSetup, rejection } from './helpers.ts'

const STUDENT = 'seed-student-1'
const COURSE = 'seed-course-1'
// Seeded in the emulator's PowerPath catalog for Math 3 (src/testing/powerpath/seed.ts).
const QUIZ = 'pp-lesson-math3-quiz'
const TEST_OUT_UNIT = 'pp-unit-math3-test-out'

type Tree = { subComponents: Record<string, any>[] }

/** Every componentResource sourcedId of a plan tree, depth first. */
function lessonsOf(tree: Tree): string[] {
  return tree.subComponents.flatMap((c) => [...(c.componentResources ?? []).map((r: { sourcedId: string }) => r.sourcedId), ...lessonsOf(c as Tree)])
}

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  describe('powerpath: lesson plans', () => {
    it('creates a plan, skips a lesson and moves a unit through the operations log, recreates and deletes it', async () => {
      const { client } = ppSetup(env)
      const { lessonPlanId } = await client.lessonPlans.create({ courseId: COURSE, userId: STUDENT })
      assert.equal((await client.lessonPlans.create({ courseId: COURSE, userId: STUDENT })).lessonPlanId, lessonPlanId, 'one plan per course and student')
      const tree = await client.lessonPlans.getTree({ courseId: COURSE, userId: STUDENT })
      assert.ok(lessonsOf(tree.lessonPlan.lessonPlan).includes(QUIZ))
      assert.deepEqual(await client.lessonPlans.getLessonPlan({ lessonPlanId }), tree)

      const stored = await client.lessonPlans.storeOperation({
        lessonPlanId, reason: 'already mastered', operation: { type: 'set-skipped', payload: { target: { type: 'resource', id: QUIZ }, value: true } },
      })
      assert.equal(stored.success, true)
      await client.lessonPlans.storeOperation({ lessonPlanId, operation: { type: 'move-item-to-start', payload: { target: { type: 'component', id: TEST_OUT_UNIT } } } })
      const { operations } = await client.lessonPlans.getOperations({ lessonPlanId })
      assert.deepEqual(operations.map((o) => [o.sequenceNumber, o.type, o.reason]), [[1, 'set-skipped', 'already mastered'], [2, 'move-item-to-start', null]])
      assert.equal(operations[0]!.id, stored.operationId)

      const synced = await client.lessonPlans.syncOperations({ lessonPlanId })
      assert.equal(synced.operationCount, 2)
      assert.equal(synced.success, true)
      const after = await client.lessonPlans.getLessonPlan({ lessonPlanId })
      assert.ok(!lessonsOf(after.lessonPlan.lessonPlan).includes(QUIZ), 'a skipped lesson leaves the tree')
      const { structure } = (await client.lessonPlans.getStructure({ lessonPlanId })).lessonPlan.lessonPlan
      assert.equal(structure[0]!.componentId, TEST_OUT_UNIT, 'the test-out unit comes first')
      const walk = (items: Record<string, any>[]): Record<string, any>[] => items.flatMap((i) => [i, ...walk([...(i.componentResources ?? []), ...(i.subComponents ?? [])])])
      const quiz = walk(structure).find((i) => i.componentResourceId === QUIZ)
      assert.equal(quiz?.skipped, true, 'the structure still lists the skipped lesson, marked skipped')

      const recreated = await client.lessonPlans.recreate({ lessonPlanId })
      assert.equal(recreated.operationCount, 2, 'recreate replays the whole log')
      assert.ok(!lessonsOf((await client.lessonPlans.getLessonPlan({ lessonPlanId })).lessonPlan.lessonPlan).includes(QUIZ))
      assert.deepEqual(await client.lessonPlans.syncCourse({ courseId: COURSE }), { lessonPlansAffected: [lessonPlanId] })

      assert.equal(await client.lessonPlans.deleteAllForCourse({ courseId: COURSE }), undefined)
      assert.ok(sdk.errors.isNotFoundError(await rejection(client.lessonPlans.getTree({ courseId: COURSE, userId: STUDENT }))))
    })

    it('serves a course syllabus with its units and lessons', async () => {
      const { client } = ppSetup(env)
      const { syllabus } = await client.syllabus.get({ courseSourcedId: COURSE })
      const text = JSON.stringify(syllabus)
      assert.match(text, /Unit 2: Multiplication/)
      assert.match(text, new RegExp(QUIZ))
      assert.ok(sdk.errors.isNotFoundError(await rejection(client.syllabus.get({ courseSourcedId: 'no-such-course' }))))
    })
  })
}

export default suite
