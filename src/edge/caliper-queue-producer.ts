// Putting Caliper events on a Cloudflare Queue from a Worker's fetch handler: validated and serialized once here,
// like `queue.add` (same checks, same errors), so a burst of events costs the request one `sendBatch` per 100
// events instead of envelope POSTs; `consumeCaliperBatch` sends them to Caliper later, with the Queue's retries.

import { InputValidationError, TimebackError, type InputIssue } from '../core/errors.js'
import { invalid, type EnvelopeItem } from '../services/caliper/envelope.js'
import { snapshotOf } from '../services/caliper/snapshot.js'
import {
  MAX_MESSAGE_BYTES, MAX_SEND_BATCH_BYTES, MAX_SEND_BATCH_MESSAGES, MESSAGE_FRAME_BYTES, MESSAGE_METADATA_BYTES, messageBody,
} from './caliper-queue-message.js'

/** How a message body is encoded on the Queue (Cloudflare's `QueueContentType`). */
export type QueueContentTypeLike = 'text' | 'bytes' | 'json' | 'v8'

/** One message of a `sendBatch` (Cloudflare's `MessageSendRequest`). */
export interface QueueSendRequestLike {
  body: unknown
  contentType?: QueueContentTypeLike
  delaySeconds?: number
}

/** The slice of a Workers Queue producer binding (`env.EVENTS`) used here (declared here: no workers-types). */
export interface QueueProducerLike {
  send(body: unknown, options?: { contentType?: QueueContentTypeLike; delaySeconds?: number }): Promise<unknown>
  sendBatch(messages: Iterable<QueueSendRequestLike>, options?: { delaySeconds?: number }): Promise<unknown>
}

/** Options of `producer.send`. */
export interface CaliperQueueSendOptions {
  /** Deliver the messages this many seconds from now (0–43200, Cloudflare's limit). */
  delaySeconds?: number
}

/** Puts Caliper events on a Queue for `consumeCaliperBatch`. */
export interface CaliperQueueProducer {
  /**
   * Validates and serializes every event first (the checks and errors of `queue.add`: an InputValidationError
   * naming `event` or `events[i]`), then queues them, one message per event, in `sendBatch` calls within the
   * Queue's limits. All or nothing on validation: if any event is refused, none is queued. An event whose
   * message would exceed Cloudflare's 128 KB is refused here, by name.
   */
  send(events: EnvelopeItem | readonly EnvelopeItem[], options?: CaliperQueueSendOptions): Promise<{ queued: number }>
}

/**
 * A `sendBatch` failed after the events before it were queued. `queued` counts them: the first `queued` events
 * are on the Queue, the rest are not; sending those again (`events.slice(error.queued)`) queues nothing twice.
 * @example
 * try { await producer.send(events) } catch (e) { if (e instanceof CaliperQueueSendError) await producer.send(events.slice(e.queued)) }
 */
export class CaliperQueueSendError extends TimebackError {
  readonly queued: number
  constructor(queued: number, total: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super(`caliper queue producer: the Queue refused a sendBatch after ${queued} of ${total} events were queued (events[${queued}] and after are not): ${reason}`, {
      cause, name: 'CaliperQueueSendError',
    })
    this.queued = queued
  }
}

const MAX_DELAY_SECONDS = 43_200

/**
 * A producer over a Queue binding.
 * @example
 * // wrangler.toml: [[queues.producers]] queue = "caliper-events", binding = "EVENTS"
 * const producer = createCaliperQueueProducer(env.EVENTS)
 * await producer.send(createActivityEvent({ actor, object, metrics: [{ type: 'xpEarned', value: 5 }] }))
 */
export function createCaliperQueueProducer(queue: QueueProducerLike): CaliperQueueProducer {
  if (!queue || typeof (queue as Partial<QueueProducerLike>).sendBatch !== 'function') {
    throw new InputValidationError([{ path: 'queue', message: 'must be a Queue producer binding (env.<BINDING> from [[queues.producers]] in wrangler.toml)' }], 'createCaliperQueueProducer')
  }
  return {
    async send(events, options = {}) {
      const delaySeconds = options?.delaySeconds
      if (delaySeconds !== undefined && (typeof delaySeconds !== 'number' || !Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS)) {
        throw new InputValidationError([{ path: 'delaySeconds', message: `must be an integer from 0 to ${MAX_DELAY_SECONDS}, got ${String(delaySeconds)}` }], 'producer.send')
      }
      const bodies = messageBodies(events)
      let queued = 0
      for (const chunk of chunks(bodies)) {
        const messages = chunk.map((body): QueueSendRequestLike => ({ body, contentType: 'text' }))
        try {
          await queue.sendBatch(messages, delaySeconds === undefined ? undefined : { delaySeconds })
        } catch (error) {
          throw new CaliperQueueSendError(queued, bodies.length, error)
        }
        queued += chunk.length
      }
      return { queued }
    },
  }
}

/** Room for an event's JSON in one message. */
const EVENT_ROOM = MAX_MESSAGE_BYTES - MESSAGE_METADATA_BYTES - MESSAGE_FRAME_BYTES

/** Every event's message body, or an InputValidationError naming each refused event (nothing is queued then). */
function messageBodies(events: EnvelopeItem | readonly EnvelopeItem[]): { body: string; bytes: number }[] {
  const single = !Array.isArray(events)
  const list: readonly unknown[] = single ? [events] : (events as readonly unknown[])
  const issues: InputIssue[] = []
  const bodies: { body: string; bytes: number }[] = []
  for (let i = 0; i < list.length; i++) {
    const at = single ? 'event' : `events[${i}]`
    const snapshot = snapshotOf(list[i], at, issues)
    if (!snapshot) continue
    if (snapshot.bytes > EVENT_ROOM) {
      issues.push({ path: at, message: `is ${snapshot.bytes} bytes of JSON: a Queue message holds at most ${EVENT_ROOM} bytes of event (Cloudflare's 128 KB per message); send it with caliper.events.send instead` })
      continue
    }
    // The frame is ASCII: the body's size is the event's plus the frame's.
    bodies.push({ body: messageBody(snapshot.text), bytes: snapshot.bytes + MESSAGE_FRAME_BYTES })
  }
  if (issues.length) throw invalid(issues, 'producer.send')
  return bodies
}

/** Cuts the bodies into `sendBatch` calls of at most 100 messages and 256 KB (metadata counted), in order. */
function* chunks(bodies: readonly { body: string; bytes: number }[]): Generator<string[]> {
  let chunk: string[] = []
  let bytes = 0
  for (const { body, bytes: size } of bodies) {
    const cost = size + MESSAGE_METADATA_BYTES
    if (chunk.length === MAX_SEND_BATCH_MESSAGES || (chunk.length > 0 && bytes + cost > MAX_SEND_BATCH_BYTES)) {
      yield chunk
      chunk = []
      bytes = 0
    }
    chunk.push(body)
    bytes += cost
  }
  if (chunk.length) yield chunk
}
