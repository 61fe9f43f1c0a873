// How an emulated MasteryTrack assignment moves once made. The service has no route for it (students take the test
// in MasteryTrack's own player), so tests move it through `emulator.masterytrack.setStatus`. The documented facts:
// ASSIGNED, IN_PROGRESS and PAUSED are active (they block a new assignment of the same test and can be
// invalidated); COMPLETED and ABANDONED end it (the test can be assigned again); INVALIDATED, set only by the
// invalidate route, is permanent. The order between active states is the plain reading of their names. A test
// assigned with both write-back sourcedIds writes its result into OneRoster when it is completed.
import type { EmulatorEnv } from '../context.js'
import type { AssignmentRecord } from './assignments.js'
import { writeResult } from './roster.js'

/** A status a test may move an assignment to (INVALIDATED is the invalidate route's alone). */
export type MasteryTrackStudentStatus = 'IN_PROGRESS' | 'PAUSED' | 'COMPLETED' | 'ABANDONED'

const MOVES: Readonly<Record<string, readonly MasteryTrackStudentStatus[]>> = {
  ASSIGNED: ['IN_PROGRESS', 'ABANDONED'],
  IN_PROGRESS: ['PAUSED', 'COMPLETED', 'ABANDONED'],
  PAUSED: ['IN_PROGRESS', 'ABANDONED'],
}

/** Statuses that block a duplicate and that invalidation applies to. */
export const ACTIVE_STATUSES: ReadonlySet<string> = new Set(Object.keys(MOVES))

/**
 * `emulator.masterytrack`: the assignments the emulated MasteryTrack holds, and what a student does with them.
 *
 * @example
 * const { assignment } = await client.assignments.assign({ student_email, timeback_id })
 * emulator.masterytrack.setStatus(assignment.id, 'IN_PROGRESS') // the student opened the test
 * emulator.masterytrack.setStatus(assignment.id, 'COMPLETED')   // ...and finished it: it can be assigned again
 */
export interface MasteryTrackControls {
  /** Every assignment since the last reset, oldest first, fields as the service names them (copies). */
  readonly assignments: readonly Readonly<AssignmentRecord>[]
  /**
   * Moves assignment `id` as its student would: ASSIGNED → IN_PROGRESS ⇄ PAUSED, IN_PROGRESS → COMPLETED, any
   * active status → ABANDONED. Throws a RangeError for an unknown id and a TypeError for any other move (a
   * COMPLETED, ABANDONED or INVALIDATED assignment never moves again). Completing an assignment made with
   * `assessment_line_item_sourced_id` and `assessment_result_sourced_id` writes `emulator.state`'s
   * assessmentResults record of that id (`score` when given, `scoreStatus: 'fully graded'`).
   */
  setStatus(id: number, status: MasteryTrackStudentStatus, result?: { score?: number }): void
  /**
   * Loads the seeded test inventory (seven tests, five supported), replacing what is there: for an emulator made
   * with `seed: false` that builds its own school but still wants tests to assign. Assignments are kept.
   */
  seedInventory(): void
}

/** The controls over one module's assignment list (read at call time: reset replaces it). */
export function createControls(env: EmulatorEnv, assignments: () => AssignmentRecord[], seedInventory: () => void): MasteryTrackControls {
  return {
    seedInventory,
    get assignments() {
      return assignments().map((a) => ({ ...a, metadata: { ...a.metadata }, ...(a.write_back ? { write_back: { ...a.write_back } } : {}) }))
    },
    setStatus(id, status, result) {
      const record = assignments().find((a) => a.id === id)
      if (!record) throw new RangeError(`masterytrack.setStatus: no assignment ${String(id)}.`)
      const allowed = MOVES[record.status] ?? []
      if (!allowed.includes(status)) {
        const options = allowed.length ? `it can move to ${allowed.join(', ')}` : 'it is final'
        throw new TypeError(`masterytrack.setStatus: assignment ${id} is ${record.status}, not ${String(status)}: ${options}.`)
      }
      const score = result?.score
      if (score !== undefined && (typeof score !== 'number' || !Number.isFinite(score))) {
        throw new TypeError(`masterytrack.setStatus: score must be a finite number, got ${String(score)}.`)
      }
      record.status = status
      if (status === 'COMPLETED' && record.write_back) writeResult(env, record.write_back, record.student_email, score)
    },
  }
}
