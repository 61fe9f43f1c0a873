/**
 * @module services/powerpath/resources/test-assignments — tests assigned to students by subject and grade:
 * listing by offset (`list`/`listAll`/`stream`, the answer's `totalCount` ends the listing), CRUD, bulk and
 * Google-Sheet imports.
 */

import { checkPaging, type OffsetParams, type RawPage } from '../../../core/pagination.js'
import { byId, fetchPages, listing, offsetPaging, pageOf, type Listing } from '../../../core/paging/listing.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { operation, type Query } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { ASSIGNMENT_STATUSES, GRADES, SUBJECTS, type GradeInput, type Subject, type TestAssignmentStatus } from './enums.js'
import { ValidationError, type InputValidationError } from '../../../core/errors.js'
import { bind, checkParams, opt, route, type Extra, type Fields } from './route.js'

/** A test assigned to a student. */
export interface TestAssignment {
  sourcedId: string
  studentSourcedId: string
  studentEmail: string
  assignedByUserSourcedId: string | null
  subject: string
  grade: string
  assignmentStatus: TestAssignmentStatus | (string & {})
  testName?: string | null
  assignedAt?: string | null
  expiresAt?: string | null
  completedAt?: string | null
  resourceSourcedId?: string | null
  componentResourceSourcedId?: string | null
}

/** Filters of a listing (plus `limit`, `offset` and, for `stream`/`listAll`, `maxItems`). */
export interface TestAssignmentFilters extends OffsetParams {
  status?: TestAssignmentStatus
  subject?: string
  grade?: GradeInput
}

/** What `testAssignments.create` takes. */
export interface NewTestAssignment {
  student: string
  subject: Subject
  grade: GradeInput
  testName?: string
}

/** What creating an assignment answers. */
export interface AssignmentCreated {
  assignmentId: string
  lessonId: string
  resourceId: string
}

/** What `bulk` and `import` answer: all or nothing (any error is a 400 naming its rows). */
export interface BulkResult {
  success: boolean
  results: AssignmentCreated[]
  errors: { row: number; message: string }[]
}

const FILTERS: Fields = { status: opt(ASSIGNMENT_STATUSES), subject: 's?', grade: opt(GRADES) }

/** Compiles a listing's query: paging checked by core, every other name checked here (a typo would list everything). */
const compiler = (fields: Fields, label: string) => (params: Record<string, unknown>): Record<string, string | number> => {
  checkPaging(params)
  const { limit, offset, maxItems, ...filters } = params
  return checkParams(filters, [], fields, label)[1] as Record<string, string | number>
}
const compileForStudent = /* @__PURE__ */ compiler({ student: 's', ...FILTERS }, 'testAssignments.list')
const compileAdmin = /* @__PURE__ */ compiler({ student: 's?', ...FILTERS }, 'testAssignments.admin.list')

/** GET /powerpath/test-assignments — one student's assignments, `{ testAssignments, totalCount, … }`. */
const listForStudent = /* @__PURE__ */ operation<{ query: Query }, RawPage<TestAssignment>>({
  method: 'GET', path: '/powerpath/test-assignments', unwrap: pageOf('testAssignments', 'totalCount'),
})
/** GET /powerpath/test-assignments/admin — everyone's assignments (admins). */
const listAdmin = /* @__PURE__ */ operation<{ query: Query }, RawPage<TestAssignment>>({
  method: 'GET', path: '/powerpath/test-assignments/admin', unwrap: pageOf('testAssignments', 'totalCount'),
})

const NEW_ASSIGNMENT: Fields = { student: 's', subject: SUBJECTS, grade: GRADES, testName: 's?' }

/** Each bulk item is checked as `create` checks its params; issues are named `items.<index>.<field>`. */
const itemsOk: Extra = (p, issues) => {
  p.items = (p.items as unknown[]).map((item, i) => {
    try {
      return checkParams(item, [], NEW_ASSIGNMENT, 'testAssignments.bulk')[1]
    } catch (e) {
      for (const issue of (e as InputValidationError).issues) issues.push({ path: `items.${i}.${issue.path}`, message: issue.message })
    }
  })
}

