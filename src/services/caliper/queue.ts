/**
 * @module services/caliper/queue — an event queue for the edge: buffer events while handling a request, then flush them in envelopes within
 * the size limits, a few at a time, from `ctx.waitUntil(queue.flush())`. Nothing is ever dropped: events
 * either reach the service, come back through `onError` and the flush result, or stay in the queue.
 * Delivery is at least once: an envelope aborted in flight may already have reached the service.
 * Each event is serialized once, by `add()`: what is sent is that text, whatever the caller does later.
 */

import { InputValidationError, isAbortError, type InputIssue } from '../../core/errors.js'
import type { ServiceContext } from '../../core/resource.js'
import type { CallOptions } from '../../core/transport/http.js'
import { MAX_ENVELOPE_BYTES, envelopeHead, invalid, utf8Length, type EnvelopeItem } from './envelope.js'
import { postEnvelopeJson } from './events.js'
import { iri } from './checks.js'
import { snapshotOf, type Snapshot } from './snapshot.js'
import { describe } from './unserializable.js'

export interface QueueOptions {
  /** IRI of the sending app, used for every envelope. */
  sensor: string
  /** Most events per envelope. Default 100. */
  maxBatch?: number
  /** Most bytes of JSON per envelope. Default and maximum: 1 MiB (`MAX_ENVELOPE_BYTES`). */
  maxBytes?: number
  /** Envelope sends in flight at once. Default 6, the number of connections a Worker may hold open. */
  concurrency?: number
  /**
   * Called with the events of an envelope that failed after the engine's retries. May be async: the flush
   * waits for it. Without it, each failed envelope is logged (count and error, never the events) through
   * the client's `logger.warn`, or `console.warn` when the client has no logger.
   */
  onError?: (events: EnvelopeItem[], error: unknown) => void | Promise<unknown>
}

export interface FailedBatch {
  /** The events as `add()` serialized them (parsed back: plain objects, ready to add again). */
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
  /** The flush was aborted (its signal fired). */
  aborted: boolean
  /** Events put back at the front of the queue, in order: those an abort or an unexpected error left unsent. */
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
  /** Validates, serializes and buffers one event or a list (all or nothing). */
  add(events: EnvelopeItem | readonly EnvelopeItem[]): void
  /** Sends what is buffered; never rejects, never drops. */
  flush(options?: { signal?: AbortSignal; timeout?: number }): Promise<FlushResult>
}

/** Envelope sends cut from a flush's events: `[start, end)` of them, as the JSON text to POST. */
interface Batch {
  start: number
  end: number
  json: string
}

/** The queue behind `createQueue` (not exported: users get the EventQueue interface). */
export class Queue implements EventQueue {
  readonly #ctx: ServiceContext
  readonly #sensor: string
  readonly #maxBatch: number
  readonly #maxBytes: number
  readonly #concurrency: number
  readonly #onError: QueueOptions['onError']
  /** Bytes of an envelope around no events: its own fields, `[` and `]}`. */
  readonly #frameBytes: number
  #buffer: Snapshot[] = []
  constructor(ctx: ServiceContext, options: QueueOptions) {
    if (!options || typeof options !== 'object') throw new InputValidationError([{ path: 'options', message: 'must be an object' }], 'createQueue')
    const sensorIssues: InputIssue[] = []
    iri(options.sensor, 'sensor', sensorIssues)
    if (sensorIssues.length) throw new InputValidationError(sensorIssues, 'createQueue')
    if (options.onError !== undefined && typeof options.onError !== 'function') {
      throw new InputValidationError([{ path: 'onError', message: 'must be a function' }], 'createQueue')
    }
    this.#ctx = ctx
    this.#sensor = options.sensor
    this.#maxBatch = count(options.maxBatch, 'maxBatch', 100, 1)
    this.#maxBytes = count(options.maxBytes, 'maxBytes', MAX_ENVELOPE_BYTES, 1024, MAX_ENVELOPE_BYTES)
    this.#concurrency = count(options.concurrency, 'concurrency', 6, 1)
    this.#onError = options.onError
    this.#frameBytes = utf8Length(envelopeHead(this.#sensor, new Date(0).toISOString())) + 2
  }

  /** Events waiting to be sent. */
  get size(): number {
    return this.#buffer.length
  }

  /**
   * Validates, serializes and buffers one event or a list. All or nothing: if any event is invalid, cannot be
   * serialized, or is too big for an envelope of `maxBytes`, an InputValidationError names it and none is
   * added. The JSON text taken here is what will be sent: changing the object afterwards changes nothing.
   */
  add(events: EnvelopeItem | readonly EnvelopeItem[]): void {
    const single = !Array.isArray(events)
    const list: readonly unknown[] = single ? [events] : events
    const issues: InputIssue[] = []
    const room = this.#maxBytes - this.#frameBytes
    const snapshots: Snapshot[] = []
    for (let i = 0; i < list.length; i++) {
      const at = single ? 'event' : `events[${i}]`
      const snapshot = snapshotOf(list[i], at, issues)
      if (snapshot && snapshot.bytes > room) {
        issues.push({ path: at, message: `is ${snapshot.bytes} bytes of JSON: no envelope of at most ${this.#maxBytes} bytes can hold it` })
      } else if (snapshot) snapshots.push(snapshot)
    }
    if (issues.length) throw invalid(issues, 'queue.add')
    for (const snapshot of snapshots) this.#buffer.push(snapshot)
  }

