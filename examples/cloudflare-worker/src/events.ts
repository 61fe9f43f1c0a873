// "Complete lesson": one Caliper ActivityEvent with the XP it earned. The event is built and validated (with
// its urn:uuid id) while the student waits and put on the EVENTS Queue; the queue() handler (index.ts) sends
// batches to Caliper, acking what Timeback accepted and retrying the rest with the Queue's backoff, so a
// Timeback outage costs the student nothing and loses no event (after max_retries: the dead-letter queue).
import { createActivityEvent, type ActivityEvent } from '@timeback/sdk/caliper'
import { consumeCaliperBatch, createCaliperQueueProducer, type ConsumeCaliperResult, type MessageBatchLike } from '@timeback/sdk/edge'
import type { Viewer } from './auth.js'
import { caliper, type WaitUntil } from './clients.js'
import type { Lesson } from './lessons.js'
import { classIri, userIri } from './urls.js'
import type { Env } from './worker-types.js'

export const APP_NAME = 'Timeback Worker Example'

export function lessonEvent(env: Env, rosterBase: string, student: Viewer, classId: string, lesson: Lesson): ActivityEvent {
  const lessonIri = `${env.TIMEBACK_SENSOR.replace(/\/+$/, '')}/lessons/${encodeURIComponent(lesson.id)}`
  return createActivityEvent({
    actor: { id: userIri(rosterBase, student.timebackId), email: student.email, name: student.name, role: 'student' },
    object: {
      id: lessonIri, subject: lesson.subject, app: { name: APP_NAME }, activity: { id: lessonIri, name: lesson.title },
    },
    group: classIri(rosterBase, classId),
    metrics: [
      { type: 'xpEarned', value: lesson.xp },
      { type: 'totalQuestions', value: lesson.questions },
      { type: 'correctQuestions', value: lesson.questions },
    ],
  })
}

/** Queues the event; resolves once the Queue has it (milliseconds), long before Caliper sees it. */
export async function enqueueEvent(env: Env, event: ActivityEvent): Promise<void> {
  await createCaliperQueueProducer(env.EVENTS).send(event)
}

/** The Queue consumer: one Caliper client per batch, envelopes within Caliper's limits. */
export async function sendBatch(batch: MessageBatchLike, env: Env, ctx: WaitUntil): Promise<ConsumeCaliperResult> {
  const result = await consumeCaliperBatch(batch, caliper(env, ctx), { sensor: env.TIMEBACK_SENSOR })
  // One line per batch for `wrangler tail`: counts only, never the events (student data).
  console.log(`caliper batch: ${batch.messages.length} messages, sent ${result.sent}, acked ${result.acked}, retried ${result.retried}`)
  return result
}
