// The emulated MasteryTrack service (test inventory and assignments) as a kernel module, at `${origin}/masterytrack`.
// The kernel's API-key → JWT exchange at `POST /authorizer`; the inventory search and the assignment routes take
// `X-Auth-Token: Bearer <jwt>`. State: the seeded inventory and the assignments made since the last reset, which
// tests move through a student's statuses with `emulator.masterytrack.setStatus` (./lifecycle.ts).
import { route } from '../context.js'
import { json } from '../http.js'
import type { EmulatedService, EmulatedServiceModule } from '../service.js'
import { assign, invalidate, type MasteryTrackState } from './assignments.js'
import { masterytrackError } from './error.js'
import { searchProblems, searchTests, seedTests } from './inventory.js'
import { createControls } from './lifecycle.js'

export { masterytrackError }
export type { MasteryTrackControls, MasteryTrackStudentStatus } from './lifecycle.js'

/**
 * The MasteryTrack module of the emulator.
 *
 * @example
 * const emulator = createEmulator()
 * const res = await emulator.fetch(`${emulator.services.masterytrack}/authorizer`, {
 *   method: 'POST',
 *   headers: { 'x-api-key': emulator.apiKeyCredentials.apiKey, 'content-type': 'application/json' },
 *   body: JSON.stringify({ email: emulator.apiKeyCredentials.email }),
 * })
 * const { jwt } = await res.json() // send as X-Auth-Token: Bearer <jwt>
 */
export const masterytrackService: EmulatedServiceModule = {
  name: 'masterytrack',
  create(env): EmulatedService {
    // The kernel calls seed() after creation and after each reset, unless the emulator was made with seed: false.
    const state: MasteryTrackState = { tests: [], assignments: [], nextId: 1 }
    return {
      prefix: '/masterytrack',
      auth: 'api-key',
      apiKeyExchange: '/authorizer',
      error: masterytrackError,
      controls: { masterytrack: createControls(env, () => state.assignments, () => { state.tests = seedTests() }) },
      routes: () => [
        route('GET', '/authoring/inventory/search', 'searchInventory', (ctx) => {
          const details = searchProblems(ctx.query)
          if (details) return masterytrackError(400, 'Invalid search parameters', {}, { code: 'INVALID_PARAMETERS', details })
          return json({ success: true, data: searchTests(state.tests, ctx.query) })
        }),
        route('POST', '/delivery/assignments/assign', 'assignTest', (ctx) => assign(state, ctx)),
        route('POST', '/delivery/assignments/invalidate', 'invalidateAssignment', (ctx) => invalidate(state, ctx)),
      ],
      reset: () => {
        state.tests = []
        state.assignments = []
        state.nextId = 1
      },
      seed: () => {
        state.tests = seedTests()
      },
    }
  },
}
