// @timeback/sdk/identity — OIDC sign-in for students (PKCE, nonce, browser-bound state, verified id_token), Web-standard.
// @bundleMarkers createTimebackIdentity timeback_session

export { createTimebackIdentity, type TimebackIdentity } from './resources/handler.js'
export { IdentityError, isIdentityError, type IdentityErrorCode } from './resources/errors.js'
export { ISSUERS, type CallbackFailure, type CallbackSuccess, type CustomOptions, type HookHelpers, type SsoOptions, type TimebackIdentityOptions } from './resources/options.js'
export type { OneRosterUsers, LookupUsers, TimebackIdentityUser, TimebackUserRecord } from './resources/resolve.js'
export { signIn, type IdentityFactory } from '../../timeback/sign-in.js'
export * from '../../core/public.js'
