/**
 * @module services/powerpath/resources/enums — the value lists PowerPath checks (subjects, grades, lesson types,
 * statuses), as the PowerPath spec of December 2025 and the 2026 additions write them, and their types.
 */

/** Subjects of placement, test assignments and course sequences' courses. */
export const SUBJECTS = ['Reading', 'Language', 'Vocabulary', 'Social Studies', 'Writing', 'Science', 'FastMath', 'Math'] as const
/**
 * A PowerPath subject. The client accepts any letter case and sends this spelling.
 * @example const subject: Subject = 'Math'
 */
export type Subject = (typeof SUBJECTS)[number]

/** Subjects of NWEA MAP screening. */
export const SCREENING_SUBJECTS = ['Math', 'Reading', 'Language', 'Science'] as const
/** Subjects of self-service test-outs (2026 additions). */
export const TEST_OUT_SUBJECTS = ['Math', 'Reading', 'Language', 'Science', 'Writing', 'Vocabulary'] as const

/** Grades: -1 (pre-K) and 0 (kindergarten) to 13. */
export const GRADES = ['-1', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'] as const
/**
 * A grade as PowerPath writes it; the client also takes the number (`3`) and sends `'3'`.
 * @example const grade: Grade = '3'
 */
export type Grade = (typeof GRADES)[number]
/** What the client takes for a grade. */
export type GradeInput = Grade | number

/** Lesson types (a Resource's `metadata.lessonType`). */
export const LESSON_TYPES = ['powerpath-100', 'quiz', 'test-out', 'placement', 'unit-test', 'alpha-read-article'] as const
/**
 * A lesson type: `powerpath-100` is adaptive (one question at a time, score to 100); the others are tests.
 * @example const type: LessonType = 'powerpath-100'
 */
export type LessonType = (typeof LESSON_TYPES)[number]

/** Statuses of a test assignment. */
export const ASSIGNMENT_STATUSES = ['assigned', 'in_progress', 'completed', 'failed', 'expired', 'cancelled'] as const
/**
 * A test assignment's status.
 * @example const status: TestAssignmentStatus = 'assigned'
 */
export type TestAssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number]

/**
 * A result's score status (OneRoster's).
 * @example const status: ScoreStatus = 'fully graded'
 */
export type ScoreStatus = 'exempt' | 'fully graded' | 'not submitted' | 'partially graded' | 'submitted'

/** External test providers. */
export const TOOL_PROVIDERS = ['edulastic', 'mastery-track'] as const
