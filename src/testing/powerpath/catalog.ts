// Where PowerPath finds students, courses and lessons. Students and courses are OneRoster's (looked up in its store
// at request time); a lesson is a componentResource whose resource has `metadata.lessonType`, found first in
// PowerPath's own catalog (its seed and `emulator.powerpath.addLesson`) and then in OneRoster's store. Lessons
// without a question bank of their own get a generated one (see questionsOf).
import type { EmulatorEnv } from '../context.js'
import { HttpError, notFound } from '../http.js'
import { ONEROSTER_STORE } from '../oneroster/index.js'
import type { OneRosterStore } from '../oneroster/state.js'
import type { Entity } from '../oneroster/types.js'
import { LESSON_TYPES, nextId, type Difficulty, type LessonType, type PowerPathState, type Question } from './state.js'

/** What every PowerPath handler works with. */
export interface PP {
  readonly env: EmulatorEnv
  readonly state: PowerPathState
}

/**
 * A lesson as the routes see it (what `emulator.powerpath.addLesson` answers).
 *
 * @example
 * const lesson: Lesson = emulator.powerpath.addLesson({ courseId: 'seed-course-1', lessonType: 'quiz', xp: 5, questions: 3 })
 * lesson.resourceId // `${lesson.id}-resource`
 */
export interface Lesson {
  readonly id: string
  readonly title: string
  readonly lessonType: LessonType
  readonly xp: number
  readonly componentId: string | undefined
  readonly courseId: string | undefined
  readonly resourceId: string
  readonly subject: string | undefined
  readonly grades: readonly string[]
  readonly toolProvider: string | null
}

type CatalogCollection = 'courseComponents' | 'componentResources' | 'resources'

export const roster = (pp: PP): OneRosterStore | undefined => pp.env.lookup<OneRosterStore>(ONEROSTER_STORE)
const refId = (value: unknown): string | undefined => (value && typeof value === 'object' ? ((value as { sourcedId?: unknown }).sourcedId as string | undefined) : undefined)
const metaOf = (e: Entity | undefined): Record<string, unknown> => (e?.metadata && typeof e.metadata === 'object' ? (e.metadata as Record<string, unknown>) : {})

/** A catalog record: PowerPath's own first, then OneRoster's. */
export function record(pp: PP, collection: CatalogCollection, id: string): Entity | undefined {
  return pp.state.catalog.get(collection)!.get(id) ?? roster(pp)?.get(collection, id)
}

/** Every record of a catalog collection (PowerPath's own win over OneRoster's of the same id). */
export function records(pp: PP, collection: CatalogCollection): Entity[] {
  const own = pp.state.catalog.get(collection)!
  return [...own.values(), ...(roster(pp)?.list(collection) ?? []).filter((e) => !own.has(e.sourcedId))]
}

export function putRecord(pp: PP, collection: CatalogCollection, entity: Entity): Entity {
  const stored = { status: 'active', dateLastModified: pp.env.nowIso(), ...entity }
  pp.state.catalog.get(collection)!.set(entity.sourcedId, stored)
  return stored
}

/** The OneRoster user `id`, or 404. */
export function studentOf(pp: PP, id: string): Entity {
  const store = roster(pp)
  const user = store?.get('users', id)
  if (!user || user.status === 'tobedeleted') throw notFound(store ? `Student '${id}' not found.` : `Student '${id}' not found (the OneRoster module is not mounted).`)
  return user
}

/** The OneRoster course `id`, or 404. */
export function courseOf(pp: PP, id: string): Entity {
  const course = roster(pp)?.get('courses', id)
  if (!course || course.status === 'tobedeleted') throw notFound(`Course '${id}' not found.`)
  return course
}

