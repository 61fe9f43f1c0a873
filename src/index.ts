// @timeback/sdk — one client for every service (skeleton: being built).
// @bundleMarkers unified-client-skeleton

/**
 * Placeholder until the unified client lands.
 * @example
 * const version = SDK_NAME
 */
export const SDK_NAME = '@timeback/sdk'
export function createTimeback(): never {
  throw new Error('unified-client-skeleton: createTimeback is not built yet')
}
