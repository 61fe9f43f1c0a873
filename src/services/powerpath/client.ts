// PowerPathClient: adaptive lessons, placement, screening, test assignments, lesson plans, syllabi, course
// sequences and test-outs. Every method takes one params object whose names are checked before the request.

import type { ClientOptions } from '../../core/config.js'
import { createServiceRuntime, type ServiceRuntime } from '../../core/runtime.js'
import { createAssessments, type AssessmentsResource } from './resources/assessments.js'
import { createCourseSequences, type CourseSequencesResource } from './resources/course-sequences.js'
import { createLessonPlans, type LessonPlansResource } from './resources/lesson-plans.js'
import { createPlacement, type PlacementResource } from './resources/placement.js'
import { createScreening, type ScreeningResource } from './resources/screening.js'
import { createSyllabus, type SyllabusResource } from './resources/syllabus.js'
import { createTestAssignments, type TestAssignmentsResource } from './resources/test-assignments.js'
import { createTestOut, type TestOutResource } from './resources/test-out.js'
import { service } from './service.js'

/**
 * Typed client for PowerPath. Options: `auth: { clientId, clientSecret }` (env `POWERPATH_CLIENT_ID`… then
 * `TIMEBACK_*`) and `env` or `baseUrl`.
 * @example
 * const client = new PowerPathClient({ env: 'staging', auth: { clientId, clientSecret } })
 * const { gradeLevel } = await client.placement.getCurrentLevel({ student: 'stu-1', subject: 'Math' })
 */
export class PowerPathClient {
  readonly #runtime: ServiceRuntime
  #assessments?: AssessmentsResource
  #testAssignments?: TestAssignmentsResource
  #placement?: PlacementResource
  #screening?: ScreeningResource
  #lessonPlans?: LessonPlansResource
  #syllabus?: SyllabusResource
  #courseSequences?: CourseSequencesResource
  #testOut?: TestOutResource

  constructor(options: ClientOptions = {}) {
    this.#runtime = createServiceRuntime(service, options)
  }

  /** The resolved base URL (no credentials). */
  get baseUrl(): string {
    return this.#runtime.config.baseUrl
  }

  /** Lessons (next question, responses, progress, attempts) and test lessons (internal, external, test-outs). */
  get assessments(): AssessmentsResource {
    return (this.#assessments ??= createAssessments(this.#runtime))
  }

  /** list/listAll/stream (and `admin`), create, get, update, delete, bulk, import. */
  get testAssignments(): TestAssignmentsResource {
    return (this.#testAssignments ??= createTestAssignments(this.#runtime))
  }

  /** getPlacement, getAllPlacementTests, getCurrentLevel, getNextPlacementTest, getSubjectProgress, resetUserPlacement. */
  get placement(): PlacementResource {
    return (this.#placement ??= createPlacement(this.#runtime))
  }

  /** NWEA MAP screening: getSession, getResults, resetSession, assignTest. */
  get screening(): ScreeningResource {
    return (this.#screening ??= createScreening(this.#runtime))
  }

  /** Lesson plans, their operation log, course progress and test-outs. */
  get lessonPlans(): LessonPlansResource {
    return (this.#lessonPlans ??= createLessonPlans(this.#runtime))
  }

  /** get. */
  get syllabus(): SyllabusResource {
    return (this.#syllabus ??= createSyllabus(this.#runtime))
  }

  /** get, getStages, getStageAfterAssessment. */
  get courseSequences(): CourseSequencesResource {
    return (this.#courseSequences ??= createCourseSequences(this.#runtime))
  }

  /** Self-service test-outs: getEligibility, makeExternalStudentTestOutAssignment. */
  get testOut(): TestOutResource {
    return (this.#testOut ??= createTestOut(this.#runtime))
  }
}
