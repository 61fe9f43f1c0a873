// Users (/users): everyone in OneRoster — students, teachers, guardians, administrators — plus the routes
// scoped to one user: classes, demographics, resources, agents and third-party app credentials.

import * as v from '../../../core/schema.js'
import {
  scopedList, unwrapItem, type ListMethods, type ReadMethods, type ScopedList, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { collectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import { buildPath } from '../../../core/paths.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { parseInput } from '../../../core/validation.js'
import {
  recordSchema,
  RESOURCES, ROSTERING, baseInput, boolishSchema, gradeSchema, metadataSchema, refSchema, sourcedIdSchema,
  type BaseEntity, type Grade, type Metadata, type Ref,
} from '../base.js'
import type { Class } from './classes.js'
import type { Demographics } from './demographics.js'
import type { Resource } from './resources.js'

export const ROLES = ['system_administrator', 'administrator', 'aide', 'guardian', 'parent', 'proctor', 'relative', 'student', 'teacher'] as const
export type Role = (typeof ROLES)[number]

/** A type alias, like `User`, so a read user can be sent back to `update` (see base.ts). */
export type UserRole = {
  roleType: 'primary' | 'secondary'
  role: Role
  org: Ref
  userProfile?: string
  metadata?: Metadata | null
  beginDate?: string | null
  endDate?: string | null
}

export type User = BaseEntity & {
  userMasterIdentifier?: string | null
  username?: string | null
  userIds?: { type: string; identifier: string }[]
  /** "true"/"false" as the spec has the service send it; a boolean is accepted too, so a read user can be sent back. */
  enabledUser: boolean | 'true' | 'false'
  givenName: string
  familyName: string
  middleName?: string | null
  roles: UserRole[]
  agents?: Ref[]
  primaryOrg?: Ref | null
  identifier?: string | null
  /** Required and unique by the spec, on reads as on writes. */
  email: string
  preferredFirstName?: string | null
  preferredMiddleName?: string | null
  preferredLastName?: string | null
  pronouns?: string | null
  grades?: Grade[]
  sms?: string | null
  phone?: string | null
  demographics?: Demographics | null
  userProfiles?: unknown[]
}

const roleSchema = v.looseObject({
  roleType: v.picklist(['primary', 'secondary'], "must be 'primary' or 'secondary'"),
  role: v.picklist(ROLES, `must be one of ${ROLES.join(', ')}`),
  org: refSchema,
  userProfile: v.optional(v.string()),
  metadata: v.optional(metadataSchema),
  beginDate: v.optional(v.nullable(v.string())),
  endDate: v.optional(v.nullable(v.string())),
})

const userFields = {
  ...baseInput,
  userMasterIdentifier: v.optional(v.nullable(v.string())),
  username: v.optional(v.nullable(v.string())),
  userIds: v.optional(v.array(v.looseObject({ type: v.string(), identifier: v.string() }))),
  enabledUser: boolishSchema,
  givenName: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  familyName: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  middleName: v.optional(v.nullable(v.string())),
  roles: v.pipe(v.array(roleSchema), v.minLength(1, 'needs at least one role')),
  primaryOrg: v.optional(v.nullable(refSchema)),
  email: v.pipe(v.string(), v.email('must be an email address')),
  preferredFirstName: v.optional(v.nullable(v.string())),
  preferredMiddleName: v.optional(v.nullable(v.string())),
  preferredLastName: v.optional(v.nullable(v.string())),
  pronouns: v.optional(v.nullable(v.string())),
  grades: v.optional(v.array(gradeSchema)),
  password: v.optional(v.nullable(v.string())),
  sms: v.optional(v.nullable(v.string())),
  phone: v.optional(v.nullable(v.string())),
  agents: v.optional(v.array(refSchema)),
}

/** Create/update input: `enabledUser`, `givenName`, `familyName`, `roles` (≥1) and `email` are required. */
export const UserInputSchema = v.looseObject(userFields)
export type UserInput = v.InferInput<typeof UserInputSchema>

const RegisterCredentialsSchema = v.object({
  applicationName: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  credentials: v.object({ username: v.string(), password: v.string() }),
})
export type RegisterCredentialsInput = v.InferInput<typeof RegisterCredentialsSchema>

export interface UserScope {
  /** GET /users/{id}/classes */
  classes: ScopedList<Class>
  /** GET /resources/users/{id}/resources */
  resources: ScopedList<Resource>
  /** GET /users/{id}/demographics: the user with a `demographics` field. */
  withDemographics(options?: { fields?: readonly string[] } & CallOptions): Promise<User>
  agents: {
    /** GET /users/{id}/agents */
    list(call?: CallOptions): Promise<User[]>
    /** POST /users/{id}/agents */
    add(agentSourcedId: string, call?: CallOptions): Promise<unknown>
    /** DELETE /users/{id}/agents/{agentSourcedId} */
    remove(agentSourcedId: string, call?: CallOptions): Promise<void>
  }
  /** GET /users/{id}/agentFor: the users this user is an agent for (not paginated). */
  agentFor(call?: CallOptions): Promise<User[]>
  credentials: {
    /** POST /users/{id}/credentials: store a third-party app login for the student. */
    register(input: RegisterCredentialsInput, call?: CallOptions): Promise<{ userProfileId: string; credentialId: string; message?: string }>
    /** POST /users/{id}/credentials/{credentialId}/decrypt */
    decrypt(credentialId: string, call?: CallOptions): Promise<{ password: string }>
  }
}

/** Checked on reads when `validateResponses` is on. */
export const UserRecordSchema = recordSchema({ givenName: v.string(), familyName: v.string(), roles: v.array(v.unknown()) })

export type UsersResource = ((id: string) => UserScope) & ListMethods<User> & ChangeMethods<User> & ReadMethods<User> & WriteMethods<UserInput>

const USERS = `${ROSTERING}/users/`
const USER = `${ROSTERING}/users/{id}`

function userScope(ctx: ServiceContext, id: string): UserScope {
  const ids = { id }
  const t = ctx.transport
  return {
    classes: scopedList<Class>(ctx, { path: `${ROSTERING}/users/{id}/classes`, listKeys: ['classes'] }, ids),
    resources: scopedList<Resource>(ctx, { path: `${RESOURCES}/resources/users/{id}/resources`, listKeys: ['resources'] }, ids),
    async withDemographics(options = {}) {
      const { fields, ...call } = options
      const body = await t.request<Record<string, unknown>>(
        { method: 'GET', path: buildPath(`${ROSTERING}/users/{id}/demographics`, ids), query: { fields: fields?.join(',') } },
        call,
      )
      return unwrapItem<User>(body, ['user'])
    },
    agents: {
      async list(call) {
        const body = await t.request<{ agents?: User[] }>({ method: 'GET', path: buildPath(`${ROSTERING}/users/{id}/agents`, ids) }, call)
        return body?.agents ?? []
      },
      add(agentSourcedId, call) {
        const body = { agentSourcedId: parseInput(sourcedIdSchema, agentSourcedId, 'users.agents.add', 'agentSourcedId') }
        return t.request({ method: 'POST', path: buildPath(`${ROSTERING}/users/{id}/agents`, ids), body }, call)
      },
      async remove(agentSourcedId, call) {
        const path = buildPath(`${ROSTERING}/users/{id}/agents/{agentSourcedId}`, { id, agentSourcedId })
        await t.request({ method: 'DELETE', path }, call)
      },
    },
    async agentFor(call) {
      const body = await t.request<{ users?: User[] }>({ method: 'GET', path: buildPath(`${ROSTERING}/users/{id}/agentFor`, ids) }, call)
      return body?.users ?? []
    },
    credentials: {
      register(input, call) {
        const body = parseInput(RegisterCredentialsSchema, input, 'users.credentials.register')
        return t.request({ method: 'POST', path: buildPath(`${ROSTERING}/users/{id}/credentials`, ids), body }, call)
      },
      decrypt(credentialId, call) {
        const path = buildPath(`${ROSTERING}/users/{id}/credentials/{credentialId}/decrypt`, { id, credentialId })
        return t.request({ method: 'POST', path }, call)
      },
    },
  }
}

/** Builds `client.users`. */
export function createUsers(ctx: ServiceContext): UsersResource {
  const methods = {
    ...collectionMethods<User, UserInput>(ctx, {
      path: USERS, itemPath: USER, listKeys: ['users'], itemKeys: ['user'], entity: UserRecordSchema,
      bodyKey: 'user', label: 'users', create: UserInputSchema,
    }),
  }
  return Object.assign((id: string) => userScope(ctx, id), methods)
}
