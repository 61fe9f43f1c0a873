/**
 * @module services/powerpath/resources/lesson-plans — a student's lesson plan for a course: creating it, reading
 * its tree, the log of operations that personalise it (skip, add, move), course progress and test-outs, and
 * writing a result for one item.
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import type { CallOptions } from '../../../core/transport/http.js'
import type { ScoreStatus } from './enums.js'
import { bind, pick, route, type Extra } from './route.js'

/** The item an operation acts on. */
export interface PlanTarget {
  type: 'component' | 'resource'
  id: string
}

/**
 * One operation of a lesson plan's log, told apart by `type`.
 * @example const op: LessonPlanOperation = { type: 'set-skipped', payload: { target: { type: 'resource', id: 'cr-1' }, value: true } }
 */
export type LessonPlanOperation =
  | { type: 'set-skipped'; payload: { target: PlanTarget; value: boolean } }
  | { type: 'add-custom-resource'; payload: { resource_id: string; parent_component_id: string; skipped?: boolean } }
  | { type: 'move-item-before' | 'move-item-after'; payload: { target: PlanTarget; reference_id: string } }
  | { type: 'move-item-to-start' | 'move-item-to-end'; payload: { target: PlanTarget } }
  | { type: 'change-item-parent'; payload: { target: PlanTarget; new_parent_id: string; position?: 'start' | 'end' } }

/** An operation as the log stores it. */
export interface StoredOperation {
  id: string
  type: LessonPlanOperation['type']
  payload: unknown
  reason: string | null
  createdAt: string
  sequenceNumber: number
  createdBy: string | null
}

/** What replaying operations answers. */
export interface OperationsApplied {
  success: boolean
  message?: string
  operationCount: number
  operationResults: { success: boolean; errors?: Record<string, unknown>[] }[]
}

/** A lesson plan tree: the course and its (non-skipped) components with their resources. */
export interface LessonPlanTree {
  lessonPlan: { lessonPlan: { course: Record<string, unknown> & { title: string; status: string }; subComponents: Record<string, unknown>[] } }
}

/** One line item of course progress, told apart by `type`. */
export type ProgressLineItem =
  | { type: 'component'; assessmentLineItemSourcedId: string; courseComponentSourcedId: string; title: string; results: Record<string, unknown>[] }
  | { type: 'resource'; assessmentLineItemSourcedId: string; courseComponentResourceSourcedId: string; title: string; results: Record<string, unknown>[] }

/**
 * A course's test-out for a student, told apart by `status`.
 * @example if (testOut.status === 'in_progress') console.log(testOut.assignmentId)
 */
export type TestOutState =
  | { status: 'not_eligible' | 'available' }
  | { status: 'in_progress' | 'completed' | 'failed'; assignmentId: string; lessonId: string }

/** A result to write for one item of the plan (OneRoster's result fields). */
export interface ItemResult {
  status: 'active' | 'tobedeleted'
  scoreStatus: ScoreStatus
  scoreDate: string
  score?: number | null
  textScore?: string | null
  scorePercentile?: number | null
  comment?: string | null
  metadata?: Record<string, unknown>
  [field: string]: unknown
}

const OPERATION_TYPES = ['set-skipped', 'add-custom-resource', 'move-item-before', 'move-item-after', 'move-item-to-start', 'move-item-to-end', 'change-item-parent']

/** An operation's type is one of the seven, its payload an object, and its target (when it has one) well formed. */
const operationOk: Extra = (p, issues) => {
  const op = p.operation as { type?: unknown; payload?: { target?: PlanTarget } }
  if (!OPERATION_TYPES.includes(op.type as string)) issues.push({ path: 'operation.type', message: `must be one of ${OPERATION_TYPES.join(', ')}` })
  if (!op.payload || typeof op.payload !== 'object') issues.push({ path: 'operation.payload', message: 'must be an object' })
  const target = op.payload?.target
  if (target !== undefined && (!pick(['component', 'resource'], target?.type) || typeof target.id !== 'string' || !target.id)) {
    issues.push({ path: 'operation.payload.target', message: "must be { type: 'component' | 'resource', id }" })
  }
}

const resultOk: Extra = (p, issues) => {
  const r = p.result as Partial<ItemResult>
  if (r.status !== 'active' && r.status !== 'tobedeleted') issues.push({ path: 'result.status', message: 'must be active or tobedeleted' })
  if (!['exempt', 'fully graded', 'not submitted', 'partially graded', 'submitted'].includes(r.scoreStatus as string)) {
    issues.push({ path: 'result.scoreStatus', message: 'must be one of exempt, fully graded, not submitted, partially graded, submitted' })
  }
  if (typeof r.scoreDate !== 'string' || !r.scoreDate) issues.push({ path: 'result.scoreDate', message: 'is required (an ISO date-time)' })
}

