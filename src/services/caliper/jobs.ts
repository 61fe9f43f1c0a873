/**
 * @module services/caliper/jobs — jobs (/jobs/{jobId}/status): Caliper ingests envelopes asynchronously; a send
 * answers with a job id, and the job's state tells when the events are processed (waiting → active →
 * completed, or failed).
 */

import { InputValidationError, TimebackError, TimeoutError, isTimebackError } from '../../core/errors.js'
import { encodeId } from '../../core/paths.js'
import type { ServiceContext } from '../../core/resource/context.js'
import { item, operation } from '../../core/resource/operation.js'
import { openCallScope } from '../../core/transport/deadline.js'
import type { CallOptions } from '../../core/transport/http.js'
import { sleep } from '../../core/transport/retry.js'

/**
 * The states of an ingestion job.
 * @example if ((await caliper.jobs.getStatus(jobId)).state === 'failed') retryLater()
 */
export type JobState = 'waiting' | 'active' | 'completed' | 'failed'

/**
 * An ingestion job as the service reports it.
 * @example const { state, returnValue } = await caliper.jobs.getStatus(jobId)
 */
export interface JobStatus {
  id: string
  /** The queue's state; other values are passed through as sent. */
  state: JobState | (string & {})
  /** Set once completed: the stored id allocated for each event. */
  returnValue?: { status: 'success' | 'error'; results?: { allocatedId: string | number; externalId: string }[]; [key: string]: unknown }
  /** When processing finished (epoch ms or ISO string, as the service sends it). */
  processedOn?: number | string
  /** Why a failed job failed, when the service says. */
  failedReason?: string
  [key: string]: unknown
}

/**
 * How long and how often `waitForCompletion` polls.
 * @example await caliper.jobs.waitForCompletion(jobId, { timeout: 60_000, pollInterval: 2000 })
 */
export interface WaitOptions {
  /** Give up after this many ms with a TimeoutError. Default 30000; 0 or Infinity waits without limit. */
  timeout?: number
  /** Pause between status checks in ms. Default 1000. */
  pollInterval?: number
  signal?: AbortSignal
}

/**
 * A Caliper job ended in `failed` (or completed with an error result): its events were not stored.
 * @example
 * try { await caliper.jobs.waitForCompletion(jobId) } catch (e) { if (isJobFailedError(e)) console.log(e.job.failedReason) }
 */
export class JobFailedError extends TimebackError {
  readonly job: JobStatus
  constructor(job: JobStatus) {
    const why = job.failedReason ?? (job.returnValue?.status === 'error' ? 'the job reported an error result' : undefined)
    super(`Caliper job ${job.id} failed${why ? `: ${why}` : ''}`, { code: 'job_failed', name: 'JobFailedError' })
    this.job = job
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), job: this.job }
  }
}

/**
 * True for a JobFailedError from any copy of the SDK.
 * @example
 * await caliper.jobs.waitForCompletion(jobId).catch((e) => { if (!isJobFailedError(e)) throw e; retryLater(e.job) })
 */
export function isJobFailedError(value: unknown): value is JobFailedError {
  return isTimebackError(value) && value.name === 'JobFailedError'
}

/**
 * `client.jobs`: the state of ingestion jobs (GET /jobs/{jobId}/status), and waiting for one.
 * @example const job = await caliper.jobs.waitForCompletion(jobId, { timeout: 60_000 })
 */
export interface JobsResource {
  /** The job's current status. */
  getStatus(jobId: string, call?: CallOptions): Promise<JobStatus>
  /**
   * Polls until the job completes and returns its final status. Throws JobFailedError when it fails,
   * TimeoutError after `timeout`, AbortError when `signal` fires (the pause between polls is abortable).
   */
  waitForCompletion(jobId: string, options?: WaitOptions): Promise<JobStatus>
}

/** GET /jobs/{jobId}/status — `{ job }`, or the bare job. */
const getJob = /* @__PURE__ */ operation<{ jobId: string }, JobStatus>({ method: 'GET', path: '/jobs/{jobId}/status', unwrap: /* @__PURE__ */ item('job') })

function duration(value: unknown, path: string, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !(value >= 0)) {
    throw new InputValidationError([{ path, message: `must be a number of ms >= 0, got ${String(value)}` }], 'jobs.waitForCompletion')
  }
  return value
}

/** Builds `client.jobs`. */
export function createJobs(ctx: ServiceContext): JobsResource {
  const getStatus = (jobId: string, call?: CallOptions): Promise<JobStatus> => getJob(ctx, { jobId }, call)

  async function waitForCompletion(jobId: string, options: WaitOptions = {}): Promise<JobStatus> {
    const timeout = duration(options.timeout, 'timeout', 30_000)
    const pollInterval = duration(options.pollInterval, 'pollInterval', 1_000)
    encodeId(jobId, 'jobId') // reject a bad id before the clock starts
    const what = `waiting for Caliper job ${jobId}`
    const scope = openCallScope(options.signal, timeout)
    try {
      for (;;) {
        let job: JobStatus
        try {
          job = await getStatus(jobId, { signal: scope.signal })
        } catch (error) {
          if (scope.signal.aborted) throw scope.abortError(what)
          throw error
        }
        if (job.state === 'failed' || (job.state === 'completed' && job.returnValue?.status === 'error')) throw new JobFailedError(job)
        if (job.state === 'completed') return job
        const left = scope.deadline - Date.now()
        // Checked here too: the scope's timer may not have fired yet although the deadline has passed.
        if (left <= 0) throw new TimeoutError(`${what} timed out after ${timeout} ms`, timeout)
        try {
          await sleep(Math.min(pollInterval, left), scope.signal)
        } catch {
          throw scope.abortError(what)
        }
      }
    } finally {
      scope.dispose()
    }
  }

  return { getStatus, waitForCompletion }
}
