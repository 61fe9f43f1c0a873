/**
 * @module services/edubridge/resources/goals — learner goals, served at the API root rather than under
 * `/edubridge`: course goals and K-8 subject goals (`/goals/{studentId}/...`) and AP readiness goals
 * (`/ap-readiness/goals`).
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import { one, many, operation } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { Input, SUBJECTS } from './check.js'

/** Pacing by a target date. */
export interface TargetDatePacing {
  mode: 'target_date'
  /** `YYYY-MM-DD` or a Date (sent as its UTC day); a date-time is refused. */
  endDate: string | Date
  /** A positive number. */
  dailyTargetXP?: number
}

/** What `goals.createCourseGoal` takes: an XP target on a course the student is enrolled in. */
export interface CourseGoalInput {
  studentId: string
  courseId: string
  target: { metric: 'xp'; value: string }
  pacing?: { mode: 'target_date'; endDate: string | Date }
}

/** `goals.createCourseGoal`'s answer: the course, the goal and the progress towards it. */
export interface CourseGoal {
  course: { id: string; title?: string; subject?: string; [key: string]: unknown }
  goal: { id: string; status: string; target: unknown; pacing?: unknown; [key: string]: unknown }
  progress: Record<string, unknown>
  [key: string]: unknown
}

/** What creating (or previewing) a subject goal takes: a grade to master by a date. */
export interface SubjectGoalInput {
  studentId: string
  subject: string
  /** `value`: the grade to master, "-1" (pre-K) to "13". */
  objective: { type: 'grade_mastery'; value: string }
  pacing: TargetDatePacing
}

/** What `goals.updateSubjectGoal` takes: the fields to change (each merged into the active goal). */
export interface SubjectGoalUpdate {
  studentId: string
  subject: string
  objective?: Partial<SubjectGoalInput['objective']>
  pacing?: Partial<TargetDatePacing>
}

/** A subject's goal with its baseline, execution plan and computed pace and projection. */
export interface SubjectGoalRow {
  subject: string
  baseline?: Record<string, unknown> | null
  goal?: { id: string; type: string; status: string; objective?: unknown; pacing?: unknown; [key: string]: unknown } | null
  execution?: { stageId?: string; courseIds?: string[]; [key: string]: unknown } | null
  computed?: Record<string, unknown> | null
  [key: string]: unknown
}

/** What `goals.previewSubjectGoal` answers (nothing is saved). */
export interface SubjectGoalPreview {
  subject: string
  goal: unknown
  execution: unknown
  computed: unknown
  [key: string]: unknown
}

/** What `goals.createApReadinessGoal` takes. */
export interface ApReadinessGoalInput {
  studentSourcedId: string
  /** A College Board AP exam name, e.g. `AP Biology`. */
  subject: string
  courseIds: string[]
  /** `YYYY-MM-DD` (a Date is sent as its UTC day). */
  startDate: string | Date
  endDate: string | Date
  practiceTestCourseIds?: string[]
}

/** An AP readiness goal (every field a string as the service sends it). */
export interface ApReadinessGoal {
  sourcedId: string
  studentSourcedId: string
  goalType?: string
  startDate?: string
  endDate?: string
  courseIds?: string[]
  [key: string]: unknown
}

const SUBJECT_GOAL = 'studentId|subject|objective|pacing'

/** POST /goals/{studentId}/courses — `{ course: CourseGoal }`. */
const courseGoalOp = /* @__PURE__ */ operation<object, CourseGoal>({ method: 'POST', path: '/goals/{studentId}/courses', unwrap: one('course') })
/** GET /goals/{studentId}/subjects — `{ studentId, subjects: SubjectGoalRow[] }`. */
const subjectGoalsOp = /* @__PURE__ */ operation<{ studentId: string }, SubjectGoalRow[]>({ method: 'GET', path: '/goals/{studentId}/subjects', unwrap: many('subjects') })
/** POST /goals/{studentId}/subjects — creates or replaces the subject's active goal; `{ subject: SubjectGoalRow }`. */
const createSubjectOp = /* @__PURE__ */ operation<object, SubjectGoalRow>({ method: 'POST', path: '/goals/{studentId}/subjects', unwrap: one('subject') })
/** POST /goals/{studentId}/subjects/preview — writes nothing; `{ preview }`. */
const previewOp = /* @__PURE__ */ operation<object, SubjectGoalPreview>({ method: 'POST', path: '/goals/{studentId}/subjects/preview', unwrap: one('preview') })
/** PATCH /goals/{studentId}/subjects/{subject} — `{ subject: SubjectGoalRow }`. */
const updateSubjectOp = /* @__PURE__ */ operation<object, SubjectGoalRow>({ method: 'PATCH', path: '/goals/{studentId}/subjects/{subject}', unwrap: one('subject') })
/** POST /ap-readiness/goals — `{ goal: ApReadinessGoal }`. */
const apOp = /* @__PURE__ */ operation<object, ApReadinessGoal>({ method: 'POST', path: '/ap-readiness/goals', unwrap: one('goal') })

