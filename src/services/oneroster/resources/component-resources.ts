// Component resources (/courses/component-resources): a resource placed in a course component — a lesson.
// `lessonType` tells PowerPath how to run it (powerpath-100, quiz, test-out…).

import * as v from '../../../core/schema.js'
import {
  type ListMethods, type ReadMethods, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { collectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import {
  ROSTERING, activeByDefault, baseInput, oneOf, recordSchema, refSchema, requiredString, type BaseEntity, type Ref,
} from '../base.js'

export const LESSON_TYPES = ['powerpath-100', 'quiz', 'test-out', 'placement', 'unit-test', 'alpha-read-article'] as const
export type LessonType = (typeof LESSON_TYPES)[number]

export interface ComponentResource extends BaseEntity {
  courseComponent: Ref
  resource: Ref
  title: string
  sortOrder?: number
  lessonType?: LessonType | '' | null
}

/**
 * Create/update input: `courseComponent`, `resource` and `title` are required. The spec also requires
 * `sourcedId` (generated when absent) and `status` (defaults to `active`).
 */
export const ComponentResourceInputSchema = v.looseObject({
  ...baseInput,
  status: activeByDefault,
  courseComponent: refSchema,
  resource: refSchema,
  title: requiredString,
  sortOrder: v.optional(v.number()),
  // The spec's enum includes the empty string for "no lesson type".
  lessonType: v.optional(v.nullable(oneOf([...LESSON_TYPES, ''] as const))),
})
export type ComponentResourceInput = v.InferInput<typeof ComponentResourceInputSchema>

/** Checked on reads when `validateResponses` is on. */
export const ComponentResourceRecordSchema = recordSchema({ title: v.string() })

export type ComponentResourcesResource = ListMethods<ComponentResource> & ChangeMethods<ComponentResource> & ReadMethods<ComponentResource> & WriteMethods<ComponentResourceInput>

// The spec writes this collection without a trailing slash.
const ALL = `${ROSTERING}/courses/component-resources`
const ONE = `${ROSTERING}/courses/component-resources/{id}`

/**
 * Builds `client.componentResources`: list/stream (GET /courses/component-resources), get/exists (GET|HEAD …/{id}),
 * create (POST /courses/component-resources), update/upsert (PUT …/{id}), delete (DELETE …/{id}).
 */
export function createComponentResources(ctx: ServiceContext): ComponentResourcesResource {
  return {
    ...collectionMethods<ComponentResource, ComponentResourceInput>(ctx, {
      path: ALL, itemPath: ONE, listKeys: ['componentResources'], itemKeys: ['componentResource'], entity: ComponentResourceRecordSchema,
      bodyKey: 'componentResource', label: 'componentResources', create: ComponentResourceInputSchema, generateSourcedId: true,
    }),
  }
}
