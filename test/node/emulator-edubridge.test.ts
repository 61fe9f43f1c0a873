// The emulated EduBridge by raw HTTP: enrollment writes the class, sessions and enrollment into OneRoster's data;
// analytics answer from the Caliper events and LEARNING_FACTS the emulator received, bucketed by local day.
// Run: node --import tsx --test test/node/emulator-edubridge.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { EduBridgeFaults } from '../../src/testing/edubridge/index.ts'
import { R, assertImsx, connect, enc, ref, type Json } from './emulator-helpers.ts'

// 2026-12-02 12:00 UTC, a Wednesday: the school year 2026-08-01..2027-07-31 (named 2027).
const NOW = Date.UTC(2026, 11, 2, 12)
const E = '/edubridge/enrollments'

const start = () => connect({ now: () => NOW })
const faultsOf = (emu: { faults: unknown }) => emu.faults as EduBridgeFaults

describe('EduBridge emulator: enrollments', () => {
  it('enroll creates the school year, the term, the default class and the enrollment, all readable through OneRoster', async () => {
    const { emu, get, call } = await start()
    const sessionsBefore = emu.state.count('academicSessions')
    const enrolled = await call('POST', `${E}/enroll/seed-student-9/seed-course-1`, { metadata: { goals: { dailyXp: 20 } } })
    assert.equal(enrolled.status, 201)
    const data = enrolled.body.data as Json
    assert.equal(data.role, 'student')
    assert.equal(data.beginDate, '2026-12-02')
    assert.deepEqual(data.metadata, { goals: { dailyXp: 20 }, metrics: null, studentSpecificGoals: null })
    assert.deepEqual([data.course.id, data.course.title, data.school.id, data.school.name], ['seed-course-1', 'Math 3', 'seed-school-1', 'Emulator Elementary'])
    assert.equal(emu.state.count('academicSessions'), sessionsBefore + 2)

    const enrollment = (await get(`${R}/enrollments/${enc(data.id)}`)).body.enrollment as Json
    assert.equal(enrollment.status, 'active')
    assert.equal(enrollment.user.sourcedId, 'seed-student-9')
    assert.equal(enrollment.user.href, `${emu.origin}${R}/users/seed-student-9`)
    assert.equal(enrollment.beginDate, '2026-12-02')
    assert.equal(enrollment.endDate, '2027-07-31')
    const klass = (await get(`${R}/classes/${enc(enrollment.class.sourcedId)}`)).body.class as Json
    assert.notEqual(klass.sourcedId, 'seed-class-1') // the seeded Fall 2025 classes are not this term's default class
    assert.deepEqual([klass.title, klass.classCode, klass.course.sourcedId, klass.school.sourcedId], ['Math 3', 'MATH-3', 'seed-course-1', 'seed-school-1'])
    const term = (await get(`${R}/academicSessions/${enc(klass.terms[0].sourcedId)}`)).body.academicSession as Json
    assert.deepEqual([term.type, term.startDate, term.endDate, term.schoolYear], ['term', '2026-08-01', '2027-07-31', 2027])
    const year = (await get(`${R}/academicSessions/${enc(term.parent.sourcedId)}`)).body.academicSession as Json
    assert.deepEqual([year.type, year.title, year.org.sourcedId], ['schoolYear', '2026-2027 School Year', 'seed-school-1'])

    // A second student lands in the same default class; no new sessions or classes.
    const classes = emu.state.count('classes')
    const second = await call('POST', `${E}/enroll/seed-student-10/seed-course-1`, { role: 'teacher', beginDate: '2027-01-10' })
    assert.equal(second.status, 201)
    assert.equal(second.body.data.role, 'teacher')
    assert.equal(emu.state.count('classes'), classes)
    assert.equal(emu.state.count('academicSessions'), sessionsBefore + 2)
    const defaultClass = await get(`${E}/defaultClass/seed-course-1`)
    assert.equal(defaultClass.status, 200)
    assert.equal(defaultClass.body.data.id, klass.sourcedId)
    assert.deepEqual(defaultClass.body.data.course.id, 'seed-course-1')
  })

  it('lists active enrollments only, and unenroll marks them tobedeleted', async () => {
    const { emu, get, call } = await start()
    await call('POST', `${E}/enroll/seed-student-1/seed-course-2/seed-school-1`)
    const listed = await get(`${E}/user/seed-student-1`)
    assert.equal(listed.status, 200)
    const mine = (listed.body.data as Json[]).map((e) => [e.course.id, e.school.id]).sort()
    // The seeded Fall 2025 enrollment (seed-class-1, Math 3) and the new one, in the school asked for.
    assert.deepEqual(mine, [['seed-course-1', 'seed-school-1'], ['seed-course-2', 'seed-school-1']])
    const gone = await call('DELETE', `${E}/unenroll/seed-student-1/seed-course-2`)
    assert.equal(gone.status, 204)
    assert.deepEqual((await get(`${E}/user/seed-student-1`)).body.data.map((e: Json) => e.course.id), ['seed-course-1'])
    const stored = emu.state.list('enrollments').filter((e) => (e.user as Json).sourcedId === 'seed-student-1' && e.status === 'tobedeleted')
    assert.equal(stored.length, 1)
    assert.equal(stored[0]!.dateLastModified, new Date(NOW).toISOString())
  })

  it('answers 404 for an unknown user, course or school and 400 for a bad role or beginDate', async () => {
    const { call, get } = await start()
    for (const path of ['enroll/nobody/seed-course-1', 'enroll/seed-student-1/no-course', 'enroll/seed-student-1/seed-course-1/no-school']) {
      const res = await call('POST', `${E}/${path}`)
      assert.equal(res.status, 404, path)
      assertImsx(res.body, 'unknownobject', /not found/)
    }
    assert.equal((await get(`${E}/user/nobody`)).status, 404)
    assert.equal((await get(`${E}/defaultClass/no-course`)).status, 404)
    assert.equal((await call('DELETE', `${E}/unenroll/seed-student-1/no-course`)).status, 404)
    const badRole = await call('POST', `${E}/enroll/seed-student-1/seed-course-1`, { role: 'guardian' })
    assert.equal(badRole.status, 400)
    assertImsx(badRole.body, 'invaliddata', /'role' must be one of administrator, proctor, student, teacher/)
    const badDate = await call('POST', `${E}/enroll/seed-student-1/seed-course-1`, { beginDate: '2026-02-30' })
    assert.equal(badDate.status, 400)
    assert.match(badDate.body.imsx_description, /beginDate/)
  })

  it('resetGoals and propagateGoals copy the course goals into its enrollments; a fault leaves one name only', async () => {
    const { emu, call } = await start()
    const noGoals = await call('POST', `${E}/resetGoals/seed-course-1`)
    assert.equal(noGoals.status, 422)
    assert.equal((await call('POST', `${E}/resetGoals/no-course`)).status, 404)
    emu.state.insert('courses', { ...emu.state.get('courses', 'seed-course-1')!, metadata: { goals: { dailyXp: 30 } } })
    const reset = await call('POST', `${E}/resetGoals/seed-course-1`)
    assert.equal(reset.status, 200)
    assert.deepEqual(reset.body, { data: { updated: 10, errors: [] } }) // 2 teachers + 8 students in seed-class-1 and -2
    assert.deepEqual((emu.state.get('enrollments', 'seed-enrollment-s3')!.metadata as Json).goals, { dailyXp: 30 })
    assert.equal((await call('POST', `${E}/propagateGoals/seed-course-1`)).status, 200)

    faultsOf(emu).edubridgeOnlyGoalsRoute('propagateGoals')
    const hidden = await call('POST', `${E}/resetGoals/seed-course-1`)
    assert.equal(hidden.status, 404)
    assertImsx(hidden.body, 'unknownobject', /Unknown route/)
    assert.equal((await call('POST', `${E}/propagateGoals/seed-course-1`)).status, 200)
    emu.faults.clear()
    assert.equal((await call('POST', `${E}/resetGoals/seed-course-1`)).status, 200)
  })

  it('resetProgress marks the student’s assessment results of the course tobedeleted', async () => {
    const { emu, call } = await start()
    emu.state.insert('assessmentResults', { sourcedId: 'other-student', assessmentLineItem: ref('seed-assessment-line-item-1'), student: ref('seed-student-2'), score: 50, scoreDate: '2025-09-21T00:00:00.000Z', scoreStatus: 'fully graded' })
    assert.equal((await call('DELETE', `${E}/resetProgress/seed-student-1/seed-course-1`)).status, 204)
    assert.equal(emu.state.get('assessmentResults', 'seed-assessment-result-1')!.status, 'tobedeleted')
    assert.equal(emu.state.get('assessmentResults', 'other-student')!.status, 'active')
    assert.equal((await call('DELETE', `${E}/resetProgress/seed-student-1/no-course`)).status, 404)
  })
})
