// @timeback/sdk/masterytrack — search MasteryTrack's inventory of mastery tests, assign them, invalidate assignments.
// @bundleMarkers /delivery/assignments/ MasteryTrackClient

export { MasteryTrackClient } from './client.js'
export type { ApiKeyAuthOptions } from '../../core/auth/api-key.js'
export type { InventoryResource, InventorySearchInput, MasteryTest, MasteryTestMetadata } from './resources/inventory.js'
export type {
  AssignInput, AssignResult, Assignment, AssignmentStatus, AssignmentSummary, AssignmentsResource,
  InvalidateInput, InvalidateResult,
} from './resources/assignments.js'
export { existingAssignmentOf } from './resources/envelope.js'
// The names every entry shares (options, pages, token stores, hooks): last, and the same objects everywhere.
export * from '../../core/public.js'
