// OpenBadgesClient: Open Badges 3.0 on the API host (`/ims/ob/v3p0`): the public discovery document, Timeback's
// achievement records, badge credentials (upsert, issue) and verification.

import type { ClientOptions } from '../../core/config.js'
import type { OpenBadgeCredential } from '../../core/credential.js'
import { publicDocument, type ServiceDescription } from '../../core/resource/public-document.js'
import { createServiceRuntime, type ServiceRuntime } from '../../core/runtime.js'
import { Transport, type CallOptions } from '../../core/transport/http.js'
import { createAchievements, type AchievementsResource } from './resources/achievements.js'
import { createBadgeCredentials, type BadgeCredentialsResource } from './resources/credentials.js'
import { createVerify, type VerifyOptions, type VerifyResult } from './resources/verify.js'
import { service } from './service.js'

/**
 * Typed client for Open Badges 3.0. Options: `auth: { clientId, clientSecret }` (env `OPENBADGES_*` then
 * `TIMEBACK_*`; optional for discovery and for checking VC-JWTs locally) and `env` or `baseUrl`.
 * @example
 * const client = new OpenBadgesClient({ env: 'staging', auth: { clientId, clientSecret } })
 * const { allocatedSourcedId } = await client.achievements.create({ name: 'Fractions', description: 'Adds fractions', criteria: 'Pass the unit test' })
 * const badge = await client.credentials.issue({ userId: 'student-1', achievementId: allocatedSourcedId })
 * const { valid, checkedBy } = await client.verify(badge)
 */
export class OpenBadgesClient {
  readonly #runtime: ServiceRuntime
  readonly #options: ClientOptions
  #achievements?: AchievementsResource
  #credentials?: BadgeCredentialsResource
  #verify?: ReturnType<typeof createVerify>

  constructor(options: ClientOptions = {}) {
    this.#runtime = createServiceRuntime(service, options)
    this.#options = options
  }

  /** The resolved base URL (no credentials). */
  get baseUrl(): string {
    return this.#runtime.config.baseUrl
  }

  /** GET /ims/ob/v3p0/discovery/ — public: sent without a token (none is requested). */
  discovery(call?: CallOptions): Promise<ServiceDescription> {
    return publicDocument(this.#runtime, '/ims/ob/v3p0/discovery/', call)
  }

  /** list, stream, listAll, get, create, update, delete, forStudent(id).{list, stream, listAll}. */
  get achievements(): AchievementsResource {
    return (this.#achievements ??= createAchievements(this.#runtime))
  }

  /** upsert (checked before the request), issue. */
  get credentials(): BadgeCredentialsResource {
    return (this.#credentials ??= createBadgeCredentials(this.#runtime))
  }

  /**
   * Checks a badge. A VC-JWT string is checked locally (signature against the issuer's JWKS, allowed algorithms,
   * dates, claims); a credential object with an embedded proof is checked by the service
   * (POST /ims/ob/v3p0/issue-badge/verify). `checkedBy` in the answer says which.
   */
  verify(credential: string | OpenBadgeCredential, options?: VerifyOptions, call?: CallOptions): Promise<VerifyResult> {
    const o = this.#options
    // Keys are fetched anonymously and without the client's custom headers: those are meant for Timeback, and a
    // JWKS may live on another issuer's host.
    const keys = (cap: (f?: typeof fetch) => typeof fetch | undefined) =>
      new Transport({ baseUrl: this.baseUrl, fetch: cap(o.fetch), timeout: o.timeout, maxRetries: o.maxRetries, hooks: o.hooks, logger: o.logger })
    return (this.#verify ??= createVerify(this.#runtime, this.baseUrl, keys))(credential, options, call)
  }
}
