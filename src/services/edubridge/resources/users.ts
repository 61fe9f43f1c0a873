/**
 * @module services/edubridge/resources/users — users by role (`GET /edubridge/users/`): those having only the
 * given roles, optionally within orgs, with OneRoster's list parameters and offset paging.
 */

import { byId, fetchPages, listing, offsetPaging, pageOf, type Listing } from '../../../core/paging/listing.js'
import { checkPaging, type PageResult, type RawPage } from '../../../core/pagination.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { operation, type Query } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { Input } from './check.js'

/** Timeback's OneRoster user roles. */
export type UserRole = 'system_administrator' | 'administrator' | 'aide' | 'guardian' | 'parent' | 'proctor' | 'relative' | 'student' | 'teacher'

/** A user as EduBridge lists it (OneRoster's user record). */
export interface EduBridgeUser {
  sourcedId: string
  status?: string
  givenName?: string
  familyName?: string
  email?: string | null
  roles?: { role: string; roleType?: string; org?: { sourcedId: string } }[]
  [key: string]: unknown
}

/**
 * What `users.list` takes: `roles` (required) plus OneRoster's list parameters, `filter` as a raw 1EdTech filter
 * string (no typed `where` here: it would double this entry's size).
 */
export interface UserListParams {
  limit?: number
  offset?: number
  /** `stream`/`listAll` stop after this many users. */
  maxItems?: number
  /** A 1EdTech filter, e.g. `status='active'`. */
  filter?: string
  sort?: string
  orderBy?: 'asc' | 'desc'
  /** Only these fields of each user. */
  fields?: readonly string[] | string
  search?: string
  /** Users having exclusively these roles (sent as repeated `roles=`). */
  roles: readonly UserRole[] | UserRole
  /** Only users of these orgs (sent as repeated `orgSourcedIds=`). */
  orgSourcedIds?: readonly string[] | string
}

const ROLES = 'system_administrator|administrator|aide|guardian|parent|proctor|relative|student|teacher'
const PARAMS = 'roles|orgSourcedIds|limit|offset|maxItems|filter|sort|orderBy|fields|search'
const asList = (value: unknown) => (typeof value === 'string' ? [value] : value)

function compileUserQuery(params: UserListParams): Record<string, string | number | undefined> {
  // A copy: a single role is turned into a list without touching the caller's object.
  const check = new Input('users.list', params && typeof params === 'object' ? { ...params } : params, PARAMS)
  check.v.roles = asList(check.v.roles)
  check.v.orgSourcedIds = asList(check.v.orgSourcedIds)
  check.v.fields = typeof check.v.fields === 'string' ? check.v.fields.split(',').map((f) => f.trim()) : check.v.fields
  check.list('roles', true, ROLES).list('orgSourcedIds').list('fields').text('filter').text('sort').text('search').pick('orderBy', 'asc|desc')
  checkPaging(params)
  const { roles, orgSourcedIds, fields, filter, sort, orderBy, search } = check.done()
  // Arrays repeat the key on the wire (`roles=student&roles=teacher`); the pager passes them through.
  return { roles, orgSourcedIds, fields: (fields as string[] | undefined)?.join(','), filter, sort, orderBy, search } as unknown as Record<string, string>
}

/** GET /edubridge/users/?roles=…&orgSourcedIds=…&limit&offset… — `{ users, totalCount }`. */
const listOp = /* @__PURE__ */ operation<{ query: Query }, RawPage<EduBridgeUser>>({
  method: 'GET', path: '/edubridge/users/', unwrap: pageOf('users', 'totalCount'),
})

/**
 * `client.users`: users by role, page by page (`list`), one at a time (`stream`) or all (`listAll`).
 * @example
 * const page = await client.users.list({ roles: ['student'], orgSourcedIds: ['school-1'], limit: 50 })
 * for await (const teacher of client.users.stream({ roles: ['teacher'] })) console.log(teacher.email)
 */
export interface UsersResource extends Listing<EduBridgeUser, UserListParams> {
  /** `list` with `roles: ['student']`. */
  listStudents(params?: Omit<UserListParams, 'roles'>, call?: CallOptions): Promise<PageResult<EduBridgeUser>>
  /** `list` with `roles: ['teacher']`. */
  listTeachers(params?: Omit<UserListParams, 'roles'>, call?: CallOptions): Promise<PageResult<EduBridgeUser>>
}

/**
 * Builds `client.users`.
 * @example const all = await createUsers(ctx).listAll({ roles: 'student', maxItems: 5000 })
 */
export function createUsers(ctx: ServiceContext): UsersResource {
  const users = listing(fetchPages(ctx, listOp), offsetPaging, compileUserQuery, byId<EduBridgeUser>('sourcedId'))
  return {
    ...users,
    listStudents: (params, call) => users.list({ ...params, roles: ['student'] }, call),
    listTeachers: (params, call) => users.list({ ...params, roles: ['teacher'] }, call),
  }
}