/** The routes of `client.lessonPlans`, by method name. */
export const LESSON_PLAN_ROUTES = {
  create: /* @__PURE__ */ route('POST', '/powerpath/lessonPlans/', { courseId: 's', userId: 's', classId: 's?' }),
  getTree: /* @__PURE__ */ route('GET', '/powerpath/lessonPlans/{courseId}/{userId}'),
  deleteAllForCourse: /* @__PURE__ */ route('DELETE', '/powerpath/lessonPlans/{courseId}/deleteAll'),
  storeOperation: /* @__PURE__ */ route('POST', '/powerpath/lessonPlans/{lessonPlanId}/operations', { operation: 'o', reason: 's?' }, undefined, operationOk),
  getOperations: /* @__PURE__ */ route('GET', '/powerpath/lessonPlans/{lessonPlanId}/operations'),
  syncOperations: /* @__PURE__ */ route('POST', '/powerpath/lessonPlans/{lessonPlanId}/operations/sync'),
  recreate: /* @__PURE__ */ route('POST', '/powerpath/lessonPlans/{lessonPlanId}/recreate'),
  syncCourse: /* @__PURE__ */ route('POST', '/powerpath/lessonPlans/course/{courseId}/sync'),
  getCourseProgress: /* @__PURE__ */ route('GET', '/powerpath/lessonPlans/getCourseProgress/{courseId}/student/{studentId}', { lessonId: 's?' }),
  startTestOut: /* @__PURE__ */ route('POST', '/powerpath/lessonPlans/startTestOut', { courseId: 's', studentId: 's' }),
  getLessonPlan: /* @__PURE__ */ route('GET', '/powerpath/lessonPlans/tree/{lessonPlanId}'),
  getStructure: /* @__PURE__ */ route('GET', '/powerpath/lessonPlans/tree/{lessonPlanId}/structure'),
  updateStudentItemResponse: /* @__PURE__ */ route('POST', '/powerpath/lessonPlans/updateStudentItemResponse', {
    studentId: 's', componentResourceId: 's', result: 'o',
  }, undefined, resultOk),
}

type Plan = { lessonPlanId: string }

/**
 * `client.lessonPlans`: personalised course plans.
 * @example
 * const { lessonPlanId } = await client.lessonPlans.create({ courseId: 'course-1', userId: 'stu-1' })
 * await client.lessonPlans.storeOperation({ lessonPlanId, operation: { type: 'set-skipped', payload: { target: { type: 'resource', id: 'cr-2' }, value: true } } })
 */
export interface LessonPlansResource {
  /** POST /powerpath/lessonPlans/ — creates the student's plan for a course (or answers the existing one). */
  create(params: { courseId: string; userId: string; classId?: string }, call?: CallOptions): Promise<{ lessonPlanId: string }>
  /** GET /powerpath/lessonPlans/{courseId}/{userId} — the student's plan tree for a course. */
  getTree(params: { courseId: string; userId: string }, call?: CallOptions): Promise<LessonPlanTree>
  /** DELETE /powerpath/lessonPlans/{courseId}/deleteAll — deletes every plan of a course. */
  deleteAllForCourse(params: { courseId: string }, call?: CallOptions): Promise<void>
  /** POST /powerpath/lessonPlans/{lessonPlanId}/operations — appends an operation to the plan's log and applies it. */
  storeOperation(params: Plan & { operation: LessonPlanOperation; reason?: string }, call?: CallOptions): Promise<{ success: boolean; message?: string; operationId?: string }>
  /** GET /powerpath/lessonPlans/{lessonPlanId}/operations — the log, in order. */
  getOperations(params: Plan, call?: CallOptions): Promise<{ operations: StoredOperation[] }>
  /** POST /powerpath/lessonPlans/{lessonPlanId}/operations/sync — applies operations not applied yet. */
  syncOperations(params: Plan, call?: CallOptions): Promise<OperationsApplied>
  /** POST /powerpath/lessonPlans/{lessonPlanId}/recreate — rebuilds the plan from the course and replays the log. */
  recreate(params: Plan, call?: CallOptions): Promise<OperationsApplied>
  /** POST /powerpath/lessonPlans/course/{courseId}/sync — recreates every plan of a course. */
  syncCourse(params: { courseId: string }, call?: CallOptions): Promise<{ lessonPlansAffected: string[] }>
  /** GET /powerpath/lessonPlans/getCourseProgress/{courseId}/student/{studentId} — results per item, and the test-out state. */
  getCourseProgress(params: { courseId: string; studentId: string; lessonId?: string }, call?: CallOptions): Promise<{ lineItems: ProgressLineItem[]; testOut: TestOutState }>
  /** POST /powerpath/lessonPlans/startTestOut — starts (or answers the existing) test-out of a course. */
  startTestOut(params: { courseId: string; studentId: string }, call?: CallOptions): Promise<{ assignmentId: string; lessonId: string; resourceId: string; status: 'created' | 'existing' }>
  /** GET /powerpath/lessonPlans/tree/{lessonPlanId} — a plan's tree, skipped items left out. */
  getLessonPlan(params: Plan, call?: CallOptions): Promise<LessonPlanTree>
  /** GET /powerpath/lessonPlans/tree/{lessonPlanId}/structure — a plan's lightweight structure. */
  getStructure(params: Plan, call?: CallOptions): Promise<{ lessonPlan: { lessonPlan: { id: string; courseId: string; courseTitle: string; structure: Record<string, unknown>[] } } }>
  /** POST /powerpath/lessonPlans/updateStudentItemResponse — writes a student's result for one item. */
  updateStudentItemResponse(params: { studentId: string; componentResourceId: string; result: ItemResult }, call?: CallOptions): Promise<{ componentResourceLineItem?: Record<string, unknown>; componentResourceResult?: Record<string, unknown> }>
}

/**
 * Builds `client.lessonPlans`.
 * @example const { operations } = await createLessonPlans(ctx).getOperations({ lessonPlanId })
 */
export const createLessonPlans = (ctx: ServiceContext): LessonPlansResource => bind(ctx, 'lessonPlans', LESSON_PLAN_ROUTES) as unknown as LessonPlansResource
