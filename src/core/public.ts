/**
 * @module core/public — the shared part of every service entry's surface: client options, call options,
 * pages, token stores and the token cache, hooks and loggers. Each `src/services/<svc>/index.ts` ends with
 * `export * from '../../core/public.js'`, so these names are the same objects whichever entry they come from.
 */

export type { ClientOptions, AuthOptions } from './config.js'
export type { CallOptions } from './transport/http.js'
export type { PageCursor, PageResult } from './pagination.js'
export type { InputIssue } from './errors.js'
export type { TokenStore, StoredToken } from './auth/token-store.js'
export { MemoryTokenStore } from './auth/token-store.js'
export { clearTokenCache } from './auth/token-cache.js'
export type { Hooks, Logger, RequestInfo, ResponseInfo, RetryInfo } from './transport/hooks.js'
export type { TimebackEnv } from './environments.js'
