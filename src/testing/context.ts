// What a route handler receives: the emulator's internals (Env) and the request's parts (Ctx).
import type { Store } from './store.js'

/** Per-emulator internals shared by every handler. */
export interface Env {
  readonly store: Store
  readonly origin: string
  /** The emulator clock in ms, clock skew included. */
  clock(): number
  nowIso(): string
  newId(): string
  readonly quirks: { shortPages: boolean; pairsAsArray: boolean }
  /** Serialised records for list pages (see ListOptions.jsonCache). */
  readonly jsonCache: WeakMap<object, string>
}

export interface Ctx {
  readonly env: Env
  readonly request: Request
  readonly method: string
  /** Path parameters, percent-decoded once. */
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  /** The JSON body (parsed once); invalid JSON answers 400. */
  body(): Promise<unknown>
}

export type Handler = (ctx: Ctx) => Response | Promise<Response>

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** One operation of a service: method, path template (under the service prefix), operationId, handler. */
export interface Route {
  readonly method: Method
  /** Full path template as the spec writes it, e.g. `/ims/oneroster/rostering/v1p2/users/{sourcedId}`. */
  readonly path: string
  readonly op: string
  readonly handle: Handler
}

/** Shorthand used by the resource files to declare routes as a table. */
export function route(method: Method, path: string, op: string, handle: Handler): Route {
  return { method, path, op, handle }
}
