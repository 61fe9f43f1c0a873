// `timeback credentials add|list|remove`. The secret is read from stdin (piped, or typed at a prompt that does
// not echo), never from a flag: flags end up in shell history and in every user's process list.

import { createInterface } from 'node:readline'
import process from 'node:process'
import { Writable } from 'node:stream'
import { parseWords, text, UsageError } from './args.js'
import { credentialsFile, PROFILE_NAME, readProfiles, writeProfiles, type Profile } from './credential-store.js'
import { jsonText, stdoutIsTty, write } from './output.js'

/**
 * Usage of `timeback credentials`.
 * @example process.stderr.write(CREDENTIALS_USAGE)
 */
export const CREDENTIALS_USAGE = `Usage:
  timeback credentials add [NAME] --env staging|production --client-id ID   (secret on stdin)
  timeback credentials list
  timeback credentials remove NAME

Stores API credentials in $TIMEBACK_HOME/credentials.json (default ~/.timeback/credentials.json), mode 0600.
NAME defaults to the env, and 'timeback api --env E' uses the profile named E unless --profile says another.
The client secret is read from stdin: printf %s "$SECRET" | timeback credentials add --env staging --client-id ID
(at a terminal you are prompted; nothing is echoed). 'list' never prints a secret.
`

/** Reads the secret: the first line of piped stdin, or a prompt without echo at a terminal. */
async function readSecret(clientId: string): Promise<string> {
  const tty = Boolean(process.stdin.isTTY)
  if (tty) process.stderr.write(`Client secret for ${clientId}: `)
  const muted = new Writable({ write: (_chunk, _enc, done) => done() })
  const lines = createInterface({ input: process.stdin, output: muted, terminal: tty })
  try {
    for await (const line of lines) return line.trim()
    return ''
  } finally {
    lines.close()
    if (tty) process.stderr.write('\n')
  }
}

async function add(positionals: string[], flags: Record<string, string | true>): Promise<void> {
  if ('client-secret' in flags) {
    throw new UsageError("--client-secret is refused: a secret on the command line lands in shell history and process lists; pipe it on stdin instead")
  }
  const env = text(flags, 'env')
  if (env !== 'staging' && env !== 'production') throw new UsageError(`--env must be 'staging' or 'production'${env ? `, got '${env}'` : ''}`)
  const clientId = text(flags, 'client-id')
  if (!clientId) throw new UsageError('--client-id is required')
  const name = positionals[0] ?? env
  if (!PROFILE_NAME.test(name)) throw new UsageError(`profile name '${name.slice(0, 64)}' must be letters, digits, '.', '_' or '-' (up to 64)`)
  const clientSecret = await readSecret(clientId)
  if (!clientSecret) throw new UsageError('no client secret on stdin: printf %s "$SECRET" | timeback credentials add …')
  const file = credentialsFile()
  const profiles = await readProfiles(file)
  const replaced = profiles.has(name)
  profiles.set(name, { env, clientId, clientSecret } satisfies Profile)
  await writeProfiles(profiles, file)
  process.stderr.write(`timeback: ${replaced ? 'replaced' : 'saved'} profile '${name}' (${env}, client ${clientId}) in ${file}\n`)
}

async function list(): Promise<void> {
  const profiles = await readProfiles()
  const shown = [...profiles].map(([name, p]) => ({ name, env: p.env, clientId: p.clientId, clientSecret: 'set (hidden)' }))
  await write(`${jsonText(shown, stdoutIsTty())}\n`)
}

async function remove(positionals: string[]): Promise<void> {
  const name = positionals[0]
  if (!name) throw new UsageError('which profile? timeback credentials remove NAME')
  const file = credentialsFile()
  const profiles = await readProfiles(file)
  if (!profiles.delete(name)) throw new UsageError(`no profile '${name.slice(0, 64)}' in ${file} (see: timeback credentials list)`)
  await writeProfiles(profiles, file)
  process.stderr.write(`timeback: removed profile '${name}'\n`)
}

/**
 * Runs `timeback credentials …` with the words after `credentials`.
 * @example await credentialsCommand(['list'])
 */
export async function credentialsCommand(argv: readonly string[]): Promise<void> {
  const { positionals, flags } = parseWords(argv, new Set(['help']))
  const [action, ...rest] = positionals
  if (flags.help || action === 'help') {
    await write(CREDENTIALS_USAGE)
    return
  }
  const known = action === 'add' ? ['env', 'client-id', 'client-secret'] : []
  for (const flag of Object.keys(flags)) if (!known.includes(flag)) throw new UsageError(`unknown flag --${flag} for 'credentials ${action ?? ''}'`)
  if (action === 'add') return add(rest, flags)
  if (rest.length > (action === 'remove' ? 1 : 0)) throw new UsageError(`unexpected '${rest.join(' ')}'`)
  if (action === 'list') return list()
  if (action === 'remove') return remove(rest)
  throw new UsageError(action ? `unknown action '${action}' (add, list or remove)` : 'credentials needs an action: add, list or remove')
}
