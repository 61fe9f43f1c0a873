// Turns the options a user passes to a client (plus env vars) into a resolved configuration, or throws a
// ConfigurationError that names the missing option and the env var that would supply it.

import { ConfigurationError } from './errors.js'
import { environmentHosts, isTimebackEnv, type ServiceName, type TimebackEnv } from './environments.js'
import type { TokenStore } from './auth/token-store.js'
import type { Hooks, Logger } from './transport/hooks.js'
import { runtimeVars } from '../edge/runtime-env.js'

/** Credentials for the OAuth2 client-credentials flow. */
export interface AuthOptions {
  clientId?: string
  clientSecret?: string
  /** Token endpoint; defaults to the environment's Cognito URL. Required with an explicit `baseUrl` and no `env`. */
  authUrl?: string
  /** Space-separated OAuth scopes to request; most Timeback credentials need none. */
  scope?: string
}

/** Options every Timeback client accepts. */
export interface ClientOptions {
  /** Environment mode: hosts and token URL come from the environments table. Env var: `TIMEBACK_ENV`. */
  env?: TimebackEnv
  /** Explicit mode: the service's base URL (e.g. an emulator's `services.oneroster`). */
  baseUrl?: string
  auth?: AuthOptions
  /** A `fetch` to use instead of the global one (the emulator's, a proxy's, a Worker service binding's). */
  fetch?: typeof fetch
  /** Where access tokens are cached; memory by default. See `@timeback/sdk/edge` for KV stores. */
  tokenStore?: TokenStore
  /** Deadline for each call in ms, retries included. Default 30000. */
  timeout?: number
  /** Retries after the first attempt on 429/502/503/504 and connection failures. Default 2; 0 disables. */
  maxRetries?: number
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

/** What a client needs after resolution. */
export interface ResolvedConfig {
  service: ServiceName
  baseUrl: string
  env: TimebackEnv | undefined
  tokenUrl: string
  clientId: string
  clientSecret: string
  scope: string | undefined
}

/** Per-service env var prefixes (ONEROSTER_CLIENT_ID, CALIPER_BASE_URL…); webhooks live on the Caliper host. */
function prefixesOf(service: ServiceName): string[] {
  return service === 'webhooks' ? ['WEBHOOKS', 'CALIPER'] : [service.toUpperCase()]
}

function pick(lookup: (name: string) => string | undefined, names: string[]): string | undefined {
  for (const name of names) {
    const value = lookup(name)
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
  }
  return undefined
}

function pickNamed(lookup: (name: string) => string | undefined, names: string[]): { value: string; name: string } | undefined {
  for (const name of names) {
    const value = pick(lookup, [name])
    if (value !== undefined) return { value, name }
  }
  return undefined
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
 * Resolves `options` for `service`. Environment mode takes hosts from the table, explicit mode from `baseUrl`.
 * Credentials come from `auth`, then `<SERVICE>_CLIENT_ID`/`_SECRET`, then `TIMEBACK_CLIENT_ID`/`_SECRET`.
 */
export function resolveConfig(service: ServiceName, options: ClientOptions = {}): ResolvedConfig {
  if (options === null || typeof options !== 'object') {
    throw new ConfigurationError(`Client options must be an object, got ${options === null ? 'null' : typeof options}.`)
  }
  const lookup = options.vars
    ? (name: string) => {
        const v = (options.vars as Record<string, unknown>)[name]
        return typeof v === 'string' ? v : undefined
      }
    : runtimeVars()
  const prefixes = prefixesOf(service)
  const P = prefixes[0]!
  const names = (suffix: string) => [...prefixes.map((p) => `${p}_${suffix}`), `TIMEBACK_${suffix}`]

  const envValue = options.env ?? pick(lookup, ['TIMEBACK_ENV'])
  if (envValue !== undefined && !isTimebackEnv(envValue)) {
    throw new ConfigurationError(
      `env must be 'staging' or 'production', got ${JSON.stringify(envValue)} (option env or TIMEBACK_ENV).`,
    )
  }
  const env = envValue as TimebackEnv | undefined
  const hosts = env ? environmentHosts(env) : undefined

  const baseFromVars = options.baseUrl === undefined ? pickNamed(lookup, names('BASE_URL')) : undefined
  const baseUrlRaw = options.baseUrl ?? baseFromVars?.value ?? hosts?.services[service]
  if (!baseUrlRaw) {
    throw new ConfigurationError(
      `No ${service} host: pass env ('staging' | 'production') or baseUrl, or set TIMEBACK_ENV or ${P}_BASE_URL.`,
    )
  }
  const insecure = options.allowInsecureHttp === true
  const baseUrl = checkUrl(baseUrlRaw, baseFromVars ? baseFromVars.name : 'baseUrl', insecure)

  const auth = options.auth ?? {}
  const clientId = auth.clientId?.trim() || pick(lookup, names('CLIENT_ID'))
  const clientSecret = auth.clientSecret?.trim() || pick(lookup, names('CLIENT_SECRET'))
  const missing: string[] = []
  if (!clientId) missing.push(`auth.clientId (env ${names('CLIENT_ID').join(' or ')})`)
  if (!clientSecret) missing.push(`auth.clientSecret (env ${names('CLIENT_SECRET').join(' or ')})`)
  if (missing.length) {
    throw new ConfigurationError(`Missing ${service} credentials: ${missing.join(' and ')}.`)
  }

  const tokenFromVars = auth.authUrl === undefined ? pickNamed(lookup, names('TOKEN_URL')) : undefined
  const tokenUrlRaw = auth.authUrl ?? tokenFromVars?.value ?? hosts?.tokenUrl
  if (!tokenUrlRaw) {
    throw new ConfigurationError(
      `No token URL: with an explicit baseUrl pass auth.authUrl, or set ${P}_TOKEN_URL / TIMEBACK_TOKEN_URL, or pass env.`,
    )
  }
  const tokenUrl = checkUrl(tokenUrlRaw, tokenFromVars ? tokenFromVars.name : 'auth.authUrl', insecure)

  return { service, baseUrl, env, tokenUrl, clientId: clientId!, clientSecret: clientSecret!, scope: auth.scope }
}
