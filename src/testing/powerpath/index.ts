// The emulated PowerPath service, under `/powerpath/` on the API host (the origin).
//
// Where its data lives (a decision): students and courses are OneRoster's, read from OneRoster's store at request
// time (`env.lookup(ONEROSTER_STORE)`); lessons are componentResources whose resource carries
// `metadata.lessonType`, found first in PowerPath's own catalog and then in OneRoster's store. PowerPath's seed and
// `emulator.powerpath.addLesson` write only to its own catalog, so OneRoster's seeded record counts are unchanged;
// lessons added to OneRoster (componentResource + resource with metadata.lessonType) work as well. Everything else
// (attempts, test assignments, lesson plans, placement, screening, course sequences) is PowerPath's own state.
import type { EmulatedService, EmulatedServiceModule } from '../service.js'
import { attemptView, attemptsOf } from './attempts.js'
import { addLesson, type AddLessonInput, type Lesson, type PP } from './catalog.js'
import { bulkRoutes } from './assignment-bulk.js'
import { courseProgressRoutes } from './course-progress.js'
import { externalRoutes, writeBack } from './external.js'
import { lessonPlanRoutes } from './lesson-plans.js'
import { lessonRoutes } from './lessons.js'
import { placementRoutes } from './placement.js'
import { completeScreening, screeningRoutes } from './screening.js'
import { selfTestOutRoutes } from './self-test-out.js'
import { sequenceRoutes } from './sequences.js'
import { loadSeed, SEED_LESSONS, SEED_SEQUENCE_ID } from './seed.js'
import { clearState, createState, key, type AssignmentStatus, type TestAssignment } from './state.js'
import { assignmentRoutes } from './test-assignments.js'

export type { AddLessonInput, Lesson } from './catalog.js'
export type { AssignmentStatus, TestAssignment } from './state.js'
export { SEED_LESSONS, SEED_SEQUENCE_ID }

/**
 * `emulator.powerpath`: add lessons, read what students did, publish a Google Sheet for importTestAssignments.
 *
 * @example
 * const emulator = createEmulator()
 * emulator.powerpath.addLesson({ id: 'lesson-1', courseId: 'seed-course-1', lessonType: 'quiz', xp: 20, questions: [{ correct: 'A' }, { correct: 'C' }] })
 * emulator.powerpath.attempts('seed-student-1', 'lesson-1') // [] until the student starts
 */
export interface PowerPathControls {
  /** Add a lesson (component, resource, componentResource and question bank) to PowerPath's catalog. */
  addLesson(input: AddLessonInput): Lesson
  /** A student's attempts at a lesson, oldest first. */
  attempts(student: string, lesson: string): readonly Record<string, unknown>[]
  /** Every test assignment, soft-deleted ones included (the live array: do not modify it). */
  readonly testAssignments: readonly TestAssignment[]
  /** Move a test assignment as its student or an admin would (e.g. `cancelled`); false when there is no such assignment. */
  setTestAssignmentStatus(id: string, status: AssignmentStatus): boolean
  /** Serve `csv` as tab `sheet` of the Google Sheet at `url` (importTestAssignments reads it; the emulator has no network). */
  publishSheet(url: string, sheet: string, csv: string): void
  /** Play an external tool's result write-back (score 0–100) for the student's open external attempt; false when there is none. */
  writeBackExternalResult(student: string, lesson: string, score: number): boolean
  /** Play a finished NWEA MAP test for the user's assigned screening test; false when nothing is assigned. */
  completeScreening(userId: string, subject: string, ritScore: number): boolean
  /** The seeded lessons' sourcedIds. */
  readonly seedLessons: typeof SEED_LESSONS
}

/**
 * The PowerPath module of the emulator.
 *
 * @example
 * const emulator = createEmulator()
 * emulator.services.powerpath // the origin: clients append `/powerpath/...`
 */
export const powerpathService: EmulatedServiceModule = {
  name: 'powerpath',
  create(env): EmulatedService {
    const pp: PP = { env, state: createState() }
    const controls: PowerPathControls = {
      addLesson: (input) => addLesson(pp, input),
      attempts: (student, lesson) => attemptsOf(pp, student, lesson).map(attemptView),
      testAssignments: pp.state.assignments,
      setTestAssignmentStatus: (id, status) => {
        const found = pp.state.assignments.find((a) => a.sourcedId === id)
        if (found) found.assignmentStatus = status
        return found !== undefined
      },
      publishSheet: (url, sheet, csv) => { pp.state.sheets.set(key(url, sheet), csv) },
      writeBackExternalResult: (student, lesson, score) => writeBack(pp, student, lesson, score),
      completeScreening: (userId, subject, ritScore) => completeScreening(pp, userId, subject, ritScore),
      seedLessons: SEED_LESSONS,
    }
    return {
      prefix: '',
      paths: ['/powerpath/'],
      routes: () => [...lessonRoutes(pp), ...placementRoutes(pp), ...assignmentRoutes(pp), ...bulkRoutes(pp), ...lessonPlanRoutes(pp), ...courseProgressRoutes(pp),
        ...externalRoutes(pp), ...selfTestOutRoutes(pp), ...sequenceRoutes(pp), ...screeningRoutes(pp)],
      controls: { powerpath: controls },
      reset: () => clearState(pp.state),
      seed: () => loadSeed(pp),
    }
  },
}
