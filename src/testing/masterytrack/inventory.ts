// The emulated MasteryTrack inventory: a few seeded tests (two unsupported, one math test in two versions) and
// the search the service documents: case-insensitive filters, supported only unless `all=true`, sorted by
// subject, grade_rank, name, then version newest first.

/** One inventory test, fields as the service names them. */
export interface TestRecord {
  id: number
  timeback_id: string
  name: string
  subject: string
  grade: string
  grade_rank: number
  version: number
  active: boolean
  metadata: Record<string, unknown>
  supported: boolean
  created_at: string
  updated_at: string
  invalidated_on: string | null
}

const GRADES = [
  'Kindergarten', 'First Grade', 'Second Grade', 'Third Grade', 'Fourth Grade', 'Fifth Grade', 'Sixth Grade',
  'Seventh Grade', 'Eighth Grade', 'Ninth Grade', 'Tenth Grade', 'Eleventh Grade', 'Twelfth Grade',
]

function test(id: number, timeback_id: string, name: string, subject: string, grade_rank: number, version: number, supported: boolean): TestRecord {
  const at = '2025-01-16T12:00:00Z'
  return {
    id, timeback_id, name, subject, grade: GRADES[grade_rank] ?? `Grade ${grade_rank}`, grade_rank, version, active: true,
    metadata: {
      url: `https://masterytrack.example/tests/${timeback_id}`, type: 'qti', subType: 'qti-test', year: '2025', format: 'digital',
      questionTypes: supported ? ['choice', 'text-entry'] : ['choice', 'drawing'],
    },
    supported, created_at: at, updated_at: at, invalidated_on: null,
  }
}

/** The seed: ids `_mt-…` so that tests read them plainly. */
export function seedTests(): TestRecord[] {
  return [
    test(1, '_mt-math-g3-v1', 'Alpha Standardized Math G3.1', 'Math', 3, 1, true),
    test(2, '_mt-math-g3-v2', 'Alpha Standardized Math G3.1', 'Math', 3, 2, true),
    test(3, '_mt-math-g3-b', 'Alpha Standardized Math G3.2', 'Math', 3, 1, true),
    test(4, '_mt-math-g4', 'Alpha Standardized Math G4.1', 'Math', 4, 1, true),
    test(5, '_mt-math-g4-draw', 'Alpha Geometry Drawing G4', 'Math', 4, 1, false),
    test(6, '_mt-read-k', 'Alpha Reading K.1', 'Reading', 0, 1, true),
    test(7, '_mt-sci-g5', 'Alpha Science G5.1', 'Science', 5, 1, false),
  ]
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/**
 * What is wrong with a search's query, by parameter (the `details` of a 400 INVALID_PARAMETERS), or undefined.
 * A grade is a rank 0-12 or a grade's name, whatever its case (the service's own rule for grades); `all` a boolean.
 */
export function searchProblems(query: URLSearchParams): Record<string, string> | undefined {
  const problems: Record<string, string> = {}
  const grade = query.get('grade')?.trim()
  if (grade !== undefined && !(/^(1[0-2]|[0-9])$/.test(grade) || GRADES.some((g) => same(g, grade)))) problems.grade = 'Invalid grade format'
  const all = query.get('all')?.toLowerCase()
  if (all !== undefined && all !== 'true' && all !== 'false') problems.all = 'Invalid boolean'
  return Object.keys(problems).length ? problems : undefined
}

/** The search: `name` is a case-insensitive substring, `grade` a grade name or rank, the rest exact. */
export function searchTests(tests: readonly TestRecord[], query: URLSearchParams): TestRecord[] {
  const name = query.get('name')
  const timebackId = query.get('timeback_id')
  const grade = query.get('grade')
  const subject = query.get('subject')
  const all = query.get('all')?.toLowerCase() === 'true'
  return tests
    .filter((t) => all || t.supported)
    .filter((t) => name === null || t.name.toLowerCase().includes(name.toLowerCase()))
    .filter((t) => timebackId === null || t.timeback_id === timebackId)
    .filter((t) => grade === null || same(t.grade, grade) || String(t.grade_rank) === grade.trim())
    .filter((t) => subject === null || same(t.subject, subject))
    .sort((a, b) => a.subject.localeCompare(b.subject) || a.grade_rank - b.grade_rank || a.name.localeCompare(b.name) || b.version - a.version)
}
