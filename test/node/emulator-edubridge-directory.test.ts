// The emulated EduBridge by raw HTTP, beyond enrollments and analytics: users, applications, learning reports,
// subject tracks, goals and AP readiness at the API root, progression, and EduBridge's own Caliper ingest.
// Run: node --import tsx --test test/node/emulator-edubridge-directory.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { A, CELL, E, NOW, lessonEnvelope, sendToCaliper, start } from './emulator-edubridge-helpers.ts'
import { R, assertImsx, enc, ref, type Json } from './emulator-helpers.ts'

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
