// The emulated EduBridge by raw HTTP: enrollment writes the class, sessions and enrollment into OneRoster's data;
// analytics answer from the Caliper events and LEARNING_FACTS the emulator received, bucketed by local day.
// Run: node --import tsx --test test/node/emulator-edubridge.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BUILT_IN_SERVICES } from '../../src/testing/index.ts'
import { LEARNING_FACTS, type LearningFactsMessage } from '../../src/testing/learning-facts.ts'
import { A, CELL, E, NOW, lessonEnvelope, publish, publisherModule, sendToCaliper, start } from './emulator-edubridge-helpers.ts'
import { R, assertImsx, connect, enc, ref, type Json } from './emulator-helpers.ts'

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
    // An enrollment back-dated into last school year still lands in the current term's default class.
    const third = await call('POST', `${E}/enroll/seed-student-11/seed-course-1/seed-school-1`, { beginDate: '2026-03-02' })
    assert.equal(third.body.data.beginDate, '2026-03-02')
    assert.equal((emu.state.get('enrollments', third.body.data.id)!.class as Json).sourcedId, klass.sourcedId)
    assert.equal(emu.state.count('classes'), classes)
    assert.equal(emu.state.count('academicSessions'), sessionsBefore + 2)
    const defaultClass = await get(`${E}/defaultClass/seed-course-1`)
    assert.equal(defaultClass.status, 200)
    assert.equal(defaultClass.body.data.id, klass.sourcedId)
    assert.deepEqual(defaultClass.body.data.course.id, 'seed-course-1')
  })

  it('enroll reuses a term around today that has no parent school year, and creates no year for it', async () => {
    const { emu, call } = await start()
    emu.state.insert('academicSessions', {
      sourcedId: 'lone-term', title: 'Winter 2026', type: 'term', startDate: '2026-11-01', endDate: '2027-02-28', schoolYear: 2027, org: ref('seed-school-1'),
    })
    const before = emu.state.list('academicSessions').map((s) => s.sourcedId)
    const enrolled = await call('POST', `${E}/enroll/seed-student-9/seed-course-1`)
    assert.equal(enrolled.status, 201)
    const klass = emu.state.get('classes', (emu.state.get('enrollments', enrolled.body.data.id)!.class as Json).sourcedId)!
    assert.deepEqual((klass.terms as Json[]).map((t) => t.sourcedId), ['lone-term'])
    // Before the fix, a '2026-2027 School Year' session was inserted although nothing used it.
    assert.deepEqual(emu.state.list('academicSessions').map((s) => s.sourcedId), before)
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

    emu.faults.edubridgeOnlyGoalsRoute('propagateGoals')
    const hidden = await call('POST', `${E}/resetGoals/seed-course-1`)
    assert.equal(hidden.status, 404)
    assertImsx(hidden.body, 'unknownobject', /Unknown route/)
    assert.equal((await call('POST', `${E}/propagateGoals/seed-course-1`)).status, 200)
    emu.faults.clear()
    assert.equal((await call('POST', `${E}/resetGoals/seed-course-1`)).status, 200)
    assert.throws(() => emu.faults.edubridgeOnlyGoalsRoute('reset' as never), /'resetGoals' or 'propagateGoals'/)
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

describe('EduBridge emulator: analytics', () => {
  it('a Caliper event sent to the Caliper host shows up in analytics/activity, bucketed by the local day of the timezone', async () => {
    const { emu, get, call } = await start()
    // 03:30 UTC on Wednesday 2 December is 21:30 on Tuesday 1 December in Chicago (UTC-6 in winter).
    await sendToCaliper(emu, call, lessonEnvelope(emu, '2026-12-02T03:30:00.000Z', 1))
    const range = 'startDate=2026-11-30T00:00:00.000Z&endDate=2026-12-03T00:00:00.000Z'
    const utc = await get(`${A}/activity?studentId=seed-student-1&${range}`)
    assert.equal(utc.status, 200)
    assert.deepEqual(utc.body.facts, { '2026-12-02': { Math: { ...CELL, apps: ['Fraction App'] } } })
    assert.deepEqual(utc.body.factsByApp, { '2026-12-02': { Math: { 'Fraction App': CELL } } })
    const chicago = await get(`${A}/activity?email=SEED-STUDENT-1@seed.example&${range}&timezone=America/Chicago`)
    assert.deepEqual(Object.keys(chicago.body.facts), ['2026-12-01'])
    assert.deepEqual(chicago.body.facts['2026-12-01'].Math.activityMetrics, CELL.activityMetrics)
    // Bounds are instants: a range ending before the event leaves it out.
    const before = await get(`${A}/activity?studentId=seed-student-1&startDate=2026-11-30T00:00:00Z&endDate=2026-12-02T03:29:59Z`)
    assert.deepEqual(before.body.facts, {})
    // The enrollment-scoped view finds it through the course of the seeded enrollment.
    const byEnrollment = await get(`${A}/enrollment/seed-enrollment-s1?timezone=Asia/Tokyo`)
    assert.equal(byEnrollment.status, 200)
    assert.deepEqual(byEnrollment.body.facts, { '2026-12-02': { Math: { ...CELL, apps: ['Fraction App'] } } })
  })

  it('facts/weekly returns two rows per activity for the Sunday–Saturday week in the timezone, activeSeconds as a string', async () => {
    const { emu, get, call } = await start()
    await sendToCaliper(emu, call, lessonEnvelope(emu, '2026-12-02T15:00:00.000Z', 1))
    // Sunday 04:00 UTC is still Saturday evening in Chicago: this week in UTC, last week in Chicago.
    await sendToCaliper(emu, call, lessonEnvelope(emu, '2026-11-29T04:00:00.000Z', 2))
    const utc = await get(`${A}/facts/weekly?studentId=seed-student-1&weekDate=2026-12-02`)
    assert.equal(utc.status, 200)
    assert.deepEqual([utc.body.startDate, utc.body.endDate], ['2026-11-29', '2026-12-05'])
    assert.deepEqual(utc.body.facts.map((r: Json) => [r.date, r.eventType, r.activityId]), [
      ['2026-11-29', 'ActivityEvent', 'https://app.example/lessons/2'], ['2026-11-29', 'TimeSpentEvent', 'https://app.example/lessons/2'],
      ['2026-12-02', 'ActivityEvent', 'https://app.example/lessons/1'], ['2026-12-02', 'TimeSpentEvent', 'https://app.example/lessons/1'],
    ])
    const [activityRow, timeRow] = utc.body.facts.slice(2) as Json[]
    assert.deepEqual([activityRow!.xpEarned, activityRow!.totalQuestions, activityRow!.correctQuestions, activityRow!.activeSeconds], [12, 5, 4, '0.00'])
    assert.deepEqual([timeRow!.xpEarned, timeRow!.activeSeconds, timeRow!.inactiveSeconds, timeRow!.wasteSeconds], [0, '600.00', 30, 5])
    assert.deepEqual([timeRow!.userId, timeRow!.email, timeRow!.userGivenName, timeRow!.userGrade, timeRow!.campusId, timeRow!.campusName],
      ['seed-student-1', 'seed-student-1@seed.example', 'Ada', '3', 'seed-school-1', 'Emulator Elementary'])
    assert.deepEqual([timeRow!.courseId, timeRow!.enrollmentId, timeRow!.app, timeRow!.sensor, timeRow!.year, timeRow!.month, timeRow!.day, timeRow!.dayOfWeek],
      ['seed-course-1', 'seed-enrollment-s1', 'Fraction App', 'https://app.example/sensor', 2026, 12, 2, 3])
    const chicago = await get(`${A}/facts/weekly?studentId=seed-student-1&weekDate=2026-12-02&timezone=America/Chicago`)
    assert.deepEqual(chicago.body.facts.map((r: Json) => r.activityId), ['https://app.example/lessons/1', 'https://app.example/lessons/1'])
  })

  it('a LEARNING_FACTS publication (PowerPath) shows up in activity and weekly facts', async () => {
    const { get } = await connect({ now: () => NOW, services: [...BUILT_IN_SERVICES, publisherModule] })
    const base = { studentId: 'seed-student-2', occurredAt: '2026-12-01T10:00:00.000Z', subject: 'Reading', app: 'PowerPath', courseId: 'seed-course-2', activityId: 'lesson-9', source: 'powerpath' }
    const zero = { xpEarned: 0, totalQuestions: 0, correctQuestions: 0, masteredUnits: 0, activeSeconds: 0, inactiveSeconds: 0, wasteSeconds: 0 }
    publish(LEARNING_FACTS, { facts: [
      { ...base, ...zero, eventType: 'ActivityEvent', xpEarned: 20, totalQuestions: 8, correctQuestions: 8, masteredUnits: 2 },
      { ...base, ...zero, eventType: 'TimeSpentEvent', activeSeconds: 900 },
      { ...base, eventType: 'Nonsense' }, // dropped: not a fact type
    ] } satisfies LearningFactsMessage | { facts: unknown[] })
    const activity = await get(`${A}/activity?email=seed-student-2@seed.example&startDate=2026-12-01T00:00:00Z&endDate=2026-12-01T23:59:59Z`)
    assert.deepEqual(activity.body.facts, { '2026-12-01': { Reading: {
      activityMetrics: { xpEarned: 20, totalQuestions: 8, correctQuestions: 8, masteredUnits: 2 },
      timeSpentMetrics: { activeSeconds: 900, inactiveSeconds: 0, wasteSeconds: 0 }, apps: ['PowerPath'] } } })
    const weekly = await get(`${A}/facts/weekly?studentId=seed-student-2&weekDate=2026-12-01T10:00:00Z`)
    assert.deepEqual(weekly.body.facts.map((r: Json) => [r.eventType, r.source, r.activeSeconds]), [['ActivityEvent', 'powerpath', '0.00'], ['TimeSpentEvent', 'powerpath', '900.00']])
  })

  it('answers 400 without email or studentId, 422 for date-only bounds, 400 for a bad timezone, 404 for unknown students', async () => {
    const { get } = await start()
    const range = 'startDate=2026-11-30T00:00:00Z&endDate=2026-12-03T00:00:00Z'
    const none = await get(`${A}/activity?${range}`)
    assert.equal(none.status, 400)
    assertImsx(none.body, 'invaliddata', /'email' or 'studentId' is required/)
    assert.equal((await get(`${A}/facts/weekly?weekDate=2026-12-02`)).status, 400)
    const dateOnly = await get(`${A}/activity?studentId=seed-student-1&startDate=2026-11-30&endDate=2026-12-03`)
    assert.equal(dateOnly.status, 422)
    assert.match(dateOnly.body.imsx_description, /2026-11-30T00:00:00.000Z/)
    assert.equal((await get(`${A}/activity?studentId=seed-student-1`)).status, 400) // bounds are required
    const zone = await get(`${A}/activity?studentId=seed-student-1&${range}&timezone=Mars/Olympus`)
    assert.equal(zone.status, 400)
    assert.match(zone.body.imsx_description, /timezone/)
    assert.equal((await get(`${A}/facts/weekly?studentId=seed-student-1&weekDate=someday`)).status, 400)
    assert.equal((await get(`${A}/activity?studentId=nobody&${range}`)).status, 404)
    assert.equal((await get(`${A}/activity?email=nobody@x.example&${range}`)).status, 404)
    assert.equal((await get(`${A}/enrollment/no-enrollment`)).status, 404)
    assert.equal((await get(`${A}/highestGradeMastered/nobody/Math`)).status, 404)
    assert.equal((await get(`${A}/highestGradeMastered/seed-student-1/Cooking`)).status, 400)
  })

  it('highestGradeMastered takes passed placement and test-out results of courses in the subject', async () => {
    const { emu, get } = await start()
    const empty = await get(`${A}/highestGradeMastered/seed-student-1/Math`)
    assert.deepEqual(empty.body, { studentId: 'seed-student-1', subject: 'Math', grades: { ritGrade: null, edulasticGrade: null, placementGrade: null, testOutGrade: null, highestGradeOverall: null } })
    emu.state.insert('courses', { sourcedId: 'math-5', title: 'Math 5', grades: ['5'], subjects: ['Math'], org: ref('seed-school-1') })
    emu.state.insert('assessmentLineItems', { sourcedId: 'li-place', title: 'Placement', course: ref('seed-course-1'), metadata: { testType: 'placement' } })
    emu.state.insert('assessmentLineItems', { sourcedId: 'li-out', title: 'Test out', course: ref('math-5'), metadata: { testType: 'test-out' } })
    const result = (id: string, item: string, score: number) => ({ sourcedId: id, assessmentLineItem: ref(item), student: ref('seed-student-1'), score, scoreDate: '2026-11-01T00:00:00Z', scoreStatus: 'fully graded' })
    emu.state.insertMany('assessmentResults', [result('r1', 'li-place', 95), result('r2', 'li-out', 70)])
    const some = await get(`${A}/highestGradeMastered/seed-student-1/Math`)
    assert.deepEqual(some.body.grades, { ritGrade: null, edulasticGrade: null, placementGrade: '3', testOutGrade: null, highestGradeOverall: '3' })
    emu.state.insert('assessmentResults', result('r3', 'li-out', 92))
    assert.equal((await get(`${A}/highestGradeMastered/seed-student-1/Math`)).body.grades.highestGradeOverall, '5')
    assert.equal((await get(`${A}/highestGradeMastered/seed-student-1/Reading`)).body.grades.highestGradeOverall, null)
  })
})

describe('EduBridge emulator: hostile input', () => {
  it('encoded ids stay one segment; bad bodies are 400; a taken sourcedId is 409; junk LEARNING_FACTS are dropped', async () => {
    const { emu, get, call } = await connect({ now: () => NOW, services: [...BUILT_IN_SERVICES, publisherModule] })
    const slashed = await call('POST', `${E}/enroll/${enc('seed-student-1/../x')}/seed-course-1`)
    assert.equal(slashed.status, 404)
    assert.match(slashed.body.imsx_description, /User 'seed-student-1\/\.\.\/x' not found/)
    assert.equal((await call('POST', `${E}/enroll/seed-student-1/seed-course-1`, [1])).status, 400)
    assert.equal((await call('POST', `${E}/enroll/seed-student-1/seed-course-1`, '{"role":')).status, 400)
    const taken = await call('POST', `${E}/enroll/seed-student-12/seed-course-1`, { sourcedId: 'seed-enrollment-s2' })
    assert.equal(taken.status, 409)
    assert.equal((emu.state.get('enrollments', 'seed-enrollment-s2')!.user as Json).sourcedId, 'seed-student-2')
    for (const junk of [null, 'facts', { facts: 'x' }, { facts: [null, 1, { studentId: 'x', occurredAt: 'never', eventType: 'ActivityEvent' }, { studentId: 'x', occurredAt: '2026-12-01T00:00:00Z', eventType: 'Other' }] }]) {
      publish(LEARNING_FACTS, junk)
    }
    assert.equal(emu.edubridge.facts.length, 0)
    // An actor who is no OneRoster user keeps its own id and email: analytics by that email still answer.
    await sendToCaliper(emu, call, lessonEnvelope(emu, '2026-12-02T10:00:00.000Z', 4, { id: 'urn:example:guest', type: 'TimebackUser', email: 'guest@example.org' }))
    const guest = await get(`${A}/activity?email=guest@example.org&startDate=2026-12-02T00:00:00Z&endDate=2026-12-02T23:59:59Z`)
    assert.equal(guest.status, 200)
    assert.equal(guest.body.facts['2026-12-02'].Math.activityMetrics.xpEarned, 12)
    assert.equal(emu.edubridge.facts[0]!.studentId, 'urn:example:guest')
  })
})
