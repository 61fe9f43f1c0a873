// How EduBridge turns what it receives into facts: Timeback-profile Caliper events (stored by the Caliper host, or
// posted to EduBridge's own ingest route) become one fact each, their actor mapped to a OneRoster user by the user
// URL in `actor.id`, else by email; PowerPath's LEARNING_FACTS arrive as facts already. Other events are ignored.
import type { LearningFact } from '../learning-facts.js'
import type { OneRosterStore } from '../oneroster/state.js'
import { isObject, refId, userByEmail, type Row } from './common.js'
import { classesOf, enrollmentsIn } from './roster.js'
import type { StoredFact } from './state.js'

/** Where a batch came from: the envelope's sensor and send time, and when EduBridge processed it. */
export interface Provenance {
  readonly sensor: string
  readonly sendTime: string
  readonly generatedAt: string
  newId(): string
}

const ACTIVITY = { xpEarned: 'xpEarned', totalQuestions: 'totalQuestions', correctQuestions: 'correctQuestions', masteredUnits: 'masteredUnits' } as const
const TIME = { active: 'activeSeconds', inactive: 'inactiveSeconds', waste: 'wasteSeconds' } as const
const ZERO = { xpEarned: 0, totalQuestions: 0, correctQuestions: 0, masteredUnits: 0, activeSeconds: 0, inactiveSeconds: 0, wasteSeconds: 0 }

const str = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined)

/** The last path segment after `/<collection>/` in a OneRoster URL, decoded. */
function idAfter(url: unknown, collection: string): string | undefined {
  const m = typeof url === 'string' ? new RegExp(`/${collection}/([^/?#]+)/?$`).exec(url) : null
  if (!m) return undefined
  try {
    return decodeURIComponent(m[1]!)
  } catch {
    return undefined
  }
}

/** The actor as a OneRoster user: by the user URL in its id, else by its email; unknown actors keep their own id. */
function studentOf(store: OneRosterStore | undefined, actor: unknown): { studentId: string; email?: string } | undefined {
  const id = isObject(actor) ? str(actor.id) : str(actor)
  const email = isObject(actor) ? str(actor.email) : undefined
  const tail = idAfter(id, 'users')
  const user = (tail !== undefined ? store?.get('users', tail) : undefined) ?? (email && store ? userByEmail(store, email) : undefined)
  const studentId = user?.sourcedId ?? tail ?? id
  if (studentId === undefined) return undefined
  const known = email ?? str(user?.email)
  return known === undefined ? { studentId } : { studentId, email: known }
}

/** The student's active enrollment in a class of the course, if any. */
export function enrollmentOf(store: OneRosterStore | undefined, studentId: string, courseId: string | undefined): string | undefined {
  if (!store || courseId === undefined) return undefined
  return enrollmentsIn(store, classesOf(store, courseId), studentId)[0]?.sourcedId
}

/** One fact of a Timeback `ActivityEvent` or `TimeSpentEvent`; `undefined` for any other event. */
export function factOfEvent(store: OneRosterStore | undefined, event: Row, from: Provenance): StoredFact | undefined {
  const type = event.type
  if (type !== 'ActivityEvent' && type !== 'TimeSpentEvent') return undefined
  const object = event.object
  const who = studentOf(store, event.actor)
  const occurredAt = str(event.eventTime)
  if (!isObject(object) || !who || occurredAt === undefined || Number.isNaN(Date.parse(occurredAt))) return undefined
  const course = isObject(object.course) ? object.course : {}
  const activity = isObject(object.activity) ? object.activity : {}
  const extensions = isObject(event.extensions) ? event.extensions : {}
  const courseId = idAfter(course.id, 'courses') ?? str(course.id) ?? str(extensions.courseId)
  const metrics: Record<string, number> = { ...ZERO }
  const names: Record<string, string> = type === 'ActivityEvent' ? ACTIVITY : TIME
  const items = isObject(event.generated) && Array.isArray(event.generated.items) ? event.generated.items : []
  for (const item of items) {
    const key = isObject(item) && typeof item.type === 'string' ? names[item.type] : undefined
    if (key && typeof item.value === 'number' && Number.isFinite(item.value)) metrics[key]! += item.value
  }
  const app = isObject(object.app) ? str(object.app.name) : undefined
  const courseName = str(course.name) ?? (courseId !== undefined ? str(store?.get('courses', courseId)?.title) : undefined)
  const enrollmentId = enrollmentOf(store, who.studentId, courseId)
  return {
    id: from.newId(), ...who, occurredAt, subject: str(object.subject) ?? 'None', app: app ?? from.sensor,
    ...(courseId === undefined ? {} : { courseId }), ...(courseName === undefined ? {} : { courseName }),
    ...(enrollmentId === undefined ? {} : { enrollmentId }),
    activityId: str(activity.id) ?? str(object.id) ?? '', ...(str(activity.name) === undefined ? {} : { activityName: str(activity.name) }),
    eventType: type, ...(metrics as typeof ZERO), source: 'caliper',
    sensor: from.sensor, sendTime: from.sendTime, generatedAt: from.generatedAt,
  }
}

/** A LEARNING_FACTS entry as stored; entries without a student, a valid time or a known event type are dropped. */
export function storedLearningFact(store: OneRosterStore | undefined, fact: unknown, from: Provenance): StoredFact | undefined {
  if (!isObject(fact)) return undefined
  const f = fact as unknown as LearningFact
  if (!str(f.studentId) || typeof f.occurredAt !== 'string' || Number.isNaN(Date.parse(f.occurredAt))) return undefined
  if (f.eventType !== 'ActivityEvent' && f.eventType !== 'TimeSpentEvent') return undefined
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0)
  const enrollmentId = f.enrollmentId ?? enrollmentOf(store, f.studentId, f.courseId)
  const email = f.email ?? str(store?.get('users', f.studentId)?.email)
  return {
    ...f, ...(email === undefined ? {} : { email }), ...(enrollmentId === undefined ? {} : { enrollmentId }),
    subject: str(f.subject) ?? 'None', app: str(f.app) ?? from.sensor, activityId: str(f.activityId) ?? '',
    xpEarned: num(f.xpEarned), totalQuestions: num(f.totalQuestions), correctQuestions: num(f.correctQuestions),
    masteredUnits: num(f.masteredUnits), activeSeconds: num(f.activeSeconds), inactiveSeconds: num(f.inactiveSeconds),
    wasteSeconds: num(f.wasteSeconds), source: str(f.source) ?? from.sensor,
    id: from.newId(), sensor: from.sensor, sendTime: from.sendTime, generatedAt: from.generatedAt,
  }
}

/** The course of an enrollment's class (for enrollment-scoped analytics). */
export function courseOfEnrollment(store: OneRosterStore, enrollment: Row): string | undefined {
  return refId(store.get('classes', refId(enrollment.class) ?? '')?.course)
}
