// OneRoster gradebook against the emulator: round trips of line items, results, categories, score scales and
// the assessment pair (with PATCH merges), "update or create" PUTs, bulk creates under classes, schools and
// line items, and the class-scoped gradebook lists.

import type { Assert, Suite } from '../../harness/types.ts'
import { connect, DAY, GRADEBOOK, newLineItem, newResult, ref, roundTrip, seen, SEED } from './helpers.ts'

const suite: Suite = (env) => {
  const { describe, it } = env.h
  const assert: Assert = env.h.assert

  describe('oneroster: gradebook round trips', () => {
    it('line items', async () => {
      const { client } = connect(env)
      await roundTrip(assert, client.lineItems, { input: newLineItem({ title: 'Essay 1' }), field: 'title' })
    })

    it('results (status defaults to active)', async () => {
      const { client } = connect(env)
      await roundTrip(assert, client.results, { input: newResult({ comment: 'first try' }), field: 'comment' })
    })

    it('categories', async () => {
      const { client } = connect(env)
      await roundTrip(assert, client.categories, { input: { title: 'Projects', weight: 0.25 }, field: 'title' })
    })

    it('score scales', async () => {
      const { client } = connect(env)
      const input = { title: 'Letters', type: 'letter', class: ref(SEED.class), scoreScaleValue: [{ itemValueLHS: '90', itemValueRHS: '100', value: 'A' }] }
      await roundTrip(assert, client.scoreScales, { input, field: 'title' })
    })

    it('assessment line items, with patch merging metadata', async () => {
      const { client } = connect(env)
      const id = await roundTrip(assert, client.assessmentLineItems, { input: { title: 'Unit 2 test', metadata: { a: 1 } }, field: 'title' })
      await client.assessmentLineItems.patch(id, { metadata: { b: 2 } })
      const got = await client.assessmentLineItems.get(id)
      assert.deepEqual(got.metadata, { a: 1, b: 2 })
    })

    it('assessment results, with patch merging metadata', async () => {
      const { client } = connect(env)
      const input = {
        assessmentLineItem: ref(SEED.assessmentLineItem), student: ref(SEED.student), scoreStatus: 'submitted' as const,
        scoreDate: DAY, comment: 'attempt 1', metadata: { xp: 10 },
      }
      const id = await roundTrip(assert, client.assessmentResults, { input, field: 'comment' })
      await client.assessmentResults.patch(id, { metadata: { accuracy: 80 }, score: 80 })
      const got = await client.assessmentResults.get(id)
      assert.deepEqual(got.metadata, { xp: 10, accuracy: 80 })
      assert.equal(got.score, 80)
    })

    it('upsert PUTs create a missing record on the gradebook routes', async () => {
      const { s, client } = connect(env)
      const from = s.emulator.requests.length
      await client.categories.upsert('cat-upserted', { title: 'Labs' })
      assert.deepEqual(seen(s, from), [`PUT ${GRADEBOOK}/categories/cat-upserted`], 'one PUT, no POST')
      assert.equal((await client.categories.get('cat-upserted')).title, 'Labs')
    })
  })

  describe('oneroster: bulk creates and class gradebook', () => {
    it('classes(id).lineItems.create posts every item (class filled in) and lists them', async () => {
      const { s, client } = connect(env)
      const from = s.emulator.requests.length
      const res = await client.classes(SEED.class).lineItems.create([
        { title: 'Bulk A', assignDate: DAY, dueDate: DAY, school: ref(SEED.school), category: ref(SEED.category) },
        { title: 'Bulk B', assignDate: DAY, dueDate: DAY, school: ref(SEED.school), category: ref(SEED.category) },
      ])
      assert.equal(res.sourcedIdPairs.length, 2)
      assert.deepEqual(seen(s, from), [`POST ${GRADEBOOK}/classes/${SEED.class}/lineItems`])
      const titles = (await client.classes(SEED.class).lineItems.listAll()).map((li) => li.title)
      assert.ok(titles.includes('Bulk A') && titles.includes('Bulk B'), titles.join(', '))
      for (const id of res.sourcedIds) assert.equal((await client.lineItems.get(id)).class.sourcedId, SEED.class)
    })

    it('schools(id).lineItems.create and schools(id).lineItems / scoreScales', async () => {
      const { client } = connect(env)
      const res = await client.schools(SEED.school).lineItems.create([newLineItem({ title: 'School-wide quiz', school: undefined })])
      assert.equal(res.sourcedIds.length, 1)
      assert.equal((await client.lineItems.get(res.sourcedIds[0]!)).school.sourcedId, SEED.school)
      const listed = await client.schools(SEED.school).lineItems.listAll()
      assert.ok(listed.some((li) => li.sourcedId === res.sourcedIds[0]))
      assert.ok(Array.isArray((await client.schools(SEED.school).scoreScales()).data))
    })

    it('lineItems(id).createResults and classes(id).academicSession(id).createResults', async () => {
      const { client } = connect(env)
      const a = await client.lineItems(SEED.lineItem).createResults([
        { student: ref('seed-student-2'), scoreStatus: 'partially graded', scoreDate: DAY, score: 50 },
        { student: ref('seed-student-3'), scoreStatus: 'exempt', scoreDate: DAY },
      ])
      assert.equal(a.sourcedIds.length, 2)
      assert.equal((await client.results.get(a.sourcedIds[0]!)).lineItem.sourcedId, SEED.lineItem)
      const b = await client.classes(SEED.class).academicSession(SEED.gradingPeriod).createResults([newResult({ student: ref('seed-student-4') })])
      assert.equal(b.sourcedIds.length, 1)
      assert.equal((await client.results.get(b.sourcedIds[0]!)).student.sourcedId, 'seed-student-4')
    })

    it('classes(id): results, categories, scoreScales, student(id).results, lineItem(id).results', async () => {
      const { client } = connect(env)
      const cls = client.classes(SEED.class)
      assert.equal((await cls.results.listAll()).length, 4)
      assert.ok(Array.isArray((await cls.categories()).data))
      assert.deepEqual((await cls.scoreScales()).data.map((x) => x.sourcedId), [SEED.scoreScale])
      const mine = await cls.student(SEED.student).results()
      assert.deepEqual(mine.data.map((r) => r.student.sourcedId), [SEED.student])
      assert.equal((await cls.lineItem(SEED.lineItem).results.listAll()).length, 4)
    })
  })
}

export default suite
