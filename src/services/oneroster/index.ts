// @timeback/sdk/oneroster — the OneRoster 1.2 client (rostering, gradebook, resources).

export { OneRosterClient } from './client.js'
export type * from './base.js'
export type { User, UserInput, UserRole, Role, UserScope, UsersResource } from './resources/users.js'
export type { ClientOptions, AuthOptions } from '../../core/config.js'
export type { CallOptions } from '../../core/transport/http.js'
export type { ListParams, StreamParams, PageResult } from '../../core/pagination.js'
export type { CreateResponse, ScopedList } from '../../core/resource.js'
export type { Where, FieldOperators } from '../../core/where.js'
export type { TokenStore, StoredToken } from '../../core/auth/token-store.js'
export { MemoryTokenStore } from '../../core/auth/token-store.js'
export type { Hooks, Logger, RequestInfo, ResponseInfo, RetryInfo } from '../../core/transport/hooks.js'