/** The routes of `client.testAssignments` other than the listings, by method name. */
export const TEST_ASSIGNMENT_ROUTES = {
  create: /* @__PURE__ */ route('POST', '/powerpath/test-assignments', NEW_ASSIGNMENT),
  get: /* @__PURE__ */ route('GET', '/powerpath/test-assignments/{id}'),
  update: /* @__PURE__ */ route('PUT', '/powerpath/test-assignments/{id}', { testName: 's' }),
  delete: /* @__PURE__ */ route('DELETE', '/powerpath/test-assignments/{id}'),
  bulk: /* @__PURE__ */ route('POST', '/powerpath/test-assignments/bulk', { items: 'a' }, undefined, itemsOk),
  import: /* @__PURE__ */ route('POST', '/powerpath/test-assignments/import', { spreadsheetUrl: 's', sheet: 's' }),
}

/**
 * `client.testAssignments`: assigning tests by subject and grade.
 * @example
 * const { assignmentId } = await client.testAssignments.create({ student: 'stu-1', subject: 'Math', grade: 4 })
 * for await (const a of client.testAssignments.stream({ student: 'stu-1', status: 'assigned' })) console.log(a.testName)
 */
export interface TestAssignmentsResource extends Listing<TestAssignment, TestAssignmentFilters & { student: string }> {
  /** GET /powerpath/test-assignments/admin — every student's assignments (admins), same filters, `student` optional. */
  readonly admin: Listing<TestAssignment, TestAssignmentFilters & { student?: string }>
  /** POST /powerpath/test-assignments — assigns the test of a subject and grade. */
  create(params: NewTestAssignment, call?: CallOptions): Promise<AssignmentCreated>
  /** GET /powerpath/test-assignments/{id} */
  get(params: { id: string }, call?: CallOptions): Promise<TestAssignment>
  /** PUT /powerpath/test-assignments/{id} — renames it (`testName` is the only field). */
  update(params: { id: string; testName: string }, call?: CallOptions): Promise<void>
  /** DELETE /powerpath/test-assignments/{id} — a soft delete. */
  delete(params: { id: string }, call?: CallOptions): Promise<void>
  /** POST /powerpath/test-assignments/bulk — several assignments, all or nothing. */
  bulk(params: { items: NewTestAssignment[] }, call?: CallOptions): Promise<BulkResult>
  /** POST /powerpath/test-assignments/import — assignments from a Google Sheet, all or nothing. */
  import(params: { spreadsheetUrl: string; sheet: string }, call?: CallOptions): Promise<BulkResult>
}

/**
 * A refused batch (400 `{ success: false, results: [], errors: [{ row, message }] }`) names its rows only in the
 * body: the first 10 go into the error's message; the body stays on the error.
 */
const withRows = (work: (params?: unknown, call?: CallOptions) => Promise<unknown>) => (params?: unknown, call?: CallOptions) =>
  work(params, call).catch((e: unknown) => {
    const rows = e instanceof ValidationError && (e.body as { errors?: unknown } | undefined)?.errors
    throw Array.isArray(rows) && rows.length
      ? new ValidationError(`${(e as ValidationError).message}; nothing was created: ${rows.slice(0, 10).map((r) => `row ${r?.row}: ${r?.message}`).join('; ')}`, e as ValidationError)
      : e
  })

/**
 * Builds `client.testAssignments`.
 * @example const page = await createTestAssignments(ctx).list({ student: 'stu-1', limit: 50 })
 */
export function createTestAssignments(ctx: ServiceContext): TestAssignmentsResource {
  const routes = bind(ctx, 'testAssignments', TEST_ASSIGNMENT_ROUTES) as Record<string, (params?: unknown, call?: CallOptions) => Promise<unknown>>
  return {
    ...listing(fetchPages(ctx, listForStudent), offsetPaging, compileForStudent, byId<TestAssignment>('sourcedId')),
    admin: listing(fetchPages(ctx, listAdmin), offsetPaging, compileAdmin, byId<TestAssignment>('sourcedId')),
    ...routes,
    bulk: withRows(routes.bulk!),
    import: withRows(routes.import!),
  } as unknown as TestAssignmentsResource
}
