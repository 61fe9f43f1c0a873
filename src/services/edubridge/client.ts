// EduBridgeClient: course-centric enrollment, analytics over processed Caliper events, users by role, subject
// tracks, applications, learning reports, goals (at the API root) and progression, on the API host.

import type { ClientOptions } from '../../core/config.js'
import { createServiceRuntime, type ServiceRuntime } from '../../core/runtime.js'
import { createAnalytics, type AnalyticsResource } from './resources/analytics.js'
import { createApplicationMetrics, createApplications, type ApplicationMetricsResource, type ApplicationsResource } from './resources/applications.js'
import { createCaliperIngest, type CaliperIngestResource } from './resources/caliper.js'
import { createEnrollments, type EnrollmentsResource } from './resources/enrollments.js'
import { createGoals, type GoalsResource } from './resources/goals.js'
import { createLearningReports, type LearningReportsResource } from './resources/learning-reports.js'
import { createProgression, type ProgressionResource } from './resources/progression.js'
import { createSubjectTracks, type SubjectTracksResource } from './resources/subject-tracks.js'
import { createUsers, type UsersResource } from './resources/users.js'
import { service } from './service.js'

/**
 * Typed client for EduBridge. Options: `auth: { clientId, clientSecret }` (env `EDUBRIDGE_*` then `TIMEBACK_*`)
 * and `env` or `baseUrl` (the API host: paths start with `/edubridge/`, goals with `/goals/`).
 * @example
 * const client = new EduBridgeClient({ env: 'staging', auth: { clientId, clientSecret } })
 * await client.enrollments.enroll({ userId: 'student-1', courseId: 'math-g4' })
 * const activity = await client.analytics.getActivity({ studentId: 'student-1', startDate: '2026-03-01', endDate: '2026-03-08' })
 */
export class EduBridgeClient {
  readonly #runtime: ServiceRuntime
  #enrollments?: EnrollmentsResource
  #analytics?: AnalyticsResource
  #users?: UsersResource
  #subjectTracks?: SubjectTracksResource
  #applications?: ApplicationsResource
  #applicationMetrics?: ApplicationMetricsResource
  #learningReports?: LearningReportsResource
  #goals?: GoalsResource
  #progression?: ProgressionResource
  #caliper?: CaliperIngestResource

  constructor(options: ClientOptions = {}) {
    this.#runtime = createServiceRuntime(service, options)
  }

  /** The resolved base URL (no credentials). */
  get baseUrl(): string {
    return this.#runtime.config.baseUrl
  }

  /** list, enroll, unenroll, getDefaultClass, resetGoals, resetProgress. */
  get enrollments(): EnrollmentsResource {
    return (this.#enrollments ??= createEnrollments(this.#runtime))
  }

  /** getActivity, getWeeklyFacts, getEnrollmentFacts, getHighestGradeMastered. */
  get analytics(): AnalyticsResource {
    return (this.#analytics ??= createAnalytics(this.#runtime))
  }

  /** list, stream, listAll (by role), listStudents, listTeachers. */
  get users(): UsersResource {
    return (this.#users ??= createUsers(this.#runtime))
  }

  /** list, upsert, delete, groups.{list, create, update, delete}. */
  get subjectTracks(): SubjectTracksResource {
    return (this.#subjectTracks ??= createSubjectTracks(this.#runtime))
  }

  /** list. */
  get applications(): ApplicationsResource {
    return (this.#applications ??= createApplications(this.#runtime))
  }

  /** list, add, remove (per application). */
  get applicationMetrics(): ApplicationMetricsResource {
    return (this.#applicationMetrics ??= createApplicationMetrics(this.#runtime))
  }

  /** getMapProfile, getTimeSaved. */
  get learningReports(): LearningReportsResource {
    return (this.#learningReports ??= createLearningReports(this.#runtime))
  }

  /** Course, subject and AP readiness goals (served at the API root). */
  get goals(): GoalsResource {
    return (this.#goals ??= createGoals(this.#runtime))
  }

  /** catalog (page-numbered), createCourse, enqueue. */
  get progression(): ProgressionResource {
    return (this.#progression ??= createProgression(this.#runtime))
  }

  /** ingest: Caliper events through EduBridge's own route. */
  get caliper(): CaliperIngestResource {
    return (this.#caliper ??= createCaliperIngest(this.#runtime))
  }
}
