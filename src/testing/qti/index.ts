// The emulated QTI service, on its own host (`${origin}/qti-host`; production: qti.alpha-1edtech.ai/api).
// Items, stimuli and tests are stored as the service stores them (the XML kept as `rawXml`, identifier, title and
// type derived from it); listing is page-based; errors are QTI's own bodies (./error.ts), not imsx.
import type { Route } from '../context.js'
import type { EmulatedService, EmulatedServiceModule } from '../service.js'
import { InvalidField, qtiError } from './error.js'
import { feedbackRoutes } from './feedback.js'
import { itemRoutes } from './items.js'
import { loadSeed, SEED_QTI } from './seed.js'
import { clearState, createState, type Qti, type Rec } from './state.js'
import { stimulusRoutes } from './stimuli.js'
import { structureRoutes } from './structure.js'
import { testRoutes } from './tests.js'
import { validateRoutes } from './validate.js'

export { qtiError } from './error.js'
export { SEED_QTI }

/**
 * `emulator.qti`: read what the emulated service stores.
 *
 * @example
 * const emulator = createEmulator()
 * emulator.qti.item('seed-item-choice-1')?.rawXml // the XML as stored
 */
export interface QtiControls {
  /** A stored assessment item as the service would answer it, or `undefined`. */
  item(identifier: string): Readonly<Record<string, unknown>> | undefined
  /** A stored stimulus, or `undefined`. */
  stimulus(identifier: string): Readonly<Record<string, unknown>> | undefined
  /** A stored assessment test, or `undefined`. */
  test(identifier: string): Readonly<Record<string, unknown>> | undefined
  /** Every stored feedback entry (question and lesson), oldest first. */
  feedback(): readonly Readonly<Record<string, unknown>>[]
  /** The identifiers of the seed (its items' answers are documented on {@link SEED_QTI}). */
  readonly seedIds: typeof SEED_QTI
}

/** Handlers throw `InvalidField` to name the field at fault; this writes it as the 400 body with its issue. */
function withIssues(r: Route): Route {
  return {
    ...r,
    async handle(ctx) {
      try {
        return await r.handle(ctx)
      } catch (err) {
        if (err instanceof InvalidField) return qtiError(400, err.message, {}, { details: [err.issue] })
        throw err
      }
    },
  }
}

/**
 * The QTI module of the emulator.
 *
 * @example
 * const emulator = createEmulator()
 * emulator.services.qti // `${origin}/qti-host`: pass it as the QtiClient's baseUrl
 */
export const qtiService: EmulatedServiceModule = {
  name: 'qti',
  create(env): EmulatedService {
    const q: Qti = { env, state: createState() }
    const read = (map: Map<string, Rec>) => (identifier: string) => map.get(identifier)
    const controls: QtiControls = {
      item: read(q.state.items),
      stimulus: read(q.state.stimuli),
      test: read(q.state.tests),
      feedback: () => [...q.state.feedback.values()],
      seedIds: SEED_QTI,
    }
    return {
      prefix: '/qti-host',
      paths: ['/'],
      error: qtiError,
      routes: () => [...itemRoutes(q), ...stimulusRoutes(q), ...testRoutes(q), ...structureRoutes(q), ...feedbackRoutes(q), ...validateRoutes(q)].map(withIssues),
      controls: { qti: controls },
      reset: () => clearState(q.state),
      seed: () => loadSeed(q),
    }
  },
}
