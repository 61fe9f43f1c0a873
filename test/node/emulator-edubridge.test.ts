// The emulated EduBridge by raw HTTP: enrollment writes the class, sessions and enrollment into OneRoster's data;
// analytics answer from the Caliper events and LEARNING_FACTS the emulator received, bucketed by local day.
// Run: node --import tsx --test test/node/emulator-edubridge.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BUILT_IN_SERVICES, type EmulatedService, type EmulatedServiceModule } from '../../src/testing/index.ts'
import { LEARNING_FACTS, type LearningFactsMessage } from '../../src/testing/learning-facts.ts'
import { R, assertImsx, connect, enc, ref, type Json } from './emulator-helpers.ts'

// 2026-12-02 12:00 UTC, a Wednesday: the school year 2026-08-01..2027-07-31 (named 2027).
const NOW = Date.UTC(2026, 11, 2, 12)
const E = '/edubridge/enrollments'

const start = () => connect({ now: () => NOW })

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

// A test-only module that hands the test the hub's publish, so a LEARNING_FACTS publication comes from "PowerPath".
let publish: (topic: string, payload: unknown) => void = () => assert.fail('publisher module not mounted')
const publisherModule: EmulatedServiceModule = {
  name: 'test-publisher',
  create(env): EmulatedService {
    publish = env.publish
    return { prefix: '/test-publisher', routes: () => [], reset: () => undefined }
  },
}

const USER_URL = (emu: { origin: string }, id: string) => `${emu.origin}${R}/users/${id}`

/** A Timeback ActivityEvent + TimeSpentEvent pair for one lesson, as a Caliper envelope. */
function lessonEnvelope(emu: { origin: string }, at: string, n: number, actor: Json = { id: USER_URL(emu, 'seed-student-1'), type: 'TimebackUser', email: 'seed-student-1@seed.example' }) {
  const object = {
    id: `https://app.example/activities/lesson-${n}`, type: 'TimebackActivityContext', subject: 'Math', app: { name: 'Fraction App' },
    course: { id: `${emu.origin}${R}/courses/seed-course-1`, name: 'Math 3' }, activity: { id: `https://app.example/lessons/${n}`, name: `Lesson ${n}` },
  }
  const common = { '@context': 'http://purl.imsglobal.org/ctx/caliper/v1p2', profile: 'TimebackProfile', actor, object, eventTime: at }
  return {
    sensor: 'https://app.example/sensor', sendTime: at, dataVersion: 'http://purl.imsglobal.org/ctx/caliper/v1p2',
    data: [
      { ...common, id: `urn:uuid:00000000-0000-4000-8000-00000000000${n}`, type: 'ActivityEvent', action: 'Completed',
        generated: { id: `https://app.example/metrics/${n}`, type: 'TimebackActivityMetricsCollection', items: [
          { type: 'xpEarned', value: 12 }, { type: 'totalQuestions', value: 5 }, { type: 'correctQuestions', value: 4 }, { type: 'masteredUnits', value: 1 }] } },
      { ...common, id: `urn:uuid:00000000-0000-4000-9000-00000000000${n}`, type: 'TimeSpentEvent', action: 'SpentTime',
        generated: { id: `https://app.example/time/${n}`, type: 'TimebackTimeSpentMetricsCollection', items: [
          { type: 'active', value: 600 }, { type: 'inactive', value: 30 }, { type: 'waste', value: 5 }] } },
    ],
  }
}

async function sendToCaliper(emu: { services: Record<string, string> }, call: Awaited<ReturnType<typeof connect>>['call'], envelope: unknown) {
  const res = await call('POST', `${new URL(emu.services.caliper!).pathname}/caliper/event`, envelope)
  assert.equal(res.status, 200, JSON.stringify(res.body))
}

const A = '/edubridge/analytics'
const CELL = { activityMetrics: { xpEarned: 12, totalQuestions: 5, correctQuestions: 4, masteredUnits: 1 }, timeSpentMetrics: { activeSeconds: 600, inactiveSeconds: 30, wasteSeconds: 5 } }

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

