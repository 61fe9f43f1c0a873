// timeback.activity.record's course progress (services-2026-additions §7.3 step 3): with activity.totalLessons,
// masteredUnits > 0 and no pctComplete, pctCompleteApp = round(100 x mastered / totalLessons), mastered being the
// enrollment's historic units plus this activity's unless the week already holds a row of it. Numbers worked by hand.

import type { Assert, Suite } from '../../harness/types.ts'
import { STUDENT, STUDENT_EMAIL, sha256Hex, tbSetup } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const user = { email: STUDENT_EMAIL, timebackId: STUDENT }
  const lesson = (id: string) => ({ id, name: `Lesson ${id}`, subject: 'Math' as const, grade: 4, courseId: 'seed-course-1', totalLessons: 10 })
  const at = (minute: number) => ({ endedAt: `2026-03-04T15:${String(minute).padStart(2, '0')}:00Z` })
  const sentPct = (events: readonly unknown[], id: string) =>
    (events.find((e) => (e as { externalId?: string }).externalId === id) as { generated?: { extensions?: { pctCompleteApp?: number } } } | undefined)?.generated?.extensions?.pctCompleteApp

  describe('timeback: activity progress', () => {
    it('pctCompleteApp counts the enrollment\'s mastered units, this activity\'s once, over totalLessons (clamped to 100)', async () => {
      const { timeback, emulator } = tbSetup(env)
      const record = (id: string, units: number, minute: number, runId: string) =>
        timeback.activity.record({ user, activity: lesson(id), metrics: { xpEarned: 1, masteredUnits: units }, time: at(minute), runId })
      // Nothing mastered before: 0 + 2 of 10 lessons -> 20.
      const a = await record('lesson-a', 2, 1, 'r1')
      assert.equal(a.pctComplete, 20)
      assert.equal(sentPct(emulator.caliper.events, a.activityEventId), 20)
      // Lesson a's 2 are now history: 2 + 3 -> 50.
      assert.equal((await record('lesson-b', 3, 2, 'r2')).pctComplete, 50)
      // Lesson b again (another run): the week holds a row of it, so its units are not added again: 5 -> 50.
      assert.equal((await record('lesson-b', 3, 3, 'r3')).pctComplete, 50)
      // 8 (a 2, b 3 + 3) + 6 = 14 of 10 -> clamped to 100.
      const lineItemId = `timeback_sdk_${await sha256Hex('mastery-completion_seed-course-1')}`
      const resultId = `timeback_sdk_${await sha256Hex(`mastery-completion_seed-course-1_${STUDENT}`)}`
      assert.equal(await timeback.api.oneroster.assessmentResults.exists(resultId), false, 'no completion below 100')
      assert.equal((await record('lesson-c', 6, 4, 'r4')).pctComplete, 100)
      // At 100: the course's completion line item and the student's result, under ids from sha256 (§7.3 step 8).
      const lineItem = await timeback.api.oneroster.assessmentLineItems.get(lineItemId)
      assert.equal(lineItem.course?.sourcedId, 'seed-course-1')
      assert.equal(lineItem.componentResource?.sourcedId, 'seed-course-1-cr')
      const result = await timeback.api.oneroster.assessmentResults.get(resultId)
      assert.deepEqual([result.score, result.scoreStatus, result.student.sourcedId, result.assessmentLineItem.sourcedId], [100, 'fully graded', STUDENT, lineItemId])
      assert.equal((result.metadata as { isMasteryCompletion?: unknown } | null)?.isMasteryCompletion, true)
      assert.equal(result.scoreDate.slice(0, 16), '2026-03-04T15:04')
    })

    it('a failed mastery-completion write is logged, not thrown: the activity is recorded', async () => {
      const s = env.setup()
      const { oneroster, caliper, edubridge } = sdk.timeback
      const warnings: string[] = []
      const timeback = new sdk.timeback.TimebackClient({
        use: { oneroster, caliper, edubridge }, api: s.options.auth, sensor: 'https://app.example', maxRetries: 0, ...(s.options.fetch ? { fetch: s.options.fetch } : {}),
        services: { oneroster: { baseUrl: s.emulator.services.oneroster }, caliper: { baseUrl: s.emulator.services.caliper }, edubridge: { baseUrl: s.emulator.services.edubridge } },
        logger: { warn: (message: string) => { warnings.push(message) } },
        // OneRoster's writes fail; its reads (the attempt count) and the other services still answer.
        fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
          const request = new Request(input, init)
          if (request.method === 'PUT' && request.url.includes('/gradebook/')) return new Response('{"imsx_description":"down"}', { status: 503, headers: { 'content-type': 'application/json' } })
          return (s.options.fetch ?? fetch)(request)
        },
      })
      const done = await timeback.activity.record({ user, activity: { ...lesson('lesson-a'), totalLessons: 1 }, metrics: { xpEarned: 1, masteredUnits: 1 }, time: at(1), runId: 'f1' })
      assert.equal(done.sent, true)
      assert.equal(done.pctComplete, 100)
      assert.equal(warnings.length, 1)
      assert.match(warnings[0]!, /mastery-completion/)
    })

    it('a pctComplete given is sent as is; no mastered units means no progress is computed', async () => {
      const { timeback, emulator } = tbSetup(env)
      const given = await timeback.activity.record({ user, activity: lesson('lesson-a'), metrics: { xpEarned: 1, masteredUnits: 2, pctComplete: 35 }, time: at(1), runId: 'g1' })
      assert.equal(given.pctComplete, 35)
      assert.equal(sentPct(emulator.caliper.events, given.activityEventId), 35)
      const none = await timeback.activity.record({ user, activity: lesson('lesson-b'), metrics: { xpEarned: 1 }, time: at(2), runId: 'g2' })
      assert.equal(none.pctComplete, undefined)
      assert.equal(sentPct(emulator.caliper.events, none.activityEventId), undefined)
    })

    it('totalLessons without edubridge in `use` is a ConfigurationError before any request; a bad totalLessons is refused', async () => {
      const { timeback, emulator } = tbSetup(env, ['oneroster', 'caliper'])
      await assert.rejects(() => timeback.activity.record({ user, activity: lesson('lesson-a'), metrics: { xpEarned: 1, masteredUnits: 1 }, time: at(1) }),
        (e: unknown) => sdk.errors.isTimebackError(e) && e.code === 'configuration_error' && /edubridge/.test(e.message))
      const bad = await assert.rejects(() => timeback.activity.record({ user, activity: { ...lesson('lesson-a'), totalLessons: 0 }, metrics: { xpEarned: 1 } }), sdk.errors.isInputValidationError)
      assert.equal(bad.issues[0].path, 'activity.totalLessons')
      assert.equal(emulator.stats().requests.total, 0)
    })
  })
}

export default suite
