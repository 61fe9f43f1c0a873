/**
 * @module services/powerpath/resources/placement — where a student stands in a subject: placement tests, current
 * level, next test, course progress, and the per-subject placement record.
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { SUBJECTS, type Grade, type Subject } from './enums.js'
import { bind, route } from './route.js'

/** Student and subject. The subject is checked (any letter case) before the request. */
export interface StudentSubject {
  student: string
  subject: Subject
}

/** A student's placement in one subject. */
export interface SubjectPlacement {
  startingGrade: number
  currentGrade: number
  subjectLowestGrade: number
  subjectHighestGrade: number
  RIT: { GROWTH?: { score: number; grade: number }; SCREENING?: { score: number; grade: number } }
  results: Record<string, unknown>[]
  status: string
  nextTestId: string | null
}

/** A student's level in a subject. */
export interface CurrentLevel {
  gradeLevel: Grade | null
  onboarded: boolean
  availableTests: number
}

/** Progress in one course of a subject. */
export interface CourseProgressSummary {
  course: { sourcedId: string; title: string; status: string; courseCode: string | null; dateLastModified: string; grades: string[] | null; level: string | null; orgSourcedId: string; subjects: string[] | null }
  inEnrolled: boolean
  hasUsedTestOut: boolean
  testOutLessonId: string | null
  completedLessons: number
  totalLessons: number
  totalAttainableXp: number
  totalXpEarned: number
}

const BY_SUBJECT = { student: 's', subject: SUBJECTS } as const

/** The routes of `client.placement`, by method name. */
export const PLACEMENT_ROUTES = {
  // The spec writes this path Express-style (`/placement/:studentId`): the id is a real path segment.
  getPlacement: /* @__PURE__ */ route('GET', '/powerpath/placement/{studentId}'),
  getAllPlacementTests: /* @__PURE__ */ route('GET', '/powerpath/placement/getAllPlacementTests', BY_SUBJECT),
  getCurrentLevel: /* @__PURE__ */ route('GET', '/powerpath/placement/getCurrentLevel', BY_SUBJECT),
  getNextPlacementTest: /* @__PURE__ */ route('GET', '/powerpath/placement/getNextPlacementTest', BY_SUBJECT),
  getSubjectProgress: /* @__PURE__ */ route('GET', '/powerpath/placement/getSubjectProgress', BY_SUBJECT),
  resetUserPlacement: /* @__PURE__ */ route('POST', '/powerpath/placement/resetUserPlacement', BY_SUBJECT),
}

/**
 * `client.placement`: placement tests and levels.
 * @example
 * const { gradeLevel, onboarded } = await client.placement.getCurrentLevel({ student: 'stu-1', subject: 'Math' })
 */
export interface PlacementResource {
  /** GET /powerpath/placement/{studentId} — placement by subject (only the subjects the student has). */
  getPlacement(params: { studentId: string }, call?: CallOptions): Promise<Partial<Record<Subject, SubjectPlacement>>>
  /** GET /powerpath/placement/getAllPlacementTests — the subject's placement tests, with the student's results. */
  getAllPlacementTests(params: StudentSubject, call?: CallOptions): Promise<{ placementTests: Record<string, unknown>[] }>
  /** GET /powerpath/placement/getCurrentLevel — the grade the student is placed at (null before any placement). */
  getCurrentLevel(params: StudentSubject, call?: CallOptions): Promise<CurrentLevel>
  /** GET /powerpath/placement/getNextPlacementTest — the next placement test lesson to take, if any. */
  getNextPlacementTest(params: StudentSubject, call?: CallOptions): Promise<CurrentLevel & { exhaustedTests: boolean; lesson: string | null }>
  /** GET /powerpath/placement/getSubjectProgress — progress in each course of the subject. */
  getSubjectProgress(params: StudentSubject, call?: CallOptions): Promise<{ progress: CourseProgressSummary[] }>
  /** POST /powerpath/placement/resetUserPlacement — deletes the subject's placement results (admins only). */
  resetUserPlacement(params: StudentSubject, call?: CallOptions): Promise<{ success: boolean; placementResultsDeleted: number; onboardingReset: boolean }>
}

/**
 * Builds `client.placement`.
 * @example const level = await createPlacement(ctx).getCurrentLevel({ student, subject: 'Reading' })
 */
export const createPlacement = (ctx: ServiceContext): PlacementResource => bind(ctx, 'placement', PLACEMENT_ROUTES) as unknown as PlacementResource
