// How results and failures leave the CLI: JSON on stdout (pretty on a terminal, one line when piped), a message
// on stderr and an exit code that tells a script what went wrong without parsing text.

import process from 'node:process'
import { isApiError, isTimebackError } from '../../core/error-guards.js'
import { UsageError } from './args.js'

/**
 * Exit codes: 0 done; 1 something unexpected; 2 the command was typed wrong or is missing configuration
 * (nothing was sent); 3 the API answered with an error; 4 the API could not be reached (network, timeout).
 * @example if (result.status === EXIT.api) console.error('the service refused')
 */
export const EXIT = Object.freeze({ ok: 0, unexpected: 1, usage: 2, api: 3, network: 4 })

/**
 * Pretty JSON when a person reads it, compact when a program does (`--pretty` / `--compact` decide).
 * @example jsonText({ a: 1 }, false) // '{"a":1}'
 */
export function jsonText(value: unknown, pretty: boolean): string {
  return JSON.stringify(value === undefined ? null : value, null, pretty ? 2 : undefined)
}

/**
 * Whether stdout is a terminal.
 * @example const pretty = stdoutIsTty()
 */
export function stdoutIsTty(): boolean {
  return Boolean(process.stdout.isTTY)
}

let listening = false

/**
 * Writes to stdout and waits for it to drain (a large listing must not be cut short). When the reader has gone
 * (`| head`), the write rejects with EPIPE, which stops a listing's paging; {@link reportFailure} exits 0 quietly.
 * @example await write('{"ok":true}\n')
 */
export function write(text: string): Promise<void> {
  // The same failure is also emitted as an 'error' event, which would crash the process without a listener.
  if (!listening) {
    process.stdout.on('error', () => {})
    listening = true
  }
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()))
  })
}

/**
 * Reports a failure on stderr and returns its exit code. API errors print status and code first (`404
 * not_found`), so a script can grep them; the message never holds the secret (the SDK redacts it).
 * @example process.exitCode = reportFailure(err)
 */
export function reportFailure(err: unknown, usage?: string): number {
  if ((err as { code?: unknown } | null)?.code === 'EPIPE') return EXIT.ok // the reader stopped reading: not a failure
  if (err instanceof UsageError) {
    process.stderr.write(`timeback: ${err.message}\n${usage ? `\n${usage}` : ''}`)
    return EXIT.usage
  }
  if (isApiError(err)) {
    const minor = err.minorCodes.length ? ` (${err.minorCodes.join(', ')})` : ''
    process.stderr.write(`timeback: API error ${err.status} ${err.code}${minor}: ${err.message}\n`)
    return EXIT.api
  }
  if (isTimebackError(err)) {
    if (err.code === 'connection_error' || err.code === 'timeout' || err.code === 'aborted') {
      process.stderr.write(`timeback: network error ${err.code}: ${err.message}\n`)
      return EXIT.network
    }
    if (err.code === 'invalid_input' || err.code === 'configuration_error') {
      process.stderr.write(`timeback: ${err.code}: ${err.message}\n`)
      return EXIT.usage
    }
    process.stderr.write(`timeback: ${err.code}: ${err.message}\n`)
    return EXIT.unexpected
  }
  process.stderr.write(`timeback: ${err instanceof Error ? err.message : String(err)}\n`)
  return EXIT.unexpected
}
