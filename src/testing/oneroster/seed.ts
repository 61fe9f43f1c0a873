// The small deterministic seed: 1 district, 2 schools, 1 term (+1 grading period), 2 courses, 3 classes,
// 3 teachers, 12 students, their enrollments, and a little gradebook and course content.
import type { OneRosterStore } from './state.js'
import type { CollectionName } from './types.js'

export const SEED_DATE = '2025-01-01T00:00:00.000Z' // fixed so seeded records compare equal across runs

type Row = Record<string, unknown>
const ref = (sourcedId: string): { sourcedId: string } => ({ sourcedId })

// One family name carries an apostrophe on purpose: it exercises filter quoting (`'O''Brien'`).
const STUDENT_NAMES: readonly (readonly [string, string])[] = [
  ['Ada', 'Lovelace'], ['Alan', 'Turing'], ['Grace', 'Hopper'], ['Katherine', 'Johnson'],
  ['Niamh', "O'Brien"], ['Edsger', 'Dijkstra'], ['Barbara', 'Liskov'], ['Donald', 'Knuth'],
  ['Frances', 'Allen'], ['Tim', 'Berners-Lee'], ['Radia', 'Perlman'], ['John', 'McCarthy'],
]
const TEACHER_NAMES: readonly (readonly [string, string])[] = [['Maria', 'Montessori'], ['John', 'Dewey'], ['Jean', 'Piaget']]

function user(id: string, [givenName, familyName]: readonly [string, string], role: string, school: string, grade?: string): Row {
  return {
    sourcedId: id, status: 'active', dateLastModified: SEED_DATE, enabledUser: 'true', givenName, familyName,
    email: `${id}@seed.example`, username: id, identifier: id,
    roles: [{ roleType: 'primary', role, org: ref(school) }],
    primaryOrg: ref(school), ...(grade === undefined ? {} : { grades: [grade] }),
  }
}

