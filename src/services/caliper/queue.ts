// An event queue for the edge: buffer events while handling a request, then flush them in envelopes within
// the size limits, a few at a time, from `ctx.waitUntil(queue.flush())`. Nothing is ever dropped: events
// either reach the service, come back through `onError` and the flush result, or stay in the queue.
// Delivery is at least once: an envelope aborted in flight may already have reached the service.

import * as v from 'valibot'
import { InputValidationError, isAbortError } from '../../core/errors.js'
import type { ServiceContext } from '../../core/resource.js'
import type { CallOptions } from '../../core/transport/http.js'
import { DATA_VERSION, MAX_ENVELOPE_BYTES, invalid, itemIssues, utf8Length, type EnvelopeItem } from './envelope.js'
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
  onError?: (events: EnvelopeItem[], error: unknown) => void | Promise<void>
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

interface Entry {
  event: EnvelopeItem
  /** The event's JSON, made once when it is measured and reused as the envelope's text. */
  json: string | undefined
  bytes: number
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
  /** JSON bytes of an envelope from this sensor with an empty `data`. */
  readonly #baseBytes: number
  #buffer: Entry[] = []

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
    // sendTime is always 24 characters (toISOString of a 4-digit year), so any instant measures the same.
    this.#baseBytes = utf8Length(JSON.stringify({ sensor: this.#sensor, sendTime: new Date(0).toISOString(), dataVersion: DATA_VERSION, data: [] }))
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
    for (const event of list) this.#buffer.push({ event: event as EnvelopeItem, json: undefined, bytes: -1 })
  }

  /** The envelope's JSON from the events' cached JSON: each event is serialized once, not twice. */
  #envelopeJson(batch: Entry[]): string {
    const head = JSON.stringify({ sensor: this.#sensor, sendTime: new Date().toISOString(), dataVersion: DATA_VERSION })
    return `${head.slice(0, -1)},"data":[${batch.map((e) => e.json ?? JSON.stringify(e.event)).join(',')}]}`
  }

  /** JSON bytes of an entry, measured once. */
  #bytes(entry: Entry): number {
    if (entry.bytes < 0) entry.bytes = utf8Length((entry.json = JSON.stringify(entry.event)))
    return entry.bytes
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
    const unsent: (Entry[] | undefined)[] = []
    const nextBatch = (): { index: number; batch: Entry[] } | undefined => {
      if (cursor >= pending.length) return undefined
      const batch: Entry[] = []
      let bytes = this.#baseBytes
      while (cursor < pending.length && batch.length < this.#maxBatch) {
        const entry = pending[cursor]!
        const extra = this.#bytes(entry) + (batch.length ? 1 : 0) // the comma between items
        if (batch.length && bytes + extra > this.#maxBytes) break
        bytes += extra
        batch.push(entry)
        cursor++
      }
      return { index: cut++, batch }
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
        const { index, batch } = next
        const events = batch.map((e) => e.event)
        if (batch.length === 1 && this.#baseBytes + batch[0]!.bytes > this.#maxBytes) {
          await fail(events, new InputValidationError([{
            path: 'event',
            message: `is ${batch[0]!.bytes} bytes of JSON: no envelope of at most ${this.#maxBytes} bytes can hold it`,
          }], 'queue.flush'))
          continue
        }
        try {
          const answer = await postEnvelopeJson(this.#ctx, this.#envelopeJson(batch), events.length, call)
          result.sent += events.length
          if (answer.jobId !== undefined) result.jobIds.push(answer.jobId)
        } catch (error) {
          // Aborted in flight: the service may or may not have it; keeping it errs on the side of no loss.
          if (signal?.aborted && isAbortError(error)) unsent[index] = batch
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
