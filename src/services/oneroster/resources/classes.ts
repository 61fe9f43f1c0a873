// Classes (/classes): a section of a course in a school and terms. `classes(id)` lists its students and teachers,
// enrolls users, lists its resources, and reaches its gradebook (./class-gradebook.ts).

import * as v from '../../../core/schema.js'
import {
  readCreateResponse, scopedList,
  type CreateResponse, type ListMethods, type ReadMethods, type ScopedList, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { collectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import { buildPath } from '../../../core/paths.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { parseInput } from '../../../core/validation.js'
import {
  recordSchema,
  RESOURCES, ROSTERING, baseInput, boolishSchema, dateSchema, gradeSchema, metadataSchema, oneOf, optionalString,
  refSchema, requiredString, sourcedIdSchema, type BaseEntity, type Grade, type Metadata, type Ref, type WithOptional,
} from '../base.js'
import { classGradebook, type ClassGradebook } from './class-gradebook.js'
import type { Resource } from './resources.js'
import type { User } from './users.js'

export const CLASS_TYPES = ['homeroom', 'scheduled'] as const

export interface Class extends BaseEntity {
  title: string
  classCode?: string | null
  classType?: (typeof CLASS_TYPES)[number]
  location?: string | null
  grades?: Grade[]
  subjects?: string[]
  course: Ref
  /** The school, as reads fill it (the live service leaves `org` null). */
  school?: Ref | null
  org?: Ref | null
  terms: Ref[]
  subjectCodes?: string[]
  periods?: string[]
  resources?: Ref[]
}

const fields = {
  ...baseInput,
  title: requiredString,
  classCode: optionalString,
  classType: v.optional(oneOf(CLASS_TYPES)),
  location: optionalString,
  grades: v.optional(v.array(gradeSchema)),
  subjects: v.optional(v.array(v.string())),
  course: refSchema,
  org: refSchema,
  terms: v.array(refSchema),
  subjectCodes: v.optional(v.array(v.string())),
  periods: v.optional(v.array(v.string())),
  resources: v.optional(v.array(refSchema)),
}

/**
 * Create input: `title`, `course`, `org` and `terms` are required. The write body names the school `org`, while
 * reads fill `school`: either is accepted here and sent as `org`, so a record read back can be written again.
 */
export const ClassInputSchema = v.looseObject(fields)
export type ClassInput = WithOptional<v.InferInput<typeof ClassInputSchema>, 'org'> & { school?: Ref | null }
/** Update input: the spec's PUT requires no field, so any subset is accepted (`school` is sent as `org`). */
export const ClassUpdateSchema = v.partial(v.looseObject(fields))
export type ClassUpdate = v.InferInput<typeof ClassUpdateSchema> & { school?: Ref | null }

/** `school` → `org` when `org` is absent or null (as on records read back from the live service). */
function schoolAsOrg<T>(data: T): T {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data
  const { school, ...rest } = data as Record<string, unknown>
  if (school == null || (rest.org !== undefined && rest.org !== null)) return data
  return { ...rest, org: school } as T
}

const EnrollSchema = v.looseObject({
  /** The user's sourcedId. */
  sourcedId: sourcedIdSchema,
  role: v.picklist(['student', 'teacher'], "must be 'student' or 'teacher' (use enrollments.create for other roles)"),
  primary: v.optional(boolishSchema),
  beginDate: v.optional(dateSchema),
  endDate: v.optional(dateSchema),
  metadata: v.optional(metadataSchema),
})
export type EnrollInput = v.InferInput<typeof EnrollSchema>

export interface ClassScope extends ClassGradebook {
  /** GET /classes/{id}/students (the live service answers under `users`, the spec under `students`). */
  students: ScopedList<User>
  /** GET /classes/{id}/teachers (answered under `users` or `teachers`). */
  teachers: ScopedList<User>
  /** POST /classes/{id}/students when `role` is 'student', POST /classes/{id}/teachers when 'teacher'. */
  enroll(input: EnrollInput, call?: CallOptions): Promise<CreateResponse>
  /** GET /resources/classes/{id}/resources */
  resources: ScopedList<Resource>
}

/** Checked on reads when `validateResponses` is on. */
export const ClassRecordSchema = recordSchema({ title: v.string() })

export type ClassesResource = ((id: string) => ClassScope) & ListMethods<Class> & ChangeMethods<Class> & ReadMethods<Class> & WriteMethods<ClassInput, ClassUpdate>

const ALL = `${ROSTERING}/classes/`
const ONE = `${ROSTERING}/classes/{id}`

function classScope(ctx: ServiceContext, id: string): ClassScope {
  const ids = { id }
  return {
    ...classGradebook(ctx, id),
    students: scopedList<User>(ctx, { path: `${ONE}/students`, listKeys: ['users', 'students'] }, ids),
    teachers: scopedList<User>(ctx, { path: `${ONE}/teachers`, listKeys: ['users', 'teachers'] }, ids),
    resources: scopedList<Resource>(ctx, { path: `${RESOURCES}/resources/classes/{id}/resources`, listKeys: ['resources'] }, ids),
    async enroll(input, call) {
      const { sourcedId, role, primary, beginDate, endDate, metadata } = parseInput(EnrollSchema, input, 'classes.enroll')
      const path = buildPath(role === 'student' ? `${ONE}/students` : `${ONE}/teachers`, ids)
      const enrollment: { user: Ref; primary?: boolean | string; beginDate?: string; endDate?: string; metadata?: Metadata | null } = {
        user: { sourcedId },
      }
      if (primary !== undefined) enrollment.primary = primary
      if (beginDate !== undefined) enrollment.beginDate = beginDate
      if (endDate !== undefined) enrollment.endDate = endDate
      if (metadata !== undefined) enrollment.metadata = metadata
      const answer = await ctx.transport.request({ method: 'POST', path, body: { enrollment } }, call)
      return readCreateResponse(answer, undefined)
    },
  }
}

/**
 * Builds `client.classes`: list/stream (GET /classes/), get/exists (GET|HEAD /classes/{id}), create (POST /classes/),
 * update/upsert (PUT /classes/{id}), delete (DELETE /classes/{id}); `client.classes(id)` for the scoped routes.
 */
export function createClasses(ctx: ServiceContext): ClassesResource {
  const write = collectionMethods<Class, ClassInput, ClassUpdate>(ctx, {
    path: ALL, itemPath: ONE, listKeys: ['classes'], itemKeys: ['class'], entity: ClassRecordSchema,
    bodyKey: 'class', label: 'classes', create: ClassInputSchema, update: ClassUpdateSchema,
  })
  const methods = {
    ...write,
    create: (data: ClassInput, call?: CallOptions) => write.create(schoolAsOrg(data), call),
    update: (id: string, data: ClassUpdate, call?: CallOptions) => write.update(id, schoolAsOrg(data), call),
    upsert: (id: string, data: ClassUpdate, call?: CallOptions) => write.upsert(id, schoolAsOrg(data), call),
  }
  return Object.assign((id: string) => classScope(ctx, id), methods)
}