describe('EduBridge emulator: users, applications, learning reports', () => {
  it('users: roles required, exclusive role sets, repeated orgSourcedIds, OneRoster-style offset paging', async () => {
    const { emu, get } = await start()
    const missing = await get('/edubridge/users/')
    assert.equal(missing.status, 400)
    assertImsx(missing.body, 'invaliddata', /'roles' is required/)
    assert.equal((await get('/edubridge/users/?roles=wizard')).status, 400)
    const page = await get('/edubridge/users/?roles=student&limit=5&offset=10')
    assert.equal(page.status, 200)
    assert.deepEqual(page.body.users.map((u: Json) => u.sourcedId), ['seed-student-11', 'seed-student-12'])
    assert.deepEqual([page.body.totalCount, page.body.offset, page.body.limit], [12, 10, 5])
    const teachers = await get('/edubridge/users/?roles=teacher&orgSourcedIds=seed-school-2')
    assert.deepEqual(teachers.body.users.map((u: Json) => u.sourcedId), ['seed-teacher-3'])
    // "Exclusively those roles": a user who is also a teacher is not a student-only user, but is in student+teacher.
    emu.state.insert('users', { sourcedId: 'both', givenName: 'Both', familyName: 'Roles', roles: [{ roleType: 'primary', role: 'student', org: ref('seed-school-1') }, { roleType: 'secondary', role: 'teacher', org: ref('seed-school-1') }] })
    assert.equal((await get('/edubridge/users/?roles=student')).body.totalCount, 12)
    const both = await get('/edubridge/users/?roles=student&roles=teacher&orgSourcedIds=seed-school-2&orgSourcedIds=seed-school-1&search=roles')
    assert.deepEqual(both.body.users.map((u: Json) => u.sourcedId), ['both'])
  })

  it('applications and their metrics: enums checked, 201 on add, 409 on a duplicate, 204/404 on remove', async () => {
    const { get, call } = await start()
    const apps = await get('/edubridge/applications/')
    assert.deepEqual(apps.body.applications.map((a: Json) => [a.sourcedId, a.name]), [['seed-app-powerpath', 'PowerPath'], ['seed-app-reading', 'Reading Coach']])
    const M = '/edubridge/applicationMetrics/seed-app-powerpath'
    const metric = { applicationMetric: { metric: 'xp', metricSource: 'powerpath' } }
    const added = await call('POST', M, metric)
    assert.equal(added.status, 201)
    assert.deepEqual(added.body.data, { applicationSourcedId: 'seed-app-powerpath', metric: 'xp', metricSource: 'powerpath' })
    assert.equal((await call('POST', M, metric)).status, 409)
    const badEnum = await call('POST', M, { applicationMetric: { metric: 'happiness', metricSource: 'powerpath' } })
    assert.equal(badEnum.status, 400)
    assert.match(badEnum.body.imsx_description, /applicationMetric\.metric/)
    assert.deepEqual((await get(M)).body.data.map((m: Json) => m.metric), ['xp'])
    assert.equal((await get('/edubridge/applicationMetrics/no-app')).status, 404)
    assert.equal((await call('DELETE', M, metric)).status, 204)
    assert.equal((await call('DELETE', M, metric)).status, 404)
    assert.deepEqual((await get(M)).body.data, [])
  })

  it('learning reports: MAP profile 404 until one exists; time saved counts school days since the first enrollment', async () => {
    const { emu, get } = await start()
    assert.equal((await get('/edubridge/learning-reports/map-profile/seed-student-1')).status, 404)
    assert.equal((await get('/edubridge/learning-reports/map-profile/nobody')).status, 404)
    const report = { title: 'Fall MAP Growth', pdfUrl: 'https://example.org/map.pdf', tests: [{ subject: 'Math', rit: 201 }] }
    emu.edubridge.setMapProfile('seed-student-1', [report])
    assert.deepEqual((await get('/edubridge/learning-reports/map-profile/seed-student-1')).body, { data: [report] })
    // Seeded enrollments began 2025-08-15, before this school year: count from 2026-08-01 (a Saturday) to Wed 2026-12-02.
    // August 3-31: 21 weekdays; September 22; October 22; November 21; 1-2 December: 2. Total 88.
    const saved = await get('/edubridge/time-saved/user/seed-student-1')
    assert.deepEqual(saved.body.data, {
      totalHoursSaved: 352, totalDaysSaved: 58.67, schoolDaysElapsed: 88, earliestStartDate: '2025-08-15', schoolYearStartDate: '2026-08-01',
      calculation: { traditionalHoursPerDay: 6, timebackHoursPerDay: 2, hoursSavedPerSchoolDay: 4 },
    })
    assert.equal((await get('/edubridge/time-saved/user/seed-teacher-1')).body.data.schoolDaysElapsed, 88)
    emu.state.insert('users', { sourcedId: 'new-kid', givenName: 'New', familyName: 'Kid', roles: [] })
    assert.equal((await get('/edubridge/time-saved/user/new-kid')).body.data.totalHoursSaved, 0)
  })
})

