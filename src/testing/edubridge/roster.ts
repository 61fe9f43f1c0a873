// What an EduBridge enrollment does to OneRoster's data: find or create the school year and term around a date,
// the course's default class for that term and school, and the class enrollment. Used by enroll, defaultClass and
// progression's create-course, always through the store's normal insert path (records get hrefs, status, dates).
import { HttpError } from '../http.js'
import type { Entity } from '../oneroster/index.js'
import type { OneRosterStore } from '../oneroster/state.js'
import { activeOr404, isObject, refId } from './common.js'

const ref = (sourcedId: string) => ({ sourcedId })
const live = (e: Entity): boolean => e.status !== 'tobedeleted'

/** School years run 1 August to 31 July and are named by the year they end in (2026-12-02 → 2027). */
export function schoolYearOf(date: string): number {
  const year = Number(date.slice(0, 4))
  return Number(date.slice(5, 7)) >= 8 ? year + 1 : year
}

function sessionAround(store: OneRosterStore, type: string, school: string, date: string): Entity | undefined {
  return store.list('academicSessions').find((s) =>
    live(s) && s.type === type && refId(s.org) === school && typeof s.startDate === 'string' && typeof s.endDate === 'string' &&
    s.startDate.slice(0, 10) <= date && date <= s.endDate.slice(0, 10))
}

/**
 * The term of `school` around `date`; when there is none, a new term under the school year around `date` (that
 * year created too when missing). An existing term is used as it is: no year is made for one without a parent.
 */
export function termFor(store: OneRosterStore, school: string, date: string): Entity {
  const term = sessionAround(store, 'term', school, date)
  if (term) return term
  const y = schoolYearOf(date)
  const span = { startDate: `${y - 1}-08-01`, endDate: `${y}-07-31`, schoolYear: y, org: ref(school) }
  const year = sessionAround(store, 'schoolYear', school, date) ??
    store.insert('academicSessions', { title: `${y - 1}-${y} School Year`, type: 'schoolYear', ...span })
  return store.insert('academicSessions', { title: `${y - 1}-${y} Term`, type: 'term', ...span, parent: ref(year.sourcedId) })
}

/** The school an enrollment of `course` lands in: the one asked for, else the course's org. */
export function schoolFor(store: OneRosterStore, course: Entity, schoolId: string | undefined): Entity {
  if (schoolId !== undefined) return activeOr404(store, 'orgs', schoolId, 'School')
  const org = refId(course.org)
  if (org === undefined) throw new HttpError(400, `Course '${course.sourcedId}' has no org: pass a schoolId.`)
  return activeOr404(store, 'orgs', org, 'Org')
}

/** The default class of `course` for `term` in `school`, created when missing. */
export function defaultClassFor(store: OneRosterStore, course: Entity, school: Entity, term: Entity): Entity {
  const found = store.list('classes').find((c) =>
    live(c) && isObject(c.metadata) && c.metadata.isDefaultClass === true && refId(c.course) === course.sourcedId &&
    refId(c.school) === school.sourcedId && Array.isArray(c.terms) && c.terms.some((t) => refId(t) === term.sourcedId))
  if (found) return found
  const title = typeof course.title === 'string' ? course.title : course.sourcedId
  return store.insert('classes', {
    title, classCode: typeof course.courseCode === 'string' ? course.courseCode : title, classType: 'scheduled',
    course: ref(course.sourcedId), org: ref(school.sourcedId), terms: [ref(term.sourcedId)],
    subjects: course.subjects ?? [], subjectCodes: course.subjectCodes ?? [], grades: course.grades ?? [], periods: [],
    metadata: { isDefaultClass: true },
  })
}

export interface EnrollInput {
  readonly user: Entity
  readonly course: Entity
  readonly schoolId: string | undefined
  readonly role: string
  readonly beginDate: string
  /** Today (UTC): the class is the default class of the current term, whatever date the enrollment begins on. */
  readonly today: string
  readonly sourcedId: string | undefined
  readonly metadata: unknown
}

/**
 * Enroll a user in the course's default class of the current term (year, term and class made as needed), so
 * `defaultClass` afterwards names the class the enrollment is in even when `beginDate` lies in another term. An
 * active enrollment of the user in that class is answered as it is rather than doubled.
 */
export function enroll(store: OneRosterStore, input: EnrollInput): Entity {
  const school = schoolFor(store, input.course, input.schoolId)
  const term = termFor(store, school.sourcedId, input.today)
  const klass = defaultClassFor(store, input.course, school, term)
  const existing = store.list('enrollments').find((e) => live(e) && refId(e.user) === input.user.sourcedId && refId(e.class) === klass.sourcedId)
  if (existing) return existing
  if (input.sourcedId !== undefined && store.get('enrollments', input.sourcedId)) {
    throw new HttpError(409, `Enrollment '${input.sourcedId}' already exists.`)
  }
  return store.insert('enrollments', {
    ...(input.sourcedId === undefined ? {} : { sourcedId: input.sourcedId }),
    role: input.role, primary: 'false', user: ref(input.user.sourcedId), class: ref(klass.sourcedId), school: ref(school.sourcedId),
    beginDate: input.beginDate, endDate: typeof term.endDate === 'string' ? term.endDate : null,
    ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
  })
}

/** The classes of a course (optionally in one school), active ones. */
export function classesOf(store: OneRosterStore, courseId: string, schoolId?: string): Set<string> {
  return new Set(store.list('classes')
    .filter((c) => live(c) && refId(c.course) === courseId && (schoolId === undefined || refId(c.school) === schoolId))
    .map((c) => c.sourcedId))
}

/** Active enrollments of a user (or of everyone when `userId` is undefined) in the given classes. */
export function enrollmentsIn(store: OneRosterStore, classes: Set<string>, userId?: string): Entity[] {
  return store.list('enrollments').filter((e) =>
    live(e) && classes.has(refId(e.class) ?? '') && (userId === undefined || refId(e.user) === userId))
}
