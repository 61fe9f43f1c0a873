// What happens when a student finishes a lesson attempt: the LEARNING_FACTS hub topic gets one ActivityEvent fact
// (XP, questions, mastered units) and one TimeSpentEvent fact (seconds from the attempt's start to its end), which
// EduBridge's analytics consume; and a test assignment pointing at the lesson moves to completed or failed.
// Published on every completion, XP 0 included: the questions a student answered count even when they earn nothing.
import { LEARNING_FACTS, type LearningFact, type LearningFactsMessage } from '../learning-facts.js'
import { roster, type Lesson, type PP, refId } from './catalog.js'
import { PASS_SCORE, tally } from './attempts.js'
import type { Attempt } from './state.js'
import { statusOf } from './test-assignments.js'

/** The student's OneRoster enrollment in a class of `courseId`, if any. */
function enrollmentIn(pp: PP, student: string, courseId: string | undefined): string | undefined {
  const store = roster(pp)
  if (!store || courseId === undefined) return undefined
  return store.list('enrollments').find((e) => e.status !== 'tobedeleted' && refId(e.user) === student && refId(store.get('classes', refId(e.class) ?? '')?.course) === courseId)?.sourcedId
}

function publishFacts(pp: PP, lesson: Lesson, student: string, attempt: Attempt, totalQuestions: number): void {
  const user = roster(pp)?.get('users', student)
  const course = lesson.courseId === undefined ? undefined : roster(pp)?.get('courses', lesson.courseId)
  const { correct } = tally(attempt)
  const end = attempt.completedAt ?? pp.env.nowIso()
  const seconds = Math.max(0, Math.round((Date.parse(end) - Date.parse(attempt.startedAt)) / 1000))
  const enrollmentId = enrollmentIn(pp, student, lesson.courseId)
  const base = {
    studentId: student, ...(typeof user?.email === 'string' ? { email: user.email } : {}), occurredAt: end, subject: lesson.subject ?? 'None', app: 'PowerPath',
    ...(lesson.courseId === undefined ? {} : { courseId: lesson.courseId }), ...(typeof course?.title === 'string' ? { courseName: course.title } : {}),
    ...(enrollmentId === undefined ? {} : { enrollmentId }), activityId: lesson.id, activityName: lesson.title, source: 'powerpath',
  }
  const none = { xpEarned: 0, totalQuestions: 0, correctQuestions: 0, masteredUnits: 0, activeSeconds: 0, inactiveSeconds: 0, wasteSeconds: 0 }
  const facts: LearningFact[] = [
    { ...base, ...none, eventType: 'ActivityEvent', xpEarned: attempt.xp ?? 0, totalQuestions, correctQuestions: correct, masteredUnits: (attempt.multiplier ?? 0) > 0 ? 1 : 0 },
    { ...base, ...none, eventType: 'TimeSpentEvent', activeSeconds: seconds },
  ]
  pp.env.publish(LEARNING_FACTS, { facts } satisfies LearningFactsMessage)
}

/** Everything a completed attempt changes outside itself. */
export function onComplete(pp: PP, lesson: Lesson, student: string, attempt: Attempt, totalQuestions: number): void {
  publishFacts(pp, lesson, student, attempt, totalQuestions)
  for (const a of pp.state.assignments) {
    if (a.deleted || a.studentSourcedId !== student || a.componentResourceSourcedId !== lesson.id) continue
    const status = statusOf(pp, a)
    if (status !== 'assigned' && status !== 'in_progress') continue
    a.assignmentStatus = attempt.score >= PASS_SCORE ? 'completed' : 'failed'
    a.completedAt = attempt.completedAt
  }
}

/** A first answer to a lesson moves its assigned test assignments to in_progress. */
export function onStarted(pp: PP, lessonId: string, student: string): void {
  for (const a of pp.state.assignments) {
    if (!a.deleted && a.studentSourcedId === student && a.componentResourceSourcedId === lessonId && statusOf(pp, a) === 'assigned') a.assignmentStatus = 'in_progress'
  }
}
