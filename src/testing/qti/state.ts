// The QTI module's state: items, stimuli and tests by identifier (Map order is creation order, which a replace
// keeps), and feedback by id. Records are stored as the wire shape and replaced whole on every write, never
// changed in place, so a page handed out earlier never changes under its reader.
import type { EmulatorEnv } from '../context.js'
import { HttpError } from '../http.js'

export type Rec = Record<string, unknown>

export interface QtiState {
  readonly items: Map<string, Rec>
  readonly stimuli: Map<string, Rec>
  readonly tests: Map<string, Rec>
  readonly feedback: Map<string, Rec>
}

/** What every QTI handler works with. */
export interface Qti {
  readonly env: EmulatorEnv
  readonly state: QtiState
}

export function createState(): QtiState {
  return { items: new Map(), stimuli: new Map(), tests: new Map(), feedback: new Map() }
}

export function clearState(state: QtiState): void {
  state.items.clear()
  state.stimuli.clear()
  state.tests.clear()
  state.feedback.clear()
}

/** The kinds of stored entity, with the words their errors use. */
export type Kind = 'items' | 'stimuli' | 'tests'
const LABEL: Record<Kind, string> = { items: 'Assessment item', stimuli: 'Stimulus', tests: 'Assessment test' }

/** The stored entity or a 404 naming it. */
export function need(q: Qti, kind: Kind, identifier: string): Rec {
  const found = q.state[kind].get(identifier)
  if (!found) throw new HttpError(404, `${LABEL[kind]} '${identifier}' not found.`)
  return found
}

/** Store a new entity (timestamps and `__v` added); a taken identifier is a 409 saying so. */
export function insert(q: Qti, kind: Kind, record: Rec): Rec {
  const identifier = record.identifier as string
  if (q.state[kind].has(identifier)) {
    throw new HttpError(409, `${LABEL[kind]} with identifier '${identifier}' already exists (PUT /${kind === 'items' ? 'assessment-items' : kind === 'tests' ? 'assessment-tests' : 'stimuli'}/${identifier} replaces it).`)
  }
  const now = q.env.nowIso()
  const stored = { ...record, createdAt: now, updatedAt: now, __v: 0 }
  q.state[kind].set(identifier, stored)
  return stored
}

/** Replace an existing entity whole, keeping its creation time and bumping `__v`. */
export function replace(q: Qti, kind: Kind, record: Rec): Rec {
  const old = need(q, kind, record.identifier as string)
  const stored = { ...record, createdAt: old.createdAt, updatedAt: q.env.nowIso(), __v: (old.__v as number) + 1 }
  q.state[kind].set(record.identifier as string, stored)
  return stored
}

/** Delete an entity or answer 404. */
export function remove(q: Qti, kind: Kind, identifier: string): void {
  need(q, kind, identifier)
  q.state[kind].delete(identifier)
}
