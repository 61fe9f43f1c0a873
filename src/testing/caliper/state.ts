// Per-emulator Caliper state: stored events in the service's stored shape, ingestion jobs, and the switches
// tests use (fail the next job, cap the page size). Owned by the Caliper module instance of one emulator.

/** The prefix under which the emulator serves the Caliper host (Caliper events, and the Webhooks module). */
export const CALIPER_HOST = '/caliper-host'

/**
 * Hub topic published after an accepted send stored its events: `{ events: StoredCaliperEvent[], envelope }`.
 * The Webhooks module delivers them.
 */
export const CALIPER_EVENTS_STORED = 'caliper.events-stored'

/** Payload of {@link CALIPER_EVENTS_STORED}. */
export interface StoredEventsMessage {
  readonly events: readonly StoredCaliperEvent[]
  /** The envelope as sent (deliveries carry each event exactly as it was sent). */
  readonly envelope: unknown
}

/**
 * An event as the Caliper host stores and lists it (note the snake_case timestamps). Fields the event did
 * not carry are `null`.
 *
 * @example
 * const [first] = emulator.caliper.events
 * first.externalId // 'urn:uuid:…'
 */
export type StoredCaliperEvent = {
  /** Internal id, allocated in order from 1. */
  id: number
  /** The event's own `urn:uuid:` id. */
  externalId: string
  sensor: string
  type: string
  profile: string | null
  action: string
  eventTime: string
  sendTime: string
  created_at: string
  updated_at: string
  deleted_at: string | null
  actor: unknown
  object: unknown
  generated: unknown
  target: unknown
  referrer: unknown
  edApp: unknown
  group: unknown
  membership: unknown
  session: unknown
  federatedSession: unknown
  extensions: Record<string, unknown> | null
}

export type CaliperJobState = 'waiting' | 'active' | 'completed' | 'failed'

export interface CaliperJob {
  readonly id: string
  state: CaliperJobState
  /** Ends in `failed` instead of `completed`. */
  fail: string | undefined
  readonly results: { allocatedId: number; externalId: string }[]
  processedOn: number | undefined
}

export interface CaliperState {
  readonly events: StoredCaliperEvent[]
  readonly byExternalId: Map<string, StoredCaliperEvent>
  readonly jobs: Map<string, CaliperJob>
  nextId: number
  /** Reason the next accepted send's job will fail with, when set. */
  failNext: string | undefined
  pageCap: number
}

/** A fresh, empty Caliper state. */
export function createCaliperState(): CaliperState {
  return { events: [], byExternalId: new Map(), jobs: new Map(), nextId: 1, failNext: undefined, pageCap: 1000 }
}

/**
 * `emulator.caliper`: what the emulated Caliper host stored, and switches for failure paths.
 *
 * @example
 * emulator.caliper.failNextJob('disk full')
 * await caliper.events.send(sensor, [event]) // accepted; its job ends `failed`, nothing is stored
 */
export interface CaliperControls {
  /** Stored events, oldest first (the live array: do not modify it). */
  readonly events: readonly StoredCaliperEvent[]
  /** The job of the next accepted send fails (after waiting, active): its events are neither stored nor delivered. */
  failNextJob(reason?: string): void
  /** Make an existing job end in `failed` instead of `completed` (if it has not completed yet). */
  failJob(jobId: string, reason?: string): boolean
  /** Largest page GET /caliper/events serves (default 1000), to imitate a service-side cap. */
  maxPageSize(limit: number): void
  /** Forget events and jobs and clear the switches. */
  clear(): void
}

/** `emulator.caliper` over one state. */
export function caliperControls(state: CaliperState): CaliperControls {
  return {
    events: state.events,
    failNextJob(reason = 'Injected failure: the job was told to fail.') {
      state.failNext = reason
    },
    failJob(jobId, reason = 'Injected failure: the job was told to fail.') {
      const job = state.jobs.get(jobId)
      if (!job || job.state === 'completed' || job.state === 'failed') return false
      job.fail = reason
      return true
    },
    maxPageSize(limit) {
      if (!Number.isInteger(limit) || limit < 1) throw new RangeError('caliper.maxPageSize: limit must be an integer >= 1.')
      state.pageCap = limit
    },
    clear() {
      state.events.length = 0
      state.byExternalId.clear()
      state.jobs.clear()
      state.nextId = 1
      state.failNext = undefined
      state.pageCap = 1000
    },
  }
}
