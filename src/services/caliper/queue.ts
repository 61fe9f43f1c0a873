// An event queue for the edge: buffer events while handling a request, then flush them in envelopes within
// the size limits, a few at a time, from `ctx.waitUntil(queue.flush())`. Nothing is ever dropped: events
// either reach the service, come back through `onError` and the flush result, or stay in the queue.
// Delivery is at least once: an envelope aborted in flight may already have reached the service.

import * as v from 'valibot'
import { InputValidationError, isAbortError } from '../../core/errors.js'
import type { ServiceContext } from '../../core/resource.js'
import type { CallOptions } from '../../core/transport/http.js'
import { MAX_ENVELOPE_BYTES, envelopeOf, invalid, itemIssues, utf8Length, type EnvelopeItem } from './envelope.js'
import { postEnvelopeJson } from './events.js'
import { iriSchema } from './profile.js'

export interface QueueOptions {
  /** IRI of the sending app, used for every envelope. */
  sensor: string
  /** Most events per envelope. Default 100. */
  maxBatch?: number
  /** Most bytes of JSON per envelope. Default and maximum: 1 MiB (`MAX_ENVELOPE_BYTES`). */
  maxBytes?: number
  /** Envelope sends in flight at once. Default 6, the number of connections a Worker may hold open. */
  concurrency?: number
  /** Called with the events of an envelope that failed after the engine's retries. May be async. */
  onError?: (events: EnvelopeItem[], error: unknown) => void | Promise<unknown>
}

export interface FailedBatch {
  events: EnvelopeItem[]
  error: unknown
}

export interface FlushResult {
  /** Events the service accepted during this flush. */
  sent: number
  /** Envelopes that failed, with their events (also handed to `onError`). */
  failed: FailedBatch[]
  /** Job ids of the accepted envelopes, for `jobs.waitForCompletion`. */
  jobIds: string[]
  /** The flush was aborted; `requeued` events went back to the front of the queue. */
  aborted: boolean
  requeued: number
}


function count(value: unknown, path: string, fallback: number, min: number, max = Infinity): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InputValidationError([{ path, message: `must be an integer from ${min}${max === Infinity ? '' : ` to ${max}`}, got ${String(value)}` }], 'createQueue')
  }
  return value
}

/**
 * Buffers events and sends them in batches. Build one with `caliper.createQueue(options)`.
 * @example
 * const queue = caliper.createQueue({ sensor: 'https://myapp.example/sensors/main' })
 * queue.add(createActivityEvent({ actor, object, metrics: [{ type: 'xpEarned', value: 5 }] }))
 * ctx.waitUntil(queue.flush())
 */
export interface EventQueue {
  /** Events waiting to be sent. */
  readonly size: number
  /** Validates and buffers one event or a list (all or nothing). */
  add(events: EnvelopeItem | readonly EnvelopeItem[]): void
  /** Sends what is buffered; never rejects, never drops. */
  flush(options?: { signal?: AbortSignal; timeout?: number }): Promise<FlushResult>
}

/** The queue behind `createQueue` (not exported: users get the EventQueue interface). */
export class Queue implements EventQueue {
  readonly #ctx: ServiceContext
  readonly #sensor: string
  readonly #maxBatch: number
  readonly #maxBytes: number
  readonly #concurrency: number
  readonly #onError: QueueOptions['onError']
  #buffer: EnvelopeItem[] = []

  constructor(ctx: ServiceContext, options: QueueOptions) {
    if (!options || typeof options !== 'object') throw new InputValidationError([{ path: 'options', message: 'must be an object' }], 'createQueue')
    const sensor = v.safeParse(iriSchema, options.sensor)
    if (!sensor.success) throw new InputValidationError([{ path: 'sensor', message: sensor.issues[0].message }], 'createQueue')
    if (options.onError !== undefined && typeof options.onError !== 'function') {
      throw new InputValidationError([{ path: 'onError', message: 'must be a function' }], 'createQueue')
    }
    this.#ctx = ctx
    this.#sensor = options.sensor
    this.#maxBatch = count(options.maxBatch, 'maxBatch', 100, 1)
    this.#maxBytes = count(options.maxBytes, 'maxBytes', MAX_ENVELOPE_BYTES, 1024, MAX_ENVELOPE_BYTES)
    this.#concurrency = count(options.concurrency, 'concurrency', 6, 1)
    this.#onError = options.onError
  }

