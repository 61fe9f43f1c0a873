// Course components (/courses/components): the units and sub-units of a course's syllabus, in `sortOrder`.
// Lessons hang off them as component resources (./component-resources.ts).

import * as v from '../../../core/schema.js'
import {
  type ListMethods, type ReadMethods, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { collectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import {
  recordSchema,
  ROSTERING, activeByDefault, baseInput, optionalRef, optionalString, refSchema, requiredString,
  type BaseEntity, type Ref,
} from '../base.js'

export interface CourseComponent extends BaseEntity {
  title: string
  course: Ref
  /** The component this one belongs to, for nested units. */
  courseComponent?: Ref | null
  parent?: Ref | null
  sortOrder?: number
  prerequisites?: string[] | null
  prerequisiteCriteria?: string | null
  unlockDate?: string
}

/** Create/update input: `course` and `title` are required; `status` is required by the spec and defaults to `active`. */
export const CourseComponentInputSchema = v.looseObject({
  ...baseInput,
  status: activeByDefault,
  course: refSchema,
  courseComponent: optionalRef,
  parent: optionalRef,
  title: requiredString,
  sortOrder: v.optional(v.number()),
  prerequisites: v.optional(v.nullable(v.array(v.string()))),
  prerequisiteCriteria: optionalString,
  unlockDate: v.optional(v.string()),
})
export type CourseComponentInput = v.InferInput<typeof CourseComponentInputSchema>

/** Checked on reads when `validateResponses` is on. */
export const CourseComponentRecordSchema = recordSchema({ title: v.string() })

export type CourseComponentsResource = ListMethods<CourseComponent> & ChangeMethods<CourseComponent> & ReadMethods<CourseComponent> & WriteMethods<CourseComponentInput>

// The spec writes this collection without a trailing slash.
const ALL = `${ROSTERING}/courses/components`
const ONE = `${ROSTERING}/courses/components/{id}`

/**
 * Builds `client.courseComponents`: list/stream (GET /courses/components), get/exists (GET|HEAD /courses/components/{id}),
 * create (POST /courses/components), update/upsert (PUT /courses/components/{id}), delete (DELETE /courses/components/{id}).
 */
export function createCourseComponents(ctx: ServiceContext): CourseComponentsResource {
  return {
    ...collectionMethods<CourseComponent, CourseComponentInput>(ctx, {
      path: ALL, itemPath: ONE, listKeys: ['courseComponents'], itemKeys: ['courseComponent'], entity: CourseComponentRecordSchema,
      bodyKey: 'courseComponent', label: 'courseComponents', create: CourseComponentInputSchema,
    }),
  }
}
