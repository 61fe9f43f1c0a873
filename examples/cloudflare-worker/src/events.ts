// "Complete lesson": one Caliper ActivityEvent with the XP it earned, sent to Timeback. The event is built
// (validated, with its urn:uuid id) while the student waits, and sent after the response.
import { createActivityEvent, type ActivityEvent } from '@timeback/sdk/caliper'
import type { Viewer } from './auth.js'
import { caliper } from './clients.js'
import type { Lesson } from './lessons.js'
import { classIri, userIri } from './urls.js'
import type { Env, ExecutionContext } from './worker-types.js'

export const APP_NAME = 'Timeback Worker Example'

export function lessonEvent(env: Env, student: Viewer, classId: string, lesson: Lesson): ActivityEvent {
  const lessonIri = `${env.TIMEBACK_SENSOR.replace(/\/+$/, '')}/lessons/${encodeURIComponent(lesson.id)}`
  return createActivityEvent({
    actor: { id: userIri(env, student.timebackId), email: student.email, name: student.name, role: 'student' },
    object: {
      id: lessonIri, subject: lesson.subject, app: { name: APP_NAME }, activity: { id: lessonIri, name: lesson.title },
    },
    group: classIri(env, classId),
    metrics: [
      { type: 'xpEarned', value: lesson.xp },
      { type: 'totalQuestions', value: lesson.questions },
      { type: 'correctQuestions', value: lesson.questions },
    ],
  })
}

/** Hands the event to Caliper after the response (`waitUntil`): the student does not wait for Timeback. */
export function sendEvent(env: Env, ctx: ExecutionContext, event: ActivityEvent): void {
  const queue = caliper(env).createQueue({ sensor: env.TIMEBACK_SENSOR })
  queue.add(event)
  ctx.waitUntil(queue.flush())
}
