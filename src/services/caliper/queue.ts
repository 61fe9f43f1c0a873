// An event queue for the edge: buffer events while handling a request, then flush them in envelopes within
// the size limits, a few at a time, from `ctx.waitUntil(queue.flush())`. Nothing is ever dropped: events
// either reach the service, come back through `onError` and the flush result, or stay in the queue.

import { InputValidationError, isAbortError } from '../../core/errors.js'
import type { ServiceContext } from '../../core/resource.js'
import type { CallOptions } from '../../core/transport/http.js'
import { DATA_VERSION, MAX_ENVELOPE_BYTES, envelopeOf, invalid, itemIssues, utf8Length, type EnvelopeItem } from './envelope.js'
import { postEnvelope } from './events.js'
import { iriSchema } from './profile.js'
import * as v from 'valibot'

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
export class EventQueue {
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
   * Validates and buffers one event or a list. All or nothing: if any event is invalid (or alone exceeds
   * `maxBytes`), an InputValidationError names it and none is added.
   */
  add(events: EnvelopeItem | readonly EnvelopeItem[]): void {
    const list = Array.isArray(events) ? events : [events]
    const single = !Array.isArray(events)
    const entries: Entry[] = []
    const issues = []
    for (let i = 0; i < list.length; i++) {
      const at = single ? 'event' : `events[${i}]`
      const found = itemIssues(list[i], at)
      if (found.length) {
        issues.push(...found)
        continue
      }
      const bytes = utf8Length(JSON.stringify(list[i]))
      if (this.#baseBytes + bytes > this.#maxBytes) issues.push({ path: at, message: `is ${bytes} bytes of JSON: no envelope of at most ${this.#maxBytes} bytes can hold it` })
      else entries.push({ event: list[i] as EnvelopeItem, bytes })
    }
    if (issues.length) throw invalid(issues, 'queue.add')
    for (const entry of entries) this.#buffer.push(entry)
  }

  /** Cuts `entries` into envelopes within maxBatch and maxBytes, keeping their order. */
  #batches(entries: Entry[]): Entry[][] {
    const out: Entry[][] = []
    let batch: Entry[] = []
    let bytes = this.#baseBytes
    for (const entry of entries) {
      const extra = entry.bytes + (batch.length ? 1 : 0) // the comma between items
      if (batch.length && (batch.length >= this.#maxBatch || bytes + extra > this.#maxBytes)) {
        out.push(batch)
        batch = []
        bytes = this.#baseBytes
      }
      bytes += entry.bytes + (batch.length ? 1 : 0)
      batch.push(entry)
    }
    if (batch.length) out.push(batch)
    return out
  }

  /**
   * Sends everything buffered now, at most `concurrency` envelopes at a time, each with the engine's retries.
   * Resolves (never rejects) with what was sent and what failed. When `signal` aborts, envelopes not yet
   * accepted (including those in flight) go back to the front of the queue in their original order.
   */
  async flush(options: { signal?: AbortSignal; timeout?: number } = {}): Promise<FlushResult> {
    const { signal } = options
    const result: FlushResult = { sent: 0, failed: [], jobIds: [], aborted: false, requeued: 0 }
    const batches = this.#batches(this.#buffer)
    this.#buffer = []
    const unsent: (Entry[] | undefined)[] = []
    // Caliper's spec promises no de-duplication, so a repeated POST could store an event twice. We still
    // let the engine retry envelopes after 502/504 and dropped connections: losing learning events is worse
    // than a duplicate, and each event keeps its urn:uuid id on every attempt, so a duplicate is detectable
    // by `externalId` downstream.
    const call: CallOptions = { signal, idempotent: true, ...(options.timeout !== undefined ? { timeout: options.timeout } : {}) }
    let next = 0
    const worker = async () => {
      while (next < batches.length) {
        const index = next++
        const batch = batches[index]!
        if (signal?.aborted) {
          unsent[index] = batch
          continue
        }
        const events = batch.map((e) => e.event)
        try {
          const answer = await postEnvelope(this.#ctx, envelopeOf(this.#sensor, events), call)
          result.sent += events.length
          if (answer.jobId !== undefined) result.jobIds.push(answer.jobId)
        } catch (error) {
          // Aborted in flight: the service may or may not have it; keeping it errs on the side of no loss.
          if (signal?.aborted && isAbortError(error)) {
            unsent[index] = batch
            continue
          }
          result.failed.push({ events, error })
          try {
            await this.#onError?.(events, error)
          } catch {
            // A throwing onError must not stop the other envelopes; the failure is in the result anyway.
          }
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, batches.length) }, worker))
    const back = unsent.flatMap((b) => b ?? [])
    if (back.length) this.#buffer = back.concat(this.#buffer)
    result.requeued = back.length
    result.aborted = signal?.aborted === true
    return result
  }
}
