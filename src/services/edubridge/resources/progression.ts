/**
 * @module services/edubridge/resources/progression — hole-filling progression (`/edubridge/progression/*`): the
 * lesson catalog (page-numbered), creating a course of chosen lessons and enrolling the student in it, and
 * queueing a progression job.
 */

import { byId, fetchPages, listing, type Listing } from '../../../core/paging/listing.js'
import { checkPageParams, pagePaging, type PageParams } from '../../../core/paging/page.js'
import { readTotal, type RawPage } from '../../../core/pagination.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { operation, type Query } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { Input } from './check.js'

/** A lesson of the catalog; `lessonId` is what `createCourse` takes. */
export interface CatalogLesson {
  lessonId: string
  title?: string
  subject?: string
  gradeLevel?: string
  [key: string]: unknown
}

/** What `progression.catalog` takes: page-numbered (`limit` up to 500), filters repeatable. */
export interface CatalogParams extends PageParams {
  subject?: string | readonly string[]
  gradeLevel?: string | readonly string[]
}

/** The subjects, grades and apps `createCourse` accepts (lower-case subjects). */
export type ProgressionSubject = 'math' | 'reading' | 'science' | 'writing' | 'language' | 'ela'
/** The learning apps a hole-filling course can run in. */
export type ProgressionApp = 'edia' | 'freckle' | 'mobymax' | 'vocabloco' | 'lalilo' | 'anton' | 'alphawrite' | 'timeback'

/** What `progression.createCourse` takes. */
export interface CreateCourseInput {
  subject: ProgressionSubject
  /** "PK", "K" or 1–12 (string or number). */
  grade: string | number
  app: ProgressionApp
  /** An existing user's email: the student to enroll. */
  email: string
  /** What comes after the course: "assessment" or the id of the course to move into. */
  next: string
  lessonIds: string[]
  courseDetails?: { title?: string; xpPerLesson?: number; metadata?: Record<string, unknown> }
}

/** What `progression.createCourse` answers. */
export interface CreateCourseResult {
  success: boolean
  course: { sourcedId: string; title: string; totalLessons: number; totalXp: number }
  enrollment: { statusCode: number; message: string }
  resourcesCreated: number
  resourcesFailed: number
  [key: string]: unknown
}

/** What `progression.enqueue` takes (the service's names). */
export interface EnqueueInput {
  assignmentId: number
  studentTimebackId: string
  studentEmail: string
  subject: string
  /** e.g. "5", "K". */
  grade: string
  currentCourseSourcedId: string
  flowType: 'dcan' | 'existingPlan' | 'legacy'
  score?: number
  testType?: string
  /** A dry run. */
  readOnly?: boolean
  /** Look at grades ±2. */
  extendedCatalog?: boolean
  aiModel?: string
  existingPlan?: unknown
}

/** What `progression.enqueue` answers: the queued message. */
export interface EnqueueResult {
  success: boolean
  messageId: string
  [key: string]: unknown
}

const CREATE_TIMEOUT = 120_000
const keys = ['lessons', 'data', 'items', 'catalog']

function compileCatalogQuery(params: CatalogParams): Record<string, string | number | undefined> {
  checkPageParams(params, 500)
  const check = new Input('progression.catalog', { ...params }, 'page|limit|maxItems|subject|gradeLevel')
  for (const key of ['subject', 'gradeLevel']) {
    if (typeof check.v[key] === 'string') check.v[key] = [check.v[key]]
    check.list(key)
  }
  const { subject, gradeLevel } = check.done()
  return { subject, gradeLevel } as unknown as Record<string, string>
}

/** GET /edubridge/progression/catalog?page&limit&subject&gradeLevel — lessons; the envelope's key is not documented, so the first array among `lessons`, `data`, `items`, `catalog` (or a bare array). */
const catalogOp = /* @__PURE__ */ operation<{ query: Query }, RawPage<CatalogLesson>>({
  method: 'GET',
  path: '/edubridge/progression/catalog',
  unwrap: (body) => ({
    items: Array.isArray(body) ? body : keys.map((k) => body?.[k]).find(Array.isArray) ?? [],
    total: readTotal(body, 'total') ?? readTotal(body, 'totalCount'),
    pages: readTotal(body, 'pages') ?? readTotal(body, 'totalPages'),
  }),
})
/** POST /edubridge/progression/create-course — not idempotent, up to ~90 s. */
const createCourseOp = /* @__PURE__ */ operation<{ body: unknown }, CreateCourseResult>({ method: 'POST', path: '/edubridge/progression/create-course' })
/** POST /edubridge/progression/enqueue — `{ success, messageId }`. */
const enqueueOp = /* @__PURE__ */ operation<{ body: unknown }, EnqueueResult>({ method: 'POST', path: '/edubridge/progression/enqueue' })

