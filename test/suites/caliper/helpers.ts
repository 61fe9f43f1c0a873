// Shared setup of the Caliper suites: an emulator (no OneRoster seed), a CaliperClient on its Caliper host,
// valid Timeback inputs, and counters over the emulator's request log.

import type { EmulatorOptions, Harness, Sdk, SuiteEnv } from '../../harness/types.ts'
import type { CaliperClient, ClientOptions } from '../../../src/services/caliper/index.ts'

export const SENSOR = 'https://app.example/sensors/main'
export const SENSOR_B = 'https://other.example/sensors/b'
/** The send route exactly (a string fault path would also match /caliper/events and /caliper/event/validate). */
export const EVENT_PATH = /^\/caliper-host\/caliper\/event$/

export const actor = (n = 1) => ({
  id: `https://api.alpha-1edtech.ai/ims/oneroster/rostering/v1p2/users/student-${n}`,
  email: `student${n}@school.example`,
  name: `Student ${n}`,
  role: 'student' as const,
})

export const activityContext = (subject: 'Math' | 'Reading' | 'Vocabulary' = 'Math') => ({
  id: 'https://app.example/activities/fractions-1',
  subject,
  app: { name: 'Fractions App', id: 'https://app.example' },
  course: { name: 'Math G4' },
  activity: { name: 'Fractions quiz' },
})

export function caliperSetup(env: SuiteEnv, options: EmulatorOptions = {}, client: Partial<ClientOptions> = {}) {
  const s = env.setup({ seed: false, ...options })
  const caliper = env.sdk.caliper!
  const make = (extra: Partial<ClientOptions> = {}): CaliperClient =>
    new caliper.CaliperClient({ ...s.options, baseUrl: s.emulator.services.caliper, ...client, ...extra })
  const activity = (n = 1, xp = 10, over: Record<string, unknown> = {}) =>
    caliper.createActivityEvent({ actor: actor(n), object: activityContext(), metrics: [{ type: 'xpEarned', value: xp }], ...over })
  return {
    ...s,
    caliper,
    client: make(),
    make,
    activity,
    /** Requests that reached the Caliper host (token requests excluded). */
    caliperRequests: (method?: string) =>
      s.emulator.requests.filter((r) => r.path.startsWith('/caliper-host/') && (method === undefined || r.method === method)).length,
    /** External ids of the stored events, in storage order. */
    storedIds: () => s.emulator.caliper.events.map((e) => e.externalId),
  }
}

/** True when the runner loaded `@timeback/sdk/caliper`; otherwise registers one visible placeholder test. */
export function requireCaliper(h: Harness, sdk: Sdk, name: string): boolean {
  if (sdk.caliper) return true
  h.describe(name, () => h.it('SKIPPED: this runner does not load @timeback/sdk/caliper (sdk.caliper) yet', () => {}))
  return false
}

/** Sorted copy, for comparing sets of ids. */
export const sorted = (xs: readonly string[]) => [...xs].sort()
