// Shared by the PowerPath suites: a PowerPathClient against a fresh emulator (PowerPath lives at the origin).

import type { SuiteEnv } from '../../harness/types.ts'

/** A fresh emulator and a PowerPathClient reaching it the way the runner chose (injected fetch or msw). */
export function ppSetup(env: SuiteEnv, options: Parameters<SuiteEnv['setup']>[0] = {}) {
  const { emulator, options: base } = env.setup(options)
  const client = new env.sdk.powerpath.PowerPathClient({ ...base, baseUrl: emulator.services.powerpath, maxRetries: 0 })
  return { emulator, client }
}

export { rejection } from '../refusals.ts'
