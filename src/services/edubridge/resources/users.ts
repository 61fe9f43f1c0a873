/**
 * @module services/edubridge/resources/users — users by role (`GET /edubridge/users/`): those having only the
 * given roles, optionally within orgs, with OneRoster's list parameters and offset paging.
 */

import { InputValidationError } from '../../../core/errors.js'
import { compileListQuery, type StreamParams } from '../../../core/list-query.js'
import { byId, fetchPages, listing, offsetPaging, pageOf, type Listing } from '../../../core/paging/listing.js'
import type { PageResult, RawPage } from '../../../core/pagination.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { operation, type Query } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { Input } from './check.js'

/** OneRoster's user roles. */
export type UserRole = 'administrator' | 'aide' | 'guardian' | 'parent' | 'proctor' | 'relative' | 'student' | 'teacher'

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

/** What `users.list` takes: `roles` (required) plus OneRoster's list parameters. */
export interface UserListParams extends StreamParams {
  /** Users having exclusively these roles (sent as repeated `roles=`). */
  roles: readonly UserRole[] | UserRole
  /** Only users of these orgs (sent as repeated `orgSourcedIds=`). */
  orgSourcedIds?: readonly string[] | string
}

const ROLES = 'administrator|aide|guardian|parent|proctor|relative|student|teacher'
const PARAMS = 'roles|orgSourcedIds|limit|offset|maxItems|where|filter|sort|orderBy|fields|search'
const asList = (value: unknown) => (typeof value === 'string' ? [value] : value)

function compileUserQuery(params: UserListParams): Record<string, string | number | undefined> {
  // A copy: a single role is turned into a list without touching the caller's object.
  const check = new Input('users.list', params && typeof params === 'object' ? { ...params } : params, PARAMS)
  check.v.roles = asList(check.v.roles)
  check.v.orgSourcedIds = asList(check.v.orgSourcedIds)
  check.list('roles', true, ROLES).list('orgSourcedIds')
  let rest: Record<string, string | undefined> = {}
  try {
    rest = compileListQuery(params)
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error
    for (const issue of error.issues) check.add(issue.path, issue.message)
  }
  const { roles, orgSourcedIds } = check.done()
  // Arrays repeat the key on the wire (`roles=student&roles=teacher`); the pager passes them through.
  return { ...rest, roles, orgSourcedIds } as unknown as Record<string, string>
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
