// What the emulated MasteryTrack reads from and writes to the emulator's OneRoster data, reached through the kernel
// (`env.lookup`) rather than an import of the module: students are Timeback users found by email, and a completed
// assignment made with both write-back sourcedIds writes its result to that assessment result.
import type { EmulatorEnv } from '../context.js'
import { ONEROSTER_STORE } from '../oneroster/index.js'
import type { OneRosterStore } from '../oneroster/state.js'
import type { Entity } from '../oneroster/types.js'

/**
 * The active OneRoster user with `email`, whatever its case; `null` when there is none; `undefined` when the
 * emulator was mounted without OneRoster (no users to check against: every email passes).
 */
export function studentOf(env: EmulatorEnv, email: string): Entity | null | undefined {
  const store = env.lookup<OneRosterStore>(ONEROSTER_STORE)
  if (!store) return undefined
  const wanted = email.trim().toLowerCase()
  return store.list('users').find((u) => u.status !== 'tobedeleted' && typeof u.email === 'string' && u.email.trim().toLowerCase() === wanted) ?? null
}

/** Where a finished test's result goes: the OneRoster line item and result the assignment named. */
export interface WriteBack {
  lineItem: string
  result: string
}

/**
 * Writes a completed test's result into OneRoster's assessmentResults (created, or merged into the record already
 * there): the line item and student refs, `scoreStatus: 'fully graded'`, the date, and `score` when given.
 */
export function writeResult(env: EmulatorEnv, target: WriteBack, email: string, score: number | undefined): void {
  const store = env.lookup<OneRosterStore>(ONEROSTER_STORE)
  const student = studentOf(env, email)
  if (!store || !student) return
  const existing = store.get('assessmentResults', target.result)
  store.insert('assessmentResults', {
    ...existing, sourcedId: target.result, status: 'active', dateLastModified: env.nowIso(),
    assessmentLineItem: { sourcedId: target.lineItem }, student: { sourcedId: student.sourcedId },
    scoreStatus: 'fully graded', scoreDate: env.nowIso(), ...(score === undefined ? {} : { score }),
  })
}
