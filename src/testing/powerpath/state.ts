// Per-emulator PowerPath state: its own lesson catalog (OneRoster-shaped records kept apart from OneRoster's store,
// so OneRoster's seed counts stay what other tests expect), question banks, attempts, placement, test assignments,
// lesson plans, screening sessions and course sequences. Plain data; the rules live in the route files.
import type { Entity } from '../oneroster/types.js'

/** The lesson types of the spec's `lessonType` enum. */
export const LESSON_TYPES = ['powerpath-100', 'quiz', 'test-out', 'placement', 'unit-test', 'alpha-read-article'] as const
export type LessonType = (typeof LESSON_TYPES)[number]

/** The subjects of the spec's `subject` enums. */
export const SUBJECTS = ['Reading', 'Language', 'Vocabulary', 'Social Studies', 'Writing', 'Science', 'FastMath', 'Math'] as const

/** Grades as the spec writes them (strings). */
export const GRADES = ['-1', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'] as const

export type Difficulty = 'easy' | 'medium' | 'hard'

/** One question of a lesson's bank: `correct` is the response that counts as right (a choice id such as `B`). */
export interface Question {
  readonly id: string
  readonly title: string
  readonly difficulty: Difficulty
  readonly correct: string
}

/** What a student answered in one attempt. */
export interface Answer {
  readonly response: string | readonly string[]
  readonly correct: boolean
  /** Set by pp-100 answers (the score after this answer); quiz answers are scored at finalization. */
  readonly scoreAfter?: number
}

/** One attempt of one student at one lesson. */
export interface Attempt {
  readonly attempt: number
  score: number
  scoreStatus: 'exempt' | 'fully graded' | 'not submitted' | 'partially graded' | 'submitted'
  xp: number | null
  multiplier: number | null
  startedAt: string
  completedAt: string | null
  finalized: boolean
  /** Question ids in the order they were answered. */
  readonly order: string[]
  readonly answers: Map<string, Answer>
  /** pp-100: difficulty of the next question (moves up on a right answer, down on a wrong one). */
  level: number
  /** External tests: what makeExternalTestAssignment handed out. */
  external?: { assignmentId: string; testUrl: string; testId: string; credentials: { email: string; password: string }; writtenBack?: number }
}

/**
 * A test assignment's status as the spec lists them.
 *
 * @example
 * emulator.powerpath.setTestAssignmentStatus('pp-test-assignment-1', 'cancelled' satisfies AssignmentStatus)
 */
export type AssignmentStatus = 'assigned' | 'in_progress' | 'completed' | 'failed' | 'expired' | 'cancelled'

/**
 * A test assignment as stored (`assignmentStatus` is read through the clock: an open one past `expiresAt` reads
 * `expired` over HTTP).
 *
 * @example
 * const [first]: readonly TestAssignment[] = emulator.powerpath.testAssignments
 * first?.componentResourceSourcedId // the lesson the student takes
 */
export interface TestAssignment {
  readonly sourcedId: string
  readonly studentSourcedId: string
  readonly studentEmail: string
  readonly assignedByUserSourcedId: string | null
  readonly subject: string
  readonly grade: string
  assignmentStatus: AssignmentStatus
  testName: string | null
  readonly assignedAt: string
  readonly expiresAt: string
  completedAt: string | null
  readonly resourceSourcedId: string
  readonly componentResourceSourcedId: string
  deleted: boolean
  readonly origin: 'standalone' | 'course-test-out' | 'self-elected'
  readonly courseId?: string
}

/** One entry of a lesson plan's operation log. */
export interface PlanOperation {
  readonly id: string
  readonly type: string
  readonly payload: Record<string, unknown>
  readonly reason: string | null
  readonly createdAt: string
  readonly sequenceNumber: number
  readonly createdBy: string | null
  applied: boolean
}

/** A lesson-plan tree node: a component (with children) or a component resource. */
export interface PlanItem {
  readonly itemId: string
  readonly type: 'component' | 'resource'
  /** The component's or component resource's sourcedId (custom resources: a made-up componentResource id). */
  readonly id: string
  /** Custom resources: the resource they show. */
  readonly resourceId?: string
  skipped: boolean
  children: PlanItem[]
}

export interface LessonPlan {
  readonly id: string
  readonly courseId: string
  readonly userId: string
  readonly classId: string | null
  items: PlanItem[]
  readonly operations: PlanOperation[]
}

export interface ScreeningSession {
  readonly nweaStudentId: string
  readonly createdOn: string
  readonly password: string
  readonly name: string
  readonly proctorId: string
  readonly pin: string
  readonly testSessionId: string
  status: 'active' | 'inactive'
  assignment: { assignedTestKey: string | null; status: string | null; nweaStatus: string | null }
  readonly termId: string
}

export interface PowerPathState {
  /** PowerPath's own catalog, in OneRoster shapes: `courseComponents`, `componentResources`, `resources`. */
  readonly catalog: Map<string, Map<string, Entity>>
  /** Question banks by componentResource (lesson) sourcedId. */
  readonly questions: Map<string, Question[]>
  /** Attempts by `student\u0000lesson`, oldest first. */
  readonly attempts: Map<string, Attempt[]>
  readonly assignments: TestAssignment[]
  readonly plans: Map<string, LessonPlan>
  readonly screening: Map<string, ScreeningSession>
  readonly screeningResults: Map<string, Record<string, { grade: string; ritScore: number; testName: string; completedAt: string }>>
  readonly sequences: Map<string, Record<string, unknown>>
  /** Published Google Sheets by `url\u0000sheet` (CSV text), for importTestAssignments. */
  readonly sheets: Map<string, string>
  /** OneRoster-shaped assessment results written by updateStudentItemResponse, by `student\u0000componentResource`. */
  readonly itemResults: Map<string, Entity>
  counter: number
}

export function createState(): PowerPathState {
  return {
    catalog: new Map([['courseComponents', new Map()], ['componentResources', new Map()], ['resources', new Map()]]),
    questions: new Map(), attempts: new Map(), assignments: [], plans: new Map(),
    screening: new Map(), screeningResults: new Map(), sequences: new Map(), sheets: new Map(), itemResults: new Map(), counter: 0,
  }
}

/** Empty every part of `state` in place (the module keeps one state object for its life). */
export function clearState(state: PowerPathState): void {
  for (const m of state.catalog.values()) m.clear()
  for (const m of [state.questions, state.attempts, state.plans, state.screening, state.screeningResults, state.sequences, state.sheets, state.itemResults]) m.clear()
  state.assignments.length = 0
  state.counter = 0
}

/** A readable, ordered id: `pp-assignment-3`. */
export function nextId(state: PowerPathState, kind: string): string {
  return `pp-${kind}-${++state.counter}`
}

export const key = (a: string, b: string): string => `${a}\u0000${b}`
