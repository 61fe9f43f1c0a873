// The emulated EduBridge service at the origin: `/edubridge/...` (enrollments, analytics, users, subject tracks,
// applications, learning reports, progression, Caliper ingest) and, at the API root, `/goals/...` and
// `/ap-readiness/...`. Rosters live in OneRoster's store (looked up per request); analytics answer from the facts
// this module received: Caliper events the Caliper host stored, events posted to its own ingest route, and the
// LEARNING_FACTS PowerPath publishes.
import { CALIPER_EVENTS_STORED, type StoredEventsMessage } from '../caliper/state.js'
import type { EmulatorEnv } from '../context.js'
import { LEARNING_FACTS } from '../learning-facts.js'
import { ONEROSTER_STORE } from '../oneroster/index.js'
import type { OneRosterStore } from '../oneroster/state.js'
import type { EmulatedService, EmulatedServiceModule } from '../service.js'
import { analyticsRoutes } from './analytics.js'
import { apReadinessRoutes } from './ap-readiness.js'
import { directoryRoutes } from './directory.js'
import { isObject } from './common.js'
import { enrollmentRoutes } from './enrollments.js'
import { factOfEvent, storedLearningFact } from './facts.js'
import { goalRoutes } from './goals.js'
import { ingestRoutes } from './ingest.js'
import { progressionRoutes } from './progression.js'
import { trackRoutes } from './tracks.js'
import { clearEduBridgeState, createEduBridgeState, eduBridgeControls, seedApplications, type EduBridgeState, type GoalsRouteName } from './state.js'

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

/** Keep the facts of what other modules report: Caliper's stored events and PowerPath's LEARNING_FACTS. */
function listen(env: EmulatorEnv, state: EduBridgeState): void {
  env.subscribe(CALIPER_EVENTS_STORED, (payload) => {
    const store = env.lookup<OneRosterStore>(ONEROSTER_STORE)
    const generatedAt = env.nowIso()
    for (const e of (payload as StoredEventsMessage).events) {
      const fact = factOfEvent(store, { ...e, id: e.externalId }, { sensor: e.sensor, sendTime: e.sendTime, generatedAt, newId: env.newId })
      if (fact) state.facts.push(fact)
    }
  })
  env.subscribe(LEARNING_FACTS, (payload) => {
    const store = env.lookup<OneRosterStore>(ONEROSTER_STORE)
    const facts = isObject(payload) && Array.isArray(payload.facts) ? payload.facts : []
    const now = env.nowIso()
    for (const f of facts) {
      const source = isObject(f) && typeof f.source === 'string' ? f.source : 'unknown'
      const occurred = isObject(f) && typeof f.occurredAt === 'string' ? f.occurredAt : now
      const fact = storedLearningFact(store, f, { sensor: source, sendTime: occurred, generatedAt: now, newId: env.newId })
      if (fact) state.facts.push(fact)
    }
  })
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
  create(env): EmulatedService {
    const state = createEduBridgeState()
    listen(env, state)
    const faults: EduBridgeFaults = {
      edubridgeOnlyGoalsRoute: (name) => {
        if (name !== undefined && name !== 'resetGoals' && name !== 'propagateGoals') {
          throw new RangeError("faults.edubridgeOnlyGoalsRoute: name must be 'resetGoals' or 'propagateGoals' (or nothing, for both).")
        }
        state.quirks.onlyGoalsRoute = name
      },
    }
    return {
      prefix: '',
      paths: ['/edubridge/', '/goals/', '/ap-readiness/'],
      routes: () => [
        ...enrollmentRoutes(state), ...analyticsRoutes(state), ...directoryRoutes(state), ...trackRoutes(state),
        ...goalRoutes(state), ...apReadinessRoutes(state), ...progressionRoutes(state), ...ingestRoutes(state),
      ],
      controls: { edubridge: eduBridgeControls(state) },
      faults: faults as unknown as Record<string, (...args: never[]) => void>,
      clearFaults: () => { state.quirks.onlyGoalsRoute = undefined },
      reset: () => clearEduBridgeState(state),
      seed: () => seedApplications(state),
    }
  },
}
