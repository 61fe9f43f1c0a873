// What a served emulator checks before the emulator sees a request, and adds after: the Host check that defeats
// DNS rebinding (a web page on evil.example whose name is re-pointed at 127.0.0.1 sends `Host: evil.example`), and
// CORS, answered only when asked for. Web-only, so any runtime's HTTP server can use it.
import { imsx } from './http.js'
import { hostnameOfHostHeader, isLoopbackHostname } from './loopback.js'

/** Headers a browser script may read from a CORS answer besides the safelisted ones. */
const EXPOSED = 'retry-after, x-request-id, content-disposition, www-authenticate, allow'
const METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE'

/**
 * The 403 answer for a request whose `Host` is neither loopback nor in `allowedHosts`, or undefined when it may
 * pass. `allowedHosts` are host names (no port), compared in lower case.
 *
 * @example
 * checkHost('evil.example:4010', [])?.status // 403
 * checkHost('localhost:4010', []) // undefined
 */
export function checkHost(host: string | undefined, allowedHosts: readonly string[]): Response | undefined {
  const name = host === undefined ? undefined : hostnameOfHostHeader(host)
  if (name !== undefined && (isLoopbackHostname(name) || allowedHosts.includes(name))) return undefined
  const shown = host === undefined ? 'no Host header' : `Host '${host.slice(0, 200)}'`
  return imsx(
    403,
    `${shown} is not allowed: timeback-emulator answers only requests addressed to localhost, 127.x.x.x or [::1] ` +
      '(protection against DNS rebinding). To reach it under another name, start it with --allow-host <name> ' +
      '(serveEmulator: allowedHosts).',
    { 'cache-control': 'no-store' },
  )
}

/** The answer to a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`), or undefined for other requests. */
export function corsPreflight(request: Request): Response | undefined {
  if (request.method !== 'OPTIONS' || !request.headers.has('access-control-request-method')) return undefined
  const headers = new Headers(corsHeaders())
  headers.set('access-control-allow-methods', METHODS)
  headers.set('access-control-allow-headers', request.headers.get('access-control-request-headers') ?? 'authorization, content-type')
  headers.set('access-control-max-age', '600')
  return new Response(null, { status: 204, headers })
}

/** Headers that let any origin read an answer. No credentials mode: the emulator uses bearer tokens, not cookies. */
export function corsHeaders(): Record<string, string> {
  return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED, vary: 'origin' }
}
