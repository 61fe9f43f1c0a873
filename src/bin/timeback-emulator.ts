#!/usr/bin/env node
// timeback-emulator: serve the in-memory Timeback (@timeback/sdk/testing) on a local port.
import { isLoopbackHostname } from '../testing/loopback.js'
import { describeEmulator } from '../testing/serve.js'
import { serveEmulator } from '../testing/serve-node.js'

// The slice of Node's `process` this CLI uses (declared here so the file type-checks without @types/node).
declare const process: {
  readonly argv: readonly string[]
  exitCode?: number
  exit(code?: number): never
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): void
  readonly stdout: { write(text: string): boolean }
  readonly stderr: { write(text: string): boolean }
}

const USAGE = `Usage: timeback-emulator [--port N] [--host 127.0.0.1] [--no-seed] [--token-ttl S] [--cors] [--allow-host H]...
                         [--allow-delivery-host H]... [--deliver-anywhere] [--allow-remote]

  --port N                  TCP port (default 4010; 0 picks a free port)
  --host H                  interface to bind (default 127.0.0.1)
  --no-seed                 start with an empty store instead of the seed data set
  --token-ttl S             access token lifetime in seconds (default 3600)
  --cors                    answer CORS (any origin, preflights) so browser pages on other origins can call it
  --allow-host H            also accept requests whose Host header names H (default: only localhost, 127.x, [::1];
                            others get 403, which stops DNS-rebinding pages); repeatable
  --allow-delivery-host H   also deliver webhooks to host H (default: loopback targets only); repeatable
  --deliver-anywhere        deliver webhooks to any host
  --allow-remote            allow binding a non-loopback host (the emulator has demo credentials: keep it local)

Counters for other processes: GET /__emulator/stats (DELETE zeroes them).
`

interface Args {
  port: number; host: string; seed: boolean; tokenTtl: number; allowRemote: boolean; help: boolean
  cors: boolean; allowHosts: string[]; deliveryHosts: string[]; deliverAnywhere: boolean
}

/** A host name as given to --allow-host / --allow-delivery-host: no scheme, port or path ([::1] style for IPv6). */
function hostName(flag: string, text: string): string {
  const bracketedV6 = /^\[[0-9A-Fa-f:.]+\]$/.test(text)
  let name: string | undefined
  if (bracketedV6 || !/[:/?#@\\\s]/.test(text)) {
    try {
      name = new URL(`http://${text}`).hostname
    } catch {
      // reported below
    }
  }
  if (!name) throw new Error(`${flag} takes a host name such as hooks.example.test (no scheme, port or path), got '${text}'`)
  return name
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    port: 4010, host: '127.0.0.1', seed: true, tokenTtl: 3600, allowRemote: false, help: false,
    cors: false, allowHosts: [], deliveryHosts: [], deliverAnywhere: false,
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    const value = (): string => {
      const v = inline ?? argv[++i]
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`)
      return v
    }
    const integer = (text: string, min: number, max: number): number => {
      const n = /^\d+$/.test(text) ? Number(text) : NaN
      if (!(n >= min && n <= max)) throw new Error(`${flag} must be an integer between ${min} and ${max}, got '${text}'`)
      return n
    }
    if (flag === '--port') args.port = integer(value(), 0, 65535)
    else if (flag === '--host') args.host = value()
    else if (flag === '--no-seed') args.seed = false
    else if (flag === '--token-ttl') args.tokenTtl = integer(value(), 1, 31_536_000)
    else if (flag === '--allow-remote') args.allowRemote = true
    else if (flag === '--cors') args.cors = true
    else if (flag === '--allow-host') args.allowHosts.push(hostName(flag, value()))
    else if (flag === '--allow-delivery-host') args.deliveryHosts.push(hostName(flag, value()))
    else if (flag === '--deliver-anywhere') args.deliverAnywhere = true
    else if (flag === '--help' || flag === '-h') args.help = true
    else throw new Error(`unknown argument '${arg}'`)
  }
  return args
}

async function main(): Promise<void> {
  let args: Args
  try {
    args = parseArgs(process.argv.slice(2))
  } catch (err) {
    process.stderr.write(`timeback-emulator: ${(err as Error).message}\n\n${USAGE}`)
    process.exit(2)
  }
  if (args.help) {
    process.stdout.write(USAGE)
    return
  }
  if (!isLoopbackHostname(args.host) && !args.allowRemote) {
    process.stderr.write(`timeback-emulator: refusing to bind non-loopback host '${args.host}' (pass --allow-remote to override)\n`)
    process.exit(2)
  }
  const host = args.host === '[::1]' ? '::1' : args.host
  const server = await serveEmulator({
    port: args.port,
    host,
    seed: args.seed,
    tokenTtlSeconds: args.tokenTtl,
    cors: args.cors,
    allowedHosts: args.allowHosts,
    deliveryTargets: args.deliverAnywhere ? 'any' : ['loopback', ...args.deliveryHosts],
  })
  const hosts = ['localhost', '127.x.x.x', '[::1]', ...args.allowHosts].join(', ')
  const deliveries = args.deliverAnywhere ? 'any host' : ['loopback', ...args.deliveryHosts].join(', ')
  const safety = [
    `Accepts Host:  ${hosts} (others get 403)`,
    `CORS:          ${args.cors ? 'on (any origin)' : 'off (--cors to allow browser pages on other origins)'}`,
    `Webhooks to:   ${deliveries}`,
    `Counters:      GET ${server.url}/__emulator/stats`,
  ]
  process.stdout.write(`${describeEmulator(server.emulator)}\n${safety.join('\n')}\n\nPress Ctrl+C to stop.\n`)
  const stop = (): void => {
    server.close().then(() => process.exit(0), () => process.exit(1))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  process.stderr.write(`timeback-emulator: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
