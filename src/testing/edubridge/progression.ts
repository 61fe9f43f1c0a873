// EduBridge progression (`/edubridge/progression/*`): a small deterministic lesson catalog (page/limit paging),
// create-course (a hole-filling course with one resource per known lesson, the student enrolled through the same
// enrollment code as `enroll`; not idempotent), and enqueue (accepted and kept in `emulator.edubridge.enqueued`).
import { route, type Ctx, type Route } from '../context.js'
import { HttpError, json } from '../http.js'
import { bodyObject, isObject, oneOf, refId, rosterOf, text, userByEmail, utcDate, type Row } from './common.js'
import { enroll } from './roster.js'
import type { EduBridgeState } from './state.js'

const P = '/edubridge/progression'
const SUBJECTS = ['math', 'reading', 'science', 'writing', 'language', 'ela'] as const
const SUBJECT_NAMES: Record<string, string> = { math: 'Math', reading: 'Reading', science: 'Science', writing: 'Writing', language: 'Language', ela: 'Language' }
const APPS = ['edia', 'freckle', 'mobymax', 'vocabloco', 'lalilo', 'anton', 'alphawrite', 'timeback'] as const
const FLOW_TYPES = ['dcan', 'existingPlan', 'legacy'] as const
const GRADE_LEVELS = ['PK', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const
const CATALOG_APP: Record<string, string> = { math: 'freckle', reading: 'lalilo', science: 'mobymax', writing: 'alphawrite', language: 'anton' }
const LESSON_XP = 10
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Three lessons per catalog subject and grade K–8, in a fixed order (built on first use, not at import). */
let catalogRows: readonly Row[] | undefined
const lessonCatalog = (): readonly Row[] => (catalogRows ??= Object.keys(CATALOG_APP).flatMap((subject) =>
  GRADE_LEVELS.slice(1, 10).flatMap((gradeLevel) => [1, 2, 3].map((n) => ({
    lessonId: `${subject}-${gradeLevel.toLowerCase()}-${n}`, title: `${SUBJECT_NAMES[subject]} grade ${gradeLevel}, lesson ${n}`,
    subject, gradeLevel, app: CATALOG_APP[subject], xp: LESSON_XP,
  })))))

function intParam(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name)
  if (raw === null || raw === '') return fallback
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (!(n >= 1 && n <= max)) throw new HttpError(400, `'${name}' must be an integer between 1 and ${max} (got '${raw}').`)
  return n
}

function catalog(ctx: Ctx): Response {
  const page = intParam(ctx.query, 'page', 1, Number.MAX_SAFE_INTEGER)
  const limit = intParam(ctx.query, 'limit', 100, 500)
  const subjects = new Set(ctx.query.getAll('subject').map((s) => s.toLowerCase()))
  const grades = new Set(ctx.query.getAll('gradeLevel').map((g) => g.toUpperCase()))
  const hits = lessonCatalog().filter((l) => (subjects.size === 0 || subjects.has(l.subject as string)) && (grades.size === 0 || grades.has(l.gradeLevel as string)))
  return json({ lessons: hits.slice((page - 1) * limit, page * limit), page, limit, total: hits.length, totalPages: Math.ceil(hits.length / limit) })
}

function gradeOf(value: unknown): string {
  const g = typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' ? value.trim().toUpperCase() : ''
  return oneOf(g, GRADE_LEVELS, 'grade')
}

