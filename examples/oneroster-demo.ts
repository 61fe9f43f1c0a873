// The OneRoster part of the demo: build a small school, enroll people, grade two quizzes, then read it back
// with filters, scoped routes and a stream. `readOnlyTour` is what runs against a real environment.

import type { OneRosterClient } from '../src/services/oneroster/index.ts'

export interface Report {
  line(label: string, value: string | number): void
}

const STUDENTS = [
  ['Ada', 'Lovelace'], ['Alan', 'Turing'], ['Grace', 'Hopper'], ['Katherine', 'Johnson'],
  ['Pat', "O'Brien"], ['Edsger', 'Dijkstra'], ['Barbara', 'Liskov'], ['Donald', 'Knuth'],
] as const

function person(id: string, givenName: string, familyName: string, role: 'student' | 'teacher', school: string) {
  return {
    sourcedId: id, enabledUser: true, givenName, familyName, email: `${id}@riverside.example`,
    roles: [{ roleType: 'primary' as const, role, org: { sourcedId: school } }],
    ...(role === 'student' ? { grades: ['5' as const] } : {}),
  }
}

/** Creates a district, school, term, course, class, people, enrollments, line items and results. */
export async function buildSchool(client: OneRosterClient, report: Report): Promise<{ classId: string; quizIds: string[] }> {
  const district = await client.orgs.create({ sourcedId: 'district-riverside', name: 'Riverside Unified', type: 'district', identifier: 'RU' })
  const school = await client.schools.create({ sourcedId: 'school-riverside-elem', name: 'Riverside Elementary', type: 'school', identifier: 'RE', parent: { sourcedId: district.sourcedId } })
  const term = await client.academicSessions.create({
    sourcedId: 'term-fall-2026', title: 'Fall 2026', type: 'term', startDate: '2026-08-24', endDate: '2026-12-18',
    schoolYear: '2027', org: { sourcedId: school.sourcedId },
  })
  const course = await client.courses.create({ sourcedId: 'course-math-5', title: 'Grade 5 Math', courseCode: 'MATH5', grades: ['5'], subjects: ['Math'], org: { sourcedId: school.sourcedId } })
  const klass = await client.classes.create({
    sourcedId: 'class-math-5a', title: 'Math 5A', classType: 'scheduled', course: { sourcedId: course.sourcedId },
    org: { sourcedId: school.sourcedId }, terms: [{ sourcedId: term.sourcedId }],
  })
  report.line('created', `district ${district.sourcedId}, school ${school.sourcedId}, term, course, class ${klass.sourcedId}`)

  const teacher = await client.users.create(person('teacher-hamilton', 'Margaret', 'Hamilton', 'teacher', school.sourcedId))
  await client.classes(klass.sourcedId).enroll({ sourcedId: teacher.sourcedId, role: 'teacher', primary: true })
  const studentIds: string[] = []
  for (const [i, [given, family]] of STUDENTS.entries()) {
    const { sourcedId } = await client.users.create(person(`student-${i + 1}`, given, family, 'student', school.sourcedId))
    await client.classes(klass.sourcedId).enroll({ sourcedId, role: 'student' })
    studentIds.push(sourcedId)
  }
  report.line('enrolled', `1 teacher and ${studentIds.length} students in ${klass.sourcedId}`)

  const category = await client.categories.create({ sourcedId: 'cat-quizzes', title: 'Quizzes', status: 'active' })
  const quizIds: string[] = []
  for (const [n, due] of [[1, '2026-09-15'], [2, '2026-10-15']] as const) {
    const { sourcedId } = await client.lineItems.create({
      sourcedId: `quiz-${n}`, title: `Quiz ${n}: fractions`, assignDate: '2026-09-01', dueDate: due, status: 'active',
      class: { sourcedId: klass.sourcedId }, school: { sourcedId: school.sourcedId }, category: { sourcedId: category.sourcedId },
      resultValueMin: 0, resultValueMax: 100,
    })
    quizIds.push(sourcedId)
  }
  let results = 0
  for (const [q, quiz] of quizIds.entries()) {
    for (const [s, student] of studentIds.entries()) {
      // Deterministic scores so the report is the same on every run.
      const score = 55 + ((s * 7 + q * 11) % 45)
      await client.results.create({
        sourcedId: `result-${quiz}-${student}`, status: 'active', lineItem: { sourcedId: quiz }, student: { sourcedId: student },
        scoreStatus: 'fully graded', score, scoreDate: '2026-10-20',
      })
      results++
    }
  }
  report.line('graded', `${quizIds.length} line items, ${results} results`)
  return { classId: klass.sourcedId, quizIds }
}

