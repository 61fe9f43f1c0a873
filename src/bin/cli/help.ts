// Help text, generated from the clients (clients.ts reads their getters and methods): what is listed is what runs.

import { CLIENTS, describeClient, OFFLINE_OPTIONS, scopedOperations, type ClientShape } from './clients.js'

/**
 * Usage of the whole program.
 * @example process.stdout.write(MAIN_USAGE)
 */
export const MAIN_USAGE = `Usage: timeback <command> [...]

Commands:
  api <service> <resource> <operation> [args...] [--flags]   call the Timeback API, print JSON
  credentials add|list|remove                                store API credentials (~/.timeback)
  emulator [--port N] [...]                                  serve the in-memory Timeback on 127.0.0.1

'timeback <command> --help' for each. Services: ${Object.keys(CLIENTS).join(', ')}.
Exit codes: 0 done, 1 unexpected, 2 usage or configuration (nothing sent), 3 API error, 4 network error.
`

const API_FLAGS = `Arguments after the operation are passed first, as text (an id: 'users get ID').
Flags:
  --where JSON        conditions, e.g. '{"status":"active"}'   --limit N, --offset N, --fields a,b, --max-items N
  --data JSON         the body argument ('@file.json', or '-' for stdin)
  --params JSON       the options argument as a whole; any other --name value adds a field to it
  --scope ID          an operation of one item, as users(ID).classes(): 'oneroster users classes --scope USER_ID'
  --all               every item (the resource's stream), one JSON line each; progress on stderr
  --env staging|production, --profile NAME   credentials from 'timeback credentials' (else TIMEBACK_CLIENT_ID/_SECRET)
  --emulator          an in-process seeded emulator (no network);  --emulator-url URL   a served one on loopback
  --timeout MS, --pretty, --compact (default: pretty on a terminal, one line when piped)
`

function shapeOf(service: string): ClientShape {
  return describeClient(new CLIENTS[service]!(OFFLINE_OPTIONS))
}

/**
 * Help for `timeback api`, `timeback api <service>` or `timeback api <service> <resource>`.
 * @example apiHelp('oneroster', 'users') // 'Usage: timeback api oneroster users <operation> …\n  list\n  …'
 */
export function apiHelp(service?: string, resource?: string): string {
  if (!service || !Object.hasOwn(CLIENTS, service)) {
    const lines = Object.keys(CLIENTS).map((name) => {
      const shape = shapeOf(name)
      return `  ${name.padEnd(13)} ${[...Object.keys(shape.resources), ...shape.methods].join(', ')}`
    })
    return `Usage: timeback api <service> <resource> <operation> [args...] [--flags]\n\nServices and resources:\n${lines.join('\n')}\n\n${API_FLAGS}`
  }
  const shape = shapeOf(service)
  if (resource && Object.hasOwn(shape.resources, resource)) {
    const scoped = scopedOperations((new CLIENTS[service]!(OFFLINE_OPTIONS) as Record<string, unknown>)[resource], 'ID')
    const lines = (ops: string[]): string => ops.map((op) => `  ${op}`).join('\n')
    return `Usage: timeback api ${service} ${resource} <operation> [args...] [--flags]\n\nOperations:\n${lines(shape.resources[resource]!)}\n` +
      (scoped ? `\nOperations on one item (--scope ID):\n${lines(scoped.operations)}\n` : '') + `\n${API_FLAGS}`
  }
  const resources = Object.entries(shape.resources).map(([name, ops]) => `  ${name.padEnd(22)} ${ops.join(' ')}`)
  const methods = shape.methods.map((name) => `  ${name}`)
  return `Usage: timeback api ${service} <resource> <operation> [args...] [--flags]\n\nResources and operations:\n${resources.join('\n')}\n` +
    (methods.length ? `\nClient methods (timeback api ${service} <method> [args...]):\n${methods.join('\n')}\n` : '') + `\n${API_FLAGS}`
}
