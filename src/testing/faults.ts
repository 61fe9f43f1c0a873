// Fault injection: rules matched against incoming requests. The public `emulator.faults` object adds the kernel's
// switches (token revocation, clock skew) and each service's quirk switches to these rules (see ./emulator.ts).
import type { FaultHandle, FaultRule } from './types.js'

interface ActiveRule {
  readonly rule: FaultRule
  remaining: number
  hits: number
  removed: boolean
}

export class FaultRegistry {
  #rules: ActiveRule[] = []

  add(rule: FaultRule): FaultHandle {
    const times = rule.times ?? 1
    if (!(times >= 0)) throw new RangeError('faults.add: times must be a number >= 0 (Infinity allowed).')
    const active: ActiveRule = { rule: { ...rule }, remaining: times, hits: 0, removed: false }
    this.#rules.push(active)
    return {
      remove: () => {
        active.removed = true
        this.#rules = this.#rules.filter((r) => r !== active)
      },
      get hits() {
        return active.hits
      },
    }
  }

  /**
   * The first live rule matching this request, counted as a hit. One rule decides a request: combine
   * effects (delay then status) inside one rule rather than stacking rules. Token-issuing endpoints (OAuth and
   * the API-key exchange) are matched only by rules with `includeToken`.
   */
  take(method: string, pathname: string, isTokenEndpoint: boolean): FaultRule | undefined {
    for (const active of this.#rules) {
      const { rule } = active
      if (active.removed || active.remaining <= 0) continue
      if (isTokenEndpoint && !rule.includeToken) continue
      if (rule.method !== undefined && rule.method.toUpperCase() !== method) continue
      if (rule.path !== undefined) {
        if (typeof rule.path === 'string' ? !pathname.includes(rule.path) : !testPattern(rule.path, pathname)) continue
      }
      active.remaining--
      active.hits++
      return rule
    }
    return undefined
  }

  /** Remove every rule (handles already given out stop matching). */
  clear(): void {
    for (const r of this.#rules) r.removed = true
    this.#rules = []
  }
}

function testPattern(re: RegExp, text: string): boolean {
  re.lastIndex = 0 // a global/sticky RegExp keeps state between test() calls
  return re.test(text)
}

/** Wait `ms`, rejecting with the signal's reason as soon as it aborts. */
export function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** A cut-off JSON text: the real body with its second half missing. */
export async function truncate(response: Response): Promise<Response> {
  const text = await response.text()
  const cut = text.length > 1 ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : '{"'
  const headers = new Headers(response.headers)
  headers.set('content-type', 'application/json')
  headers.delete('content-length')
  // Statuses that cannot carry a body (a DELETE's 204) become 200 so the broken text is delivered.
  const status = [204, 205, 304].includes(response.status) ? 200 : response.status
  return new Response(cut, { status, headers })
}

export const HTML_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>emulated proxy</center></body></html>\n'