describe('EduBridge emulator: subject tracks', () => {
  it('upserts by subject + grade + org, lists, groups, moves a group and deletes', async () => {
    const { get, call } = await start()
    const T = '/edubridge/subject-track'
    const put1 = await call('PUT', `${T}/`, { subject: 'Math', grade: '3', courseId: 'seed-course-1', orgSourcedId: 'seed-school-1' })
    assert.equal(put1.status, 200)
    assert.deepEqual({ ...put1.body.subjectTrack, id: typeof put1.body.subjectTrack.id }, { id: 'string', grade: '3', subject: 'Math', course: { id: 'seed-course-1', title: 'Math 3' }, org: { id: 'seed-school-1', name: 'Emulator Elementary' } })
    const again = await call('PUT', `${T}/`, { subject: 'Math', grade: '3', courseId: 'seed-course-2', orgSourcedId: 'seed-school-1' })
    assert.equal(again.body.subjectTrack.id, put1.body.subjectTrack.id) // same key: replaced, not added
    await call('PUT', `${T}/`, { subject: 'Math', grade: '3', courseId: 'seed-course-1' }) // the global track
    assert.deepEqual((await get(`${T}/`)).body.subjectTrack.map((t: Json) => [t.course.id, t.org?.id ?? null]), [['seed-course-2', 'seed-school-1'], ['seed-course-1', null]])
    assert.equal((await call('PUT', `${T}/`, { subject: 'Cooking', grade: '3', courseId: 'seed-course-1' })).status, 400)
    assert.equal((await call('PUT', `${T}/`, { subject: 'Math', grade: '14', courseId: 'seed-course-1' })).status, 400)
    assert.equal((await call('PUT', `${T}/`, { subject: 'Math', grade: '3', courseId: 'no-course' })).status, 404)

    assert.equal((await call('POST', `${T}/groups`, { subject: 'Math', grade: '3', courseId: 'seed-course-1', orgSourcedIds: ['seed-school-2'] })).status, 204)
    assert.equal((await call('POST', `${T}/groups`, { subject: 'Math', grade: '3', courseId: 'seed-course-1', orgSourcedIds: ['seed-school-1'] })).status, 409)
    const groups = (await get(`${T}/groups`)).body.groups as Json[]
    assert.deepEqual(groups.map((g) => [g.key.courseId, g.key.isGlobal, g.tracks.length]), [['seed-course-2', false, 1], ['seed-course-1', true, 1], ['seed-course-1', false, 1]])
    // Move the seed-course-1 org group to seed-course-2 for both schools: school 1 already tracks seed-course-2, no conflict.
    const move = { subject: 'Math', grade: '3', courseId: 'seed-course-2', currentCourseId: 'seed-course-1', isGlobal: false, orgSourcedIds: ['seed-school-2', 'seed-school-1'] }
    assert.equal((await call('PUT', `${T}/groups`, move)).status, 204)
    const after = (await get(`${T}/groups`)).body.groups as Json[]
    assert.deepEqual(after.map((g) => [g.key.courseId, g.key.isGlobal, g.tracks.map((t: Json) => t.org?.id ?? null).sort()]), [['seed-course-2', false, ['seed-school-1', 'seed-school-2']], ['seed-course-1', true, [null]]])
    assert.equal((await call('PUT', `${T}/groups`, move)).status, 404) // nothing leads to seed-course-1 per org any more
    assert.equal((await call('DELETE', `${T}/groups`, { subject: 'Math', grade: '3', courseId: 'seed-course-1', isGlobal: true })).status, 204)
    const left = (await get(`${T}/`)).body.subjectTrack as Json[]
    assert.equal(left.length, 2)
    assert.deepEqual((await call('DELETE', `${T}/${enc(left[0]!.id)}`)).body, { data: null })
    assert.equal((await call('DELETE', `${T}/${enc(left[0]!.id)}`)).status, 404)
  })
})

