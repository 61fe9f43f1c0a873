// timeback.activity.record against the emulator: the two events in one envelope, ids derived from runId (a retried
// run is recognised and not sent again), XP by the documented rule, attempts counted from OneRoster results,
// and input refused before any request.

import type { Assert, Suite } from '../../harness/types.ts'
import { SENSOR, STUDENT, STUDENT_EMAIL, sha256Hex, tbSetup } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const activity = { id: 'fractions-1', name: 'Fractions 1', subject: 'Math' as const, grade: 4 }
  const time = { startedAt: '2026-03-04T15:00:00Z', endedAt: '2026-03-04T15:12:00Z', activeMs: 600_000, inactiveMs: 120_000 }

  describe('timeback: activity', () => {
    it('record sends an ActivityEvent and a TimeSpentEvent for the student, seen in EduBridge analytics', async () => {
      const { timeback, emulator } = tbSetup(env)
      const result = await timeback.activity.record({ user: { email: STUDENT_EMAIL }, activity, metrics: { xpEarned: 12, totalQuestions: 10, correctQuestions: 9, pctComplete: 40 }, time, runId: 'run-1' })
      assert.equal(result.sent, true)
      assert.equal(result.timebackId, STUDENT)
      const stored = emulator.caliper.events
      assert.deepEqual(stored.map((e) => e.type).sort(), ['ActivityEvent', 'TimeSpentEvent'])
      const sent = stored.find((e) => e.type === 'ActivityEvent')!
      assert.equal(sent.externalId, result.activityEventId)
      const event = sent as unknown as { actor: { id: string }; object: { id: string }; eventTime: string; generated: { attempt: number; items: unknown[]; extensions: unknown }; extensions: unknown }
      assert.equal(event.actor.id, `${emulator.services.oneroster}/ims/oneroster/rostering/v1p2/users/${STUDENT}`)
      assert.equal(event.object.id, `${SENSOR}/activities/Math/g4/fractions-1`)
      assert.equal(event.generated.attempt, 1)
      assert.deepEqual(event.generated.extensions, { pctCompleteApp: 40 })
      assert.deepEqual(event.extensions, { runId: 'run-1' })
      const spent = stored.find((e) => e.type === 'TimeSpentEvent') as unknown as { generated: { items: { type: string; value: number }[] } }
      assert.deepEqual(spent.generated.items.map((m) => [m.type, m.value]), [['active', 600], ['inactive', 120]])
      const day = await timeback.api.edubridge.analytics.getActivity({ studentId: STUDENT, startDate: '2026-03-04T00:00:00Z', endDate: '2026-03-04T23:59:59Z' })
      assert.equal(day.facts['2026-03-04']?.Math?.activityMetrics.xpEarned, 12)
    })

    it('the same runId is recognised: same event ids, not sent again, XP not counted twice; another runId is a new run', async () => {
      const { timeback, emulator } = tbSetup(env)
      const input = { user: { email: STUDENT_EMAIL }, activity, metrics: { xpEarned: 12 }, time, runId: 'run-retry' }
      const first = await timeback.activity.record(input)
      const again = await timeback.activity.record(input)
      assert.equal(again.sent, false)
      assert.equal(again.activityEventId, first.activityEventId)
      assert.equal(again.timeSpentEventId, first.timeSpentEventId)
      assert.match(first.activityEventId, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      assert.equal(emulator.caliper.events.length, 2)
      const day = await timeback.api.edubridge.analytics.getActivity({ studentId: STUDENT, startDate: '2026-03-04T00:00:00Z', endDate: '2026-03-04T23:59:59Z' })
      assert.equal(day.facts['2026-03-04']?.Math?.activityMetrics.xpEarned, 12)
      // Another client (a retry from another isolate) derives the same ids.
      const other = tbSetup(env).timeback
      const elsewhere = await other.activity.record({ ...input, user: { email: STUDENT_EMAIL, timebackId: STUDENT } })
      assert.equal(elsewhere.activityEventId, first.activityEventId)
      const next = await timeback.activity.record({ ...input, runId: 'run-retry-2' })
      assert.equal(next.sent, true)
      assert.notEqual(next.activityEventId, first.activityEventId)
      assert.equal(emulator.caliper.events.length, 4)
    })

    it('XP left out is computed as documented: active minutes x accuracy factor x attempt factor', async () => {
      const { timeback, emulator } = tbSetup(env)
      const record = (correct: number, attempt: number, runId: string) => timeback.activity.record({
        user: { email: STUDENT_EMAIL, timebackId: STUDENT }, activity, metrics: { totalQuestions: 10, correctQuestions: correct }, time, attempt, runId,
      })
      // 10 active minutes: all correct 1.25 -> 12.5; 9/10 -> 10; 8/10 -> 10; 7/10 -> 0; second attempt halves; fourth is 0.
      assert.equal((await record(10, 1, 'a')).xpEarned, 12.5)
      assert.equal((await record(9, 1, 'b')).xpEarned, 10)
      assert.equal((await record(8, 1, 'c')).xpEarned, 10)
      assert.equal((await record(7, 1, 'd')).xpEarned, 0)
      assert.equal((await record(10, 2, 'e')).xpEarned, 6.3)
      assert.equal((await record(10, 3, 'f')).xpEarned, 3.1)
      assert.equal((await record(10, 4, 'g')).xpEarned, 0)
      const sent = emulator.caliper.events.find((e) => e.externalId.length > 0 && e.type === 'ActivityEvent') as unknown as { generated: { items: { type: string; value: number }[] } }
      assert.deepEqual(sent.generated.items.find((m) => m.type === 'xpEarned')?.value, 12.5)
      assert.equal(sdk.timeback.computeXp({ activeMinutes: 3, totalQuestions: 4, correctQuestions: 4, attempt: 1 }), 3.8)
    })

    it('the attempt is counted from the student\'s OneRoster results of the activity\'s line item', async () => {
      const { timeback } = tbSetup(env)
      const objectId = `${SENSOR}/activities/Math/g4/fractions-1`
      const lineItem = `caliper_${await sha256Hex(`${objectId}_seed-course-1`)}`
      await timeback.api.oneroster.assessmentResults.create({
        assessmentLineItem: { sourcedId: lineItem }, student: { sourcedId: STUDENT }, score: 80, scoreDate: '2026-03-01T12:00:00.000Z', scoreStatus: 'fully graded', metadata: { attempt: 2 },
      } as never)
      const result = await timeback.activity.record({ user: { email: STUDENT_EMAIL }, activity: { ...activity, courseId: 'seed-course-1' }, metrics: { xpEarned: 3 }, time })
      assert.equal(result.attempt, 3)
    })

    it('bad input is refused before any request, every problem named; xpEarned is required when it cannot be computed', async () => {
      const { timeback, emulator } = tbSetup(env)
      const e = await assert.rejects(() => timeback.activity.record({
        user: { email: 'not-an-email' }, activity: { id: 'has space', name: '', subject: 'Maths' as never, grade: 14 },
        metrics: { totalQuestions: 5, correctQuestions: 6, pctComplete: 101 }, time: { endedAt: '2026-03-04 15:00' }, runId: '',
      }), sdk.errors.isInputValidationError)
      const paths = e.issues.map((i: { path: string }) => i.path).sort()
      assert.deepEqual(paths, ['activity.grade', 'activity.id', 'activity.name', 'activity.subject', 'metrics.correctQuestions', 'metrics.pctComplete', 'runId', 'time.endedAt'])
      const missing = await assert.rejects(() => timeback.activity.record({ user: { email: STUDENT_EMAIL, timebackId: STUDENT }, activity, metrics: { masteredUnits: 1 } }), sdk.errors.isInputValidationError)
      assert.equal(missing.issues[0].path, 'metrics.xpEarned')
      assert.equal(emulator.stats().requests.total, 0)
    })

    it('record without a sensor says how to set one', async () => {
      const s = env.setup()
      const { oneroster, caliper } = sdk.timeback
      const timeback = new sdk.timeback.TimebackClient({ use: { oneroster, caliper }, api: s.options.auth, vars: {} })
      await assert.rejects(() => timeback.activity.record({ user: { email: STUDENT_EMAIL, timebackId: STUDENT }, activity, metrics: { xpEarned: 1 } }), /set `sensor`/)
      assert.equal(s.emulator.stats().requests.total, 0)
    })
  })
}

export default suite
