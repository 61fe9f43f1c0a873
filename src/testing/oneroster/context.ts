// The OneRoster module's view of the kernel's handler types: its env adds the store, the live quirk switches and
// the JSON cache of list pages, so every OneRoster handler reads `ctx.env.store`.
import { route as kernelRoute } from '../context.js'
import type { AuthScheme, Ctx as KernelCtx, EmulatorEnv, Method, Route as KernelRoute } from '../context.js'
import type { OneRosterStore } from './state.js'

/** The kernel env plus OneRoster's own state. */
export interface Env extends EmulatorEnv {
  readonly store: OneRosterStore
  /** Live quirks switched by `faults.shortPages()` and `faults.sourcedIdPairsAsArray()`. */
  readonly quirks: { shortPages: boolean; pairsAsArray: boolean }
  /** Serialised records for list pages (see ListOptions.jsonCache). */
  readonly jsonCache: WeakMap<object, string>
}

export type Ctx = KernelCtx<Env>
export type Handler = (ctx: Ctx) => Response | Promise<Response>
export type Route = KernelRoute<Env>

/**
 * Declare a OneRoster route (its handler sees the OneRoster env). Every answer carries a `Date` header from the
 * emulator's clock (`now` option, `faults.clockSkew`), as an HTTP server sends one: delta sync takes its
 * checkpoint from it, so tests that move the clock see the SDK follow the server's time, not the machine's.
 */
export function route(method: Method, path: string, op: string, handle: Handler, auth?: AuthScheme): Route {
  return kernelRoute<Env>(method, path, op, async (ctx) => {
    const response = await handle(ctx)
    response.headers.set('date', new Date(ctx.env.clock()).toUTCString())
    return response
  }, auth)
}
