// The Queue consumer side: a `queue(batch, env)` handler hands its batch to `consumeCaliperBatch`, which sends the
// events to Caliper in envelopes within the service's limits and settles every message: ack once the service
// accepted its envelope, retry otherwise, so the Queue's own backoff, max_retries and dead-letter queue decide
// what happens next. Nothing is dropped: a message is only acked after the service took its event.

import { InputValidationError, type InputIssue } from '../core/errors.js'
import { isInputValidationError, isValidationError } from '../core/error-guards.js'
import type { CallOptions } from '../core/transport/types.js'
import { iri } from '../services/caliper/checks.js'
import { MAX_ENVELOPE_BYTES, envelopeHead, markChecked, utf8Length, type EnvelopeItem } from '../services/caliper/envelope.js'
import type { SendResult } from '../services/caliper/events.js'
import { describe } from '../services/caliper/unserializable.js'
import { readMessageBody } from './caliper-queue-message.js'

/** One message of a consumer batch (the slice of Cloudflare's `Message` used here). */
export interface QueueMessageLike {
  readonly id: string
  readonly body: unknown
  /** Deliveries so far, this one included (1 on the first). */
  readonly attempts: number
  readonly timestamp?: Date
  ack(): void
  retry(options?: { delaySeconds?: number }): void
}

/** The batch a `queue(batch, env)` handler receives (the slice of Cloudflare's `MessageBatch` used here). */
export interface MessageBatchLike {
  readonly queue: string
  readonly messages: readonly QueueMessageLike[]
}

/** What the consumer needs of a client: `events.send`, as a `CaliperClient` has it (a test may pass a stand-in). */
export interface CaliperSenderLike {
  readonly events: { send(sensor: string, events: readonly EnvelopeItem[], call?: CallOptions): Promise<SendResult> }
}

export interface ConsumeCaliperOptions {
  /** IRI of the sending app, used for every envelope. */
  sensor: string
  /** Most events per envelope. Default 100. */
  maxBatch?: number
  /** Most bytes of JSON per envelope. Default and maximum: 1 MiB (`MAX_ENVELOPE_BYTES`). */
  maxBytes?: number
  /** Envelope sends in flight at once. Default 6, the connections a Worker may hold open. */
  concurrency?: number
  /**
   * Called for each failure with its events (parsed back from the messages' text), the error and the ids of
   * the messages, which are retried. Foreign or malformed messages come with no events and an
   * InputValidationError naming `messages[i].body`. May be async: the handler waits for it. Without it, each
   * failure is logged with `console.warn` (counts and the error, never the events: student data).
   */
  onError?: (events: EnvelopeItem[], error: unknown, messageIds: string[]) => void | Promise<unknown>
}

/** Events that were not accepted, the error, and the messages (all retried). */
export interface CaliperQueueFailure {
  events: EnvelopeItem[]
  error: unknown
  messageIds: string[]
}

export interface ConsumeCaliperResult {
  /** Events the service accepted. */
  sent: number
  /** Messages acked: exactly those whose event the service accepted. */
  acked: number
  /** Messages retried: every other one. `acked + retried` is the batch's size. */
  retried: number
  /** Job ids of the accepted envelopes, for `caliper.jobs.waitForCompletion`. */
  jobIds: string[]
  /** What failed, with the messages' ids (also handed to `onError`). */
  failed: CaliperQueueFailure[]
}

/** A message whose event can be sent: its index in the batch, the event's text, size and parsed object. */
interface Entry {
  index: number
  text: string
  bytes: number
  event: EnvelopeItem
}

const MAX_DELAY_SECONDS = 43_200

function count(value: unknown, path: string, fallback: number, min: number, max = Infinity): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InputValidationError([{ path, message: `must be an integer from ${min}${max === Infinity ? '' : ` to ${max}`}, got ${String(value)}` }], 'consumeCaliperBatch')
  }
  return value
}

