// Builds the SuiteEnv a runner hands to every suite, plus the origin registry and msw handlers for 'global'
// mode. Runtime-neutral: msw is imported only by the runners (msw/node or msw/browser) and passed in here.

import type { Emulator, EmulatorOptions, Harness, Sdk, Setup, SuiteEnv } from './types.ts'

/** Emulator origins are http://localhost:41001, :41002, … — loopback, and unique per setup() in this realm. */
const PORT_BASE = 41000
let counter = 0
export const EMULATOR_ORIGIN = /^http:\/\/localhost:41\d{3}$/

export function nextOrigin(): string {
  counter = (counter % 999) + 1
  return `http://localhost:${PORT_BASE + counter}`
}

/** Emulators reachable through globalThis.fetch, keyed by URL origin. */
export class EmulatorRegistry {
  readonly #byOrigin = new Map<string, Emulator>()
  register(origin: string, emulator: Emulator): void {
    this.#byOrigin.set(new URL(origin).origin, emulator)
  }
  get(url: string): Emulator | undefined {
    return this.#byOrigin.get(new URL(url).origin)
  }
  /** Forget every emulator (runners call it between suites to let them be collected). */
  clear(): void {
    this.#byOrigin.clear()
  }
}

export interface EnvInput {
  h: Harness
  sdk: Sdk
  mode: SuiteEnv['mode']
  runtime: string
  /** Required in 'global' mode: where setup() registers its emulators for the msw handler. */
  registry?: EmulatorRegistry
}

export function makeEnv({ h, sdk, mode, runtime, registry }: EnvInput): SuiteEnv {
  if (mode === 'global' && !registry) throw new Error("makeEnv: 'global' mode needs a registry mounted behind globalThis.fetch")
  return {
    h,
    sdk,
    mode,
    runtime,
    setup(emulatorOptions: EmulatorOptions = {}): Setup {
      const origin = emulatorOptions.origin ?? nextOrigin()
      const emulator = sdk.testing.createEmulator({ ...emulatorOptions, origin })
      const auth = { ...emulator.credentials, authUrl: emulator.tokenUrl }
      if (mode === 'global') {
        registry!.register(origin, emulator)
        return { emulator, options: { baseUrl: emulator.services.oneroster, auth } }
      }
      return { emulator, options: { baseUrl: emulator.services.oneroster, auth, fetch: emulator.fetch as typeof fetch } }
    },
  }
}

/** The parts of msw the handlers need (`import { http, HttpResponse } from 'msw'` in the runner). */
export interface MswParts<Handler> {
  http: { all: (predicate: any, resolver: (args: { request: Request }) => Promise<Response> | Response) => Handler }
  HttpResponse: { error(): Response }
}

/**
 * msw handlers routing each request by URL origin to its registered emulator. A request to an
 * emulator-shaped origin nobody registered gets a 599 (never passthrough: that would reach the network);
 * other requests are left unhandled, so the runner's `onUnhandledRequest` decides (Node: 'error').
 */
export function mswHandlers<Handler>(registry: EmulatorRegistry, { http, HttpResponse }: MswParts<Handler>): Handler[] {
  const routed = http.all(
    ({ request }: { request: Request }) => registry.get(request.url) !== undefined,
    async ({ request }) => {
      try {
        return await registry.get(request.url)!.fetch(request)
      } catch (error) {
        // The emulator's dropped-connection fault rejects with a TypeError: let the client see a network error.
        // (Checked by name: the emulator may come from another bundle than this file.)
        if ((error as Error)?.name === 'TypeError') return HttpResponse.error()
        // Aborted by the client: its fetch has already rejected with the signal's reason; answer quietly.
        if (request.signal.aborted) return HttpResponse.error()
        throw error
      }
    },
  )
  const stray = http.all(
    ({ request }: { request: Request }) => EMULATOR_ORIGIN.test(new URL(request.url).origin),
    ({ request }) => new Response(`no emulator registered for ${new URL(request.url).origin}`, { status: 599 }),
  )
  return [routed, stray]
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/

/**
 * Makes globalThis.fetch refuse every non-loopback URL (a TypeError, like a network failure), so a suite that
 * forgets the emulator fails instead of reaching the network. Returns a function restoring the original.
 */
export function guardNetwork(): () => void {
  const original = globalThis.fetch
  const guarded = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const href = input instanceof Request ? input.url : String(input)
    const url = new URL(href, (globalThis as { location?: { href: string } }).location?.href)
    if (!LOOPBACK.test(url.hostname)) {
      return Promise.reject(new TypeError(`test tried to reach ${url.origin}: tests may only use loopback or the emulator`))
    }
    return original(input, init)
  }
  globalThis.fetch = guarded as typeof fetch
  return () => {
    globalThis.fetch = original
  }
}