async function createCourse(ctx: Ctx): Promise<Response> {
  const store = rosterOf(ctx)
  const body = await bodyObject(ctx)
  const subject = oneOf(body.subject, SUBJECTS, 'subject')
  const grade = gradeOf(body.grade)
  const app = oneOf(body.app, APPS, 'app')
  const email = text(body, 'email', true)
  const next = text(body, 'next', true)
  if (next !== 'assessment' && !UUID.test(next)) throw new HttpError(400, "'next' must be 'assessment' or a course UUID.")
  const ids = body.lessonIds
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string' || id === '')) {
    throw new HttpError(400, "'lessonIds' must be a non-empty array of lesson ids from the catalog.")
  }
  const details = body.courseDetails === undefined ? {} : body.courseDetails
  if (!isObject(details)) throw new HttpError(400, "'courseDetails' must be an object { title?, xpPerLesson?, metadata? }.")
  const xpPerLesson = details.xpPerLesson === undefined ? LESSON_XP : details.xpPerLesson
  if (typeof xpPerLesson !== 'number' || !(xpPerLesson > 0)) throw new HttpError(400, "'courseDetails.xpPerLesson' must be a positive number.")
  const user = userByEmail(store, email)
  if (!user) throw new HttpError(404, `No user with email '${email}'.`)
  const lessons = (ids as string[]).map((id) => lessonCatalog().find((l) => l.lessonId === id))
  const known = lessons.filter((l): l is Row => l !== undefined)
  if (known.length === 0) throw new HttpError(422, 'None of the lessonIds is in the catalog.')
  const roles = Array.isArray(user.roles) ? user.roles.filter(isObject) : []
  const org = refId(user.primaryOrg) ?? refId(roles[0]?.org)
  if (org === undefined) throw new HttpError(422, `User '${user.sourcedId}' belongs to no org to hold the course.`)

  const title = typeof details.title === 'string' && details.title.trim() ? details.title : `${SUBJECT_NAMES[subject]} ${grade} hole-filling`
  const totalXp = known.length * xpPerLesson
  const course = store.insert('courses', {
    title, courseCode: `HF-${subject.toUpperCase()}-${grade}`, subjects: [SUBJECT_NAMES[subject]],
    grades: [grade === 'PK' ? '-1' : grade === 'K' ? '0' : grade], org: { sourcedId: org },
    metadata: { ...(isObject(details.metadata) ? details.metadata : {}), courseType: 'hole-filling', app, next, metrics: { totalXp, totalLessons: known.length } },
  })
  const component = store.insert('courseComponents', { title: 'Lessons', course: { sourcedId: course.sourcedId }, sortOrder: 1 })
  known.forEach((lesson, i) => {
    const resource = store.insert('resources', {
      title: lesson.title, vendorResourceId: lesson.lessonId, roles: ['primary'], importance: 'primary',
      metadata: { type: 'interactive', app, xp: xpPerLesson, lessonId: lesson.lessonId },
    })
    store.insert('componentResources', { title: lesson.title, courseComponent: { sourcedId: component.sourcedId }, resource: { sourcedId: resource.sourcedId }, sortOrder: i + 1 })
  })
  enroll(store, { user, course, schoolId: undefined, role: 'student', beginDate: utcDate(ctx.env.clock()), today: utcDate(ctx.env.clock()), sourcedId: undefined, metadata: undefined })
  return json({
    success: true, course: { sourcedId: course.sourcedId, title, totalLessons: known.length, totalXp },
    enrollment: { statusCode: 201, message: `Enrolled ${email} in ${title}.` },
    resourcesCreated: known.length, resourcesFailed: lessons.length - known.length,
  }, 201)
}

async function enqueue(state: EduBridgeState, ctx: Ctx): Promise<Response> {
  const body = await bodyObject(ctx)
  if (typeof body.assignmentId !== 'number' || !Number.isInteger(body.assignmentId)) throw new HttpError(400, "'assignmentId' must be an integer (the AlphaTest assignment id).")
  for (const field of ['studentTimebackId', 'studentEmail', 'subject', 'grade', 'currentCourseSourcedId']) text(body, field, true)
  oneOf(body.flowType, FLOW_TYPES, 'flowType')
  if (body.score !== undefined && typeof body.score !== 'number') throw new HttpError(400, "'score' must be a number.")
  for (const field of ['readOnly', 'extendedCatalog']) {
    if (body[field] !== undefined && typeof body[field] !== 'boolean') throw new HttpError(400, `'${field}' must be a boolean.`)
  }
  const messageId = ctx.env.newId()
  state.enqueued.push({ messageId, ...structuredClone(body) })
  return json({ success: true, messageId })
}

export function progressionRoutes(state: EduBridgeState): Route[] {
  return [
    route('GET', `${P}/catalog`, 'browseCatalog', catalog),
    route('POST', `${P}/create-course`, 'createCourse', createCourse),
    route('POST', `${P}/enqueue`, 'enqueueProgression', (ctx) => enqueue(state, ctx)),
  ]
}
