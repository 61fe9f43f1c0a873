// Serves an emulator over HTTP with node:http (Node; also Deno and Bun, which provide node:http). node:http is
// imported when serveEmulator is called, through a specifier bundlers do not resolve, and typed by the small local
// interfaces below: importing `@timeback/sdk/testing` in a browser or a Worker costs nothing and needs no Node types.
import { buildEmulator } from './emulator.js'
import { hostnameOfHostHeader, isLoopbackHostname } from './loopback.js'
import { checkHost, corsHeaders, corsPreflight } from './serve-guard.js'
import type { Emulator, EmulatorOptions } from './types.js'

// The slice of node:http this adapter uses.
interface IncomingMessage extends AsyncIterable<Uint8Array> {
  readonly method?: string
  readonly url?: string
  readonly headers: Record<string, string | string[] | undefined>
  readonly socket: { destroy(error?: Error): void }
}
interface ServerResponse {
  writeHead(status: number, headers: Record<string, string>): void
  write(chunk: Uint8Array): boolean
  end(): void
  once(event: 'drain' | 'close', listener: () => void): void
  on(event: 'close', listener: () => void): void
  readonly writableFinished: boolean
  readonly destroyed: boolean
}
interface Server {
  listen(port: number, host: string, callback: () => void): void
  once(event: 'error', listener: (error: Error) => void): void
  address(): { port: number } | string | null
  close(callback: (error?: Error) => void): void
  closeAllConnections?(): void
}
interface NodeHttp {
  createServer(listener: (req: IncomingMessage, res: ServerResponse) => void): Server
}

/**
 * Options of {@link serveEmulator}: where to listen and what to accept, plus the options of the emulator it
 * creates (ignored when `emulator` is given).
 *
 * @example
 * const options: ServeEmulatorOptions = { port: 4010, cors: true, seed: false }
 */
export interface ServeEmulatorOptions extends EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number
  /** Interface to bind. Default `127.0.0.1` (loopback only). */
  host?: string
  /** Serve this emulator instead of creating one (it keeps its own origin and options). */
  emulator?: Emulator
  /** Answer CORS: `Access-Control-Allow-Origin: *` and preflights, so browser pages on other origins can call it. Default false. */
  cors?: boolean
  /**
   * Host names accepted in the `Host` header besides loopback ones (and the bound host when it is a specific
   * address). Anything else answers 403: that is what stops DNS-rebinding pages.
   */
  allowedHosts?: readonly string[]
}

/**
 * The second argument of the first release, still accepted: prefer `port` and `host` in the first one.
 *
 * @example
 * await serveEmulator({ seed: false }, { port: 0, host: '127.0.0.1' }) // same as serveEmulator({ seed: false, port: 0, host: '127.0.0.1' })
 */
export interface ServeOptions {
  port?: number
  host?: string
}

/**
 * A running emulator server.
 *
 * @example
 * const server = await serveEmulator()
 * await fetch(`${server.url}/ims/oneroster/rostering/v1p2/users`) // 401 without a token
 * await server.close()
 */
export interface EmulatorServer {
  /** `http://host:port`, also the emulator's origin when the server created it. */
  readonly url: string
  readonly port: number
  readonly emulator: Emulator
  /** Stop listening and drop open connections. */
  close(): Promise<void>
}

const isEmulator = (v: unknown): v is Emulator =>
  typeof v === 'object' && v !== null && typeof (v as Emulator).fetch === 'function' && typeof (v as Emulator).reset === 'function'

const single = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)

function toRequest(req: IncomingMessage, base: string, signal: AbortSignal): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(':') || value === undefined) continue // HTTP/2 pseudo-headers
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  }
  const method = req.method ?? 'GET'
  let body: ReadableStream<Uint8Array> | undefined
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks = req[Symbol.asyncIterator]()
    // Stream the request body through instead of buffering it.
    body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await chunks.next()
        if (done) controller.close()
        else controller.enqueue(value)
      },
      async cancel() {
        await chunks.return?.()
      },
    })
  }
  // `duplex: 'half'` is required by fetch implementations for streamed request bodies.
  const init = { method, headers, body, signal, duplex: 'half' } as RequestInit
  return new Request(new URL(req.url ?? '/', base), init)
}

