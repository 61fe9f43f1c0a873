// Where `timeback api` sends its calls and with which credentials: an in-process emulator (--emulator), a served
// one (--emulator-url), or Timeback itself with a stored profile (else the client's own env vars).

import process from 'node:process'
import { text, UsageError, type Words } from './args.js'
import { readProfiles } from './credential-store.js'

/**
 * Client options for one service.
 * @example const options = optionsFor('qti')
 */
export type OptionsFor = (service: string) => Record<string, unknown>

/** The shape the CLI needs of an emulator (in-process, or one built only to learn a served one's paths). */
interface EmulatorFacts {
  services: Readonly<Record<string, string>>
  tokenUrl: string
  credentials: { clientId: string; clientSecret: string }
  apiKeyCredentials: object
  fetch?: unknown
}

function emulatorOptions(emu: EmulatorFacts, fetch: unknown): OptionsFor {
  return (service) => ({
    baseUrl: emu.services[service],
    auth: service === 'masterytrack' ? { ...emu.apiKeyCredentials } : { ...emu.credentials, authUrl: emu.tokenUrl },
    ...(fetch ? { fetch } : {}),
  })
}

/** A served emulator's URL: loopback http(s) origin only (it answers with demo credentials). */
function emulatorOrigin(value: string): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    // reported below
  }
  const loopback = url && (url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname))
  if (!url || !/^https?:$/.test(url.protocol) || !loopback || url.pathname !== '/' || url.search || url.username) {
    throw new UsageError(`--emulator-url must be a loopback origin such as http://127.0.0.1:4010, got '${value.slice(0, 100)}'`)
  }
  return url.origin
}

/**
 * Resolves the target from the flags. The emulator code is loaded only when asked for.
 * @example const optionsFor = await resolveTarget(flags); new OneRosterClient(optionsFor('oneroster'))
 */
export async function resolveTarget(flags: Words['flags']): Promise<OptionsFor> {
  const timeout = flags.timeout === undefined ? {} : { timeout: Number(text(flags, 'timeout')) }
  if (timeout.timeout !== undefined && !(Number.isInteger(timeout.timeout) && timeout.timeout > 0)) {
    throw new UsageError(`--timeout is milliseconds, a whole number above 0, got '${String(flags.timeout)}'`)
  }
  const emulatorUrl = text(flags, 'emulator-url')
  const chosen = [flags.emulator && '--emulator', emulatorUrl && '--emulator-url', (flags.env || flags.profile) && '--env/--profile'].filter(Boolean)
  if (chosen.length > 1) throw new UsageError(`${chosen.join(' and ')} name different targets: give one`)
  if (flags.emulator || emulatorUrl) {
    const { createEmulator } = await import('../../testing/index.js')
    const emu = emulatorUrl ? createEmulator({ origin: emulatorOrigin(emulatorUrl), seed: false }) : createEmulator()
    const base = emulatorOptions(emu, emulatorUrl ? undefined : emu.fetch)
    return (service) => ({ ...base(service), ...timeout })
  }
  const env = text(flags, 'env') ?? process.env.TIMEBACK_ENV ?? 'staging'
  if (env !== 'staging' && env !== 'production') throw new UsageError(`--env must be 'staging' or 'production', got '${env}'`)
  const name = text(flags, 'profile') ?? env
  const profile = (await readProfiles()).get(name)
  if (!profile && flags.profile) throw new UsageError(`no profile '${name}' (see: timeback credentials list)`)
  if (profile && profile.env !== env && flags.env) {
    throw new UsageError(`profile '${name}' is for ${profile.env}, not ${env}`)
  }
  // Without a profile the clients read TIMEBACK_CLIENT_ID / TIMEBACK_CLIENT_SECRET (and per-service names) themselves.
  const auth = profile ? { clientId: profile.clientId, clientSecret: profile.clientSecret } : undefined
  return (service) => ({ env: profile?.env ?? env, ...(auth && service !== 'masterytrack' ? { auth } : {}), ...timeout })
}
