// PowerPath's deterministic seed, in its own catalog (OneRoster's record counts do not change): lessons for the two
// seeded OneRoster courses, Math 3 (`seed-course-1`) and Reading 6 (`seed-course-2`), placement tests per subject, and
// one course sequence. Question banks are generated (catalog.ts questionsOf): question n is answered by 'ABCD'[(n-1) % 4].
import { addLesson, putRecord, type PP } from './catalog.js'
import type { LessonType } from './state.js'

/**
 * The sourcedIds of the seeded lessons, for tests and demos.
 *
 * @example
 * const lesson = emulator.powerpath.seedLessons.mathPowerPath100 // 'pp-lesson-math3-pp100'
 */
export const SEED_LESSONS = {
  mathPowerPath100: 'pp-lesson-math3-pp100',
  mathQuiz: 'pp-lesson-math3-quiz',
  mathUnitTest: 'pp-lesson-math3-unit-test',
  mathTestOut: 'pp-lesson-math3-test-out',
  mathPlacement: ['pp-placement-math-g3', 'pp-placement-math-g4', 'pp-placement-math-g5'],
  readingPowerPath100: 'pp-lesson-read6-pp100',
  readingTestOut: 'pp-lesson-read6-test-out',
  readingPlacement: ['pp-placement-reading-g6', 'pp-placement-reading-g7'],
} as const

/**
 * The seeded course sequence (Math, grades 3–5).
 *
 * @example
 * await fetch(`${emulator.services.powerpath}/powerpath/course-sequence/${SEED_SEQUENCE_ID}`, { headers })
 */
export const SEED_SEQUENCE_ID = '5e9a0c2e-6b1f-4c39-9d3e-000000000001'

type Row = readonly [id: string, title: string, lessonType: LessonType, xp: number, questions: number, grades?: readonly string[], toolProvider?: 'mastery-track']

function unit(pp: PP, id: string, title: string, course: string, sortOrder: number, subject: string, rows: readonly Row[]): void {
  putRecord(pp, 'courseComponents', { sourcedId: id, title, course: { sourcedId: course }, sortOrder, dateLastModified: '2025-01-01T00:00:00.000Z' })
  for (const [lessonId, lessonTitle, lessonType, xp, questions, grades, toolProvider] of rows) {
    addLesson(pp, { id: lessonId, title: lessonTitle, lessonType, xp, componentId: id, subject, questions, ...(grades ? { grades } : {}), ...(toolProvider ? { toolProvider } : {}) })
  }
}

export function loadSeed(pp: PP): void {
  const L = SEED_LESSONS
  unit(pp, 'pp-unit-math3-multiplication', 'Unit 2: Multiplication', 'seed-course-1', 2, 'Math', [
    [L.mathPowerPath100, 'Multiplying by 2, 5 and 10', 'powerpath-100', 10, 12],
    [L.mathQuiz, 'Multiplication quiz', 'quiz', 5, 5],
    [L.mathUnitTest, 'Unit 2 test', 'unit-test', 8, 5],
  ])
  unit(pp, 'pp-unit-math3-test-out', 'Math 3 test-out', 'seed-course-1', 3, 'Math', [[L.mathTestOut, 'Math 3 test-out', 'test-out', 50, 5, ['3']]])
  unit(pp, 'pp-unit-math-placement', 'Math placement', 'seed-course-1', 4, 'Math', L.mathPlacement.map((id, i): Row => [id, `Math placement grade ${3 + i}`, 'placement', 0, 5, [String(3 + i)]]))
  unit(pp, 'pp-unit-read6-main-idea', 'Unit 1: Main idea', 'seed-course-2', 2, 'Reading', [[L.readingPowerPath100, 'Finding the main idea', 'powerpath-100', 10, 12]])
  unit(pp, 'pp-unit-read6-test-out', 'Reading 6 test-out', 'seed-course-2', 3, 'Reading', [[L.readingTestOut, 'Reading 6 test-out', 'test-out', 40, 5, ['6'], 'mastery-track']])
  unit(pp, 'pp-unit-reading-placement', 'Reading placement', 'seed-course-2', 4, 'Reading', L.readingPlacement.map((id, i): Row => [id, `Reading placement grade ${6 + i}`, 'placement', 0, 5, [String(6 + i)]]))
  pp.state.sequences.set(SEED_SEQUENCE_ID, {
    id: SEED_SEQUENCE_ID, subject: 'Math', title: 'Math core sequence', author: 'curriculum@emulator.test', status: 'active',
    statusUpdatedAt: '2025-01-01T00:00:00.000Z', description: 'Grades 3 to 5, a placement test before each course.',
    stages: [
      { id: 'stage-math-placement', title: 'Math placement', grades: ['3', '4', '5'], subject: 'Math', type: 'assessment', properties: { courseReferences: [], testTypes: ['placement', 'test_out'], learningAppId: 'powerpath', assessmentSource: 'mastery' } },
      { id: 'stage-math-3', title: 'Math 3', grades: ['3'], subject: 'Math', type: 'course', properties: { courseReferences: [{ courseId: 'seed-course-1', refAddedAt: '2025-01-01T00:00:00.000Z' }], testTypes: ['test_out'], learningAppId: 'powerpath', assessmentSource: 'mastery' } },
      { id: 'stage-math-4', title: 'Math 4', grades: ['4'], subject: 'Math', type: 'course', properties: { courseReferences: [], testTypes: ['test_out'], learningAppId: 'powerpath', assessmentSource: 'mastery' } },
      { id: 'stage-math-5', title: 'Math 5', grades: ['5'], subject: 'Math', type: 'course', properties: { courseReferences: [], testTypes: ['test_out', 'end_of_course'], learningAppId: 'powerpath', assessmentSource: 'mastery' } },
    ],
  })
}
