// @timeback/sdk/powerpath
// @bundleMarkers PowerPathClient /powerpath/getNextQuestion

/**
 * @module powerpath — PowerPathClient and its types.
 */

export { PowerPathClient } from './client.js'
export type * from './resources/assessments.js'
export type * from './resources/course-sequences.js'
export type * from './resources/enums.js'
export type * from './resources/lesson-plans.js'
export type * from './resources/placement.js'
export type * from './resources/screening.js'
export type * from './resources/syllabus.js'
export type * from './resources/test-assignments.js'
export type * from './resources/test-out.js'
// The names every entry shares (options, pages, token stores, hooks): last, and the same objects everywhere.
export * from '../../core/public.js'
