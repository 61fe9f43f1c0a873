// PowerPathClient's `testAssignments` against the emulator: create, offset listing (list pages with `next`,
// listAll, stream with maxItems, filters) for a student and for everyone (`admin`), get/update/delete (soft), and
// the all-or-nothing bulk and Google-Sheet imports.

import type { Assert, Suite } from '../../harness/types.ts'
import { ppSetup, rejection } from './helpers.ts'

const ADA = 'seed-student-1'
const BO = 'seed-student-2'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  describe('powerpath: test assignments', () => {
    it('lists a student’s assignments by offset, with filters, and everyone’s through admin', async () => {
      const { client } = ppSetup(env)
      const a = await client.testAssignments.create({ student: ADA, subject: 'Math', grade: 3 })
      const b = await client.testAssignments.create({ student: ADA, subject: 'reading' as never, grade: '6' })
      const c = await client.testAssignments.create({ student: ADA, subject: 'Math', grade: 4, testName: 'Math 4 check' })
      await client.testAssignments.create({ student: BO, subject: 'Science', grade: 5 })
      assert.ok(a.assignmentId && a.lessonId && a.resourceId)

      const first = await client.testAssignments.list({ student: ADA, limit: 2 })
      assert.deepEqual(first.data.map((x) => x.sourcedId), [a.assignmentId, b.assignmentId])
      assert.equal(first.total, 3)
      assert.equal(first.hasMore, true)
      assert.deepEqual(first.next, { offset: 2 })
      const second = await client.testAssignments.list({ student: ADA, limit: 2, ...first.next })
      assert.deepEqual(second.data.map((x) => x.sourcedId), [c.assignmentId])
      assert.equal(second.hasMore, false)

      const all = await client.testAssignments.listAll({ student: ADA, limit: 1 })
      assert.deepEqual(all.map((x) => x.sourcedId), [a.assignmentId, b.assignmentId, c.assignmentId])
      const streamed: string[] = []
      for await (const x of client.testAssignments.stream({ student: ADA, limit: 1, maxItems: 2 })) streamed.push(x.sourcedId)
      assert.deepEqual(streamed, [a.assignmentId, b.assignmentId])

      assert.deepEqual((await client.testAssignments.listAll({ student: ADA, subject: 'Math' })).map((x) => x.sourcedId), [a.assignmentId, c.assignmentId])
      assert.deepEqual((await client.testAssignments.listAll({ student: ADA, grade: 4 })).map((x) => x.testName), ['Math 4 check'])
      assert.equal((await client.testAssignments.listAll({ student: ADA, status: 'completed' })).length, 0)
      const everyone = await client.testAssignments.admin.listAll()
      assert.equal(everyone.length, 4)
      assert.deepEqual((await client.testAssignments.admin.list({ student: BO })).data.map((x) => x.subject), ['Science'])
    })

    it('gets, renames and soft-deletes an assignment', async () => {
      const { client } = ppSetup(env)
      const { assignmentId, lessonId } = await client.testAssignments.create({ student: ADA, subject: 'Math', grade: 3 })
      const got = await client.testAssignments.get({ id: assignmentId })
      assert.equal(got.studentSourcedId, ADA)
      assert.equal(got.subject, 'Math')
      assert.equal(got.grade, '3')
      assert.equal(got.assignmentStatus, 'assigned')
      assert.equal(got.componentResourceSourcedId, lessonId)
      assert.equal(await client.testAssignments.update({ id: assignmentId, testName: 'Renamed' }), undefined)
      assert.equal((await client.testAssignments.get({ id: assignmentId })).testName, 'Renamed')
      assert.equal(await client.testAssignments.delete({ id: assignmentId }), undefined)
      assert.ok(sdk.errors.isNotFoundError(await rejection(client.testAssignments.get({ id: assignmentId }))))
      assert.equal((await client.testAssignments.listAll({ student: ADA })).length, 0)
    })

    it('creates in bulk and from a sheet, all or nothing', async () => {
      const { emulator, client } = ppSetup(env)
      const ok = await client.testAssignments.bulk({ items: [{ student: ADA, subject: 'Math', grade: 3 }, { student: BO, subject: 'Writing', grade: 5, testName: 'W5' }] })
      assert.equal(ok.success, true)
      assert.equal(ok.results.length, 2)
      assert.deepEqual(ok.errors, [])
      const refused = await rejection(client.testAssignments.bulk({ items: [{ student: ADA, subject: 'Math', grade: 4 }, { student: 'nobody', subject: 'Math', grade: 4 }] }))
      assert.ok(sdk.errors.isValidationError(refused), String(refused))
      assert.equal(refused.status, 400)
      // The answer names the refused rows only in its `errors` list: the message must carry them.
      assert.match(refused.message, /row 1: Student 'nobody' not found/)
      assert.deepEqual((refused.body as { errors: { row: number }[] }).errors.map((e) => e.row), [1])
      assert.equal((await client.testAssignments.admin.listAll()).length, 2, 'nothing was created by the refused batch')

      const url = 'https://docs.google.com/spreadsheets/d/sheet-1'
      emulator.powerpath.publishSheet(url, 'Fall', `student,subject,grade,testName\n${ADA},math,6,Sheet test\n${BO},Reading,6,\n`)
      const imported = await client.testAssignments.import({ spreadsheetUrl: url, sheet: 'Fall' })
      assert.equal(imported.results.length, 2)
      const names = (await client.testAssignments.listAll({ student: ADA, grade: 6 })).map((x) => x.testName)
      assert.deepEqual(names, ['Sheet test'])
    })
  })
}

export default suite
