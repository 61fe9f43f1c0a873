#!/usr/bin/env node
// The `timeback` CLI: raw API calls, stored credentials and the emulator. Node >= 20, no dependencies beyond the
// package's. Commands live in ./cli; this file only dispatches and turns failures into exit codes.
import { readFile } from 'node:fs/promises'
import process from 'node:process'
import { apiCommand } from './cli/api-command.js'
import { credentialsCommand, CREDENTIALS_USAGE } from './cli/credentials-command.js'
import { MAIN_USAGE } from './cli/help.js'
import { EXIT, reportFailure, write } from './cli/output.js'
import { UsageError } from './cli/args.js'

async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv
  if (command === 'api') return apiCommand(rest)
  if (command === 'credentials') return credentialsCommand(rest)
  if (command === 'emulator') {
    // The emulator's own program reads process.argv: hand it the words after 'emulator'.
    process.argv.splice(2, 1)
    await import('./timeback-emulator.js')
    return
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return write(MAIN_USAGE)
  if (command === '--version') {
    // src/bin/ and dist/bin/ are both two folders below package.json.
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    return write(`timeback ${version}\n`)
  }
  throw new UsageError(`unknown command '${command}'`)
}

const command = process.argv[2]
main(process.argv.slice(2)).catch((err: unknown) => {
  process.exitCode = reportFailure(err, command === 'credentials' ? CREDENTIALS_USAGE : command === 'api' ? undefined : MAIN_USAGE)
}).finally(() => {
  if (process.exitCode === undefined) process.exitCode = EXIT.ok
})
