// Records and relations in the emulator: ids, creates, required fields and enums, PUT/PATCH/DELETE as the spec
// declares them, and the rosters, gradebook and resource scopes derived from the store.
// Run: node --import tsx --test test/node/emulator-records.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { R, G, RS, enc, connect, ids, ref, assertImsx } from './emulator-helpers.ts'

describe('records', () => {
  it('round-trips ids containing / ? # % space and é, percent-encoded in the path', async () => {
    const { emu, call, get } = await connect()
    const id = 'odd/id?x=1#frag%20 50% é'
    const created = await call('POST', `${R}/users/`, { user: { sourcedId: id, enabledUser: 'true', givenName: 'Odd', familyName: 'Id', email: 'odd@example.test', roles: [{ roleType: 'primary', role: 'student', org: ref('seed-school-1') }] } })
    assert.equal(created.status, 201)
    assert.deepEqual(created.body.sourcedIdPairs, { suppliedSourcedId: id, allocatedSourcedId: id })
    const read = await get(`${R}/users/${enc(id)}`)
    assert.equal(read.status, 200)
    assert.equal(read.body.user.sourcedId, id)
    assert.equal(emu.requests.at(-1)!.path, `${R}/users/${enc(id)}`) // logged raw
    assert.equal(emu.state.get('users', id)?.givenName, 'Odd')
    assert.equal((await get(`${R}/users/${enc('odd')}`)).status, 404) // '%2F' is not a separator
    assert.equal((await call('DELETE', `${R}/users/${enc(id)}`)).status, 204)
    assert.equal(emu.state.get('users', id)?.status, 'tobedeleted')
  })

  it('creates with sourcedIdPairs, defaults status, and allocates a UUID when no sourcedId is given', async () => {
    const { emu, call } = await connect()
    const r = await call('POST', `${G}/categories/`, { category: { status: 'active', title: 'Projects' } })
    assert.equal(r.status, 201)
    const { allocatedSourcedId } = r.body.sourcedIdPairs
    assert.match(allocatedSourcedId, /^[0-9a-f-]{36}$/)
    const stored = emu.state.get('categories', allocatedSourcedId)!
    assert.equal(stored.title, 'Projects')
    assert.match(stored.dateLastModified!, /^\d{4}-\d\d-\d\dT/)
    const org = await call('POST', `${R}/orgs`, { org: { sourcedId: 'new-org', name: 'New', type: 'department' } })
    assert.equal(org.status, 201)
    assert.equal(emu.state.get('orgs', 'new-org')?.status, 'active')
  })

  it('names missing required fields, checks enums, and refuses duplicates with 422', async () => {
    const { call } = await connect()
    const missing = await call('POST', `${R}/users/`, { user: { givenName: 'Only' } })
    assert.equal(missing.status, 400)
    assertImsx(missing.body, 'invaliddata')
    for (const field of ['enabledUser', 'familyName', 'roles', 'email']) assert.match(missing.body.imsx_description, new RegExp(field))
    assert.doesNotMatch(missing.body.imsx_description, /givenName/)
    const noKey = await call('POST', `${R}/classes/`, { title: 'x' })
    assert.equal(noKey.status, 400)
    assert.match(noKey.body.imsx_description, /'class'/)
    const badRole = await call('POST', `${R}/enrollments/`, { enrollment: { role: 'wizard', user: ref('seed-student-1'), class: ref('seed-class-1') } })
    assert.equal(badRole.status, 400)
    assert.match(badRole.body.imsx_description, /role.*wizard/)
    const badType = await call('POST', `${R}/orgs/`, { org: { name: 'x', type: 'galaxy' } })
    assert.match(badType.body.imsx_description, /type/)
    const badScore = await call('POST', `${G}/results/`, { result: { status: 'active', lineItem: ref('seed-line-item-1'), student: ref('seed-student-1'), scoreStatus: 'graded', scoreDate: '2025-01-01' } })
    assert.match(badScore.body.imsx_description, /scoreStatus/)
    const dup = await call('POST', `${G}/categories/`, { category: { sourcedId: 'seed-category-1', status: 'active', title: 'Again' } })
    assert.equal(dup.status, 422)
    assertImsx(dup.body, 'invaliddata', /already exists/)
    // This route's spec declares "422 Validation error" and also requires tenantId and clientAppId.
    const term = await call('POST', `${R}/terms/seed-term-1/gradingPeriods`, { academicSession: { sourcedId: 'gp-x', status: 'active', title: 'Q2', startDate: '2025-10-20', endDate: '2025-12-19', type: 'gradingPeriod', schoolYear: 2026, org: ref('seed-school-1') } })
    assert.equal(term.status, 422)
    assert.match(term.body.imsx_description, /tenantId, clientAppId/)
    const badJson = await call('POST', `${R}/users/`, '{"user": {')
    assert.equal(badJson.status, 400)
    assert.match(badJson.body.imsx_description, /Invalid JSON/)
  })

  it('answers each PUT as the spec declares it', async () => {
    const { emu, call } = await connect()
    const user = await call('PUT', `${R}/users/seed-student-1`, { user: { enabledUser: false, givenName: 'Augusta', familyName: 'King', email: 'ada@example.test', roles: [{ roleType: 'primary', role: 'student', org: ref('seed-school-1') }] } })
    assert.equal(user.status, 200)
    assert.equal(user.body.user.givenName, 'Augusta')
    assert.equal(user.body.user.enabledUser, 'false') // booleans read back as strings
    const school = await call('PUT', `${R}/schools/seed-school-1`, { org: { name: 'Renamed', type: 'school' } })
    assert.equal(school.status, 200)
    assert.equal(school.body.sourcedId, 'seed-school-1') // unwrapped
    assert.equal(school.body.name, 'Renamed')
    const org = await call('PUT', `${R}/orgs/seed-district-1`, { org: { name: 'D', type: 'district' } })
    assert.equal(org.status, 201)
    assert.equal(org.body.org.name, 'D')
    const cls = await call('PUT', `${R}/classes/seed-class-1`, { class: { title: 'Math 3 A (renamed)' } })
    assert.equal(cls.status, 200)
    assert.equal(cls.body.title, 'Math 3 A (renamed)')
    assert.equal(cls.body.course.sourcedId, 'seed-course-1') // fields not in the body are kept
    const enr = await call('PUT', `${R}/enrollments/seed-enrollment-s1`, { enrollment: { role: 'student', user: ref('seed-student-1'), class: ref('seed-class-2') } })
    assert.equal(enr.status, 201)
    const created = await call('PUT', `${G}/lineItems/brand-new`, { lineItem: { title: 'Upserted', assignDate: 'a', dueDate: 'b', class: ref('seed-class-1'), school: ref('seed-school-1'), category: ref('seed-category-1') } })
    assert.equal(created.status, 201)
    assert.equal(created.body.lineItem.sourcedId, 'brand-new')
    assert.equal(emu.state.get('lineItems', 'brand-new')?.title, 'Upserted')
    const missing = await call('PUT', `${R}/users/nobody`, { user: { enabledUser: true, givenName: 'a', familyName: 'b', email: 'c@d', roles: [{ roleType: 'primary', role: 'student', org: ref('x') }] } })
    assert.equal(missing.status, 404)
    assertImsx(missing.body, 'unknownobject', /^User not found\.$/)
  })

  it('PATCH merges metadata keys into the stored metadata', async () => {
    const { call } = await connect()
    await call('PATCH', `${R}/enrollments/seed-enrollment-s2`, { enrollment: { metadata: { goals: { dailyXp: 20 }, keep: 1 } } })
    const r = await call('PATCH', `${R}/enrollments/seed-enrollment-s2`, { enrollment: { metadata: { goals: { dailyXp: 30 }, extra: 'x' }, endDate: '2026-01-31' } })
    assert.equal(r.status, 200)
    assert.deepEqual(r.body.enrollment.metadata, { goals: { dailyXp: 30 }, keep: 1, extra: 'x' })
    assert.equal(r.body.enrollment.endDate, '2026-01-31')
    assert.equal(r.body.enrollment.role, 'student')
    const ar = await call('PATCH', `${G}/assessmentResults/seed-assessment-result-1`, { assessmentResult: { metadata: { multiplier: 2 } } })
    assert.deepEqual(ar.body.assessmentResult.metadata, { xp: 40, accuracy: 92, multiplier: 2 })
    assert.equal((await call('PATCH', `${R}/users/seed-student-1`, { user: {} })).status, 405)
  })

  it('DELETE soft-deletes: 204, the record stays readable as tobedeleted', async () => {
    const { call, get } = await connect()
    const before = (await get(`${R}/users/seed-student-3`)).body.user.dateLastModified
    const del = await call('DELETE', `${R}/users/seed-student-3`)
    assert.equal(del.status, 204)
    assert.equal(del.text, '')
    const after = await get(`${R}/users/seed-student-3`)
    assert.equal(after.body.user.status, 'tobedeleted')
    assert.notEqual(after.body.user.dateLastModified, before)
    assert.equal((await get(`${R}/users/`)).body.totalCount, 15)
    assert.equal((await get(`${R}/users?${`filter=${enc("status='active'")}`}`)).body.totalCount, 14)
    assert.equal((await call('DELETE', `${R}/users/seed-student-3/agents/seed-teacher-1`)).status, 404)
  })
})

