// What the kernel gives a service module (EmulatorEnv) and a route handler (Ctx), and how a route is declared.
// Nothing here names a service: modules extend EmulatorEnv with their own state (OneRoster adds its store).

/**
 * How a route authenticates:
 * - `oauth`: `Authorization: Bearer <token>` from the OAuth2 client-credentials endpoint (`emulator.tokenUrl`);
 * - `api-key`: `X-Auth-Token: Bearer <jwt>` from the API-key → JWT exchange (MasteryTrack's scheme);
 * - `public`: no credentials.
 *
 * @example
 * const scheme: AuthScheme = 'public' // e.g. a discovery document
 */
export type AuthScheme = 'oauth' | 'api-key' | 'public'

/**
 * What the kernel gives every service module: the emulator's origin and clock, ids, counters in `stats()`, and
 * a small publish/subscribe hub so one service can react to another (Webhooks delivers what Caliper accepted)
 * without importing it.
 *
 * @example
 * const counters = env.counters('notes', ['created'])
 * counters.created++ // shows in emulator.stats().notes.created
 */
export interface EmulatorEnv {
  readonly origin: string
  /** The emulator clock in ms, clock skew included. */
  clock(): number
  nowIso(): string
  newId(): string
  /**
   * Counters shown under `stats()[section]`, zeroed in place by `reset()` and `DELETE /__emulator/stats`.
   * Call once per section, when the module is created.
   */
  counters<K extends string>(section: string, names: readonly K[]): Record<K, number>
  /** Tell every subscriber of `topic` (synchronously; a throwing subscriber does not stop the others). */
  publish(topic: string, payload: unknown): void
  subscribe(topic: string, listener: (payload: unknown) => void): void
  /**
   * Offer a value to the other modules under `name` (OneRoster offers its store as `oneroster.store`, so EduBridge
   * can create the classes an enrollment needs). Call once, when the module is created; a name is taken once.
   */
  provide(name: string, value: unknown): void
  /**
   * What another module provided under `name`, or `undefined` when that module is not mounted. Look it up when a
   * request needs it, not at creation: modules are created in mounting order.
   */
  lookup<T>(name: string): T | undefined
}

/** The kernel's env under its short internal name. */
export type Env = EmulatorEnv

/**
 * What a route handler receives. `env` is the module's own env (the kernel's, or the extension the module
 * declared as `EmulatedService.env`).
 *
 * @example
 * const handler = (ctx: Ctx) => json({ id: ctx.params.id, limit: ctx.query.get('limit') })
 */
export interface Ctx<E extends EmulatorEnv = EmulatorEnv> {
  readonly env: E
  readonly request: Request
  readonly method: string
  /** Path parameters, percent-decoded once. */
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  /** The JSON body (parsed once); invalid JSON answers 400. */
  body(): Promise<unknown>
}

export type Handler<E extends EmulatorEnv = EmulatorEnv> = (ctx: Ctx<E>) => Response | Promise<Response>

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * One operation of a service: method, path template relative to the service's base URL, operationId, handler,
 * and (when it differs from the service's) its auth scheme.
 *
 * @example
 * const discovery: Route = { method: 'GET', path: '/discovery/', op: 'getDiscovery', auth: 'public', handle: () => json({}) }
 */
export interface Route<E extends EmulatorEnv = EmulatorEnv> {
  readonly method: Method
  /** Path template under the service prefix, e.g. `/ims/oneroster/rostering/v1p2/users/{sourcedId}`. */
  readonly path: string
  readonly op: string
  /** Overrides the service's scheme for this route (e.g. `public` for a discovery document). */
  readonly auth?: AuthScheme
  // Method syntax on purpose: a route of a module's extended env is usable where a kernel route is expected.
  handle(ctx: Ctx<E>): Response | Promise<Response>
}

/**
 * Shorthand used by the modules to declare routes as a table.
 *
 * @example
 * route('GET', '/discovery/', 'getDiscovery', () => json({ name: 'notes' }), 'public')
 */
export function route<E extends EmulatorEnv = EmulatorEnv>(method: Method, path: string, op: string, handle: Handler<E>, auth?: AuthScheme): Route<E> {
  return auth === undefined ? { method, path, op, handle } : { method, path, op, handle, auth }
}