/** A pacing object; in an update (`partial`) each of its fields is optional (the service merges them). */
const pacing = (partial?: boolean) => (c: Input): Input => {
  c.pick('mode', 'target_date', !partial).day('endDate', !partial)
  const xp = c.v.dailyTargetXP
  if (xp !== undefined && !(typeof xp === 'number' && xp > 0)) c.add('dailyTargetXP', 'must be a positive number')
  return c
}

/** Splits the path's ids off a checked input; the rest is the body. */
function split(check: Input, ...ids: string[]): object {
  const { ...body } = check.done()
  const params: Record<string, unknown> = {}
  for (const id of ids) (params[id] = body[id]), delete body[id]
  return { ...params, body }
}

function subjectGoal(label: string, input: unknown, partial = false): object {
  const check = new Input(label, input, SUBJECT_GOAL).text('studentId', true).pick('subject', SUBJECTS, true)
  check.sub('objective', 'type|value', !partial, (c) => c.pick('type', 'grade_mastery', !partial).grade('value', !partial))
  check.sub('pacing', 'mode|endDate|dailyTargetXP', !partial, pacing(partial))
  return split(check, 'studentId', ...(partial ? ['subject'] : []))
}

/**
 * `client.goals`: what a student aims for, per course, per subject, or for an AP exam.
 * @example
 * await client.goals.createSubjectGoal({
 *   studentId: 's1', subject: 'Math', objective: { type: 'grade_mastery', value: '5' }, pacing: { mode: 'target_date', endDate: '2027-05-31' },
 * })
 * const rows = await client.goals.listSubjectGoals('s1')
 */
export interface GoalsResource {
  /** POST /goals/{studentId}/courses — an XP goal on an enrolled, tracked course. */
  createCourseGoal(input: CourseGoalInput, call?: CallOptions): Promise<CourseGoal>
  /** GET /goals/{studentId}/subjects — one row per subject. */
  listSubjectGoals(studentId: string, call?: CallOptions): Promise<SubjectGoalRow[]>
  /** POST /goals/{studentId}/subjects — creates or replaces the subject's active goal. */
  createSubjectGoal(input: SubjectGoalInput, call?: CallOptions): Promise<SubjectGoalRow>
  /** POST /goals/{studentId}/subjects/preview — what `createSubjectGoal` would compute, saving nothing. */
  previewSubjectGoal(input: SubjectGoalInput, call?: CallOptions): Promise<SubjectGoalPreview>
  /** PATCH /goals/{studentId}/subjects/{subject} — changes only the fields given. */
  updateSubjectGoal(input: SubjectGoalUpdate, call?: CallOptions): Promise<SubjectGoalRow>
  /** POST /ap-readiness/goals */
  createApReadinessGoal(input: ApReadinessGoalInput, call?: CallOptions): Promise<ApReadinessGoal>
}

/**
 * Builds `client.goals`.
 * @example const rows = await createGoals(ctx).listSubjectGoals('s1')
 */
export function createGoals(ctx: ServiceContext): GoalsResource {
  return {
    createCourseGoal: async (input, call) => {
      const check = new Input('goals.createCourseGoal', input, 'studentId|courseId|target|pacing').text('studentId', true).text('courseId', true)
      check.sub('target', 'metric|value', true, (c) => c.pick('metric', 'xp', true).text('value', true))
      check.sub('pacing', 'mode|endDate', false, pacing())
      return courseGoalOp(ctx, split(check, 'studentId'), call)
    },
    listSubjectGoals: (studentId, call) => subjectGoalsOp(ctx, { studentId }, call),
    createSubjectGoal: async (input, call) => createSubjectOp(ctx, subjectGoal('goals.createSubjectGoal', input), call),
    previewSubjectGoal: async (input, call) => previewOp(ctx, subjectGoal('goals.previewSubjectGoal', input), call),
    updateSubjectGoal: async (input, call) => updateSubjectOp(ctx, subjectGoal('goals.updateSubjectGoal', input, true), call),
    createApReadinessGoal: async (input, call) => {
      const check = new Input('goals.createApReadinessGoal', input, 'studentSourcedId|subject|courseIds|startDate|endDate|practiceTestCourseIds')
      check.text('studentSourcedId', true).text('subject', true).list('courseIds', true).list('practiceTestCourseIds', false, undefined, true)
      check.day('startDate', true).day('endDate', true)
      const subject = check.v.subject
      if (typeof subject === 'string' && !subject.startsWith('AP ')) check.add('subject', `must be a College Board AP exam name such as "AP Biology", got ${JSON.stringify(subject)}`)
      return apOp(ctx, { body: check.done() }, call)
    },
  }
}
