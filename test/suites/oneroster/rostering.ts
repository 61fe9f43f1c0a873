// OneRoster rostering against the emulator: every writable collection's round trip, the read-only views
// (students, teachers, terms), the scoped routes of schools, classes, users, courses and terms, enroll, and
// the PATCH metadata merge of enrollments.

import type { Assert, Suite } from '../../harness/types.ts'
import { connect, newUser, ref, roundTrip, seen, SEED, ROSTERING } from './helpers.ts'

const ids = (page: { data: { sourcedId: string }[] }) => page.data.map((x) => x.sourcedId)

const suite: Suite = (env) => {
  const { describe, it } = env.h
  const assert: Assert = env.h.assert

  describe('oneroster: rostering round trips', () => {
    it('users', async () => {
      const { client } = connect(env)
      await roundTrip(assert, client.users, { input: newUser({ familyName: 'Roundtrip' }), field: 'familyName' })
    })

    // The README's pattern: update is a PUT of the whole record, so a read user goes back with a change.
    // Before, this did not compile (User.enabledUser was string | boolean; interfaces met no loose input).
    it('users: a user read with get() goes back to update() with a change', async () => {
      const { client } = connect(env)
      const { sourcedId } = await client.users.create(newUser({ givenName: 'Ada', familyName: 'Lovelace' }))
      const user = await client.users.get(sourcedId)
      assert.equal(user.enabledUser, 'true', 'reads carry the spec\'s string')
      await client.users.update(sourcedId, { ...user, preferredFirstName: 'Addie' })
      const after = await client.users.get(sourcedId)
      assert.equal(after.preferredFirstName, 'Addie')
      assert.equal(after.givenName, 'Ada', 'the rest of the record is kept because it was sent')
      assert.equal(after.roles[0]?.org.sourcedId, SEED.school)
    })

    it('orgs', async () => {
      const { client } = connect(env)
      await roundTrip(assert, client.orgs, { input: { name: 'North District', type: 'district' }, field: 'name' })
    })

    it('schools (org keys on the wire, type defaults to school)', async () => {
      const { s, client } = connect(env)
      const id = await roundTrip(assert, client.schools, { input: { name: 'West Elementary' }, field: 'name' })
      assert.equal((await client.orgs.get(id)).type, 'school')
      assert.ok(seen(s).includes(`POST ${ROSTERING}/schools/`))
    })

    it('classes (school accepted and sent as org)', async () => {
      const { client } = connect(env)
      const input = { title: 'Geometry 1', course: ref(SEED.course), school: ref(SEED.school), terms: [ref(SEED.term)] }
      const id = await roundTrip(assert, client.classes, { input, field: 'title' })
      const got = await client.classes.get(id)
      assert.equal(got.school?.sourcedId, SEED.school, 'reads fill school')
    })

    it('courses', async () => {
      const { client } = connect(env)
      await roundTrip(assert, client.courses, { input: { title: 'Physics 9', org: ref(SEED.school) }, field: 'title' })
    })

    it('enrollments', async () => {
      const { client } = connect(env)
      const input = { role: 'student' as const, user: ref(SEED.student), class: ref(SEED.class3), beginDate: '2026-01-05' }
      const id = await client.enrollments.create(input)
      const got = await client.enrollments.get(id.sourcedId)
      assert.equal(got.role, 'student')
      assert.equal(got.class.sourcedId, SEED.class3)
      await client.enrollments.update(id.sourcedId, { ...input, role: 'teacher' })
      assert.equal((await client.enrollments.get(id.sourcedId)).role, 'teacher')
      await client.enrollments.delete(id.sourcedId)
      assert.equal((await client.enrollments.get(id.sourcedId)).status, 'tobedeleted')
    })

    it('academic sessions (sourcedId generated, status defaulted, schoolYear as a number)', async () => {
      const { client } = connect(env)
      const input = { title: 'SY 2027', type: 'schoolYear', startDate: '2026-08-01', endDate: '2027-06-30', schoolYear: 2027, org: ref(SEED.district) }
      const id = await roundTrip(assert, client.academicSessions, { input, field: 'title' })
      assert.match(id, /^[0-9a-f-]{36}$/, 'a client-generated UUID')
    })

    it('grading periods (body key academicSession)', async () => {
      const { client } = connect(env)
      const input = { title: 'Q3', startDate: '2026-01-05', endDate: '2026-03-20', schoolYear: '2026', org: ref(SEED.school), parent: ref(SEED.term) }
      const id = await roundTrip(assert, client.gradingPeriods, { input, field: 'title' })
      assert.equal((await client.academicSessions.get(id)).type, 'gradingPeriod')
    })

    it('demographics', async () => {
      const { client } = connect(env)
      const created = await client.demographics.create({ sourcedId: SEED.teacher, sex: 'female', birthDate: '1980-05-05' })
      assert.equal(created.sourcedId, SEED.teacher)
      assert.equal((await client.demographics.get(SEED.teacher)).sex, 'female')
      await client.demographics.update(SEED.teacher, { sex: 'male' })
      assert.equal((await client.demographics.get(SEED.teacher)).sex, 'male')
      const withDemo = await client.users(SEED.teacher).withDemographics()
      assert.equal(withDemo.sourcedId, SEED.teacher)
      await client.demographics.delete(SEED.teacher)
      assert.equal((await client.demographics.get(SEED.teacher)).status, 'tobedeleted')
    })
  })

  describe('oneroster: read-only views', () => {
    it('students and teachers list, get and exist; writes go through users', async () => {
      const { client } = connect(env)
      const students = await client.students.listAll()
      assert.equal(students.length, 12)
      assert.ok(students.every((u) => u.roles.some((r) => r.role === 'student')))
      assert.equal((await client.students.get(SEED.student)).sourcedId, SEED.student)
      assert.equal(await client.teachers.exists(SEED.teacher), true)
      assert.equal(await client.teachers.exists(SEED.student), false, 'a student is not a teacher')
      assert.equal((await client.teachers.first({ where: { familyName: 'Dewey' } }))?.givenName, 'John')
      assert.equal('create' in client.students, false)
    })

    it('terms: get, classes and grading periods (list and create)', async () => {
      const { client } = connect(env)
      assert.equal((await client.terms.get(SEED.term)).title, 'Fall 2025')
      assert.deepEqual(ids(await client.terms.list()), [SEED.term])
      assert.equal((await client.terms(SEED.term).classes()).data.length, 3)
      assert.deepEqual(ids(await client.terms(SEED.term).gradingPeriods()), [SEED.gradingPeriod])
      const created = await client.terms(SEED.term).gradingPeriods.create({
        title: 'Fall 2025 Q2', startDate: '2025-10-20', endDate: '2025-12-19', schoolYear: '2026', org: ref(SEED.school),
        tenantId: 'tenant-1', clientAppId: 'app-1',
      })
      const periods = await client.terms(SEED.term).gradingPeriods.listAll()
      assert.deepEqual(periods.map((p) => p.sourcedId).sort(), [created.sourcedId, SEED.gradingPeriod].sort())
      assert.equal((await client.gradingPeriods.get(created.sourcedId)).parent?.sourcedId, SEED.term)
    })
  })

  describe('oneroster: scoped routes', () => {
    it('schools(id): classes, students, teachers, courses, enrollments, terms, class(id)', async () => {
      const { client } = connect(env)
      const school = client.schools(SEED.school)
      assert.deepEqual(ids(await school.classes()).sort(), ['seed-class-1', 'seed-class-2'])
      assert.equal((await school.students.listAll()).length, 8)
      assert.equal((await school.teachers()).data.length, 2)
      assert.deepEqual(ids(await school.courses()), [SEED.course])
      assert.equal((await school.enrollments.listAll()).length, 10)
      assert.deepEqual(ids(await school.terms()), [SEED.term])
      const inClass = school.class(SEED.class)
      assert.equal((await inClass.students()).data.length, 4)
      assert.deepEqual(ids(await inClass.teachers()), [SEED.teacher])
      assert.equal((await inClass.enrollments()).data.length, 5)
    })

    it('classes(id).students/teachers, users(id).classes, students(id).classes, teachers(id).classes, courses(id).classes', async () => {
      const { client } = connect(env)
      assert.equal((await client.classes(SEED.class).students()).data.length, 4)
      assert.deepEqual(ids(await client.classes(SEED.class).teachers()), [SEED.teacher])
      assert.deepEqual(ids(await client.users(SEED.student).classes()), [SEED.class])
      assert.deepEqual(ids(await client.students(SEED.student).classes()), [SEED.class])
      assert.deepEqual(ids(await client.teachers(SEED.teacher).classes()), [SEED.class])
      assert.deepEqual(ids(await client.courses(SEED.course).classes()).sort(), ['seed-class-1', 'seed-class-2'])
    })

    it('classes(id).enroll posts to /students or /teachers by role', async () => {
      const { s, client } = connect(env)
      const user = await client.users.create(newUser({ familyName: 'Newcomer' }))
      const from = s.emulator.requests.length
      const asStudent = await client.classes(SEED.class3).enroll({ sourcedId: user.sourcedId, role: 'student', primary: false, beginDate: '2026-01-05' })
      const asTeacher = await client.classes(SEED.class3).enroll({ sourcedId: SEED.teacher, role: 'teacher' })
      assert.deepEqual(seen(s, from), [`POST ${ROSTERING}/classes/${SEED.class3}/students`, `POST ${ROSTERING}/classes/${SEED.class3}/teachers`])
      const students = await client.classes(SEED.class3).students.listAll()
      assert.ok(students.some((u) => u.sourcedId === user.sourcedId))
      const enrollment = await client.enrollments.get(asStudent.sourcedId)
      assert.equal(enrollment.role, 'student')
      assert.equal(enrollment.user.sourcedId, user.sourcedId)
      assert.equal((await client.enrollments.get(asTeacher.sourcedId)).role, 'teacher')
    })

    it('classes(id).enroll refuses roles other than student and teacher, before any request', async () => {
      const { s, client } = connect(env)
      const before = s.emulator.requests.length
      const error = await assert.rejects(
        client.classes(SEED.class).enroll({ sourcedId: SEED.student, role: 'proctor' as 'student' }),
        env.sdk.errors.isInputValidationError,
      )
      assert.match(error.message, /role/)
      assert.equal(s.emulator.requests.length, before)
    })

    it('enrollments.patch merges metadata with the stored value', async () => {
      const { client } = connect(env)
      const id = 'seed-enrollment-s1'
      await client.enrollments.patch(id, { metadata: { goals: { dailyXp: 30 } } })
      await client.enrollments.patch(id, { metadata: { metrics: { totalXp: 120 } } })
      const got = await client.enrollments.get(id)
      assert.deepEqual(got.metadata, { goals: { dailyXp: 30 }, metrics: { totalXp: 120 } })
      assert.equal(got.role, 'student', 'other fields untouched')
    })
  })
}

export default suite
