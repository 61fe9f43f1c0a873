/**
 * @module core/config — turns the options a user passes to a client (plus env vars) into a resolved
 * configuration, or throws a ConfigurationError that names the missing option and the env var that would
 * supply it. Generic over services: each service's descriptor says its env prefixes and host family, and its
 * authenticator plug-in resolves its own credentials (OAuth2 client, API key…).
 */

import { ConfigurationError } from './errors.js'
import { deniedEnvHint, envLookup, pickVar, type EnvLookup } from './env.js'
import { environmentHosts, isTimebackEnv, type EnvironmentHosts, type HostFamily, type TimebackEnv } from './environments.js'
import type { TokenStore } from './auth/token-store.js'
import type { Hooks, Logger } from './transport/hooks.js'

/**
 * Credentials for the OAuth2 client-credentials flow (every service but MasteryTrack).
 * @example const auth: AuthOptions = { clientId: 'id', clientSecret: 'secret' }
 */
export interface AuthOptions {
  clientId?: string
  clientSecret?: string
  /** Token endpoint; defaults to the environment's Cognito URL. Required with an explicit `baseUrl` and no `env`. */
  authUrl?: string
  /** Space-separated OAuth scopes to request; most Timeback credentials need none. */
  scope?: string
}

/**
 * Options every Timeback client accepts; `A` is the shape of `auth` (OAuth2 credentials for most services).
 * @example const options: ClientOptions = { env: 'staging', auth: { clientId: 'id', clientSecret: 'secret' } }
 */
export interface ClientOptions<A extends object = AuthOptions> {
  /** Environment mode: hosts and token URL come from the environments table. Env var: `TIMEBACK_ENV`. */
  env?: TimebackEnv
  /** Explicit mode: the service's base URL (e.g. an emulator's `services.oneroster`). */
  baseUrl?: string
  auth?: A
  /** A `fetch` to use instead of the global one (the emulator's, a proxy's, a Worker service binding's). */
  fetch?: typeof fetch
  /** Where access tokens are cached; memory by default. See `@timeback/sdk/edge` for KV stores. */
  tokenStore?: TokenStore
  /**
   * Keeps work the SDK does after answering (the token store write, a background token refresh) alive past the
   * response: on Workers pass `ctx.waitUntil.bind(ctx)`, or the platform may cancel it. Without it, as today.
   * @example export default { fetch: (req, env, ctx) => handle(req, new OneRosterClient({ vars: env, tokenStore: new KVTokenStore(env.TOKENS), waitUntil: ctx.waitUntil.bind(ctx) })) }
   */
  waitUntil?: (promise: Promise<unknown>) => void
  /** Deadline for each call in ms, retries included. Default 30000. */
  timeout?: number
  /** Retries after the first attempt on 429/502/503/504 and connection failures. Default 2; 0 disables. */
  maxRetries?: number
  /**
   * The most bytes an answer's body may have; a bigger one is not read (a ServerError `response_too_large`), so
   * a broken server or proxy cannot exhaust a Worker's memory. Default 32 MiB (33554432), room for OneRoster's
   * largest pages (`limit` 3000). Does not cover a Response handed back unread.
   * @example new OneRosterClient({ env: 'staging', auth, maxResponseBytes: 64 * 1024 * 1024 })
   */
  maxResponseBytes?: number
  hooks?: Hooks
  logger?: Logger
  /**
   * Put request and (parsed JSON) response bodies in logs and hook payloads, as bounded copies with
   * secret-named fields (`password`, `client_secret`, `access_token`, `apiKey`…) `[redacted]`. Never the token
   * request. Off by default: bodies hold student data.
   */
  logBodies?: boolean
  /**
   * Env vars as an object (a Worker's `env`, a test's fixture). Default: the runtime's environment. Typed
   * `object` so that the `interface Env` that `wrangler types` generates (no index signature) is accepted;
   * only string values are read.
   */
  vars?: object
  /** Validate response bodies against schemas where the client has them. Costs CPU; off by default. */
  validateResponses?: boolean
  /**
   * Extra headers sent on every API request (never to the token URL). Their values are treated as secrets:
   * hooks and logs show `[redacted]`. `Authorization` is the client's own and cannot be set here.
   */
  headers?: Record<string, string>
  /**
   * Allow `http:` base and token URLs on hosts that are not loopback. Off by default: over plain HTTP the client
   * secret, tokens and student data cross the network in clear. `localhost`, `*.localhost`, `127.x.x.x` and
   * `[::1]` never need it.
   * @example new OneRosterClient({ baseUrl: 'http://gateway.internal', auth, allowInsecureHttp: true })
   */
  allowInsecureHttp?: boolean
}

/**
 * What a client needs after resolution, and what an authenticator plug-in reads its credentials from.
 * @example const { baseUrl, names } = resolveConfig(descriptor, options); names('CLIENT_ID') // ['ONEROSTER_CLIENT_ID', 'TIMEBACK_CLIENT_ID']
 */
export interface ResolvedConfig {
  service: string
  baseUrl: string
  env: TimebackEnv | undefined
  /** The environment's default hosts (environment mode only). */
  hosts: EnvironmentHosts | undefined
  /** Env vars, from `vars` or the runtime. */
  lookup: EnvLookup
  /** The client's `waitUntil` (checked to be a function), for the work its authenticator does in the background. */
  waitUntil: ((promise: Promise<unknown>) => void) | undefined
  /** The env var names for a setting, most specific first: `<PREFIX>_<suffix>` for each prefix, then `TIMEBACK_<suffix>`. */
  names(suffix: string): string[]
  /** Checks a URL option (https unless loopback or allowInsecureHttp; no userinfo, query or fragment). */
  url(value: string, option: string): string
}

