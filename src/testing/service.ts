// The contract between the emulator kernel and a service module. The kernel owns the pipeline (faults, request
// log, counters), routing, auth and the error answers it makes itself; a module owns its routes, state, seed and
// controls. Adding a service: write its folder, add its module to ./services.ts.
import type { AuthScheme, EmulatorEnv, Route } from './context.js'
import type { EmulatorOptions } from './types.js'

/**
 * Extra fields of an error the kernel answers (services whose error body carries a code use them).
 *
 * @example
 * const extra: ErrorExtra = { code: 'UNAUTHORIZED', details: { reason: 'expired' } }
 */
export interface ErrorExtra {
  readonly code?: string
  readonly details?: unknown
}

/**
 * Builds a service's error body. The kernel uses it for the answers it makes itself on the service's paths
 * (unknown route, wrong method, refused credentials, thrown `HttpError`s, injected fault statuses). The default
 * is the 1EdTech imsx envelope.
 *
 * @example
 * const error: ErrorWriter = (status, message, headers) => json({ success: false, error: message }, status, headers)
 */
export type ErrorWriter = (status: number, message: string, headers?: Record<string, string>, extra?: ErrorExtra) => Response

/**
 * One service as mounted in one emulator (made by {@link EmulatedServiceModule.create}, so its state is its own).
 *
 * @example
 * const notes: EmulatedService = {
 *   prefix: '/notes-host',
 *   routes: () => [route('GET', '/notes', 'listNotes', () => json({ notes: [] }))],
 *   reset: () => undefined,
 * }
 */
export interface EmulatedService<E extends EmulatorEnv = EmulatorEnv> {
  /** Path of the service's base URL under the origin (`''`: the origin itself). `emulator.services[name]` is origin + prefix. */
  readonly prefix: string
  /**
   * Path prefixes, relative to `prefix`, this service answers for: requests there are counted under its name
   * and get its error body. The longest match over all services wins. Default `['/']`.
   */
  readonly paths?: readonly string[]
  /** Scheme of its routes unless a route says otherwise. Default `oauth`. */
  readonly auth?: AuthScheme
  /** Mounts the kernel's API-key → JWT exchange (POST) at this path under `prefix`, e.g. `/authorizer`. */
  readonly apiKeyExchange?: string
  /** Its error body (default: imsx). */
  readonly error?: ErrorWriter
  /** What its handlers get as `ctx.env` (default: the kernel's env). */
  readonly env?: E
  /** Its routes, paths relative to `prefix`. Called once, when the emulator is created. */
  routes(): readonly Route<E>[]
  /** Properties added to the emulator object, e.g. `{ caliper: controls }`. Names may not clash. */
  readonly controls?: Readonly<Record<string, unknown>>
  /** Methods added to `emulator.faults` (live quirk switches, e.g. `shortPages`). Names may not clash. */
  readonly faults?: Readonly<Record<string, (...args: never[]) => void>>
  /** Turn its quirk switches off (`faults.clear()`). */
  clearFaults?(): void
  /** Forget its data and switches (`emulator.reset()`); `seed()` runs afterwards when seeding is on. */
  reset(): void
  /** Load its seed data (at creation and after `reset()`, unless `seed: false`). */
  seed?(): void
}

/**
 * A service the emulator can mount: a name (the key in `emulator.services` and in `stats().requests.byService`)
 * and a factory called once per emulator.
 *
 * @example
 * import { BUILT_IN_SERVICES, createEmulator } from '@timeback/sdk/testing'
 *
 * const notesModule: EmulatedServiceModule = { name: 'notes', create: () => notes }
 * const emulator = createEmulator({ services: [...BUILT_IN_SERVICES, notesModule] })
 * emulator.services.notes // 'http://localhost:4010/notes-host'
 */
export interface EmulatedServiceModule {
  readonly name: string
  // `any`: each module extends the env its own way (OneRoster adds its store); the kernel only passes it on.
  create(env: EmulatorEnv, options: EmulatorOptions): EmulatedService<any>
}
