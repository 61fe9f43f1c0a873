/**
 * @module services/identity/service — what core needs to know about identity (OIDC sign-in): the API host family
 * for environment mode, and TIMEBACK_SSO_* variables for the app's own OIDC client (not the API's).
 */

import type { ServiceDescriptor } from '../../core/service.js'

/**
 * The identity descriptor (env vars TIMEBACK_SSO_CLIENT_ID, TIMEBACK_SSO_CLIENT_SECRET…). No `auth`: sign-in is the
 * user's browser talking to the identity provider; the token exchange authenticates itself.
 * @example createServiceRuntime(service, {})
 */
export const service: ServiceDescriptor = { name: 'identity', envPrefixes: ['TIMEBACK_SSO'], hostFamily: 'api' }