describe('EduBridge emulator: goals and AP readiness (API root)', () => {
  it('course goal: needs an enrolled course and an xp target; progress comes from the facts received', async () => {
    const { emu, call } = await start()
    await sendToCaliper(emu, call, lessonEnvelope(emu, '2026-12-01T15:00:00.000Z', 1))
    const body = { courseId: 'seed-course-1', target: { metric: 'xp', value: '120' }, pacing: { mode: 'target_date', endDate: '2027-01-29' } }
    const made = await call('POST', '/goals/seed-student-1/courses', body)
    assert.equal(made.status, 201)
    const { course, goal, progress } = made.body.course as Json
    assert.deepEqual(course, { id: 'seed-course-1', title: 'Math 3', subject: 'Math' })
    assert.deepEqual({ ...goal, id: typeof goal.id }, { id: 'string', status: 'active', target: { metric: 'xp', value: '120' }, pacing: { mode: 'target_date', endDate: '2027-01-29' } })
    assert.deepEqual([progress.earnedXP, progress.remainingXP, progress.pctCompleteXP, progress.completedUnits], [12, 108, 10, 1])
    assert.equal((await call('POST', '/goals/seed-student-9/courses', body)).status, 422) // seed-student-9 is in Reading 6, not Math 3
    assert.equal((await call('POST', '/goals/seed-student-1/courses', { ...body, target: { metric: 'minutes', value: '5' } })).status, 400)
    assert.equal((await call('POST', '/goals/seed-student-1/courses', { ...body, target: { metric: 'xp', value: 120 } })).status, 400)
    assert.equal((await call('POST', '/goals/nobody/courses', body)).status, 404)
  })

  it('subject goals: one active goal per subject (create replaces), preview writes nothing, PATCH merges, 404/400/422', async () => {
    const { emu, get, call } = await start()
    emu.state.insert('courses', { ...emu.state.get('courses', 'seed-course-1')!, metadata: { metrics: { totalXp: 500 } } })
    const goal = { subject: 'Math', objective: { type: 'grade_mastery', value: '4' }, pacing: { mode: 'target_date', endDate: '2026-12-11' } }
    const preview = await call('POST', '/goals/seed-student-1/subjects/preview', goal)
    assert.equal(preview.status, 200)
    // 3-11 December holds 7 school days after Wednesday 2 December: 500 XP / 7 days → 72 a day.
    assert.deepEqual(preview.body.preview.computed.pace, { requiredDailyXP: 72, effectiveDailyXP: 72, schoolDaysRemaining: 7 })
    assert.deepEqual(preview.body.preview.execution, { stageId: null, courseIds: ['seed-course-1'] })
    assert.deepEqual((await get('/goals/seed-student-1/subjects')).body, { studentId: 'seed-student-1', subjects: [] })

    const first = await call('POST', '/goals/seed-student-1/subjects', goal)
    assert.equal(first.status, 201)
    assert.equal(first.body.subject.computed.issue, null) // the seeded student has grade 3
    const second = await call('POST', '/goals/seed-student-1/subjects', { ...goal, pacing: { ...goal.pacing, dailyTargetXP: 100 } })
    const listed = (await get('/goals/seed-student-1/subjects')).body.subjects as Json[]
    assert.equal(listed.length, 1)
    assert.equal(listed[0]!.goal.id, second.body.subject.goal.id)
    assert.notEqual(listed[0]!.goal.id, first.body.subject.goal.id)
    assert.equal(listed[0]!.computed.pace.effectiveDailyXP, 100)

    await sendToCaliper(emu, call, lessonEnvelope(emu, '2026-12-02T11:00:00.000Z', 1))
    const patched = await call('PATCH', '/goals/seed-student-1/subjects/Math', { objective: { value: '5' } })
    assert.equal(patched.status, 200)
    assert.deepEqual(patched.body.subject.goal.objective, { type: 'grade_mastery', value: '5' })
    assert.deepEqual(patched.body.subject.computed.xp, { total: 500, earned: 12, remaining: 488, pctComplete: 2 })
    assert.equal((await call('PATCH', '/goals/seed-student-1/subjects/Reading', {})).status, 404)
    assert.equal((await call('PATCH', '/goals/seed-student-1/subjects/Math', { target: 1 })).status, 400)
    assert.equal((await call('POST', '/goals/seed-student-1/subjects', { ...goal, subject: 'Cooking' })).status, 400)
    assert.equal((await call('POST', '/goals/seed-student-1/subjects', { ...goal, pacing: { mode: 'target_date', endDate: '2026-12-01' } })).status, 422)
    assert.equal((await call('GET', '/goals/nobody/subjects')).status, 404)
  })

  it('AP readiness goal: documented subjects only, existing student and courses, dates', async () => {
    const { call } = await start()
    const body = { studentSourcedId: 'seed-student-5', subject: 'AP Biology', courseIds: ['seed-course-2'], startDate: '2026-12-01', endDate: '2027-05-10' }
    const made = await call('POST', '/ap-readiness/goals', body)
    assert.equal(made.status, 201)
    assert.deepEqual({ ...made.body.goal, sourcedId: typeof made.body.goal.sourcedId }, {
      sourcedId: 'string', dateLastModified: new Date(NOW).toISOString(), studentSourcedId: 'seed-student-5', goalType: 'ap_readiness',
      targetValue: 'AP Biology', targetMetric: 'ap_exam', paceType: 'target_date', startDate: '2026-12-01', endDate: '2027-05-10',
      goalCreatedAt: new Date(NOW).toISOString(), courseIds: ['seed-course-2'], metadata: { practice_test_course_ids: [] }, curriculumCourseIds: ['seed-course-2'],
    })
    assert.equal((await call('POST', '/ap-readiness/goals', { ...body, subject: 'Biology' })).status, 400)
    assert.equal((await call('POST', '/ap-readiness/goals', { ...body, courseIds: [] })).status, 400)
    assert.equal((await call('POST', '/ap-readiness/goals', { ...body, courseIds: ['no-course'] })).status, 404)
    assert.equal((await call('POST', '/ap-readiness/goals', { ...body, studentSourcedId: 'nobody' })).status, 404)
    assert.equal((await call('POST', '/ap-readiness/goals', { ...body, endDate: '2026-11-01' })).status, 400)
  })
})

