// EduBridge's directory against the emulator: users by exact role set with offset paging, the registered
// applications and their metrics, learning reports (MAP profile, time saved), and subject tracks and groups.

import type { Assert, Suite } from '../../harness/types.ts'
import { ebSetup } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const E = sdk.errors

  describe('edubridge: directory', () => {
    it('users: only users having exactly the given roles, by org, paged by offset without loss or repeats', async () => {
      const { client } = ebSetup(env)
      const students = await client.users.listAll({ roles: ['student'], limit: 3 })
      assert.ok(students.length >= 5, `seeded students: ${students.length}`)
      assert.ok(students.every((u) => u.roles?.every((r) => r.role === 'student')))
      assert.equal(new Set(students.map((u) => u.sourcedId)).size, students.length)
      const page = await client.users.listStudents({ limit: 2 })
      assert.equal(page.data.length, 2)
      assert.equal(page.total, students.length)
      assert.deepEqual(page.next, { offset: 2 })
      const streamed: string[] = []
      for await (const u of client.users.stream({ roles: 'student', limit: 4, maxItems: 5 })) streamed.push(u.sourcedId)
      assert.deepEqual(streamed, students.slice(0, 5).map((u) => u.sourcedId))
      const teachers = await client.users.listTeachers({ limit: 100 })
      assert.ok(teachers.data.length >= 1 && teachers.data.every((u) => u.sourcedId.startsWith('seed-teacher-')))
      const school2 = await client.users.listAll({ roles: ['student', 'teacher'], orgSourcedIds: ['seed-school-2'] })
      assert.ok(school2.length >= 1)
      assert.ok(school2.every((u) => u.roles?.some((r) => r.org?.sourcedId === 'seed-school-2')))
      assert.ok(school2.length < students.length + teachers.data.length, 'the org filter narrows the list')
      const none = await client.users.list({ roles: ['guardian'] })
      assert.deepEqual(none.data, [])
    })

    it('applications and their metrics: list, add, a duplicate is a ConflictError, remove', async () => {
      const { client } = ebSetup(env)
      const apps = await client.applications.list()
      assert.ok(apps.length >= 1)
      const app = apps[0]!.sourcedId
      assert.deepEqual(await client.applicationMetrics.list(app), [])
      const added = await client.applicationMetrics.add({ applicationSourcedId: app, metric: 'xp', metricSource: 'timeback_app' })
      assert.equal(added.metric, 'xp')
      await client.applicationMetrics.add({ applicationSourcedId: app, metric: 'accuracy', metricSource: 'powerpath' })
      await assert.rejects(client.applicationMetrics.add({ applicationSourcedId: app, metric: 'xp', metricSource: 'timeback_app' }), E.isConflictError)
      assert.deepEqual((await client.applicationMetrics.list(app)).map((m) => `${m.metric}/${m.metricSource}`), ['xp/timeback_app', 'accuracy/powerpath'])
      await client.applicationMetrics.remove({ applicationSourcedId: app, metric: 'xp', metricSource: 'timeback_app' })
      assert.deepEqual((await client.applicationMetrics.list(app)).map((m) => m.metric), ['accuracy'])
      await assert.rejects(client.applicationMetrics.list('no-such-app'), E.isNotFoundError)
    })

    it('learning reports: a MAP profile once there is one (NotFoundError before), time saved from the enrollments', async () => {
      const { client, emulator } = ebSetup(env)
      await assert.rejects(client.learningReports.getMapProfile('seed-student-1'), E.isNotFoundError)
      const controls = (emulator as unknown as { edubridge: { setMapProfile(id: string, reports: object[]): void } }).edubridge
      controls.setMapProfile('seed-student-1', [{ title: 'Fall MAP', pdfUrl: 'https://example.org/map.pdf', tests: [{ subject: 'Math' }] }])
      const [report] = await client.learningReports.getMapProfile('seed-student-1')
      assert.equal(report?.title, 'Fall MAP')
      assert.equal(report?.tests.length, 1)
      const before = await client.learningReports.getTimeSaved('seed-student-3')
      await client.enrollments.enroll({ userId: 'seed-student-3', courseId: 'seed-course-2' })
      const saved = await client.learningReports.getTimeSaved('seed-student-3')
      assert.equal(typeof saved.totalHoursSaved, 'number')
      assert.equal(saved.totalHoursSaved, saved.schoolDaysElapsed * (saved.calculation as { hoursSavedPerSchoolDay: number }).hoursSavedPerSchoolDay)
      assert.ok(saved.earliestStartDate !== undefined)
      assert.ok(saved.schoolDaysElapsed >= before.schoolDaysElapsed)
      await assert.rejects(client.learningReports.getTimeSaved('nobody'), E.isNotFoundError)
    })

    it('subject tracks: upsert replaces the track of (subject, grade, org), groups are created, moved and deleted', async () => {
      const { client } = ebSetup(env)
      const t = client.subjectTracks
      const first = await t.upsert({ subject: 'Math', grade: '3', courseId: 'seed-course-1', orgSourcedId: 'seed-school-1' })
      assert.equal(first.course?.id, 'seed-course-1')
      assert.equal(first.org?.id, 'seed-school-1')
      const again = await t.upsert({ subject: 'Math', grade: '3', courseId: 'seed-course-2', orgSourcedId: 'seed-school-1' })
      assert.equal(again.id, first.id, 'same subject, grade and org: the same track')
      const global = await t.upsert({ subject: 'Reading', grade: '6', courseId: 'seed-course-2' })
      assert.equal(global.org, null)
      assert.deepEqual((await t.list()).map((x) => x.id).sort(), [first.id, global.id].sort())
      await t.delete(global.id)
      await assert.rejects(t.delete(global.id), E.isNotFoundError)

      await t.groups.create({ subject: 'Science', grade: '5', courseId: 'seed-course-1', orgSourcedIds: ['seed-school-1', 'seed-school-2'] })
      let groups = await t.groups.list()
      const science = groups.find((g) => g.key.subject === 'Science')
      assert.deepEqual(science?.key, { subject: 'Science', grade: '5', courseId: 'seed-course-1', isGlobal: false })
      assert.equal(science?.tracks.length, 2)
      await t.groups.update({ subject: 'Science', grade: '5', courseId: 'seed-course-2', currentCourseId: 'seed-course-1', isGlobal: false, strategy: 'replace' })
      groups = await t.groups.list()
      assert.equal(groups.find((g) => g.key.subject === 'Science')?.key.courseId, 'seed-course-2')
      await t.groups.delete({ subject: 'Science', grade: '5', courseId: 'seed-course-2', isGlobal: false })
      assert.equal((await t.groups.list()).some((g) => g.key.subject === 'Science'), false)
      await assert.rejects(t.groups.delete({ subject: 'Science', grade: '5', courseId: 'seed-course-2', isGlobal: false }), E.isNotFoundError)
    })
  })
}

export default suite