  /** Events waiting to be sent. */
  get size(): number {
    return this.#buffer.length
  }

  /**
   * Validates and buffers one event or a list. All or nothing: if any event is invalid, an
   * InputValidationError names it and none is added. Sizes are measured later, by `flush()`: `add()` runs
   * while a request is being answered, `flush()` usually after the answer, in `waitUntil`.
   */
  add(events: EnvelopeItem | readonly EnvelopeItem[]): void {
    const list = Array.isArray(events) ? events : [events]
    const single = !Array.isArray(events)
    const issues = []
    for (let i = 0; i < list.length; i++) {
      const found = itemIssues(list[i], single ? 'event' : `events[${i}]`)
      if (found.length) issues.push(...found)
    }
    if (issues.length) throw invalid(issues, 'queue.add')
    for (const event of list) this.#buffer.push(event as EnvelopeItem)
  }

  /**
   * Sends everything buffered now, at most `concurrency` envelopes at a time, each with the engine's retries.
   * Resolves (never rejects) with what was sent and what failed. When `signal` aborts, envelopes not yet
   * accepted (including those in flight) go back to the front of the queue in their original order.
   * An event too big for any envelope of `maxBytes` is not sent: it fails with an InputValidationError.
   */
  async flush(options: { signal?: AbortSignal; timeout?: number } = {}): Promise<FlushResult> {
    const { signal } = options
    const result: FlushResult = { sent: 0, failed: [], jobIds: [], aborted: false, requeued: 0 }
    const pending = this.#buffer
    this.#buffer = []
    // Envelopes are cut as workers need them, so measuring events overlaps with waiting on the network.
    let cursor = 0
    let cut = 0
    const unsent: (EnvelopeItem[] | undefined)[] = []
    // Cut by count, serialize the envelope once (as a hand-written loop would) and halve it while it is over
    // maxBytes: events are measured as part of the text that is sent, never serialized twice.
    const nextBatch = (): { index: number; batch: EnvelopeItem[]; json: string; bytes: number } | undefined => {
      if (cursor >= pending.length) return undefined
      let batch = pending.slice(cursor, cursor + this.#maxBatch)
      for (;;) {
        const json = JSON.stringify(envelopeOf(this.#sensor, batch))
        const bytes = utf8Length(json)
        if (bytes <= this.#maxBytes || batch.length === 1) {
          cursor += batch.length
          return { index: cut++, batch, json, bytes }
        }
        batch = batch.slice(0, Math.ceil(batch.length / 2))
      }
    }
    const fail = async (events: EnvelopeItem[], error: unknown) => {
      result.failed.push({ events, error })
      try {
        await this.#onError?.(events, error)
      } catch {
        // A throwing onError must not stop the other envelopes; the failure is in the result anyway.
      }
    }
    // Caliper's spec promises no de-duplication, so a repeated POST could store an event twice. We still
    // let the engine retry envelopes after 502/504 and dropped connections: losing learning events is worse
    // than a duplicate, and each event keeps its urn:uuid id on every attempt, so a duplicate is detectable
    // by `externalId` downstream.
    const call: CallOptions = { signal, idempotent: true, ...(options.timeout !== undefined ? { timeout: options.timeout } : {}) }
    const worker = async () => {
      for (let next = signal?.aborted ? undefined : nextBatch(); next; next = signal?.aborted ? undefined : nextBatch()) {
        const { index, batch: events, json, bytes } = next
        if (bytes > this.#maxBytes) {
          await fail(events, new InputValidationError([{
            path: 'event',
            message: `makes a ${bytes}-byte envelope on its own: no envelope of at most ${this.#maxBytes} bytes can hold it`,
          }], 'queue.flush'))
          continue
        }
        try {
          const answer = await postEnvelopeJson(this.#ctx, json, events.length, call)
          result.sent += events.length
          if (answer.jobId !== undefined) result.jobIds.push(answer.jobId)
        } catch (error) {
          // Aborted in flight: the service may or may not have it; keeping it errs on the side of no loss.
          if (signal?.aborted && isAbortError(error)) unsent[index] = events
          else await fail(events, error)
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, pending.length) }, worker))
    // Envelopes cut but not accepted, in their order, then whatever was never cut.
    const back = unsent.flatMap((b) => b ?? []).concat(pending.slice(cursor))
    if (back.length) this.#buffer = back.concat(this.#buffer)
    result.requeued = back.length
    result.aborted = signal?.aborted === true
    return result
  }
}