function rows(): [CollectionName, Row[]][] {
  const d = { status: 'active', dateLastModified: SEED_DATE }
  const orgs: Row[] = [
    { ...d, sourcedId: 'seed-district-1', name: 'Emulator District', type: 'district', identifier: 'D-1', children: [ref('seed-school-1'), ref('seed-school-2')] },
    { ...d, sourcedId: 'seed-school-1', name: 'Emulator Elementary', type: 'school', identifier: 'S-1', parent: ref('seed-district-1') },
    { ...d, sourcedId: 'seed-school-2', name: 'Emulator Middle School', type: 'school', identifier: 'S-2', parent: ref('seed-district-1') },
  ]
  const sessions: Row[] = [
    { ...d, sourcedId: 'seed-term-1', title: 'Fall 2025', type: 'term', startDate: '2025-08-15', endDate: '2025-12-19', schoolYear: 2026, org: ref('seed-school-1') },
    { ...d, sourcedId: 'seed-grading-period-1', title: 'Fall 2025 Q1', type: 'gradingPeriod', startDate: '2025-08-15', endDate: '2025-10-17', schoolYear: 2026, org: ref('seed-school-1'), parent: ref('seed-term-1') },
  ]
  const courses: Row[] = [
    { ...d, sourcedId: 'seed-course-1', title: 'Math 3', courseCode: 'MATH-3', grades: ['3'], subjects: ['Math'], org: ref('seed-school-1') },
    { ...d, sourcedId: 'seed-course-2', title: 'Reading 6', courseCode: 'READ-6', grades: ['6'], subjects: ['Reading'], org: ref('seed-school-2') },
  ]
  const klass = (n: number, title: string, course: string, school: string): Row => ({
    ...d, sourcedId: `seed-class-${n}`, title, classCode: title.replace(/\W+/g, '-').toUpperCase(), classType: 'scheduled',
    location: `Room ${100 + n}`, course: ref(course), org: ref(school), terms: [ref('seed-term-1')],
  })
  const classes = [klass(1, 'Math 3 A', 'seed-course-1', 'seed-school-1'), klass(2, 'Math 3 B', 'seed-course-1', 'seed-school-1'), klass(3, 'Reading 6 A', 'seed-course-2', 'seed-school-2')]
  const classOfStudent = (n: number): number => (n <= 4 ? 1 : n <= 8 ? 2 : 3)
  const schoolOfClass = (c: number): string => (c === 3 ? 'seed-school-2' : 'seed-school-1')

  const users: Row[] = [
    ...TEACHER_NAMES.map((name, i) => user(`seed-teacher-${i + 1}`, name, 'teacher', schoolOfClass(i + 1))),
    ...STUDENT_NAMES.map((name, i) => user(`seed-student-${i + 1}`, name, 'student', schoolOfClass(classOfStudent(i + 1)), classOfStudent(i + 1) === 3 ? '6' : '3')),
  ]
  const enrollments: Row[] = [
    ...[1, 2, 3].map((c) => ({ ...d, sourcedId: `seed-enrollment-t${c}`, role: 'teacher', primary: 'true', user: ref(`seed-teacher-${c}`), class: ref(`seed-class-${c}`), beginDate: '2025-08-15', endDate: '2025-12-19' })),
    ...STUDENT_NAMES.map((_, i) => ({ ...d, sourcedId: `seed-enrollment-s${i + 1}`, role: 'student', primary: 'false', user: ref(`seed-student-${i + 1}`), class: ref(`seed-class-${classOfStudent(i + 1)}`), beginDate: '2025-08-15', endDate: '2025-12-19' })),
  ]
  const lineItem = (n: number, title: string, c: number): Row => ({
    ...d, sourcedId: `seed-line-item-${n}`, title, assignDate: '2025-09-01T00:00:00.000Z', dueDate: '2025-09-08T00:00:00.000Z',
    class: ref(`seed-class-${c}`), school: ref(schoolOfClass(c)), category: ref('seed-category-1'), gradingPeriod: ref('seed-grading-period-1'),
    resultValueMin: 0, resultValueMax: 100,
  })
  const results: Row[] = [1, 2, 3, 4].map((n) => ({
    ...d, sourcedId: `seed-result-${n}`, lineItem: ref('seed-line-item-1'), student: ref(`seed-student-${n}`), class: ref('seed-class-1'),
    scoreStatus: 'fully graded', score: 75 + n * 5, scoreDate: `2025-09-0${n + 4}T12:00:00.000Z`, comment: n === 1 ? 'Great work' : null,
  }))
  return [
    ['orgs', orgs],
    ['academicSessions', sessions],
    ['courses', courses],
    ['classes', classes],
    ['users', users],
    ['enrollments', enrollments],
    ['demographics', [{ ...d, sourcedId: 'seed-student-1', birthDate: '2016-03-14', sex: 'female', countryOfBirthCode: 'US' }]],
    ['categories', [{ ...d, sourcedId: 'seed-category-1', title: 'Quizzes', weight: 0.5 }]],
    ['scoreScales', [{ ...d, sourcedId: 'seed-score-scale-1', title: 'Percent', type: 'percent', class: ref('seed-class-1'), course: ref('seed-course-1'), scoreScaleValue: [{ itemValueLHS: '0', itemValueRHS: '100' }] }]],
    ['lineItems', [lineItem(1, 'Addition quiz', 1), lineItem(2, 'Reading log', 3)]],
    ['results', results],
    ['resources', [{ ...d, sourcedId: 'seed-resource-1', title: 'Adding fractions (video)', vendorResourceId: 'VID-001', roles: ['primary'], importance: 'primary', metadata: { type: 'video', url: 'https://example.org/videos/fractions', xp: 10 } }]],
    ['courseComponents', [{ ...d, sourcedId: 'seed-component-1', title: 'Unit 1: Fractions', course: ref('seed-course-1'), sortOrder: 1 }]],
    ['componentResources', [{ ...d, sourcedId: 'seed-component-resource-1', title: 'Adding fractions', courseComponent: ref('seed-component-1'), resource: ref('seed-resource-1'), sortOrder: 1, lessonType: 'quiz' }]],
    ['assessmentLineItems', [{ ...d, sourcedId: 'seed-assessment-line-item-1', title: 'Unit 1 test', course: ref('seed-course-1'), component: ref('seed-component-1'), class: ref('seed-class-1'), resultValueMin: 0, resultValueMax: 100 }]],
    ['assessmentResults', [{ ...d, sourcedId: 'seed-assessment-result-1', assessmentLineItem: ref('seed-assessment-line-item-1'), student: ref('seed-student-1'), score: 92, scoreDate: '2025-09-20T12:00:00.000Z', scoreStatus: 'fully graded', metadata: { xp: 40, accuracy: 92 } }]],
  ]
}

/** Insert the seed into `store` (through its normal write path, so records get their read shape). */
export function loadSeed(store: OneRosterStore): void {
  for (const [collection, list] of rows()) store.insertMany(collection, list)
}
