// Per-emulator EduBridge state: the facts analytics answer from (fed by Caliper events and LEARNING_FACTS), subject
// tracks, application metrics, goals and queued progression jobs, plus the quirk switches. Rosters (users, courses,
// classes, enrollments, sessions) are not here: they live in OneRoster's store.
import type { LearningFact } from '../learning-facts.js'
import type { Row } from './common.js'

/** One stored fact: a LearningFact plus where it came from (the rows of weekly facts). */
export interface StoredFact extends LearningFact {
  readonly id: string
  readonly sensor: string
  readonly sendTime: string
  readonly generatedAt: string
}

export interface SubjectTrack {
  readonly id: string
  readonly subject: string
  readonly grade: string
  readonly courseId: string
  /** `null`: the global track of the subject and grade. */
  readonly orgSourcedId: string | null
}

export interface ApplicationMetric {
  readonly metric: string
  readonly metricSource: string
}

/** Which goals-reset routes answer: both by default; a fault switch leaves only one (the other 404s). */
export type GoalsRouteName = 'resetGoals' | 'propagateGoals'

export interface EduBridgeState {
  readonly facts: StoredFact[]
  /** Registered applications (seeded). */
  readonly applications: Row[]
  readonly tracks: Map<string, SubjectTrack>
  readonly appMetrics: Map<string, ApplicationMetric[]>
  /** Active subject goal rows by `studentId \0 subject`. */
  readonly subjectGoals: Map<string, Row>
  /** Course goals by `studentId \0 courseId`. */
  readonly courseGoals: Map<string, Row>
  readonly apGoals: Row[]
  /** MAP Growth reports by user (none seeded: the route 404s until a test adds some). */
  readonly mapProfiles: Map<string, Row[]>
  readonly enqueued: Row[]
  quirks: { onlyGoalsRoute: GoalsRouteName | undefined }
}

export function createEduBridgeState(): EduBridgeState {
  return {
    facts: [], applications: [], tracks: new Map(), appMetrics: new Map(), subjectGoals: new Map(), courseGoals: new Map(), apGoals: [],
    mapProfiles: new Map(), enqueued: [], quirks: { onlyGoalsRoute: undefined },
  }
}

/** Forget everything (the quirk switches too). */
export function clearEduBridgeState(state: EduBridgeState): void {
  state.facts.length = 0
  state.applications.length = 0
  state.tracks.clear()
  state.appMetrics.clear()
  state.subjectGoals.clear()
  state.courseGoals.clear()
  state.apGoals.length = 0
  state.mapProfiles.clear()
  state.enqueued.length = 0
  state.quirks.onlyGoalsRoute = undefined
}

const SEED_DATE = '2025-01-01T00:00:00.000Z'

/** The seeded applications: two, so listings and metrics have something real to point at. */
export function seedApplications(state: EduBridgeState): void {
  const app = (sourcedId: string, name: string, description: string, domain: string): Row => ({
    sourcedId, name, description, domain: [domain], tenantId: 'emulator-tenant', clientAppId: `emulator-client-${sourcedId}`,
    status: 'active', dateLastModified: SEED_DATE, metadata: {},
  })
  state.applications.push(
    app('seed-app-powerpath', 'PowerPath', 'Adaptive lessons, placement and test-outs', 'powerpath.example'),
    app('seed-app-reading', 'Reading Coach', 'Guided reading practice', 'reading.example'),
  )
}

/**
 * `emulator.edubridge`: what the emulated EduBridge holds, and a way to give a student MAP Growth reports.
 *
 * @example
 * emulator.edubridge.setMapProfile('seed-student-1', [{ title: 'Fall MAP', pdfUrl: 'https://example.org/map.pdf', tests: [] }])
 * emulator.edubridge.facts.length // facts received from Caliper and PowerPath
 */
export interface EduBridgeControls {
  /** Facts received so far, oldest first (the live array: do not modify it). */
  readonly facts: readonly StoredFact[]
  /** Progression jobs accepted by `POST /edubridge/progression/enqueue`. */
  readonly enqueued: readonly Row[]
  /** Replace the MAP Growth reports `GET /edubridge/learning-reports/map-profile/{userId}` answers with. */
  setMapProfile(userId: string, reports: readonly Row[]): void
}

export function eduBridgeControls(state: EduBridgeState): EduBridgeControls {
  return {
    facts: state.facts,
    enqueued: state.enqueued,
    setMapProfile(userId, reports) {
      state.mapProfiles.set(userId, structuredClone([...reports]))
    },
  }
}
