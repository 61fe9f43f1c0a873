/**
 * @module timeback/client — the unified client: one set of options, the clients of the services named in
 * `use`, each built on first read and all sharing one token store (so OneRoster, EduBridge, PowerPath… that
 * share a Cognito credential share one token request) and one transport configuration.
 */

import { MemoryTokenStore, type TokenStore } from '../core/auth/token-store.js'
import type { AuthOptions, ClientOptions } from '../core/config.js'
import { ConfigurationError } from '../core/errors.js'
import type { ServiceFactory } from './services.js'
import type { TimebackIdentity } from '../services/identity/resources/handler.js'
import type { TimebackIdentityOptions } from '../services/identity/resources/options.js'
import type { IdentityFactory } from './sign-in.js'
import type { ActivityHelpers } from './activity.js'
import type { UserHelpers } from './user.js'

/**
 * A map of service factories, keyed by the name `timeback.api` shows them under.
 * @example const use: ServiceSet = { oneroster, caliper }
 */
export type ServiceSet = Readonly<Record<string, ServiceFactory<unknown, never> | IdentityFactory>>

type AuthOf<F> = F extends ServiceFactory<unknown, infer A> ? A : never
type ClientOf<F> = F extends ServiceFactory<infer C, never> ? C : never

/**
 * What one service may override: its base URL, its own credentials, its timeouts, headers…
 * @example const qtiOverride: ServiceOverride = { baseUrl: 'https://qti.example', timeout: 60_000 }
 */
export type ServiceOverride<A extends object = object> = Omit<ClientOptions<A>, 'tokenStore' | 'vars'>

/**
 * Options of `createTimeback` / `new TimebackClient`. Everything but `api`, `use`, `services` and `sensor` is a
 * client option passed to every service; `services.<name>` overrides it for one.
 * @example
 * const options: TimebackOptions<{ oneroster: typeof oneroster }> = {
 *   env: 'staging', api: { clientId: 'id', clientSecret: 'secret' }, use: { oneroster },
 * }
 */
export interface TimebackOptions<U extends ServiceSet = ServiceSet> extends Omit<ClientOptions, 'auth' | 'baseUrl'> {
  /** The services `timeback.api` offers: import only those you use (`everyService` for all). */
  use: U
  /** The OAuth2 client credentials every Cognito service shares (env `TIMEBACK_CLIENT_ID`… when left out). */
  api?: AuthOptions
  /** Per-service overrides: `{ qti: { baseUrl } }`, `{ masterytrack: { auth: { apiKey, email } } }`. */
  services?: { [K in keyof U]?: ServiceOverride<AuthOf<U[K]>> }
  /** The Caliper sensor (your app's URL) that `timeback.activity.record` sends as; env `TIMEBACK_SENSOR`. */
  sensor?: string
  /**
   * Sign-in settings for `timeback.identity` (needs `signIn` from '@timeback/sdk/identity' in `use`): cookieSecret,
   * clientId / clientSecret (else TIMEBACK_SSO_*), paths, hooks… env, fetch and vars default to the client's, and
   * users are looked up with `timeback.api.oneroster` when oneroster is in `use`.
   */
  identity?: TimebackIdentityOptions
}

/**
 * `timeback.api`: one lazily built client per service in `use`.
 * @example const api: TimebackApi<{ oneroster: typeof oneroster }> = timeback.api
 */
export type TimebackApi<U extends ServiceSet> = { readonly [K in keyof U as U[K] extends IdentityFactory ? never : K]: ClientOf<U[K]> }

const isIdentityFactory = (f: unknown): f is IdentityFactory => typeof (f as { fromClient?: unknown } | null)?.fromClient === 'function'

/**
 * The unified client. Builds nothing until a service is read; every service shares one token store.
 * @example
 * import { TimebackClient, oneroster } from '@timeback/sdk'
 * const timeback = new TimebackClient({ env: 'staging', api: { clientId, clientSecret }, use: { oneroster } })
 * const page = await timeback.api.oneroster.users.list({ limit: 10 })
 */
export class TimebackClient<U extends ServiceSet = ServiceSet> {
  /** The clients of the services in `use`, each created on first read. */
  readonly api: TimebackApi<U>
  readonly #options: TimebackOptions<U>
  #user?: UserHelpers
  #activity?: ActivityHelpers
  #identity?: TimebackIdentity