  /**
   * Sends everything buffered now, at most `concurrency` envelopes at a time, each with the engine's retries.
   * Resolves (never rejects) with what was sent and what failed. When `signal` aborts, envelopes not yet
   * accepted (including those in flight) go back to the front of the queue in their original order; so does
   * anything an unexpected error left without an outcome. Flushes at once share nothing: each takes what is
   * buffered when it is called (so nothing is sent twice), and none waits on another, which in a Worker
   * may belong to another request, whose I/O this one could not use.
   */
  async flush(options: { signal?: AbortSignal; timeout?: number } = {}): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, failed: [], jobIds: [], aborted: false, requeued: 0 }
    const taken = this.#buffer
    this.#buffer = []
    // done[i] becomes 1 once event i has an outcome (accepted, or handed back in `failed`). Whatever happens
    // in between, the finally puts every other taken event back at the front of the queue, in order.
    const done = new Uint8Array(taken.length)
    let signal: AbortSignal | undefined
    try {
      signal = options?.signal
      const timeout = options?.timeout
      // Caliper's spec promises no de-duplication, so a repeated POST could store an event twice. We still
      // let the engine retry envelopes after 502/504 and dropped connections: losing learning events is
      // worse than a duplicate, and each event keeps its urn:uuid id on every attempt, so a duplicate is
      // detectable by `externalId` downstream.
      const call: CallOptions = { signal, idempotent: true, ...(timeout !== undefined ? { timeout } : {}) }
      const next = this.#batches(taken)
      const worker = async () => {
        for (let batch = signal?.aborted ? undefined : next(); batch; batch = signal?.aborted ? undefined : next()) {
          await this.#send(batch, taken, done, call, result)
        }
      }
      // allSettled, not all: a worker that breaks must not let the flush end while others still send.
      const runs = await Promise.allSettled(Array.from({ length: Math.min(this.#concurrency, taken.length) }, worker))
      const broken = runs.find((run): run is PromiseRejectedResult => run.status === 'rejected')
      if (broken) throw broken.reason
    } catch (error) {
      const left = done.length - done.reduce((n, d) => n + d, 0)
      this.#log(`timeback: caliper queue: flush stopped by an unexpected error; ${left} events stay queued: ${describe(error)}`, { requeued: left })
    } finally {
      const back = taken.filter((_, i) => done[i] === 0)
      if (back.length) this.#buffer = back.concat(this.#buffer)
      result.requeued = back.length
      result.aborted = signal?.aborted === true
    }
    return result
  }

  /** Cuts `taken` into envelopes as workers ask: up to maxBatch events, within maxBytes, from texts made once. */
  #batches(taken: readonly Snapshot[]): () => Batch | undefined {
    let cursor = 0
    return () => {
      if (cursor >= taken.length) return undefined
      const head = envelopeHead(this.#sensor, new Date().toISOString())
      const room = this.#maxBytes - utf8Length(head) - 2
      const start = cursor
      // add() made sure every event fits an envelope on its own, so each envelope takes at least one.
      let bytes = taken[start]!.bytes
      let end = start + 1
      while (end < taken.length && end - start < this.#maxBatch && bytes + 1 + taken[end]!.bytes <= room) bytes += 1 + taken[end++]!.bytes
      cursor = end
      const texts = new Array<string>(end - start)
      for (let i = start; i < end; i++) texts[i - start] = taken[i]!.text
      return { start, end, json: `${head}${texts.join(',')}]}` }
    }
  }

  /** POSTs one envelope and records its outcome; an envelope aborted in flight gets none (so it is requeued). */
  async #send(batch: Batch, taken: readonly Snapshot[], done: Uint8Array, call: CallOptions, result: FlushResult): Promise<void> {
    const { start, end, json } = batch
    try {
      const answer = await postEnvelopeJson(this.#ctx, json, end - start, call)
      result.sent += end - start
      if (answer.jobId !== undefined) result.jobIds.push(answer.jobId)
      done.fill(1, start, end)
    } catch (error) {
      // Aborted in flight: the service may or may not have it; keeping it errs on the side of no loss.
      if (call.signal?.aborted && isAbortError(error)) return
      const events = taken.slice(start, end).map((s) => JSON.parse(s.text) as EnvelopeItem)
      result.failed.push({ events, error })
      done.fill(1, start, end)
      await this.#report(events, error)
    }
  }

  /** Hands a failed envelope to onError, or logs it; nothing here may throw into the flush. */
  async #report(events: EnvelopeItem[], error: unknown): Promise<void> {
    const summary = { events: events.length, error: describe(error) }
    if (!this.#onError) {
      this.#log(`timeback: caliper queue: an envelope of ${events.length} events failed (they are in the flush result's \`failed\`; pass onError to handle them): ${summary.error}`, summary)
      return
    }
    try {
      // A copy: what onError does to its array does not change the flush result.
      await this.#onError([...events], error)
    } catch (thrown) {
      this.#log(`timeback: caliper queue: onError threw for an envelope of ${events.length} failed events (${summary.error}): ${describe(thrown)}`, summary)
    }
  }

  /** Warns through the client's logger, or the console when it has none; never the events (student data). */
  #log(message: string, data: Record<string, unknown>): void {
    try {
      const logger = this.#ctx.logger
      if (!logger) globalThis.console?.warn?.(message)
      else if (logger.warn) logger.warn(message, data)
      else logger.error?.(message, data)
    } catch {
      // A broken logger must not cost events; the failures are in the flush result anyway.
    }
  }
}
