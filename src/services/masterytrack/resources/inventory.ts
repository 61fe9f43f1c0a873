/**
 * @module services/masterytrack/resources/inventory — the test inventory (GET /authoring/inventory/search): the
 * mastery tests MasteryTrack can deliver, by default only those its player supports.
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import type { Query } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { objectInput, Problems } from './check.js'
import { send } from './envelope.js'

/** What the inventory says about how a test is delivered. */
export interface MasteryTestMetadata {
  url?: string
  /** `qti`. */
  type?: string
  /** `qti-test`. */
  subType?: string
  year?: string
  format?: string
  questionTypes?: string[]
  [key: string]: unknown
}

/** One test of the inventory, fields as the service names them. */
export interface MasteryTest {
  id: number
  /** The test's id in Timeback, e.g. `_677e37c49e904cafcc66fdb4`: what `assignments.assign` takes. */
  timeback_id: string
  name: string
  subject: string
  /** The grade's name, e.g. `Third Grade`. */
  grade: string
  /** 0 (kindergarten) to 12. */
  grade_rank: number
  version: number
  active: boolean
  metadata: MasteryTestMetadata
  /** Whether the player supports every question type of the test: only supported tests can be assigned. */
  supported: boolean
  created_at: string
  updated_at: string
  invalidated_on: string | null
}

/** What `inventory.search` takes; every filter is optional and case-insensitive. */
export interface InventorySearchInput {
  name?: string
  /** Sent as `timeback_id`. */
  timebackId?: string
  /** The grade's name (`Third grade`) or number, as the service matches it. */
  grade?: string
  subject?: string
  /** Include tests the player does not support (they cannot be assigned). Default false. */
  all?: boolean
}

const SEARCH_FIELDS = ['name', 'timebackId', 'grade', 'subject', 'all'] as const

/** The query of a search, checked: unknown filters (a `timeback_id` here, say) would be dropped silently. */
function searchQuery(params: { input?: InventorySearchInput }): Query {
  const input = objectInput(params.input ?? {}, 'input', 'inventory.search')
  const problems = new Problems('inventory.search')
  problems.known(input, SEARCH_FIELDS)
  for (const key of ['name', 'timebackId', 'grade', 'subject']) problems.text(input, key)
  if (input.all !== undefined && typeof input.all !== 'boolean') problems.add('all', 'must be true or false')
  problems.throwIfAny()
  const { name, timebackId, grade, subject, all } = input as InventorySearchInput
  return { name, timeback_id: timebackId, grade, subject, all: all ? 'true' : undefined }
}

/**
 * `client.inventory`: the tests MasteryTrack offers.
 * @example
 * const tests = await client.inventory.search({ subject: 'math', grade: 'Third grade' })
 * const ids = tests.map((t) => t.timeback_id)
 */
export interface InventoryResource {
  /**
   * GET /authoring/inventory/search — sorted by subject, grade_rank, name, then version (newest first);
   * only supported tests unless `all: true`.
   */
  search(input?: InventorySearchInput, call?: CallOptions): Promise<MasteryTest[]>
}

/**
 * Builds `client.inventory`.
 * @example const everything = await createInventory(ctx).search({ all: true })
 */
export function createInventory(ctx: ServiceContext): InventoryResource {
  // GET /authoring/inventory/search — answers `{ success: true, data: Test[] }`.
  return { search: (input, call) => send(ctx, () => ({ method: 'GET', path: '/authoring/inventory/search', query: searchQuery({ input }) }), 'array', call) }
}