  constructor(options: TimebackOptions<U>) {
    if (!options || typeof options !== 'object') throw new ConfigurationError('createTimeback: pass an options object, e.g. { env: \'staging\', api: { clientId, clientSecret }, use: { oneroster } }')
    const use = options.use as ServiceSet | undefined
    if (!use || typeof use !== 'object' || Object.keys(use).length === 0) {
      throw new ConfigurationError('createTimeback: `use` must name the services you call, e.g. `use: { oneroster, caliper }` (imported from \'@timeback/sdk\'), or `use: everyService`')
    }
    for (const [key, factory] of Object.entries(use)) {
      if (!factory || typeof factory !== 'object' || typeof (factory as { create?: unknown }).create !== 'function' && !isIdentityFactory(factory)) {
        throw new ConfigurationError(`createTimeback: use.${key} is not a service; import it from '@timeback/sdk' (e.g. \`import { ${key} } from '@timeback/sdk'\`)`)
      }
    }
    for (const key of Object.keys(options.services ?? {})) {
      if (!Object.hasOwn(use, key)) throw new ConfigurationError(`createTimeback: services.${key} overrides a service that is not in \`use\`; add it to \`use\` or remove the override`)
    }
    // Checked here too: the service clients are built on first read, and a bad option should fail at once.
    if (options.waitUntil !== undefined && typeof options.waitUntil !== 'function') throw new ConfigurationError('createTimeback: waitUntil must be a function (on Workers: ctx.waitUntil.bind(ctx))')
    // One store for all: clients given the same store share one in-flight token request per credential.
    const tokenStore: TokenStore = options.tokenStore ?? new MemoryTokenStore()
    this.#options = { ...options, tokenStore }
    const built = new Map<string, unknown>()
    const api = {} as Record<string, unknown>
    for (const key of Object.keys(use)) {
      if (isIdentityFactory(use[key])) continue
      Object.defineProperty(api, key, {
        enumerable: true,
        get: () => {
          if (!built.has(key)) built.set(key, this.#build(key, use[key] as ServiceFactory<unknown, object>))
          return built.get(key)
        },
      })
    }
    this.api = Object.freeze(api) as TimebackApi<U>
  }

  #build(key: string, factory: ServiceFactory<unknown, object>): unknown {
    const { use: _use, api, services, sensor: _sensor, identity: _identity, ...shared } = this.#options
    const override = (services as Record<string, ServiceOverride> | undefined)?.[key] ?? {}
    const auth = override.auth ?? (factory.oauth ? api : undefined)
    return factory.create({ ...shared, ...override, ...(auth ? { auth } : {}), tokenStore: this.#options.tokenStore, vars: this.#options.vars })
  }

  /** The key `use` gave the service `name` (whatever the user called it), or a clear error. */
  #key(name: string): string {
    const use = this.#options.use as ServiceSet
    const key = Object.keys(use).find((k) => use[k]?.name === name)
    if (key === undefined) throw new ConfigurationError(`timeback: this helper needs the ${name} service; add it to \`use\` (\`import { ${name === 'case' ? 'caseService' : name} } from '@timeback/sdk'\`)`)
    return key
  }

  /** The client of the service whose factory is `name`. */
  #client(name: string): unknown {
    return (this.api as Record<string, unknown>)[this.#key(name)]
  }

  /** The helpers that ship with service `name` (see ServiceFactory.helpers). */
  #helpers(name: string): NonNullable<ServiceFactory['helpers']> {
    return ((this.#options.use as ServiceSet)[this.#key(name)] as ServiceFactory).helpers ?? {}
  }

  /** `verify(email)` and `getProfile(email)`: who a student is in Timeback (needs `oneroster`; the profile also `edubridge`). */
  get user(): UserHelpers {
    const create = this.#helpers('oneroster').user
    if (!create) throw new ConfigurationError('timeback.user: the oneroster service in `use` carries no user helpers; use the `oneroster` export of \'@timeback/sdk\'')
    return (this.#user ??= create((name) => this.#client(name)))
  }

  /** `record({ user, activity, metrics, time?, runId? })`: one finished activity as Caliper events (needs `caliper` and `oneroster`). */
  get activity(): ActivityHelpers {
    const create = this.#helpers('caliper').activity
    if (!create) throw new ConfigurationError('timeback.activity: the caliper service in `use` carries no activity helpers; use the `caliper` export of \'@timeback/sdk\'')
    return (this.#activity ??= create((name) => this.#client(name), this.#options))
  }

  /**
   * Sign-in (`handle(request)`, `getUser(request)`): createTimebackIdentity built on first read from the `identity`
   * options, the client's env / fetch / vars, and `timeback.api.oneroster` for the user lookup.
   */
  get identity(): TimebackIdentity {
    const factory = Object.values(this.#options.use as ServiceSet).find(isIdentityFactory)
    if (!factory) throw new ConfigurationError('timeback.identity: add signIn (from \'@timeback/sdk/identity\') to `use`')
    return (this.#identity ??= factory.fromClient(this.#options, () => this.#client('oneroster')))
  }
}

/**
 * Creates the unified client (async, like the vendor's, so a later version may discover settings first).
 * @example
 * import { createTimeback, oneroster, caliper } from '@timeback/sdk'
 * const timeback = await createTimeback({ env: 'staging', api: { clientId, clientSecret }, use: { oneroster, caliper } })
 * const { verified, timebackId } = await timeback.user.verify('ada@school.example')
 */
export async function createTimeback<U extends ServiceSet>(options: TimebackOptions<U>): Promise<TimebackClient<U>> {
  return new TimebackClient(options)
}
