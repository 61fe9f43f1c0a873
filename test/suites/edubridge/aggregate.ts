// aggregateActivityMetrics over hand-written answers whose sums were worked out by hand (in the comments):
// daily facts count each day × subject cell once (factsByApp repeats them), weekly facts count XP/questions
// from ActivityEvent rows and seconds from TimeSpentEvent rows only, and string seconds are numbers.

import type { Assert, Suite } from '../../harness/types.ts'

const cell = (xp: number, tq: number, cq: number, mu: number, active: number, inactive: number, waste: number) => ({
  activityMetrics: { xpEarned: xp, totalQuestions: tq, correctQuestions: cq, masteredUnits: mu },
  timeSpentMetrics: { activeSeconds: active, inactiveSeconds: inactive, wasteSeconds: waste },
})

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const { aggregateActivityMetrics } = sdk.edubridge

  describe('edubridge: aggregateActivityMetrics', () => {
    it('sums every day and subject of an activity answer once, ignoring factsByApp', () => {
      const totals = aggregateActivityMetrics({
        facts: {
          '2026-03-02': { Math: { ...cell(12, 10, 8, 1, 600, 30, 0), apps: ['A', 'B'] }, Reading: cell(5.5, 4, 4, 0, 240, 0, 15) },
          '2026-03-03': { Math: cell(3, 2, 1, 2, 90, 10, 5) },
        },
        // The same numbers split by app: adding them would double everything.
        factsByApp: { '2026-03-02': { Math: { A: cell(7, 6, 5, 1, 400, 30, 0), B: cell(5, 4, 3, 0, 200, 0, 0) } } },
      })
      // xp 12 + 5.5 + 3; questions 10 + 4 + 2; correct 8 + 4 + 1; mastered 1 + 0 + 2; seconds 600 + 240 + 90, 30 + 0 + 10, 0 + 15 + 5
      assert.deepEqual(totals, {
        totalXp: 20.5, totalQuestions: 16, correctQuestions: 13, masteredUnits: 3, activeSeconds: 930, inactiveSeconds: 40, wasteSeconds: 20,
      })
    })

    it('counts weekly facts once per activity: activity numbers from ActivityEvent rows, seconds from TimeSpentEvent rows', () => {
      const rows = [
        // One activity, two rows that both repeat its numbers.
        { id: 1, eventType: 'ActivityEvent', date: '2026-03-02', xpEarned: 10, totalQuestions: 5, correctQuestions: 4, masteredUnits: 1, activeSeconds: '300.00', inactiveSeconds: 20, wasteSeconds: 6 },
        { id: 2, eventType: 'TimeSpentEvent', date: '2026-03-02', xpEarned: 10, totalQuestions: 5, correctQuestions: 4, masteredUnits: 1, activeSeconds: '300.00', inactiveSeconds: 20, wasteSeconds: 6 },
        // Another activity: nulls where the row does not carry the number.
        { id: 3, eventType: 'ActivityEvent', date: '2026-03-03', xpEarned: 2.5, totalQuestions: 3, correctQuestions: 3, masteredUnits: 0, activeSeconds: null },
        { id: 4, eventType: 'TimeSpentEvent', date: '2026-03-03', xpEarned: null, activeSeconds: '45.50', inactiveSeconds: 0, wasteSeconds: 0 },
      ]
      // xp 10 + 2.5; questions 5 + 3; correct 4 + 3; mastered 1 + 0; active 300 + 45.5; inactive 20 + 0; waste 6 + 0
      const expected = { totalXp: 12.5, totalQuestions: 8, correctQuestions: 7, masteredUnits: 1, activeSeconds: 345.5, inactiveSeconds: 20, wasteSeconds: 6 }
      assert.deepEqual(aggregateActivityMetrics({ message: 'ok', facts: rows }), expected)
      assert.deepEqual(aggregateActivityMetrics(rows), expected)
    })

    it('counts a row without eventType for both; absent or null numbers and null rows or days add nothing', () => {
      const totals = aggregateActivityMetrics([
        { id: 'x', eventType: undefined as never, date: '2026-03-04', xpEarned: 4, totalQuestions: 2, correctQuestions: 1, masteredUnits: 0, activeSeconds: '60', inactiveSeconds: 5, wasteSeconds: 1 },
        { id: 'y', eventType: 'ActivityEvent', date: '2026-03-04', xpEarned: null, correctQuestions: 1 },
        null as never,
      ])
      // xp 4; questions 2; correct 1 + 1; active 60; inactive 5; waste 1
      assert.deepEqual(totals, { totalXp: 4, totalQuestions: 2, correctQuestions: 2, masteredUnits: 0, activeSeconds: 60, inactiveSeconds: 5, wasteSeconds: 1 })
      const zero = { totalXp: 0, totalQuestions: 0, correctQuestions: 0, masteredUnits: 0, activeSeconds: 0, inactiveSeconds: 0, wasteSeconds: 0 }
      assert.deepEqual(aggregateActivityMetrics({ facts: {} }), zero)
      assert.deepEqual(aggregateActivityMetrics([]), zero)
      assert.deepEqual(aggregateActivityMetrics({ facts: { '2026-03-04': null as never } }), zero)
    })

    it('a value that is not a number is an InputValidationError naming its row or cell, not a silent 0', () => {
      const E = sdk.errors
      const weekly = () => aggregateActivityMetrics([
        { id: 1, eventType: 'TimeSpentEvent', date: '2026-03-04', activeSeconds: 'abc' },
        { id: 2, eventType: 'ActivityEvent', date: '2026-03-04', xpEarned: 'lots' as never, totalQuestions: Number.NaN },
      ])
      const e = assert.throws(weekly, E.isInputValidationError)
      assert.deepEqual(e.issues.map((i: { path: string }) => i.path), ['[0].activeSeconds', '[1].xpEarned', '[1].totalQuestions'])
      assert.match(e.message, /aggregateActivityMetrics: \[0\]\.activeSeconds: must be a number or a numeric string, got "abc"/)
      const daily = () => aggregateActivityMetrics({ facts: { '2026-03-04': { Math: { activityMetrics: { xpEarned: {} }, timeSpentMetrics: 'none' } } } } as never)
      const d = assert.throws(daily, E.isInputValidationError)
      assert.deepEqual(d.issues.map((i: { path: string }) => i.path), ['facts.2026-03-04.Math.activityMetrics.xpEarned', 'facts.2026-03-04.Math.timeSpentMetrics'])
      // Rows and days of the wrong type, and something that is not an analytics answer at all.
      assert.throws(() => aggregateActivityMetrics({ facts: ['row' as never] }), /facts\[0\]: must be an object/)
      assert.throws(() => aggregateActivityMetrics({ facts: { '2026-03-04': 7 as never } }), /facts\.2026-03-04: must be an object/)
      for (const junk of [null, undefined, {}, { facts: 'none' }, 'facts']) {
        assert.throws(() => aggregateActivityMetrics(junk as never), E.isInputValidationError, JSON.stringify(junk))
      }
    })

    it('counts a row the answer repeats (same eventType and id) once', () => {
      const row = { id: 7, eventType: 'ActivityEvent', date: '2026-03-04', xpEarned: 10, totalQuestions: 4, correctQuestions: 3, masteredUnits: 1 }
      const time = { id: 7, eventType: 'TimeSpentEvent', date: '2026-03-04', activeSeconds: '120' }
      // Row 7 twice as ActivityEvent and its TimeSpentEvent twice: one activity. A row without an id is never merged.
      const totals = aggregateActivityMetrics([row, { ...row }, time, { ...time }, { ...row, id: undefined as never }, { ...row, id: undefined as never }])
      // xp 10 + 10 + 10; questions 4 × 3; correct 3 × 3; mastered 1 × 3; active 120
      assert.deepEqual(totals, { totalXp: 30, totalQuestions: 12, correctQuestions: 9, masteredUnits: 3, activeSeconds: 120, inactiveSeconds: 0, wasteSeconds: 0 })
    })

    it('sums negative numbers as given and does not filter by student (rows of two students add up)', () => {
      const totals = aggregateActivityMetrics([
        { id: 1, eventType: 'ActivityEvent', date: '2026-03-04', userId: 's1', xpEarned: 10 },
        { id: 2, eventType: 'ActivityEvent', date: '2026-03-04', userId: 's2', xpEarned: -3 },
      ])
      assert.equal(totals.totalXp, 7)
    })
  })
}

export default suite
