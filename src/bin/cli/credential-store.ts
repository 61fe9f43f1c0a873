// ~/.timeback/credentials.json: API credentials by profile name, readable by the owner only (0600 in a 0700
// folder). Written whole to a temporary file and renamed, so a crash never leaves half a file.

import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { UsageError } from './args.js'

/**
 * One stored credential. `env` says which Timeback it is for; the secret never leaves this file through the CLI.
 * @example const p: Profile = { env: 'staging', clientId: 'abc', clientSecret: 's3cret' }
 */
export interface Profile {
  env: 'staging' | 'production'
  clientId: string
  clientSecret: string
}

/**
 * Profile names: a word a shell does not need quoted, so `--profile NAME` is unambiguous.
 * @example PROFILE_NAME.test('staging') // true
 */
export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/

/**
 * The folder: $TIMEBACK_HOME, else ~/.timeback ($HOME honoured, for tests and sandboxes).
 * @example credentialsDir({ HOME: '/home/ada' }) // '/home/ada/.timeback'
 */
export function credentialsDir(vars: Record<string, string | undefined> = process.env): string {
  return vars.TIMEBACK_HOME || join(vars.HOME || homedir(), '.timeback')
}

/**
 * The file's path.
 * @example credentialsFile({ TIMEBACK_HOME: '/tmp/tb' }) // '/tmp/tb/credentials.json'
 */
export function credentialsFile(vars?: Record<string, string | undefined>): string {
  return join(credentialsDir(vars), 'credentials.json')
}

function checkProfile(name: string, value: unknown, file: string): Profile {
  const p = value as Partial<Profile> | null
  const ok = p !== null && typeof p === 'object' && (p.env === 'staging' || p.env === 'production') &&
    typeof p.clientId === 'string' && p.clientId !== '' && typeof p.clientSecret === 'string' && p.clientSecret !== ''
  if (!ok || !PROFILE_NAME.test(name)) {
    throw new UsageError(`${file}: profile '${name.slice(0, 64)}' is not { env: 'staging'|'production', clientId, clientSecret }; fix it or run 'timeback credentials remove ${name.slice(0, 64)}'`)
  }
  return { env: p.env!, clientId: p.clientId!, clientSecret: p.clientSecret! }
}

/**
 * Reads every profile (an empty map when there is no file). A file others can read is used, with a warning:
 * the secret may already have leaked, and refusing would not undo that.
 * @example const profiles = await readProfiles(); profiles.get('staging')?.clientId
 */
export async function readProfiles(file = credentialsFile()): Promise<Map<string, Profile>> {
  let raw: string
  try {
    raw = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return new Map()
    throw err
  }
  if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) {
    process.stderr.write(`timeback: warning: ${file} is readable by other users; run: chmod 600 '${file}'\n`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new UsageError(`${file} is not JSON; fix it or delete it and add the credentials again`)
  }
  const profiles = (parsed as { profiles?: unknown } | null)?.profiles
  if (profiles === null || typeof profiles !== 'object' || Array.isArray(profiles)) {
    throw new UsageError(`${file} has no "profiles" object; fix it or delete it and add the credentials again`)
  }
  const out = new Map<string, Profile>()
  for (const [name, value] of Object.entries(profiles)) out.set(name, checkProfile(name, value, file))
  return out
}

/**
 * Replaces the file with these profiles, owner-only.
 * @example await writeProfiles(new Map([['staging', { env: 'staging', clientId, clientSecret }]]))
 */
export async function writeProfiles(profiles: ReadonlyMap<string, Profile>, file = credentialsFile()): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  const body = `${JSON.stringify({ version: 1, profiles: Object.fromEntries(profiles) }, null, 2)}\n`
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`
  await writeFile(temp, body, { mode: 0o600, flag: 'wx' })
  await rename(temp, file)
  await chmod(file, 0o600) // rename keeps the temp file's mode, but a umask or an odd filesystem may not
}
