// Which facts are one student's, for the analytics routes: named by `studentId` or `email` (one is required).
import { HttpError } from '../http.js'
import type { Entity } from '../oneroster/index.js'
import type { OneRosterStore } from '../oneroster/state.js'
import { userByEmail } from './common.js'
import type { EduBridgeState, StoredFact } from './state.js'

/** Which facts are the student's: `studentId` or `email` (one is required); 404 when neither names anyone. */
export function studentFacts(state: EduBridgeState, store: OneRosterStore, query: URLSearchParams): { facts: StoredFact[]; user: Entity | undefined } {
  const studentId = query.get('studentId')?.trim() || undefined
  const email = query.get('email')?.trim().toLowerCase() || undefined
  if (studentId === undefined && email === undefined) throw new HttpError(400, "'email' or 'studentId' is required.")
  const user = studentId !== undefined ? store.get('users', studentId) : userByEmail(store, email!)
  const facts = state.facts.filter((f) =>
    (studentId !== undefined && f.studentId === studentId) ||
    (email !== undefined && (f.email?.toLowerCase() === email || (user !== undefined && f.studentId === user.sourcedId))))
  if (!user && facts.length === 0) throw new HttpError(404, `Student '${studentId ?? email}' not found.`)
  return { facts, user }
}