describe('relations', () => {
  it('derives rosters, classes and terms from the store', async () => {
    const { get, call } = await connect()
    const students = await get(`${R}/classes/seed-class-1/students`)
    assert.deepEqual(ids(students.body.users), ['seed-student-1', 'seed-student-2', 'seed-student-3', 'seed-student-4'])
    assert.deepEqual(ids((await get(`${R}/classes/seed-class-1/teachers`)).body.users), ['seed-teacher-1'])
    assert.deepEqual(ids((await get(`${R}/schools/seed-school-1/classes`)).body.classes), ['seed-class-1', 'seed-class-2'])
    assert.deepEqual(ids((await get(`${R}/schools/seed-school-2/classes/seed-class-3/students`)).body.users), ['seed-student-9', 'seed-student-10', 'seed-student-11', 'seed-student-12'])
    assert.equal((await get(`${R}/schools/seed-school-2/classes/seed-class-1/students`)).status, 404)
    assert.deepEqual(ids((await get(`${R}/students/seed-student-9/classes`)).body.classes), ['seed-class-3'])
    assert.deepEqual(ids((await get(`${R}/schools/seed-school-1/terms`)).body.terms), ['seed-term-1'])
    assert.deepEqual(ids((await get(`${R}/terms/seed-term-1/gradingPeriods`)).body.gradingPeriods), ['seed-grading-period-1'])
    assert.equal((await get(`${R}/students/seed-teacher-1`)).status, 404)
    assert.equal((await get(`${R}/classes/seed-class-1`)).body.class.school.sourcedId, 'seed-school-1')

    const added = await call('POST', `${R}/classes/seed-class-1/students`, { enrollment: { user: ref('seed-student-12'), primary: true, metadata: { via: 'test' } } })
    assert.equal(added.status, 201)
    const enrollment = (await get(`${R}/enrollments/${added.body.sourcedIdPairs.allocatedSourcedId}`)).body.enrollment
    assert.equal(enrollment.role, 'student')
    assert.equal(enrollment.primary, 'true')
    assert.equal(enrollment.school.sourcedId, 'seed-school-1') // derived from the class
    assert.equal((await get(`${R}/classes/seed-class-1/students`)).body.totalCount, 5)
    await call('DELETE', `${R}/enrollments/seed-enrollment-s1`)
    assert.equal((await get(`${R}/classes/seed-class-1/students`)).body.totalCount, 4)
  })

  it('serves gradebook and resource scopes, bulk creates, agents, credentials and the export', async () => {
    const { call, get } = await connect()
    assert.deepEqual(ids((await get(`${G}/classes/seed-class-1/students/seed-student-2/results`)).body.results), ['seed-result-2'])
    assert.deepEqual(ids((await get(`${G}/classes/seed-class-1/categories`)).body.categories), ['seed-category-1'])
    const one = await call('POST', `${G}/lineItems/seed-line-item-1/results`, { results: [{ status: 'active', student: ref('seed-student-3'), scoreStatus: 'submitted', scoreDate: '2025-09-10' }] })
    assert.equal(one.status, 201)
    assert.equal(typeof one.body.sourcedIdPairs.allocatedSourcedId, 'string')
    const two = await call('POST', `${G}/classes/seed-class-1/lineItems`, { lineItems: [
      { title: 'A', assignDate: 'x', dueDate: 'y', category: ref('seed-category-1') },
      { title: 'B', assignDate: 'x', dueDate: 'y', category: ref('seed-category-1') },
    ] })
    assert.equal(two.status, 201)
    assert.equal(two.body.sourcedIdPairs.length, 2)
    assert.equal((await get(`${G}/schools/seed-school-1/lineItems`)).body.totalCount, 3)
    const bad = await call('POST', `${G}/classes/seed-class-1/lineItems`, { lineItems: [{ title: 'C' }] })
    assert.equal(bad.status, 400)
    assert.match(bad.body.imsx_description, /lineItems\[0\].*assignDate, dueDate, category/)

    assert.deepEqual(ids((await get(`${RS}/resources/courses/seed-course-1/resources`)).body.resources), ['seed-resource-1'])
    assert.deepEqual(ids((await get(`${RS}/resources/users/seed-student-1/resources`)).body.resources), ['seed-resource-1'])
    const structure = await call('POST', `${R}/courses/structure`, {
      course: { sourcedId: 'qti-course', status: 'active', title: 'QTI course', org: ref('seed-school-1') },
      courseStructure: {
        a: { url: 'u1', skillCode: 's1', lessonCode: 'l1', title: 'T1', 'unit-title': 'U1', status: 'active', xp: 5 },
        b: { url: 'u2', skillCode: 's2', lessonCode: 'l2', title: 'T2', 'unit-title': 'U1', status: 'active', xp: 5 },
      },
    })
    assert.equal(structure.status, 201)
    assert.equal((await get(`${RS}/resources/courses/qti-course/resources`)).body.totalCount, 2)
    assert.equal((await get(`${R}/courses/components?${`filter=${enc("course.sourcedId='qti-course'")}`}`)).body.totalCount, 1)

    assert.equal((await call('POST', `${R}/users/seed-student-1/agents`, { agentSourcedId: 'seed-teacher-2' })).status, 200)
    assert.deepEqual(ids((await get(`${R}/users/seed-student-1/agents`)).body.agents), ['seed-teacher-2'])
    assert.deepEqual(ids((await get(`${R}/users/seed-teacher-2/agentFor`)).body.users), ['seed-student-1'])
    assert.equal((await call('DELETE', `${R}/users/seed-student-1/agents/seed-teacher-2`)).status, 200)
    assert.deepEqual((await get(`${R}/users/seed-student-1/agents`)).body.agents, [])

    const cred = await call('POST', `${R}/users/seed-student-2/credentials`, { applicationName: 'Reader', credentials: { username: 'alan', password: 'p@ss wörd' } })
    assert.equal(cred.status, 201)
    const user = (await get(`${R}/users/seed-student-2`)).body.user
    assert.equal(user.userProfiles[0].credentials[0].username, 'alan')
    assert.notEqual(user.userProfiles[0].credentials[0].password, 'p@ss wörd')
    const plain = await call('POST', `${R}/users/seed-student-2/credentials/${cred.body.credentialId}/decrypt`)
    assert.deepEqual(plain.body, { password: 'p@ss wörd' })
    assert.equal((await call('POST', `${R}/users/seed-student-2/credentials`, { applicationName: 'Reader', credentials: { username: 'alan', password: 'new' } })).status, 200)
    assert.equal((await get(`${R}/users/seed-student-1/demographics`)).body.user.demographics.sex, 'female')

    const zip = await call('POST', `${RS}/resources/export/seed-resource-1`)
    assert.equal(zip.status, 200)
    assert.equal(zip.res.headers.get('content-type'), 'application/zip')
    assert.match(zip.res.headers.get('content-disposition')!, /^attachment; filename="seed-resource-1\.imscc"$/)
    assert.equal(zip.text.slice(0, 4), 'PK\u0003\u0004')
    assert.equal((await call('POST', `${RS}/resources/export/none`)).status, 400) // the spec's "400 Resource not found"
  })
})
