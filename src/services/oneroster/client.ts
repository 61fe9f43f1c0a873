// OneRosterClient: rostering, gradebook and resources of OneRoster 1.2 as Timeback serves them.

import { createServiceRuntime, type ServiceRuntime } from '../../core/client.js'
import type { ClientOptions } from '../../core/config.js'
import { createUsers, type UsersResource } from './resources/users.js'

/**
 * Typed client for Timeback's OneRoster 1.2 API. Sub-resources are built on first use.
 * @example
 * const client = new OneRosterClient({ env: 'staging', auth: { clientId, clientSecret } })
 * for await (const student of client.students.stream()) console.log(student.givenName)
 */
export class OneRosterClient {
  readonly #runtime: ServiceRuntime
  #users?: UsersResource

  constructor(options: ClientOptions = {}) {
    this.#runtime = createServiceRuntime('oneroster', options)
  }

  /** The resolved base URL (no credentials). */
  get baseUrl(): string {
    return this.#runtime.config.baseUrl
  }

  /** `users`, and `users(id)` for a user's classes, resources, agents, credentials and demographics. */
  get users(): UsersResource {
    return (this.#users ??= createUsers(this.#runtime))
  }
}
