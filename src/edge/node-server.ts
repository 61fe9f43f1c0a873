// Node adapter for the emulator (@timeback/sdk/testing): serves `emulator.fetch` on a TCP port with
// node:http. node:http is imported inside the function and typed by the small local interfaces below,
// so importing this module costs nothing and its types do not depend on @types/node.
import { createEmulator } from '../testing/index.js'
import type { Emulator, EmulatorOptions } from '../testing/index.js'

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
  destroy(error?: Error): void
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
 * Where to listen.
 *
 * @example
 * const options: ServeOptions = { port: 4010, host: '127.0.0.1' }
 */
export interface ServeOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number
  /** Interface to bind. Default `127.0.0.1` (loopback only). */
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

const isEmulator = (v: Emulator | EmulatorOptions | undefined): v is Emulator =>
  typeof v === 'object' && v !== null && typeof (v as Emulator).fetch === 'function' && typeof (v as Emulator).reset === 'function'

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

async function send(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  res.writeHead(response.status, headers)
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

/**
 * Serve an emulator over HTTP on Node. Pass an existing emulator, or options for a new one: a new
 * emulator is created once the port is known, so its origin (and every URL it hands out) is the
 * server's own `http://host:port`.
 *
 * @example
 * // (the `timeback-emulator` bin is a thin CLI around this)
 * const server = await serveEmulator({ seed: true }, { port: 0 })
 * console.log(server.url, server.emulator.tokenUrl)
 * await server.close()
 */
export async function serveEmulator(emulator?: Emulator | EmulatorOptions, options: ServeOptions = {}): Promise<EmulatorServer> {
  const host = options.host ?? '127.0.0.1'
  const port = options.port ?? 0
  const specifier = 'node:http' // a variable keeps bundlers for other platforms from resolving it
  const http = (await import(specifier)) as NodeHttp
  let target: Emulator | undefined = isEmulator(emulator) ? emulator : undefined
  let base = ''

  const server = http.createServer((req, res) => {
    const controller = new AbortController()
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(new Error('client closed the connection'))
    })
    const head = req.method === 'HEAD'
    void (async () => {
      try {
        const response = await target!.fetch(toRequest(req, base, controller.signal))
        await send(res, response, head)
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
  if (!target) target = createEmulator({ ...(emulator as EmulatorOptions | undefined), origin: base })
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