/** Reads the school back: scoped lists, where filters, a stream, and a retried 503. */
export async function readBack(client: OneRosterClient, report: Report, ids: { classId: string; quizIds: string[] }): Promise<void> {
  const roster = await client.classes(ids.classId).students()
  report.line('class roster', `${roster.total} students: ${roster.data.map((u) => u.givenName).join(', ')}`)
  const teachers = await client.classes(ids.classId).teachers()
  report.line('teachers', teachers.data.map((u) => `${u.givenName} ${u.familyName}`).join(', '))

  const obrien = await client.users.first({ where: { familyName: "O'Brien" } })
  report.line("where familyName = O'Brien", obrien ? `${obrien.givenName} ${obrien.familyName} (${obrien.sourcedId})` : 'not found')

  const high = await client.results.list({ where: { 'lineItem.sourcedId': ids.quizIds[0]!, score: { gte: 80 } }, sort: 'score', orderBy: 'desc' })
  report.line('quiz 1 scores >= 80', high.data.map((r) => r.score).join(', ') || 'none')

  let count = 0
  let sum = 0
  for await (const result of client.results.stream({ where: { 'lineItem.sourcedId': ids.quizIds[1]! }, limit: 3 })) {
    count++
    sum += Number(result.score ?? 0)
  }
  report.line('quiz 2 average (streamed, pages of 3)', count ? `${(sum / count).toFixed(1)} over ${count} results` : 'no results')
}

/**
 * Delta sync: a full copy of the users, then a student dropped (soft-deleted) and only the changes since the
 * checkpoint fetched. The second run also repeats records written in the last minute (the overlap that makes
 * sure nothing is missed), which a mirror applies idempotently.
 */
export async function deltaSync(client: OneRosterClient, report: Report, dropId: string): Promise<void> {
  const mirror = new Map<string, string>()
  let checkpoint: string | undefined
  for await (const change of client.users.changes()) {
    if (change.type === 'upsert') mirror.set(change.sourcedId, change.record.givenName)
    else if (change.type === 'delete') mirror.delete(change.sourcedId)
    else checkpoint = change.checkpoint
  }
  report.line('delta sync: users, full copy', `${mirror.size} active, checkpoint ${checkpoint}`)
  await client.users.delete(dropId)
  const deleted: string[] = []
  let upserts = 0
  for await (const change of client.users.changes({ since: checkpoint })) {
    if (change.type === 'upsert') upserts++
    else if (change.type === 'delete') deleted.push(change.sourcedId)
  }
  report.line('delta sync: users since then', `${deleted.length} deleted (${deleted.join(', ')}), ${upserts} repeated by the one-minute overlap`)
}

/** Read-only calls for a real environment: nothing is created or changed. */
export async function readOnlyTour(client: OneRosterClient, report: Report): Promise<void> {
  const orgs = await client.orgs.list({ limit: 5 })
  report.line('orgs', `${orgs.total ?? '?'} in total; first: ${orgs.data.map((o) => o.name).join(', ')}`)
  const schools = await client.schools.list({ limit: 1 })
  report.line('schools', String(schools.total ?? schools.data.length))
  const students = await client.students.list({ limit: 1 })
  report.line('students', String(students.total ?? students.data.length))
  let streamed = 0
  for await (const _ of client.users.stream({ where: { status: 'active' }, limit: 100, maxItems: 250 })) streamed++
  report.line('active users streamed (capped at 250)', streamed)
  const course = await client.courses.first()
  if (course) {
    const classes = await client.courses(course.sourcedId).classes({ limit: 5 })
    report.line(`classes of course "${course.title}"`, String(classes.total ?? classes.data.length))
  }
}