/**
 * Sends a Queue batch of events (put there by `createCaliperQueueProducer`) to Caliper and settles every
 * message with exactly one `ack()` or `retry()`:
 * - an envelope the service accepted: its messages are acked (right away, so a later crash cannot resend them);
 * - an envelope refused as invalid (400/422, or 413): it is split in halves and each half sent again, down to
 *   single events, so one bad event does not hold back the good ones; each event still refused is retried,
 *   and so ends in the dead-letter queue after `max_retries`, never silently dropped;
 * - any other failure (after the client's own retries: 5xx, 429, timeouts, dropped connections): its messages
 *   are retried, after `delaySeconds` from the service's Retry-After when it gave one, else with the Queue's
 *   backoff (`retry_delay`);
 * - a message that is not ours (another producer, another format version, not JSON): retried, so it ends in
 *   the dead-letter queue, and reported; it is never acked;
 * - an unexpected error: every message without an outcome yet is retried; the acked ones stay acked.
 *
 * Configure a dead-letter queue (`dead_letter_queue` in wrangler.toml): without one, Cloudflare deletes a
 * message after its last retry. Delivery is at least once: an envelope whose answer was lost (a timeout, a
 * dropped connection) may have been stored and is retried, so the service can receive an event twice; every
 * event keeps its `urn:uuid:` id, so duplicates are recognisable by `externalId`. The event text sent is the
 * one the producer validated, byte for byte; the consumer does not check it again (the service judges).
 *
 * Resolves with the counts; rejects only when `options` are invalid (before any message is touched, so the
 * whole batch is retried by the platform).
 * @example
 * export default {
 *   async queue(batch, env) {
 *     const caliper = new CaliperClient({ vars: env })
 *     await consumeCaliperBatch(batch, caliper, { sensor: 'https://app.example/sensors/main' })
 *   },
 * }
 */
export async function consumeCaliperBatch(batch: MessageBatchLike, client: CaliperSenderLike, options: ConsumeCaliperOptions): Promise<ConsumeCaliperResult> {
  if (!batch || typeof batch !== 'object' || !Array.isArray(batch.messages)) {
    throw new InputValidationError([{ path: 'batch', message: 'must be the MessageBatch a queue(batch, env) handler receives' }], 'consumeCaliperBatch')
  }
  if (!client || typeof client !== 'object' || typeof client.events?.send !== 'function') {
    throw new InputValidationError([{ path: 'client', message: 'must be a CaliperClient (an object with events.send)' }], 'consumeCaliperBatch')
  }
  if (!options || typeof options !== 'object') throw new InputValidationError([{ path: 'options', message: 'must be an object with a sensor IRI' }], 'consumeCaliperBatch')
  const sensorIssues: InputIssue[] = []
  iri(options.sensor, 'sensor', sensorIssues)
  if (sensorIssues.length) throw new InputValidationError(sensorIssues, 'consumeCaliperBatch')
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new InputValidationError([{ path: 'onError', message: 'must be a function' }], 'consumeCaliperBatch')
  }
  const consumer = new BatchConsumer(batch.messages, client, {
    sensor: options.sensor,
    maxBatch: count(options.maxBatch, 'maxBatch', 100, 1),
    maxBytes: count(options.maxBytes, 'maxBytes', MAX_ENVELOPE_BYTES, 1024, MAX_ENVELOPE_BYTES),
    concurrency: count(options.concurrency, 'concurrency', 6, 1),
    onError: options.onError,
  })
  return consumer.run()
}

/** The options with their defaults filled in. */
type ResolvedOptions = Required<Omit<ConsumeCaliperOptions, 'onError'>> & Pick<ConsumeCaliperOptions, 'onError'>

/** One batch's run: the messages, which of them have an outcome, and the counts. */
class BatchConsumer {
  readonly #messages: readonly QueueMessageLike[]
  readonly #client: CaliperSenderLike
  readonly #options: ResolvedOptions
  /** settled[i] is 1 once message i was acked or retried: each gets exactly one of them. */
  readonly #settled: Uint8Array
  readonly #result: ConsumeCaliperResult = { sent: 0, acked: 0, retried: 0, jobIds: [], failed: [] }

