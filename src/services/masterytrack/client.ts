// MasteryTrackClient: search the inventory of mastery tests, assign them to students and invalidate assignments.
// Authenticated by an API key + registered email exchanged for a one-hour JWT (core's apiKeyJwt).

import type { ApiKeyAuthOptions } from '../../core/auth/api-key.js'
import type { ClientOptions } from '../../core/config.js'
import { createServiceRuntime, type ServiceRuntime } from '../../core/runtime.js'
import { createAssignments, type AssignmentsResource } from './resources/assignments.js'
import { createInventory, type InventoryResource } from './resources/inventory.js'
import { service } from './service.js'

/**
 * Typed client for MasteryTrack. Options: `auth: { apiKey, email }` (env `MASTERYTRACK_API_KEY`,
 * `MASTERYTRACK_EMAIL`) and `env` or `baseUrl` (env `MASTERYTRACK_BASE_URL`).
 * @example
 * const client = new MasteryTrackClient({ env: 'production', auth: { apiKey, email: 'ops@school.example' } })
 * const [test] = await client.inventory.search({ subject: 'math', grade: 'Third grade' })
 * const { assignment } = await client.assignments.assign({ student_email: 'ada@school.example', timeback_id: test.timeback_id })
 */
export class MasteryTrackClient {
  readonly #runtime: ServiceRuntime
  #inventory?: InventoryResource
  #assignments?: AssignmentsResource

  constructor(options: ClientOptions<ApiKeyAuthOptions> = {}) {
    this.#runtime = createServiceRuntime(service, options)
  }

  /** The resolved base URL (no credentials). */
  get baseUrl(): string {
    return this.#runtime.config.baseUrl
  }

  /** search. */
  get inventory(): InventoryResource {
    return (this.#inventory ??= createInventory(this.#runtime))
  }

  /** assign, invalidate. */
  get assignments(): AssignmentsResource {
    return (this.#assignments ??= createAssignments(this.#runtime))
  }
}
