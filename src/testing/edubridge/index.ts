// The emulated EduBridge service at the origin: `/edubridge/...` (enrollments, analytics, users, subject tracks,
// applications, learning reports, progression, Caliper ingest) and, at the API root, `/goals/...` and
// `/ap-readiness/...`. Rosters live in OneRoster's store (looked up per request); analytics answer from the facts
// this module received: Caliper events the Caliper host stored, events posted to its own ingest route, and the
// LEARNING_FACTS PowerPath publishes.
import type { EmulatedService, EmulatedServiceModule } from '../service.js'
import { enrollmentRoutes } from './enrollments.js'
import { clearEduBridgeState, createEduBridgeState, eduBridgeControls, type GoalsRouteName } from './state.js'

export type { EduBridgeControls, GoalsRouteName, StoredFact } from './state.js'

/**
 * EduBridge's quirk switch on `emulator.faults`.
 *
 * @example
 * emulator.faults.edubridgeOnlyGoalsRoute('propagateGoals') // POST …/resetGoals/{courseId} now answers 404
 * emulator.faults.clear() // both names answer again
 */
export interface EduBridgeFaults {
  /** Serve the goals reset under this name only (the other 404s, as an unknown route); no name: both again. */
  edubridgeOnlyGoalsRoute(name?: GoalsRouteName): void
}

/**
 * The EduBridge module of the emulator; its controls are `emulator.edubridge`.
 *
 * @example
 * const emulator = createEmulator()
 * emulator.services.edubridge // the origin: clients append `/edubridge/...` (and `/goals/...`)
 */
export const edubridgeService: EmulatedServiceModule = {
  name: 'edubridge',
  create(): EmulatedService {
    const state = createEduBridgeState()
    const faults: EduBridgeFaults = {
      edubridgeOnlyGoalsRoute: (name) => { state.quirks.onlyGoalsRoute = name },
    }
    return {
      prefix: '',
      paths: ['/edubridge/', '/goals/', '/ap-readiness/'],
      routes: () => [...enrollmentRoutes(state)],
      controls: { edubridge: eduBridgeControls(state) },
      faults: faults as unknown as Record<string, (...args: never[]) => void>,
      clearFaults: () => { state.quirks.onlyGoalsRoute = undefined },
      reset: () => clearEduBridgeState(state),
    }
  },
}
