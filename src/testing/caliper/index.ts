// The emulated Caliper host (events, validation, listing, jobs) of `@timeback/sdk/testing`.
export { caliperRoutes, caliperError } from './routes.js'
export { attachCaliper, caliperState } from './state.js'
export type { CaliperControls, CaliperJob, CaliperJobState, CaliperState, StoredCaliperEvent } from './state.js'
export { checkEnvelope as checkCaliperEnvelope } from './validate.js'
export type { CaliperProblem } from './validate.js'