  constructor(messages: readonly QueueMessageLike[], client: CaliperSenderLike, options: ResolvedOptions) {
    this.#messages = messages
    this.#client = client
    this.#options = options
    this.#settled = new Uint8Array(messages.length)
  }

  async run(): Promise<ConsumeCaliperResult> {
    try {
      const entries = await this.#read()
      const next = this.#envelopes(entries)
      const worker = async () => {
        for (let group = next(); group; group = next()) await this.#send(group)
      }
      // allSettled: a worker that breaks must not end the run while others still send (their acks would race
      // the catch-all retry below).
      const runs = await Promise.allSettled(Array.from({ length: Math.min(this.#options.concurrency, entries.length) }, worker))
      const broken = runs.find((run): run is PromiseRejectedResult => run.status === 'rejected')
      if (broken) throw broken.reason
    } catch (error) {
      // A bug or a broken binding: whatever has no outcome yet is retried (the acked messages stay acked, so
      // nothing accepted is sent again), and the failure is reported like any other.
      const left = this.#messages.map((_, i) => i).filter((i) => this.#settled[i] === 0)
      const ids = left.map((i) => this.#id(i))
      for (const i of left) this.#retry(i)
      if (left.length) {
        const events = left.flatMap((i) => {
          const read = readMessageBody(this.#messages[i]?.body)
          return 'event' in read ? [read.event as unknown as EnvelopeItem] : []
        })
        await this.#report(events, error, ids)
      }
    }
    return this.#result
  }

  /** Takes each message's event; a message that is not ours is retried and reported at once. */
  async #read(): Promise<Entry[]> {
    const entries: Entry[] = []
    // Room for events in an envelope (sendTime always has the same length: an ISO date of years 0–9999).
    const room = this.#options.maxBytes - utf8Length(envelopeHead(this.#options.sensor, new Date(0).toISOString())) - 2
    for (let index = 0; index < this.#messages.length; index++) {
      const read = readMessageBody(this.#messages[index]?.body)
      let problem = 'problem' in read ? read.problem : undefined
      if ('text' in read) {
        const bytes = utf8Length(read.text)
        if (bytes > room) problem = `holds an event of ${bytes} bytes of JSON, more than an envelope of maxBytes ${this.#options.maxBytes} can hold`
        else {
          // The producer checked this very text; marking it makes `events.send` send it as is, unchecked again.
          entries.push({ index, text: read.text, bytes, event: markChecked(read.event, read.text) as unknown as EnvelopeItem })
          continue
        }
      }
      this.#retry(index)
      const error = new InputValidationError([{ path: `messages[${index}].body`, message: problem! }], 'consumeCaliperBatch')
      await this.#report([], error, [this.#id(index)])
    }
    return entries
  }

  /** Cuts the entries into envelopes as workers ask: up to maxBatch events within maxBytes, in order. */
  #envelopes(entries: readonly Entry[]): () => Entry[] | undefined {
    const room = this.#options.maxBytes - utf8Length(envelopeHead(this.#options.sensor, new Date(0).toISOString())) - 2
    let cursor = 0
    return () => {
      if (cursor >= entries.length) return undefined
      const start = cursor
      // #read kept only events that fit an envelope alone: each envelope takes at least one.
      let bytes = entries[start]!.bytes
      let end = start + 1
      while (end < entries.length && end - start < this.#options.maxBatch && bytes + 1 + entries[end]!.bytes <= room) bytes += 1 + entries[end++]!.bytes
      cursor = end
      return entries.slice(start, end)
    }
  }

  /**
   * Sends one envelope; on acceptance acks its messages. Refused as invalid: halves are sent again (a bisection:
   * k bad events among n cost about 2k·log2(n) more requests), down to single events, which are retried.
   */
  async #send(group: readonly Entry[]): Promise<void> {
    let answer: SendResult
    try {
      // Caliper promises no de-duplication, but a lost event is worse than a duplicate one, which keeps its
      // id: the engine may repeat the POST after 502/504 and dropped connections, like the in-memory queue.
      answer = await this.#client.events.send(this.#options.sensor, group.map((e) => e.event), { idempotent: true })
    } catch (error) {
      if (group.length > 1 && refusedAsInvalid(error)) {
        const half = Math.ceil(group.length / 2)
        await this.#send(group.slice(0, half))
        await this.#send(group.slice(half))
        return
      }
      const delaySeconds = retryDelay(error)
      for (const entry of group) this.#retry(entry.index, delaySeconds)
      await this.#report(group.map((e) => JSON.parse(e.text) as EnvelopeItem), error, group.map((e) => this.#id(e.index)))
      return
    }
    this.#result.sent += group.length
    if (answer?.jobId !== undefined) this.#result.jobIds.push(answer.jobId)
    for (const entry of group) this.#ack(entry.index)
  }

  #ack(index: number): void {
    if (this.#settled[index]) return
    this.#settled[index] = 1
    this.#result.acked++
    this.#messages[index]!.ack()
  }

  #retry(index: number, delaySeconds?: number): void {
    if (this.#settled[index]) return
    this.#settled[index] = 1
    this.#result.retried++
    const message = this.#messages[index]
    // A batch with holes (not a real MessageBatch): nothing to settle, the count still says what happened.
    if (message && typeof message.retry === 'function') {
      if (delaySeconds === undefined) message.retry()
      else message.retry({ delaySeconds })
    }
  }

  #id(index: number): string {
    const id = this.#messages[index]?.id
    return typeof id === 'string' ? id : `#${index}`
  }

  /** Records a failure, hands it to onError or logs it; nothing here may throw into the run. */
  async #report(events: EnvelopeItem[], error: unknown, messageIds: string[]): Promise<void> {
    this.#result.failed.push({ events, error, messageIds })
    const { onError } = this.#options
    const n = messageIds.length
    const one = n === 1
    const summary = `${n} message${one ? '' : 's'} retried (${describe(error)})`
    // Nothing is lost here, and the warning says so: the messages are retried, then dead-lettered by the Queue.
    const what = events.length === n
      ? `${n} event${one ? '' : 's'} could not be sent (${describe(error)}); ${one ? 'its message was' : 'their messages were'}`
      : `${n} message${one ? '' : 's'} could not be ${events.length ? 'sent' : 'read'} (${describe(error)}); ${one ? 'it was' : 'they were'}`
    try {
      if (onError) await onError([...events], error, [...messageIds])
      else {
        globalThis.console?.warn?.(`timeback: caliper queue consumer: ${what} retried, and after max_retries ${one ? 'goes' : 'go'} to the dead-letter ` +
          `queue (or ${one ? 'is' : 'are'} deleted if none is configured); pass onError to see ${one ? 'it' : 'them'}`)
      }
    } catch (thrown) {
      try {
        globalThis.console?.warn?.(`timeback: caliper queue consumer: onError threw for ${summary}: ${describe(thrown)}`)
      } catch {
        // A broken console must not cost the batch its outcome; the failure is in the result anyway.
      }
    }
  }
}

/** The service (or our own check) refused the envelope's content: retrying it whole would fail again. */
function refusedAsInvalid(error: unknown): boolean {
  if (isValidationError(error) || isInputValidationError(error)) return true
  return (error as { status?: unknown } | null)?.status === 413
}

/** Seconds the service asked to wait (a 429's Retry-After), within what a Queue retry accepts. */
function retryDelay(error: unknown): number | undefined {
  const seconds = (error as { retryAfter?: unknown } | null)?.retryAfter
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined
  return Math.min(MAX_DELAY_SECONDS, Math.ceil(seconds))
}
