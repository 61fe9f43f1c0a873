/**
 * @module services/edubridge/resources/learning-reports — a student's MAP test profile
 * (`/edubridge/learning-reports/map-profile/{userId}`) and the school time saved (`/edubridge/time-saved/user/{userId}`).
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import { many, one, operation } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'

/** One MAP report of a student. */
export interface MapProfileReport {
  title: string
  pdfUrl: string
  tests: Record<string, unknown>[]
  grade?: string | null
  schoolname?: string | null
  assessmentResultProviderSystem?: string | null
  [key: string]: unknown
}

/** How much school time the student saved. */
export interface TimeSaved {
  totalHoursSaved: number
  totalDaysSaved: number
  schoolDaysElapsed: number
  earliestStartDate?: string | null
  schoolYearStartDate?: string | null
  calculation?: Record<string, unknown>
  [key: string]: unknown
}

/** GET /edubridge/learning-reports/map-profile/{userId} — `{ data: MapProfileReport[] }`; 404 without one. */
const mapProfileOp = /* @__PURE__ */ operation<{ userId: string }, MapProfileReport[]>({ method: 'GET', path: '/edubridge/learning-reports/map-profile/{userId}', unwrap: many('data') })
/** GET /edubridge/time-saved/user/{userId} — `{ data: TimeSaved }`. */
const timeSavedOp = /* @__PURE__ */ operation<{ userId: string }, TimeSaved>({ method: 'GET', path: '/edubridge/time-saved/user/{userId}', unwrap: one('data') })

/**
 * `client.learningReports`: reports about one student.
 * @example
 * const reports = await client.learningReports.getMapProfile('student-1')
 * const { totalHoursSaved } = await client.learningReports.getTimeSaved('student-1')
 */
export interface LearningReportsResource {
  /** GET /edubridge/learning-reports/map-profile/{userId} — a NotFoundError when the student has no MAP profile. */
  getMapProfile(userId: string, call?: CallOptions): Promise<MapProfileReport[]>
  /** GET /edubridge/time-saved/user/{userId} */
  getTimeSaved(userId: string, call?: CallOptions): Promise<TimeSaved>
}

/**
 * Builds `client.learningReports`.
 * @example const saved = await createLearningReports(ctx).getTimeSaved('student-1')
 */
export function createLearningReports(ctx: ServiceContext): LearningReportsResource {
  return {
    getMapProfile: (userId, call) => mapProfileOp(ctx, { userId }, call),
    getTimeSaved: (userId, call) => timeSavedOp(ctx, { userId }, call),
  }
}
