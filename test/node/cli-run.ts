// Runs the `timeback` bin as a child process: from source (tsx) always, and the built dist/bin/timeback.js as
// well when a build that contains the CLI is present. Async (never spawnSync): some tests serve an emulator
// from this process, which must keep answering while the child runs.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface Bin {
  name: string
  argv: string[]
}

/**
 * The source bin, plus the built one when dist holds the CLI (a build from before it had only a placeholder).
 * TIMEBACK_CLI_DIST names another build folder: a direct child of the repository (e.g. .tmp-cli-dist), so that
 * ../../package.json and the package's dependencies resolve from its bin/ as they do from dist/bin/.
 */
export function bins(): Bin[] {
  const out: Bin[] = [{ name: 'src', argv: ['--import', 'tsx', resolve(ROOT, 'src/bin/timeback.ts')] }]
  const dist = process.env.TIMEBACK_CLI_DIST ?? resolve(ROOT, 'dist')
  if (existsSync(resolve(dist, 'bin/cli/api-command.js'))) out.push({ name: 'dist', argv: [resolve(dist, 'bin/timeback.js')] })
  return out
}

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Env for the child: no TIMEBACK_* or service credentials from the machine running the tests. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(TIMEBACK|ONEROSTER|CALIPER|QTI|POWERPATH|EDUBRIDGE|MASTERYTRACK|CASE|CLR|OPENBADGES|WEBHOOKS)_/.test(k)) env[k] = v
  }
  return { ...env, ...extra }
}

/** Runs the bin with these words; `input` is written to its stdin (closed either way). */
export function run(args: string[], options: { bin?: Bin; input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const bin = options.bin ?? bins()[0]!
  const child = spawn(process.execPath, [...bin.argv, ...args], { cwd: ROOT, env: options.env ?? cleanEnv() })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
  child.stdin.end(options.input ?? '')
  return new Promise((done, fail) => {
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}