/** The lesson behind a componentResource, or `undefined` when its resource has no `metadata.lessonType`. */
export function lessonInfo(pp: PP, cr: Entity): Lesson | undefined {
  const resourceId = refId(cr.resource)
  const resource = resourceId === undefined ? undefined : record(pp, 'resources', resourceId)
  const meta = metaOf(resource)
  const lessonType = meta.lessonType
  if (!resourceId || typeof lessonType !== 'string' || !(LESSON_TYPES as readonly string[]).includes(lessonType)) return undefined
  const componentId = refId(cr.courseComponent)
  const courseId = componentId === undefined ? undefined : refId(record(pp, 'courseComponents', componentId)?.course)
  const course = courseId === undefined ? undefined : roster(pp)?.get('courses', courseId)
  const grades = Array.isArray(meta.grades) ? meta.grades.map(String) : Array.isArray(course?.grades) ? (course.grades as unknown[]).map(String) : []
  return {
    id: cr.sourcedId, title: String(cr.title ?? resource?.title ?? cr.sourcedId), lessonType: lessonType as LessonType,
    xp: typeof meta.xp === 'number' ? meta.xp : 0, componentId, courseId, resourceId,
    subject: typeof meta.subject === 'string' ? meta.subject : Array.isArray(course?.subjects) ? String(course.subjects[0]) : undefined,
    grades, toolProvider: typeof meta.toolProvider === 'string' ? meta.toolProvider : null,
  }
}

/** The lesson `id`, or 404 (unknown componentResource, or one whose resource is not a PowerPath lesson). */
export function lessonOf(pp: PP, id: string): Lesson {
  const cr = record(pp, 'componentResources', id)
  if (!cr || cr.status === 'tobedeleted') throw notFound(`Lesson '${id}' not found (no componentResource with that sourcedId).`)
  const lesson = lessonInfo(pp, cr)
  if (!lesson) throw notFound(`Lesson '${id}' not found: its resource has no metadata.lessonType.`)
  return lesson
}

/** 422 unless the lesson is of one of `types`. */
export function requireType(lesson: Lesson, types: readonly LessonType[], operation: string): void {
  if (!types.includes(lesson.lessonType)) throw new HttpError(422, `${operation} works only with lessons of type ${types.join(', ')}; lesson '${lesson.id}' is '${lesson.lessonType}'.`)
}

/** Every lesson whose component belongs to `courseId`. */
export function lessonsOfCourse(pp: PP, courseId: string): Lesson[] {
  return records(pp, 'componentResources').flatMap((cr) => {
    const lesson = cr.status === 'tobedeleted' ? undefined : lessonInfo(pp, cr)
    return lesson && lesson.courseId === courseId ? [lesson] : []
  })
}

const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard']
/** The seed's answer rule: question n (from 1) is answered by choice A, B, C, D, A… */
export const answerFor = (n: number): string => 'ABCD'[(n - 1) % 4]!

/**
 * A lesson's question bank. Lessons added without one (and lessons found only in OneRoster) get a generated bank of
 * `metadata.questionCount` (default 12) questions `<lesson>-q<n>`: difficulty easy, medium, hard in blocks of a
 * third, answer {@link answerFor}(n).
 */
export function questionsOf(pp: PP, lesson: Lesson): Question[] {
  const bank = pp.state.questions.get(lesson.id)
  if (bank) return bank
  const count = Number(metaOf(record(pp, 'resources', lesson.resourceId)).questionCount ?? 12)
  const n = Number.isSafeInteger(count) && count > 0 && count <= 500 ? count : 12
  const generated = Array.from({ length: n }, (_, i) => ({
    id: `${lesson.id}-q${i + 1}`, title: `${lesson.title} — question ${i + 1}`, difficulty: DIFFICULTIES[Math.min(2, Math.floor((i * 3) / n))]!, correct: answerFor(i + 1),
  }))
  pp.state.questions.set(lesson.id, generated)
  return generated
}

