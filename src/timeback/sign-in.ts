/**
 * @module timeback/sign-in — the identity factory for the unified client. It lives behind `@timeback/sdk/identity`
 * (not the root entry) so only an app that puts it in `use` carries jose and the OIDC code; building the options
 * lives here too, so the root entry stays small.
 */

import { ConfigurationError } from '../core/errors.js'
import { createTimebackIdentity, type TimebackIdentity } from '../services/identity/resources/handler.js'
import type { OneRosterUsers } from '../services/identity/resources/resolve.js'
import type { TimebackIdentityOptions } from '../services/identity/resources/options.js'

/** What of the unified client's options sign-in reads. */
interface SharedOptions {
  readonly use: object
  readonly env?: string
  readonly fetch?: typeof fetch
  readonly vars?: object
  readonly identity?: TimebackIdentityOptions
}

/**
 * What `use` takes to turn `timeback.identity` on. The unified client recognises it by `kind`.
 * @example const factory: IdentityFactory = signIn
 */
export interface IdentityFactory {
  readonly name: 'identity'
  readonly kind: 'identity'
  /** createTimebackIdentity from the client's `identity` options, its env / fetch / vars, and its OneRoster client. */
  fromClient(options: SharedOptions, oneroster: () => unknown): TimebackIdentity
}

/**
 * Sign-in for the unified client: put it in `use` and give `identity` options to createTimeback; `timeback.identity`
 * is then createTimebackIdentity with the client's env, fetch and vars, and `timeback.api.oneroster` for the lookup
 * (when oneroster is in `use` and the options name no `oneroster` / `lookupUsers` of their own).
 * @example
 * import { createTimeback, oneroster } from '@timeback/sdk'
 * import { signIn } from '@timeback/sdk/identity'
 * const timeback = await createTimeback({ env: 'staging', api: { clientId, clientSecret }, use: { oneroster, identity: signIn }, identity: { cookieSecret } })
 * export default { fetch: (req: Request) => timeback.identity.handle(req) }
 */
export const signIn: IdentityFactory = {
  name: 'identity',
  kind: 'identity',
  fromClient(options, oneroster) {
    const settings = options.identity
    if (!settings || typeof settings !== 'object') throw new ConfigurationError('timeback.identity: pass `identity: { cookieSecret, clientId?, clientSecret?, ... }` to createTimeback (the sign-in settings)')
    const hasOneRoster = Object.values(options.use).some((f) => (f as { name?: unknown } | null)?.name === 'oneroster')
    const lookup = settings.oneroster === undefined && settings.lookupUsers === undefined && hasOneRoster
      ? { oneroster: oneroster() as OneRosterUsers } : {}
    const { env, fetch, vars } = options
    return createTimebackIdentity({
      ...(env ? { env } : {}), ...(fetch ? { fetch } : {}), ...(vars ? { vars } : {}), ...lookup, ...settings,
    } as TimebackIdentityOptions)
  },
}
