// CaliperClient: send Caliper 1.2 learning events to Timeback, follow their ingestion jobs, read them back.

import { createServiceRuntime, type ServiceRuntime } from '../../core/runtime.js'
import { service } from './service.js'
import type { ClientOptions } from '../../core/config.js'
import { createEvents, type EventsResource } from './events.js'
import { createJobs, type JobsResource } from './jobs.js'
import { Queue, type EventQueue, type QueueOptions } from './queue.js'

/**
 * Typed client for Timeback's Caliper API. Same construction modes as every Timeback client; credentials
 * fall back to `CALIPER_CLIENT_ID`/`CALIPER_CLIENT_SECRET`, then `TIMEBACK_*`.
 * @example
 * const caliper = new CaliperClient({ env: 'staging', auth: { clientId, clientSecret } })
 * const { jobId } = await caliper.events.sendActivity('https://myapp.example/sensors/main', {
 *   actor: { id: 'https://myapp.example/users/u1', email: 'ada@example.com', role: 'student' },
 *   object: { id: 'https://myapp.example/lessons/7', subject: 'Math', app: { name: 'My App' } },
 *   metrics: [{ type: 'xpEarned', value: 10 }],
 * })
 * if (jobId) await caliper.jobs.waitForCompletion(jobId)
 */
export class CaliperClient {
  readonly #runtime: ServiceRuntime
  #events?: EventsResource
  #jobs?: JobsResource

  constructor(options: ClientOptions = {}) {
    this.#runtime = createServiceRuntime(service, options)
  }

  /** The resolved base URL (no credentials). */
  get baseUrl(): string {
    return this.#runtime.config.baseUrl
  }

  /** Send, validate, list and get events. */
  get events(): EventsResource {
    return (this.#events ??= createEvents(this.#runtime))
  }

  /** Status of ingestion jobs, and waiting for them. */
  get jobs(): JobsResource {
    return (this.#jobs ??= createJobs(this.#runtime))
  }

  /**
   * A queue that batches events into envelopes within the size limits and sends them with bounded
   * concurrency on `flush()`. Built for `ctx.waitUntil(queue.flush())` in a Worker.
   * @example
   * const queue = caliper.createQueue({ sensor, onError: (events, error) => console.error(events.length, error) })
   * queue.add([eventA, eventB])
   * ctx.waitUntil(queue.flush())
   */
  createQueue(options: QueueOptions): EventQueue {
    return new Queue(this.#runtime, options)
  }
}
