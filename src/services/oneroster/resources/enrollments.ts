// Enrollments (/enrollments): a user's place in a class with a role (student, teacher, proctor, administrator).
// Timeback keeps daily goals and progress metrics in `metadata`; PATCH merges it with the stored value.

import * as v from '../../../core/schema.js'
import {
  type ListMethods, type PatchMethods, type ReadMethods, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { patchableCollectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import {
  recordSchema,
  ENROLLMENT_ROLES, ROSTERING, baseInput, boolishSchema, oneOf, optionalRef, refSchema,
  type BaseEntity, type EnrollmentRole, type Ref,
} from '../base.js'

export interface Enrollment extends BaseEntity {
  role: EnrollmentRole
  /** "true"/"false" as the service sends it. */
  primary?: string | boolean
  beginDate?: string | null
  endDate?: string | null
  user: Ref
  class: Ref
  school?: Ref | null
  course?: Ref | null
}

const fields = {
  ...baseInput,
  role: oneOf(ENROLLMENT_ROLES),
  primary: v.optional(boolishSchema),
  beginDate: v.optional(v.string()),
  endDate: v.optional(v.string()),
  user: refSchema,
  class: refSchema,
  school: optionalRef,
}

/** Create/update input: `role`, `user` and `class` are required. */
export const EnrollmentInputSchema = v.looseObject(fields)
export type EnrollmentInput = v.InferInput<typeof EnrollmentInputSchema>
/** PATCH input: any subset of the fields; `metadata` is merged into the stored metadata by the service. */
export const EnrollmentPatchSchema = v.partial(v.looseObject(fields))
export type EnrollmentPatch = v.InferInput<typeof EnrollmentPatchSchema>

/** Checked on reads when `validateResponses` is on. */
export const EnrollmentRecordSchema = recordSchema({ role: v.string() })

export type EnrollmentsResource = ListMethods<Enrollment> & ChangeMethods<Enrollment> & ReadMethods<Enrollment> & WriteMethods<EnrollmentInput>
  & PatchMethods<EnrollmentPatch>

const ALL = `${ROSTERING}/enrollments/`
const ONE = `${ROSTERING}/enrollments/{id}`

/**
 * Builds `client.enrollments`: list/stream (GET /enrollments/), get/exists (GET|HEAD /enrollments/{id}),
 * create (POST /enrollments/), update/upsert (PUT /enrollments/{id}), patch (PATCH /enrollments/{id}),
 * delete (DELETE /enrollments/{id}).
 */
export function createEnrollments(ctx: ServiceContext): EnrollmentsResource {
  return patchableCollectionMethods<Enrollment, EnrollmentInput, EnrollmentPatch>(ctx, {
    path: ALL, itemPath: ONE, listKeys: ['enrollments'], itemKeys: ['enrollment'], entity: EnrollmentRecordSchema,
    bodyKey: 'enrollment', label: 'enrollments', create: EnrollmentInputSchema, patch: EnrollmentPatchSchema,
  })
}
