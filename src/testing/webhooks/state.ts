// Per-emulator webhook state: registered webhooks and filters, the delivery log, and the deliveries still
// running. Owned by the Webhooks module instance of one emulator.
export { CALIPER_HOST } from '../caliper/state.js'

export const FILTER_TYPES = ['string', 'number', 'boolean'] as const
export const FILTER_OPERATIONS = [
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'notContains', 'in', 'notIn', 'startsWith', 'endsWith', 'regexp',
] as const
export type FilterType = (typeof FILTER_TYPES)[number]
export type FilterOperation = (typeof FILTER_OPERATIONS)[number]

export interface WebhookRecord {
  id: string
  name: string
  description: string | null
  targetUrl: string
  secret: string
  active: boolean
  sensor: string | null
  createdAt: string
  updatedAt: string
  deletedAt: string | null
}

export interface FilterRecord {
  id: string
  webhookId: string
  filterKey: string
  filterValue: string
  filterType: FilterType
  filterOperation: FilterOperation
  active: boolean
  createdAt: string
  updatedAt: string
  deletedAt: string | null
}

/**
 * One delivery of one event to one webhook, as `emulator.deliveries` lists it.
 *
 * @example
 * const [d] = emulator.deliveries
 * d.state === 'delivered' && d.status === 200 && d.attempts === 1
 */
export interface WebhookDelivery {
  /** Also sent as `x-caliper-delivery-id`; the same on every attempt. */
  readonly deliveryId: string
  readonly webhookId: string
  /** The Caliper event's `urn:uuid:` id. */
  readonly eventId: string
  readonly eventType: string
  readonly targetUrl: string
  /**
   * `pending` while attempts run; `delivered` on a 2xx; `failed` when the attempts ran out; `refused` when the
   * target's host is not allowed by the emulator's `deliveryTargets` (nothing was sent; `error` says why).
   */
  state: 'pending' | 'delivered' | 'failed' | 'refused'
  /** Status of the last answer; undefined when no attempt got one. */
  status: number | undefined
  /** Why the last attempt failed without an answer (thrown by `deliver`). */
  error: string | undefined
  attempts: number
}

/**
 * Sends one delivery request; the emulator's default is the global `fetch`.
 *
 * @example
 * const deliver: DeliverFunction = (request) => myWorker.fetch(request)
 * const emulator = createEmulator({ deliver })
 */
export type DeliverFunction = (request: Request) => Promise<Response> | Response

/**
 * Which webhook targets the emulator sends deliveries to: `'any'` (the default of `createEmulator`), or a list of
 * allowed host names where `'loopback'` stands for localhost, 127.x.y.z and [::1] (the `timeback-emulator` bin
 * uses `['loopback']`). Others are recorded as `refused` and never contacted.
 *
 * @example
 * const emulator = createEmulator({ deliveryTargets: ['loopback', 'hooks.example.test'] })
 */
export type DeliveryTargets = 'any' | readonly string[]

export interface WebhookState {
  readonly webhooks: Map<string, WebhookRecord>
  readonly filters: Map<string, FilterRecord>
  readonly deliveries: WebhookDelivery[]
  readonly pending: Set<Promise<void>>
  deliver: DeliverFunction
  targets: DeliveryTargets
  /** Told each delivery's final state (the emulator's counters). */
  settled: (state: 'delivered' | 'failed' | 'refused') => void
  /** Attempts per delivery before it is marked failed (retried on a thrown error, 429 or 5xx). */
  maxAttempts: number
}

const defaultDeliver: DeliverFunction = (request) => fetch(request)

/** Handle the emulator keeps: options applied, plus idle/clear for `emulator.webhooks` and `reset()`. */
export interface WebhooksHandle {
  readonly deliveries: readonly WebhookDelivery[]
  /** Resolves once every delivery started so far (and any started meanwhile) has finished. */
  idle(): Promise<void>
  /** Forget webhooks, filters and the delivery log (running deliveries finish unrecorded in the new log). */
  clear(): void
}

export interface WebhookOptions {
  deliver?: DeliverFunction | undefined
  targets?: DeliveryTargets | undefined
  settled?: WebhookState['settled']
}

/** A fresh webhook state with the emulator's delivery options applied (bad `deliveryTargets` throw here). */
export function createWebhookState(options: WebhookOptions): WebhookState {
  return {
    webhooks: new Map(), filters: new Map(), deliveries: [], pending: new Set(),
    deliver: options.deliver ?? defaultDeliver,
    targets: options.targets === undefined ? 'any' : checkTargets(options.targets),
    settled: options.settled ?? (() => undefined),
    maxAttempts: 3,
  }
}

/** `emulator.webhooks` over one state, plus `clear()` for `reset()`. */
export function webhooksHandle(state: WebhookState): WebhooksHandle {
  return {
    deliveries: state.deliveries,
    async idle() {
      while (state.pending.size > 0) await Promise.all([...state.pending])
    },
    clear() {
      state.webhooks.clear()
      state.filters.clear()
      state.deliveries.length = 0
    },
  }
}

/** A live (not deleted) webhook, or undefined. */
export function liveWebhook(state: WebhookState, id: string): WebhookRecord | undefined {
  const hook = state.webhooks.get(id)
  return hook && hook.deletedAt === null ? hook : undefined
}

/** A live filter, or undefined. */
export function liveFilter(state: WebhookState, id: string): FilterRecord | undefined {
  const filter = state.filters.get(id)
  return filter && filter.deletedAt === null ? filter : undefined
}

function checkTargets(targets: DeliveryTargets): DeliveryTargets {
  if (targets === 'any') return targets
  if (!Array.isArray(targets) || !targets.every((t) => typeof t === 'string' && t !== '')) {
    throw new TypeError("createEmulator: deliveryTargets must be 'any' or an array of host names (and/or 'loopback').")
  }
  return Object.freeze(targets.map((t) => t.toLowerCase()))
}
