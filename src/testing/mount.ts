// Mounting service modules into one emulator: each module is created once with the kernel env, its routes are
// placed under its prefix in one router, and its controls and quirk switches join the emulator object and
// `emulator.faults`. Nothing here names a service; the list of built-in modules is ./services.ts.
import type { AuthScheme, EmulatorEnv, Method, Route } from './context.js'
import { imsx } from './http.js'
import { createRouter, type Match } from './router.js'
import type { EmulatedService, EmulatedServiceModule, ErrorWriter } from './service.js'
import type { EmulatorOptions } from './types.js'

/** The kernel's error body where no service has its own: the 1EdTech imsx envelope. */
export const defaultError: ErrorWriter = (status, message, headers) => imsx(status, message, headers)

/** One service as mounted: its module's name, its instance, and the kernel's resolved defaults. */
export interface MountedService {
  readonly name: string
  readonly service: EmulatedService<EmulatorEnv>
  readonly env: EmulatorEnv
  readonly auth: AuthScheme
  readonly error: ErrorWriter
  /** origin + prefix: `emulator.services[name]`. */
  readonly baseUrl: string
}

/** One route under its full path, with the service that declared it. */
export interface MountedRoute {
  readonly method: Method
  readonly path: string
  readonly route: Route<EmulatorEnv>
  readonly owner: MountedService
}

export interface Mount {
  readonly services: readonly MountedService[]
  readonly match: (method: string, rawPath: string) => Match<MountedRoute>
  /** The service whose `paths` hold `path` (the longest match), if any. */
  ownerOf(path: string): MountedService | undefined
  /** The service whose API-key exchange is at `path` (trailing slash ignored), if any. */
  exchangeAt(path: string): MountedService | undefined
  readonly controls: Readonly<Record<string, unknown>>
  readonly faults: Readonly<Record<string, (...args: never[]) => void>>
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/
// Keys of `stats().requests.byService` the kernel uses itself.
const RESERVED_NAMES = new Set(['auth', 'other'])

const trimSlash = (path: string): string => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path)

function checkModule(module: EmulatedServiceModule, seen: Set<string>): void {
  const name = (module as Partial<EmulatedServiceModule> | null)?.name
  if (typeof name !== 'string' || !NAME.test(name) || RESERVED_NAMES.has(name)) {
    throw new TypeError(`createEmulator: services[] needs modules named like 'qti' (letters, digits, - or _; not 'auth' or 'other'), got ${JSON.stringify(name)}.`)
  }
  if (seen.has(name)) throw new TypeError(`createEmulator: service '${name}' is listed twice in services.`)
  if (typeof module.create !== 'function') throw new TypeError(`createEmulator: service '${name}' has no create(env, options) function.`)
  seen.add(name)
}

function checkPath(name: string, what: string, path: string, allowEmpty: boolean): void {
  const ok = typeof path === 'string' && (path === '' ? allowEmpty : path.startsWith('/') && !path.includes('?') && !path.includes('#'))
  if (!ok) throw new TypeError(`createEmulator: service '${name}' ${what} must start with '/', got ${JSON.stringify(path)}.`)
}

/** Copy `from`'s entries into `into`, refusing a name the kernel or an earlier service already uses. */
function merge<T>(into: Record<string, T>, from: Readonly<Record<string, T>> | undefined, taken: ReadonlySet<string>, name: string, what: string): void {
  for (const [key, value] of Object.entries(from ?? {})) {
    if (taken.has(key) || Object.hasOwn(into, key)) throw new TypeError(`createEmulator: service '${name}' adds ${what} '${key}', which is already taken.`)
    into[key] = value
  }
}

/** Create every module for one emulator and index its routes. `kernelKeys`/`kernelFaults` are names modules may not take. */
export function mountServices(
  modules: readonly EmulatedServiceModule[],
  kernel: EmulatorEnv,
  options: EmulatorOptions,
  kernelKeys: ReadonlySet<string>,
  kernelFaults: ReadonlySet<string>,
): Mount {
  if (!Array.isArray(modules)) throw new TypeError('createEmulator: services must be an array of service modules.')
  const seen = new Set<string>()
  const services: MountedService[] = []
  const routes: MountedRoute[] = []
  const owners: [string, MountedService][] = []
  const exchanges = new Map<string, MountedService>()
  const controls: Record<string, unknown> = {}
  const faults: Record<string, (...args: never[]) => void> = {}

  for (const module of modules) {
    checkModule(module, seen)
    const service = module.create(kernel, options) as EmulatedService<EmulatorEnv>
    const { name } = module
    checkPath(name, 'prefix', service.prefix, true)
    const mounted: MountedService = {
      name, service, env: service.env ?? kernel, auth: service.auth ?? 'oauth', error: service.error ?? defaultError, baseUrl: `${kernel.origin}${service.prefix}`,
    }
    services.push(mounted)
    for (const path of service.paths ?? ['/']) {
      checkPath(name, 'paths[]', path, false)
      owners.push([service.prefix + path, mounted])
    }
    if (service.apiKeyExchange !== undefined) {
      checkPath(name, 'apiKeyExchange', service.apiKeyExchange, false)
      exchanges.set(trimSlash(service.prefix + service.apiKeyExchange), mounted)
    }
    for (const route of service.routes()) {
      checkPath(name, `route path of ${route.op}`, route.path, false)
      routes.push({ method: route.method, path: service.prefix + route.path, route, owner: mounted })
    }
    merge(controls, service.controls, kernelKeys, name, 'the emulator property')
    merge(faults, service.faults, kernelFaults, name, 'the faults method')
  }
  owners.sort((a, b) => b[0].length - a[0].length)

  return {
    services,
    match: createRouter(routes),
    ownerOf: (path) => owners.find(([prefix]) => path.startsWith(prefix))?.[1],
    exchangeAt: (path) => (exchanges.size === 0 ? undefined : exchanges.get(trimSlash(path))),
    controls,
    faults,
  }
}