/**
 * What config needs of a service: its name, env var prefixes and host family (from its descriptor).
 * @example const subject: ConfigSubject = { name: 'webhooks', envPrefixes: ['WEBHOOKS', 'CALIPER'], hostFamily: 'caliper' }
 */
export interface ConfigSubject {
  name: string
  envPrefixes: readonly string[]
  hostFamily?: HostFamily
}

/** `localhost`, `*.localhost`, 127.0.0.0/8 and `[::1]` (hostnames as URL normalizes them). */
function isLoopback(hostname: string): boolean {
  const host = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** The URL for a message: no userinfo, no query or fragment (either may hold a credential), bounded. */
function shown(value: string): string {
  // Up to the last '@' (a password may hold '/' or '@'), with or without a scheme.
  const safe = value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[\s\S]*@/i, '$1[userinfo]@').replace(/([?#])[\s\S]*$/, '$1…')
  return JSON.stringify(safe.length > 200 ? `${safe.slice(0, 200)}…` : safe)
}

/**
 * An absolute base or token URL without a trailing slash. `https:` unless the host is loopback or the user
 * set `allowInsecureHttp`; no userinfo, query or fragment (they would be sent, logged, or silently dropped).
 */
function checkUrl(value: string, option: string, allowInsecureHttp: boolean): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigurationError(`${option} must be an absolute https:// URL (http:// only on loopback), got ${shown(value)}.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(`${option} must be an absolute https:// URL (http:// only on loopback), got ${shown(value)}.`)
  }
  if (url.username !== '' || url.password !== '' || /^[^:/?#]*:\/\/[^/?#]*@/.test(value)) {
    throw new ConfigurationError(`${option} must not contain credentials (user:password@): put them in auth, got ${shown(value)}.`)
  }
  if (/[?#]/.test(value)) {
    throw new ConfigurationError(`${option} must not contain a query or fragment, got ${shown(value)}.`)
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && allowInsecureHttp !== true) {
    throw new ConfigurationError(
      `${option} must use https (got http://${url.host}): only loopback hosts may use http. ` +
        'Pass allowInsecureHttp: true to send credentials and data in clear to this host anyway.',
    )
  }
  return value.replace(/\/+$/, '')
}

/**
 * Resolves the service-neutral part of `options`: environment and base URL. Environment mode takes the host
 * from the table, explicit mode from `baseUrl` (or `<PREFIX>_BASE_URL`, then `TIMEBACK_BASE_URL`).
 * Credentials are the authenticator plug-in's business.
 * @example const config = resolveConfig({ name: 'oneroster', envPrefixes: ['ONEROSTER'], hostFamily: 'api' }, { env: 'staging' })
 */
export function resolveConfig(service: ConfigSubject, options: ClientOptions<object> = {}): ResolvedConfig {
  if (options === null || typeof options !== 'object') {
    throw new ConfigurationError(`Client options must be an object, got ${options === null ? 'null' : typeof options}.`)
  }
  const { waitUntil, maxResponseBytes: max } = options
  if (waitUntil !== undefined && typeof waitUntil !== 'function') {
    throw new ConfigurationError(`waitUntil must be a function (ctx.waitUntil.bind(ctx)), got ${typeof waitUntil}.`)
  }
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) {
    throw new ConfigurationError(`maxResponseBytes must be a positive integer (bytes), got ${String(max)}.`)
  }
  const lookup = envLookup(options.vars)
  const P = service.envPrefixes[0] ?? 'TIMEBACK'
  const names = (suffix: string) => [...service.envPrefixes.map((p) => `${p}_${suffix}`), `TIMEBACK_${suffix}`]

  const envValue = options.env ?? pickVar(lookup, ['TIMEBACK_ENV'])?.value
  if (envValue !== undefined && !isTimebackEnv(envValue)) {
    throw new ConfigurationError(
      `env must be 'staging' or 'production', got ${JSON.stringify(envValue)} (option env or TIMEBACK_ENV).`,
    )
  }
  const env = envValue as TimebackEnv | undefined
  const hosts = env ? environmentHosts(env) : undefined
  const insecure = options.allowInsecureHttp === true
  const url = (value: string, option: string) => checkUrl(value, option, insecure)

  const baseFromVars = options.baseUrl === undefined ? pickVar(lookup, names('BASE_URL')) : undefined
  const baseUrlRaw = options.baseUrl ?? baseFromVars?.value ?? (service.hostFamily ? hosts?.hosts[service.hostFamily] : undefined)
  if (!baseUrlRaw) {
    throw new ConfigurationError(
      `No ${service.name} host: pass env ('staging' | 'production') or baseUrl, or set TIMEBACK_ENV or ${P}_BASE_URL.` +
        deniedEnvHint(lookup, options.env === undefined ? [['TIMEBACK_ENV'], names('BASE_URL')] : [names('BASE_URL')], 'pass env or baseUrl'),
    )
  }
  const baseUrl = url(baseUrlRaw, baseFromVars ? baseFromVars.name : 'baseUrl')
  return { service: service.name, baseUrl, env, hosts, lookup, waitUntil, names, url }
}
