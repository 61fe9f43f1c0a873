/**
 * @module services/powerpath/resources/course-sequences — course sequences (2026 additions): the ordered stages
 * (courses and assessments) a subject runs through, and the stage a student moves to after an assessment.
 */

import { ServerError } from '../../../core/errors.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import type { Unwrap } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { GRADES, type Grade, type GradeInput } from './enums.js'
import { bind, opt, route, type Extra } from './route.js'

/** One stage of a sequence: a course (or an assessment) for some grades. */
export interface CourseSequenceStage {
  id: string
  title: string
  grades: Grade[]
  subject: string
  type: 'course' | (string & {})
  properties?: {
    courseReferences?: { courseId: string; refAddedAt: string }[]
    testTypes?: string[]
    learningAppId?: string
    assessmentSource?: string
    [key: string]: unknown
  }
}

/** A course sequence. */
export interface CourseSequence {
  id: string
  subject: 'Reading' | 'Language' | 'Vocabulary' | 'Social Studies' | 'Writing' | 'Science' | 'FastMath' | 'Math' | 'None' | 'Other'
  title: string
  /** The author's email. */
  author: string
  status: 'draft' | 'active' | 'retired' | 'tobedeleted'
  statusUpdatedAt: string
  stages: CourseSequenceStage[]
  description?: string
}

/** What `getStageAfterAssessment` takes (wire names, snake_case). */
export interface StageAfterAssessmentParams {
  id: string
  /** The grade of the assessment taken. */
  test_grade?: GradeInput
  /** Default `end_of_grade`. */
  test_type?: 'placement' | 'test_out' | 'end_of_course' | 'end_of_grade'
  /** Correct questions per minute (FastMath, end of course or grade). */
  cqpm?: number
  /** Words correct per minute (Language grade 0, second assessment). */
  wcpm?: number
}

// The notes leave open whether stages come bare or wrapped: both are read, anything else is refused.
const stagesOf: Unwrap<CourseSequenceStage[]> = (body, req) => {
  const stages = Array.isArray(body) ? body : body?.stages ?? body?.data
  if (Array.isArray(stages)) return stages
  throw new ServerError(`${req.path}: the response has no stages array`, { status: 200, method: req.method, url: req.path, body: undefined }, 'invalid_response')
}

const limitOk: Extra = (p, issues) => {
  if (p.limit !== undefined && !(Number.isInteger(p.limit) && (p.limit as number) >= 1)) issues.push({ path: 'limit', message: 'must be an integer from 1 (1 gives the first stage)' })
}

/** The routes of `client.courseSequences`, by method name. */
export const COURSE_SEQUENCE_ROUTES = {
  get: /* @__PURE__ */ route('GET', '/powerpath/course-sequence/{id}'),
  // Written Express-style (`/course-sequence/:id/stages`) in the live spec: the id is a real path segment.
  getStages: /* @__PURE__ */ route('GET', '/powerpath/course-sequence/{id}/stages', { limit: 'n?', grade: opt(GRADES) }, stagesOf, limitOk),
  getStageAfterAssessment: /* @__PURE__ */ route('GET', '/powerpath/course-sequence/{id}/stages/after/assessment', {
    test_grade: opt(GRADES), test_type: opt(['placement', 'test_out', 'end_of_course', 'end_of_grade']), cqpm: 'n?', wcpm: 'n?',
  }),
}

/**
 * `client.courseSequences`: the path through a subject's courses.
 * @example
 * const [first] = await client.courseSequences.getStages({ id: sequenceId, limit: 1 })
 * const next = await client.courseSequences.getStageAfterAssessment({ id: sequenceId, test_grade: 3, test_type: 'placement' })
 */
export interface CourseSequencesResource {
  /** GET /powerpath/course-sequence/{id} */
  get(params: { id: string }, call?: CallOptions): Promise<CourseSequence>
  /** GET /powerpath/course-sequence/{id}/stages — in order; `limit: 1` gives the first stage, `grade` filters. */
  getStages(params: { id: string; limit?: number; grade?: GradeInput }, call?: CallOptions): Promise<CourseSequenceStage[]>
  /** GET /powerpath/course-sequence/{id}/stages/after/assessment — the stage a result leads to. */
  getStageAfterAssessment(params: StageAfterAssessmentParams, call?: CallOptions): Promise<CourseSequenceStage>
}

/**
 * Builds `client.courseSequences`.
 * @example const sequence = await createCourseSequences(ctx).get({ id })
 */
export const createCourseSequences = (ctx: ServiceContext): CourseSequencesResource =>
  bind(ctx, 'courseSequences', COURSE_SEQUENCE_ROUTES) as unknown as CourseSequencesResource
