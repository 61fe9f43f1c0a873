// `timeback api <service> <resource> <operation> [args…] [--flags]`: one call of a client method, its result as
// JSON, or every item of a listing as NDJSON with --all.

import { readFile } from 'node:fs/promises'
import process from 'node:process'
import { camel, integer, json, parseWords, text, UsageError, type Words } from './args.js'
import { CLIENTS, describeClient, scopedOperations } from './clients.js'
import { apiHelp } from './help.js'
import { jsonText, stdoutIsTty, write } from './output.js'
import { resolveTarget } from './target.js'

const BOOLEANS = new Set(['all', 'emulator', 'pretty', 'compact', 'help'])
/** Flags of the CLI itself; every other --flag becomes a field of the call's options. */
const OWN = new Set([...BOOLEANS, 'env', 'profile', 'emulator-url', 'timeout', 'data', 'params', 'where', 'limit', 'offset', 'max-items', 'fields', 'scope'])

/** `--data JSON`, `--data @file.json` or `--data -` (stdin). */
async function readData(value: string): Promise<unknown> {
  if (value === '-') {
    let body = ''
    for await (const chunk of process.stdin) body += String(chunk)
    return json('data', body, 'any')
  }
  if (value.startsWith('@')) return json('data', await readFile(value.slice(1), 'utf8'), 'any')
  return json('data', value, 'any')
}

/** The options object of the call: list parameters, --params JSON, then any other --name value. */
function callOptions(flags: Words['flags']): Record<string, unknown> {
  const params = flags.params === undefined ? {} : (json('params', text(flags, 'params')!, 'object') as Record<string, unknown>)
  const out: Record<string, unknown> = { ...params }
  const where = text(flags, 'where')
  if (where !== undefined) out.where = json('where', where, 'object')
  const limit = integer(flags, 'limit', 1, 3000)
  if (limit !== undefined) out.limit = limit
  const offset = integer(flags, 'offset', 0, Number.MAX_SAFE_INTEGER)
  if (offset !== undefined) out.offset = offset
  const maxItems = integer(flags, 'max-items', 1, Number.MAX_SAFE_INTEGER)
  if (maxItems !== undefined) out.maxItems = maxItems
  const fields = text(flags, 'fields')
  if (fields !== undefined) out.fields = fields.split(',').map((f) => f.trim()).filter(Boolean)
  for (const [name, value] of Object.entries(flags)) {
    if (OWN.has(name)) continue
    if (value === true) throw new UsageError(`--${name} needs a value`)
    const key = camel(name)
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new UsageError(`--${name} is not an option name`)
    out[key] = value
  }
  return out
}

/** `target[a][b]` for a dotted operation name, bound to its object. */
function lookup(target: object, dotted: string): ((...args: unknown[]) => unknown) | undefined {
  let owner: any = target
  const parts = dotted.split('.')
  for (const part of parts.slice(0, -1)) owner = owner?.[part]
  const fn = owner?.[parts.at(-1)!]
  return typeof fn === 'function' ? fn.bind(owner) : undefined
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
}

/** Writes each item as one JSON line; a progress count goes to stderr (rewritten in place on a terminal). */
async function streamItems(items: AsyncIterable<unknown>): Promise<void> {
  const tty = Boolean(process.stderr.isTTY)
  let count = 0
  for await (const item of items) {
    await write(`${JSON.stringify(item)}\n`)
    count++
    if (tty && count % 100 === 0) process.stderr.write(`\rtimeback: ${count} items…`)
  }
  process.stderr.write(`${tty ? '\r' : ''}timeback: ${count} item${count === 1 ? '' : 's'}\n`)
}

/**
 * Runs `timeback api …` with the words after `api`.
 * @example await apiCommand(['oneroster', 'users', 'list', '--limit', '1', '--emulator'])
 */
export async function apiCommand(argv: readonly string[]): Promise<void> {
  const { positionals, flags } = parseWords(argv, BOOLEANS)
  const [service, resource, ...rest] = positionals
  if (flags.help || !service || !resource) {
    const help = apiHelp(service, resource)
    if (!flags.help) throw new UsageError(`${service ? `which resource of ${service}?` : 'which service?'}\n\n${help}`)
    return write(help)
  }
  const Client = Object.hasOwn(CLIENTS, service) ? CLIENTS[service] : undefined
  if (!Client) throw new UsageError(`unknown service '${service}'; one of: ${Object.keys(CLIENTS).join(', ')}`)
  const optionsFor = await resolveTarget(flags)
  const client = new Client(optionsFor(service)) as Record<string, unknown>
  const shape = describeClient(client)
  let fn: ((...args: unknown[]) => unknown) | undefined
  let args: unknown[]
  let streamFn: ((...args: unknown[]) => unknown) | undefined
  if (shape.methods.includes(resource)) {
    fn = lookup(client, resource)
    args = rest
  } else if (Object.hasOwn(shape.resources, resource)) {
    const [operation, ...positional] = rest
    const scopeId = text(flags, 'scope')
    const scoped = scopeId === undefined ? undefined : scopedOperations(client[resource], scopeId)
    if (scopeId !== undefined && !scoped) throw new UsageError(`${service} ${resource} has no scoped operations: leave out --scope`)
    const what = scoped ? `${service} ${resource} --scope ${scopeId}` : `${service} ${resource}`
    const operations = scoped ? scoped.operations : shape.resources[resource]!
    if (!operation && !flags.all) throw new UsageError(`which operation of ${what}? one of: ${operations.join(', ')}`)
    if (operation && !operations.includes(operation)) {
      throw new UsageError(`${what} has no operation '${operation}'; one of: ${operations.join(', ')}`)
    }
    const target = scoped ? scoped.target : (client[resource] as object)
    fn = operation ? lookup(target, operation) : undefined
    // `list --all` streams the same listing: `<op>.stream` for a callable list, else the sibling `stream`.
    const parent = operation?.includes('.') ? `${operation.slice(0, operation.lastIndexOf('.'))}.` : ''
    streamFn = (operation ? lookup(target, `${operation}.stream`) : undefined) ?? lookup(target, `${parent}stream`)
    args = positional
  } else {
    throw new UsageError(`${service} has no resource '${resource}'; see: timeback api ${service} --help`)
  }
  if (flags.all && !streamFn) throw new UsageError(`--all needs a listing that streams; ${service} ${resource} has no stream`)
  if (flags.pretty && flags.compact) throw new UsageError('--pretty and --compact: give one')
  const data = flags.data === undefined ? undefined : await readData(text(flags, 'data')!)
  const options = callOptions(flags)
  const callArgs = [...args, ...(data === undefined ? [] : [data]), ...(Object.keys(options).length ? [options] : [])]
  if (flags.all) return streamItems(streamFn!(...callArgs) as AsyncIterable<unknown>)
  const result = await fn!(...callArgs)
  if (isAsyncIterable(result)) return streamItems(result)
  if (result !== undefined) await write(`${jsonText(result, flags.pretty === true || (!flags.compact && stdoutIsTty()))}\n`)
}