async function send(res: ServerResponse, response: Response, head: boolean, extra: Record<string, string>): Promise<void> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  res.writeHead(response.status, { ...headers, ...extra })
  if (head || !response.body) {
    res.end()
    return
  }
  const reader = response.body.getReader()
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    if (res.destroyed) {
      await reader.cancel()
      return
    }
    if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve))
  }
  res.end()
}

async function loadHttp(): Promise<NodeHttp> {
  // process.getBuiltinModule (Node >= 20.16, Deno 2, Bun) rather than import(): no import expression at all, so
  // no bundler for browsers or Workers tries to resolve node:http, and Miniflare accepts the bundle.
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  const http = proc?.getBuiltinModule?.('node:http') as NodeHttp | undefined
  if (!http) {
    throw new Error("serveEmulator needs node:http (Node >= 20.16, Deno or Bun). Elsewhere, serve emulator.fetch with the platform's own server.")
  }
  return http
}

/**
 * Serve an emulator over HTTP (Node, Deno, Bun), as the `timeback-emulator` bin does. A new emulator is created
 * once the port is known, so its origin (and every URL it hands out) is the server's own `http://host:port`.
 * Safe by default: loopback interface, requests whose `Host` is not loopback answered 403 (DNS rebinding), no
 * CORS unless `cors: true`, and webhook deliveries only to loopback targets unless `deliveryTargets` says otherwise.
 *
 * @example
 * import { serveEmulator } from '@timeback/sdk/testing'
 *
 * const server = await serveEmulator({ port: 4010, seed: true })
 * console.log(server.url, server.emulator.tokenUrl)
 * const stats = await (await fetch(`${server.url}/__emulator/stats`)).json() // { requests, tokens: { issued, … } }
 * await server.close()
 */
export async function serveEmulator(options: ServeEmulatorOptions | Emulator = {}, legacy: ServeOptions = {}): Promise<EmulatorServer> {
  const opts: ServeEmulatorOptions = isEmulator(options) ? { emulator: options } : options
  const host = legacy.host ?? opts.host ?? '127.0.0.1'
  const port = legacy.port ?? opts.port ?? 0
  const cors = opts.cors === true
  const http = await loadHttp()
  let target: Emulator | undefined = opts.emulator
  let base = ''
  const allowed = (opts.allowedHosts ?? []).map((h) => h.toLowerCase())
  const boundName = hostnameOfHostHeader(host.includes(':') ? `[${host}]` : host)
  if (boundName && !isLoopbackHostname(boundName) && boundName !== '0.0.0.0' && boundName !== '[::]') allowed.push(boundName)
  const extra = cors ? corsHeaders() : {}

  const server = http.createServer((req, res) => {
    const controller = new AbortController()
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(new Error('client closed the connection'))
    })
    const head = req.method === 'HEAD'
    void (async () => {
      try {
        const denied = checkHost(single(req.headers.host), allowed)
        if (denied) return await send(res, denied, head, extra)
        const request = toRequest(req, base, controller.signal)
        const preflight = cors ? corsPreflight(request) : undefined
        await send(res, preflight ?? (await target!.fetch(request)), head, extra)
      } catch {
        // A dropped-connection fault (or an abort): end the socket without an answer, as a real drop would.
        req.socket.destroy()
      }
    })()
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  const address = server.address()
  const actualPort = typeof address === 'object' && address !== null ? address.port : port
  base = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`
  if (!target) {
    const { port: _p, host: _h, emulator: _e, cors: _c, allowedHosts: _a, ...emulatorOptions } = opts
    target = buildEmulator({ ...emulatorOptions, deliveryTargets: emulatorOptions.deliveryTargets ?? ['loopback'], origin: base })
  }
  const ready = target

  return {
    url: base,
    port: actualPort,
    emulator: ready,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections?.()
      }),
  }
}
