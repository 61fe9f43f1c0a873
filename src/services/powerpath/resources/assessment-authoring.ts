/**
 * @module services/powerpath/resources/assessment-authoring — what the test-authoring calls of `assessments` take
 * and answer (internal QTI / assessment-bank tests, external placement tests and test-outs, external test
 * assignments), and the checks that tie their fields together.
 */

import { GRADES, TOOL_PROVIDERS, type Grade, type GradeInput, type LessonType } from './enums.js'
import type { Extra } from './route.js'

/** Fields every lesson-creating call takes. */
interface NewLesson {
  courseId: string
  lessonTitle?: string
  unitTitle?: string
  courseComponentSourcedId?: string
  resourceMetadata?: Record<string, unknown> | null
  grades?: GradeInput[]
  courseIdOnFail?: string | null
  xp?: number
}

/**
 * What `createInternalTest` takes: a QTI test (`testType: 'qti'` + `qti.url`) or an assessment bank
 * (`testType: 'assessment-bank'` + `assessmentBank.resources`).
 * @example { courseId, lessonType: 'quiz', testType: 'qti', qti: { url: 'https://qti.example/tests/t1' } }
 */
export type InternalTestInput = NewLesson & { lessonType: LessonType } & (
  | { testType: 'qti'; qti: { url: string; title?: string; metadata?: Record<string, unknown> } }
  | { testType: 'assessment-bank'; assessmentBank: { resources: Record<string, unknown>[] } }
)

/** What a lesson-creating call answers. */
export interface CreatedTest {
  lessonType: LessonType
  lessonId: string
  courseComponentId: string
  resourceId: string
  testType?: 'qti' | 'assessment-bank'
  childResourceIds?: string[]
  launchUrl?: string
  toolProvider?: string
  vendorId?: string
  courseIdOnFail?: string | null
  grades?: Grade[]
}

/**
 * What `createExternalPlacementTest` / `createExternalTestOut` take: a test delivered by Edulastic or
 * MasteryTrack. A test-out needs `xp`.
 */
export type ExternalTestInput = Omit<NewLesson, 'grades'> & {
  toolProvider: 'edulastic' | 'mastery-track'
  grades: GradeInput[]
  launchUrl?: string
  vendorId?: string
  description?: string
} & ({ lessonType: 'test-out'; xp: number } | { lessonType: 'placement' })

/** An external test assigned to a student (credentials for Edulastic; a URL for MasteryTrack). */
export interface ExternalAssignment {
  toolProvider: string | null
  lessonType: 'test-out' | 'placement' | 'unit-test'
  attempt: number
  credentials?: { email: string; password: string }
  assignmentId?: string
  classId?: string
  testUrl?: string
  testId?: string
}

/**
 * The test types of createInternalTest.
 * @example route('POST', '/powerpath/createInternalTest', { testType: TEST_TYPE })
 */
export const TEST_TYPE = ['qti', 'assessment-bank']
/**
 * The fields every lesson-creating call takes.
 * @example route('POST', '/powerpath/createInternalTest', { ...NEW_LESSON, lessonType: LESSON_TYPES })
 */
export const NEW_LESSON = {
  courseId: 's', lessonTitle: 's?', unitTitle: 's?', courseComponentSourcedId: 's?', resourceMetadata: '*?', courseIdOnFail: '*?', xp: 'n?',
} as const
/**
 * The fields of createExternalPlacementTest / createExternalTestOut.
 * @example route('POST', '/powerpath/createExternalPlacementTest', EXTERNAL, undefined, external)
 */
export const EXTERNAL = { ...NEW_LESSON, toolProvider: TOOL_PROVIDERS, grades: 'a', lessonType: ['test-out', 'placement'], launchUrl: 's?', vendorId: 's?', description: 's?' } as const

/** Grades in a `grades` array: each one of GRADES, sent in its canonical spelling. */
const gradesOk: Extra = (p, issues) => {
  if (!Array.isArray(p.grades)) return
  p.grades = p.grades.map((g, i) => {
    const found = GRADES.find((v) => v === String(g))
    if (!found) issues.push({ path: `grades.${i}`, message: `must be a grade from -1 to 13 (got ${JSON.stringify(g)})` })
    return found
  })
}

/**
 * An external test's grades, and `xp` for a test-out.
 * @example route('POST', '/powerpath/createExternalTestOut', EXTERNAL, undefined, external)
 */
export const external: Extra = (p, issues) => {
  gradesOk(p, issues)
  if (p.lessonType === 'test-out' && p.xp === undefined) issues.push({ path: 'xp', message: 'is required for a test-out (the XP the student earns by passing)' })
  if (p.lessonType === 'placement' && p.xp !== undefined && typeof p.xp !== 'number') issues.push({ path: 'xp', message: 'must be a number' })
}

/**
 * An internal test's grades, and `qti` or `assessmentBank` as its `testType` says.
 * @example route('POST', '/powerpath/createInternalTest', fields, undefined, internal)
 */
export const internal: Extra = (p, issues) => {
  gradesOk(p, issues)
  const needed = p.testType === 'qti' ? 'qti' : 'assessmentBank'
  const other = needed === 'qti' ? 'assessmentBank' : 'qti'
  const value = p[needed] as Record<string, unknown> | undefined
  if (!value) issues.push({ path: needed, message: `is required when testType is '${p.testType}'` })
  else if (needed === 'qti' ? typeof value.url !== 'string' || !value.url : !Array.isArray(value.resources)) {
    issues.push({ path: needed === 'qti' ? 'qti.url' : 'assessmentBank.resources', message: needed === 'qti' ? 'must be the QTI test URL' : 'must be an array' })
  }
  if (p[other] !== undefined) issues.push({ path: other, message: `does not go with testType '${p.testType}'` })
}