/** The question as the spec shows it (without the student's answer). */
export function questionView(q: Question, index: number): Record<string, unknown> {
  // Ids and titles are user data (a OneRoster sourcedId may hold any character): escaped for an XML attribute.
  const attr = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
  const rawXml = `<qti-assessment-item identifier="${attr(q.id)}" title="${attr(q.title)}"><qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"/>`
    + `<qti-item-body><qti-choice-interaction response-identifier="RESPONSE" max-choices="1">${['A', 'B', 'C', 'D'].map((c) => `<qti-simple-choice identifier="${c}">${c}</qti-simple-choice>`).join('')}</qti-choice-interaction></qti-item-body></qti-assessment-item>`
  return { id: q.id, index, title: q.title, url: `https://qti.emulator.test/assessment-items/${encodeURIComponent(q.id)}`, difficulty: q.difficulty, humanApproved: true, content: { type: 'choice', rawXml } }
}

/**
 * What `emulator.powerpath.addLesson` takes.
 *
 * @example
 * const input: AddLessonInput = { id: 'fractions-quiz', courseId: 'seed-course-1', lessonType: 'quiz', xp: 20, questions: [{ correct: 'A' }, { correct: 'C', difficulty: 'hard' }] }
 */
export interface AddLessonInput {
  /** The componentResource sourcedId (default: a new `pp-lesson-<n>`). */
  readonly id?: string
  readonly title?: string
  readonly lessonType: LessonType
  readonly xp?: number
  /** The OneRoster course it belongs to (a component is made for it unless `componentId` names one). */
  readonly courseId?: string
  readonly componentId?: string
  readonly subject?: string
  readonly grades?: readonly string[]
  readonly toolProvider?: 'edulastic' | 'mastery-track'
  /** The bank: a list of `{ difficulty, correct }`, or a number of questions to generate. */
  readonly questions?: number | readonly { readonly id?: string; readonly title?: string; readonly difficulty?: Difficulty; readonly correct: string }[]
  readonly metadata?: Record<string, unknown>
}

/** Add a lesson (component, resource, componentResource) to PowerPath's own catalog. */
export function addLesson(pp: PP, input: AddLessonInput): Lesson {
  const id = input.id ?? nextId(pp.state, 'lesson')
  let componentId = input.componentId
  if (componentId === undefined && input.courseId !== undefined) {
    componentId = `${id}-unit`
    putRecord(pp, 'courseComponents', { sourcedId: componentId, title: input.title ?? id, course: { sourcedId: input.courseId }, sortOrder: 100 })
  }
  const resourceId = `${id}-resource`
  const metadata: Record<string, unknown> = { ...input.metadata, lessonType: input.lessonType, xp: input.xp ?? 0 }
  if (input.subject !== undefined) metadata.subject = input.subject
  if (input.grades !== undefined) metadata.grades = [...input.grades]
  if (input.toolProvider !== undefined) metadata.toolProvider = input.toolProvider
  if (typeof input.questions === 'number') metadata.questionCount = input.questions
  putRecord(pp, 'resources', { sourcedId: resourceId, title: input.title ?? id, vendorResourceId: resourceId, importance: 'primary', roles: ['primary'], metadata })
  const sortOrder = componentId === undefined ? 1 : records(pp, 'componentResources').filter((cr) => refId(cr.courseComponent) === componentId).length + 1
  putRecord(pp, 'componentResources', {
    sourcedId: id, title: input.title ?? id, sortOrder, resource: { sourcedId: resourceId }, ...(componentId === undefined ? {} : { courseComponent: { sourcedId: componentId } }),
  })
  pp.state.questions.delete(id)
  if (Array.isArray(input.questions)) {
    pp.state.questions.set(id, input.questions.map((q, i) => ({ id: q.id ?? `${id}-q${i + 1}`, title: q.title ?? `Question ${i + 1}`, difficulty: q.difficulty ?? 'medium', correct: q.correct })))
  }
  return lessonOf(pp, id)
}

export { refId, metaOf }
