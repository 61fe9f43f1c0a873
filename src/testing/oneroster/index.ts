// The emulated OneRoster 1.2 service (rostering, gradebook, resources) as a kernel module: its store is
// `emulator.state`, its seed the small deterministic data set, its quirk switches `faults.shortPages()` and
// `faults.sourcedIdPairsAsArray()`. Base URL: the emulator's origin (clients append `/ims/oneroster/...`).
import type { EmulatedService, EmulatedServiceModule } from '../service.js'
import type { Env } from './context.js'
import { prepareRecord } from './normalize.js'
import { onerosterRoutes } from './routes.js'
import { loadSeed } from './seed.js'
import { OneRosterStore } from './state.js'

export type { CollectionName, EmulatorState, Entity, SeedUsersOptions } from './types.js'
export { OneRosterStore } from './state.js'

/** The name under which the OneRoster module provides its store to other modules (`env.lookup<OneRosterStore>(ONEROSTER_STORE)`). */
export const ONEROSTER_STORE = 'oneroster.store'

/**
 * The OneRoster module of the emulator.
 *
 * @example
 * const emulator = createEmulator({ services: [onerosterService] }) // OneRoster only
 * emulator.state.count('users') // 15 seeded users
 */
export const onerosterService: EmulatedServiceModule = {
  name: 'oneroster',
  create(kernel): EmulatedService<Env> {
    const quirks = { shortPages: false, pairsAsArray: false }
    const store: OneRosterStore = new OneRosterStore({
      prepare: (collection, e) => prepareRecord(env, collection, e),
      newId: kernel.newId,
      nowIso: kernel.nowIso,
      origin: kernel.origin,
    })
    const env: Env = { ...kernel, store, quirks, jsonCache: new WeakMap() }
    // EduBridge enrollments create classes and sessions here; PowerPath reads users, courses and resources.
    kernel.provide(ONEROSTER_STORE, store)
    return {
      prefix: '',
      paths: ['/ims/oneroster/'],
      env,
      routes: onerosterRoutes,
      controls: { state: store },
      faults: {
        shortPages: (on: boolean = true) => { quirks.shortPages = on },
        sourcedIdPairsAsArray: (on: boolean = true) => { quirks.pairsAsArray = on },
      },
      clearFaults: () => {
        quirks.shortPages = false
        quirks.pairsAsArray = false
      },
      reset: () => store.clear(),
      seed: () => loadSeed(store),
    }
  },
}
