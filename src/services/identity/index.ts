// @timeback/sdk/identity — OIDC sign-in for students (skeleton: being built).
// @bundleMarkers createTimebackIdentity

/**
 * Placeholder until identity lands.
 * @example
 * createTimebackIdentity()
 */
export function createTimebackIdentity(): never {
  throw new Error('createTimebackIdentity: not built yet')
}
