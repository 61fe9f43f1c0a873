// The emulated Caliper host (events, validation, listing, jobs) as a kernel module, at `${origin}/caliper-host`.
// Accepted events are published on the hub (CALIPER_EVENTS_STORED); the Webhooks module delivers them.
import type { EmulatedService, EmulatedServiceModule } from '../service.js'
import { caliperRoutes } from './routes.js'
import { CALIPER_HOST, caliperControls, createCaliperState } from './state.js'

export { caliperError } from './routes.js'
export { CALIPER_EVENTS_STORED, CALIPER_HOST } from './state.js'
export type { CaliperControls, CaliperJob, CaliperJobState, CaliperState, StoredCaliperEvent, StoredEventsMessage } from './state.js'
export { checkEnvelope as checkCaliperEnvelope } from './validate.js'
export type { CaliperProblem } from './validate.js'

/**
 * The Caliper module of the emulator: its controls are `emulator.caliper`.
 *
 * @example
 * const emulator = createEmulator()
 * emulator.caliper.failNextJob('disk full')
 */
export const caliperService: EmulatedServiceModule = {
  name: 'caliper',
  create(): EmulatedService {
    const state = createCaliperState()
    const controls = caliperControls(state)
    return {
      prefix: CALIPER_HOST,
      routes: () => caliperRoutes(state),
      controls: { caliper: controls },
      reset: () => controls.clear(),
    }
  },
}
