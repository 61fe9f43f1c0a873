// Shared setup of the unified-client suites: a fresh emulator and a TimebackClient whose services all point at it
// (each service's base URL as a per-service override, the emulator's credentials as the shared `api`).

import type { EmulatorOptions, SuiteEnv } from '../../harness/types.ts'

export const SENSOR = 'https://app.example'
export const STUDENT = 'seed-student-1'
export const STUDENT_EMAIL = `${STUDENT}@seed.example`

/** An emulator and a unified client using `names` (default oneroster, caliper, edubridge) on it, retries off. */
export function tbSetup(env: SuiteEnv, names: readonly string[] = ['oneroster', 'caliper', 'edubridge'], emulatorOptions?: EmulatorOptions) {
  const s = env.setup(emulatorOptions)
  const all = env.sdk.timeback.everyService as Record<string, unknown>
  const use = Object.fromEntries(names.map((n) => [n, all[n]])) as typeof env.sdk.timeback.everyService
  const services = Object.fromEntries(names.map((n) => [n, { baseUrl: s.emulator.services[n] }]))
  const timeback = new env.sdk.timeback.TimebackClient({
    use, services, api: s.options.auth, sensor: SENSOR, maxRetries: 0, ...(s.options.fetch ? { fetch: s.options.fetch } : {}),
  })
  return { ...s, timeback }
}

/** Hex SHA-256, computed here (not by the code under test) for expected ids. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}