describe('EduBridge emulator: progression and Caliper ingest', () => {
  it('catalog pages by page/limit (max 500) and filters by repeated subject and gradeLevel', async () => {
    const { get } = await start()
    const all = await get('/edubridge/progression/catalog?limit=500')
    assert.deepEqual([all.body.total, all.body.lessons.length, all.body.totalPages], [135, 135, 1]) // 5 subjects × 9 grades × 3
    const page2 = await get('/edubridge/progression/catalog?subject=math&subject=reading&gradeLevel=K&gradeLevel=3&limit=4&page=2')
    assert.deepEqual(page2.body.lessons.map((l: Json) => l.lessonId), ['math-3-2', 'math-3-3', 'reading-k-1', 'reading-k-2'])
    assert.deepEqual([page2.body.total, page2.body.totalPages, page2.body.page], [12, 3, 2])
    assert.equal((await get('/edubridge/progression/catalog?limit=501')).status, 400)
    assert.equal((await get('/edubridge/progression/catalog?page=0')).status, 400)
  })

  it('create-course makes the course, its lesson resources and the enrollment; enums checked; each call makes a new course', async () => {
    const { emu, get, call } = await start()
    const body = { subject: 'math', grade: 3, app: 'freckle', email: 'seed-student-2@seed.example', next: 'assessment', lessonIds: ['math-3-1', 'math-3-2', 'not-a-lesson'], courseDetails: { xpPerLesson: 25 } }
    const made = await call('POST', '/edubridge/progression/create-course', body)
    assert.equal(made.status, 201)
    assert.deepEqual({ ...made.body, course: { ...made.body.course, sourcedId: typeof made.body.course.sourcedId } }, {
      success: true, course: { sourcedId: 'string', title: 'Math 3 hole-filling', totalLessons: 2, totalXp: 50 },
      enrollment: { statusCode: 201, message: 'Enrolled seed-student-2@seed.example in Math 3 hole-filling.' }, resourcesCreated: 2, resourcesFailed: 1,
    })
    const courseId = made.body.course.sourcedId as string
    const course = (await get(`${R}/courses/${enc(courseId)}`)).body.course as Json
    assert.deepEqual([course.subjects, course.grades, course.metadata.courseType, course.metadata.metrics], [['Math'], ['3'], 'hole-filling', { totalXp: 50, totalLessons: 2 }])
    const enrolled = (await get(`${E}/user/seed-student-2`)).body.data as Json[]
    assert.ok(enrolled.some((e) => e.course.id === courseId))
    assert.equal(emu.state.list('componentResources').filter((c) => (c.title as string).startsWith('Math grade 3')).length, 2)
    const again = await call('POST', '/edubridge/progression/create-course', body)
    assert.notEqual(again.body.course.sourcedId, courseId)
    for (const bad of [{ subject: 'Math' }, { grade: '13' }, { app: 'khan' }, { next: 'later' }, { lessonIds: [] }]) {
      assert.equal((await call('POST', '/edubridge/progression/create-course', { ...body, ...bad })).status, 400, JSON.stringify(bad))
    }
    assert.equal((await call('POST', '/edubridge/progression/create-course', { ...body, email: 'nobody@x.example' })).status, 404)
    assert.equal((await call('POST', '/edubridge/progression/create-course', { ...body, lessonIds: ['nope'] })).status, 422)
  })

  it('enqueue answers { success, messageId } and keeps the job; required fields and flowType checked', async () => {
    const { emu, call } = await start()
    const job = { assignmentId: 42, studentTimebackId: 'seed-student-1', studentEmail: 'seed-student-1@seed.example', subject: 'Math', grade: '3', currentCourseSourcedId: 'seed-course-1', flowType: 'dcan', readOnly: true }
    const res = await call('POST', '/edubridge/progression/enqueue', job)
    assert.equal(res.status, 200)
    assert.equal(res.body.success, true)
    const enqueued = emu.edubridge.enqueued
    assert.deepEqual(enqueued, [{ messageId: res.body.messageId, ...job }])
    const { flowType: _omitted, ...noFlow } = job
    assert.equal((await call('POST', '/edubridge/progression/enqueue', noFlow)).status, 400)
    assert.equal((await call('POST', '/edubridge/progression/enqueue', { ...job, assignmentId: '42' })).status, 400)
    assert.equal(enqueued.length, 1)
  })

  it('POST /edubridge/caliper/event feeds the same facts without a token; a bad envelope is 400 { success: false }', async () => {
    const { emu, get } = await start()
    const post = (body: unknown) => emu.fetch(`${emu.origin}/edubridge/caliper/event`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const { dataVersion: _v, ...envelope } = lessonEnvelope(emu, '2026-12-02T09:00:00.000Z', 3, { id: 'urn:example:someone', type: 'TimebackUser', email: 'seed-student-4@seed.example' })
    const res = await post({ ...envelope, sensor: 'Fraction App' })
    assert.equal(res.status, 200)
    assert.deepEqual(await res.json(), { success: true, message: '2 event(s) accepted for processing.' })
    assert.equal(emu.caliper.events.length, 0) // not stored on the Caliper host
    const activity = await get(`${A}/activity?studentId=seed-student-4&startDate=2026-12-02T00:00:00Z&endDate=2026-12-02T23:59:59Z`)
    assert.deepEqual(activity.body.facts['2026-12-02'].Math.activityMetrics, CELL.activityMetrics) // mapped by email to seed-student-4
    for (const bad of [{ ...envelope, sensor: '' }, { ...envelope, sendTime: 'yesterday' }, { ...envelope, data: [] }, [1]]) {
      const r = await post(bad)
      assert.equal(r.status, 400)
      assert.equal(((await r.json()) as Json).success, false)
    }
  })
})