function createCourseBody(input: unknown): unknown {
  const check = new Input('progression.createCourse', input, 'subject|grade|app|email|next|lessonIds|courseDetails')
  check.pick('subject', 'math|reading|science|writing|language|ela', true)
    .pick('app', 'edia|freckle|mobymax|vocabloco|lalilo|anton|alphawrite|timeback', true)
    .text('email', true).text('next', true).list('lessonIds', true).object('courseDetails')
  const grade = check.v.grade
  if (check.has('grade', true) && !((typeof grade === 'string' || typeof grade === 'number') && /^(PK|K|[1-9]|1[0-2])$/.test(String(grade)))) {
    check.add('grade', `must be "PK", "K" or 1 to 12, got ${JSON.stringify(grade)}`)
  }
  return check.done()
}

function enqueueBody(input: unknown): unknown {
  const check = new Input('progression.enqueue', input,
    'assignmentId|studentTimebackId|studentEmail|subject|grade|currentCourseSourcedId|flowType|score|testType|readOnly|extendedCatalog|aiModel|existingPlan')
  for (const key of ['studentTimebackId', 'studentEmail', 'subject', 'grade', 'currentCourseSourcedId']) check.text(key, true)
  check.text('testType').text('aiModel').pick('flowType', 'dcan|existingPlan|legacy', true)
  if (check.has('assignmentId', true) && !Number.isInteger(check.v.assignmentId)) check.add('assignmentId', 'must be an integer (the AlphaTest assignment id)')
  if (check.has('score') && typeof check.v.score !== 'number') check.add('score', 'must be a number')
  for (const key of ['readOnly', 'extendedCatalog']) if (check.has(key) && typeof check.v[key] !== 'boolean') check.add(key, 'must be true or false')
  return check.done()
}

/**
 * `client.progression`: hole-filling courses built from catalog lessons.
 * @example
 * const lessons = await client.progression.catalog.listAll({ subject: 'math', gradeLevel: '4', maxItems: 200 })
 * const created = await client.progression.createCourse({
 *   subject: 'math', grade: 4, app: 'timeback', email: 'ada@school.example', next: 'assessment', lessonIds: [lessons[0]!.lessonId],
 * })
 */
export interface ProgressionResource {
  /** GET /edubridge/progression/catalog — page-numbered: `list({ page })`, `stream`, `listAll`. */
  catalog: Listing<CatalogLesson, CatalogParams>
  /**
   * POST /edubridge/progression/create-course — creates the course and enrolls the student. Slow (up to ~90 s)
   * and not idempotent: the default timeout is 120 s and it is never retried (pass `maxRetries` to override).
   */
  createCourse(input: CreateCourseInput, call?: CallOptions): Promise<CreateCourseResult>
  /** POST /edubridge/progression/enqueue — fire and forget; answers the queue message id. */
  enqueue(input: EnqueueInput, call?: CallOptions): Promise<EnqueueResult>
}

/**
 * Builds `client.progression`.
 * @example const page = await createProgression(ctx).catalog.list({ page: 1, limit: 100 })
 */
export function createProgression(ctx: ServiceContext): ProgressionResource {
  return {
    catalog: listing(fetchPages(ctx, catalogOp), pagePaging, compileCatalogQuery, byId<CatalogLesson>('lessonId')),
    createCourse: async (input, call) =>
      createCourseOp(ctx, { body: createCourseBody(input) }, { timeout: CREATE_TIMEOUT, ...call, maxRetries: call?.maxRetries ?? 0 }),
    enqueue: async (input, call) => enqueueOp(ctx, { body: enqueueBody(input) }, call),
  }
}
