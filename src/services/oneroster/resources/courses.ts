// Courses (/courses): what a school teaches (classes are its sections), plus the routes scoped to one course
// and `createStructure`, which builds a course with units and lessons from QTI tests in one call.

import * as v from '../../../core/schema.js'
import {
  readCreateResponse, scopedList, type CreateResponse, type ListMethods, type ReadMethods, type ScopedList, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { collectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import { buildPath } from '../../../core/paths.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { parseInput } from '../../../core/validation.js'
import {
  recordSchema,
  RESOURCES, ROSTERING, activeByDefault, baseInput, gradeSchema, optionalRef, optionalString, refSchema, requiredString,
  type BaseEntity, type Grade, type Ref,
} from '../base.js'
import type { Class } from './classes.js'
import type { Resource } from './resources.js'

export interface Course extends BaseEntity {
  title: string
  academicSession?: Ref | null
  schoolYear?: Ref | null
  courseCode?: string | null
  grades?: Grade[] | null
  subjects?: string[] | null
  subjectCodes?: string[] | null
  org: Ref
  level?: string | null
  gradingScheme?: string | null
  resources?: Ref[] | null
}

/** Create/update input: `title` and `org` are required; `status` is required by the spec and defaults to `active`. */
export const CourseInputSchema = v.looseObject({
  ...baseInput,
  status: activeByDefault,
  title: requiredString,
  academicSession: optionalRef,
  schoolYear: optionalRef,
  courseCode: optionalString,
  grades: v.optional(v.nullable(v.array(gradeSchema))),
  subjects: v.optional(v.nullable(v.array(v.string()))),
  subjectCodes: v.optional(v.nullable(v.array(v.string()))),
  org: refSchema,
  level: optionalString,
  gradingScheme: optionalString,
  resources: v.optional(v.nullable(v.array(refSchema))),
})
export type CourseInput = v.InferInput<typeof CourseInputSchema>

/** One lesson of a course structure, keyed by an id of the caller's choice. */
const StructureLessonSchema = v.looseObject({
  url: requiredString,
  skillCode: v.string(),
  lessonCode: v.string(),
  title: requiredString,
  'unit-title': v.string(),
  status: v.optional(v.string(), 'active'),
  xp: v.number(),
  stimulus: v.optional(v.looseObject({ title: v.string(), identifier: v.string() })),
  video: v.optional(v.looseObject({ url: v.string(), title: v.string() })),
})

/** Input of `courses.createStructure`: the course, and its lessons keyed by id (each names its unit in `unit-title`). */
export const CourseStructureInputSchema = v.looseObject({
  course: CourseInputSchema,
  courseStructure: v.record(v.string(), StructureLessonSchema),
})
export type CourseStructureInput = v.InferInput<typeof CourseStructureInputSchema>

export interface CourseScope {
  /** GET /courses/{id}/classes */
  classes: ScopedList<Class>
  /** GET /resources/courses/{id}/resources */
  resources: ScopedList<Resource>
}

/** Checked on reads when `validateResponses` is on. */
export const CourseRecordSchema = recordSchema({ title: v.string() })

export type CoursesResource = ((id: string) => CourseScope) & ListMethods<Course> & ChangeMethods<Course> & ReadMethods<Course> & WriteMethods<CourseInput> & {
  /** POST /courses/structure: creates a course with its units and lessons in one call. */
  createStructure(input: CourseStructureInput, call?: CallOptions): Promise<CreateResponse>
}

const COURSES = `${ROSTERING}/courses/`
const COURSE = `${ROSTERING}/courses/{id}`

/**
 * Builds `client.courses`: list/stream (GET /courses/), get/exists (GET|HEAD /courses/{id}), create (POST /courses/),
 * update/upsert (PUT /courses/{id}), delete (DELETE /courses/{id}), createStructure (POST /courses/structure);
 * `client.courses(id)` for its classes and resources.
 */
export function createCourses(ctx: ServiceContext): CoursesResource {
  const methods = {
    ...collectionMethods<Course, CourseInput>(ctx, {
      path: COURSES, itemPath: COURSE, listKeys: ['courses'], itemKeys: ['course'], entity: CourseRecordSchema,
      bodyKey: 'course', label: 'courses', create: CourseInputSchema,
    }),
    async createStructure(input: CourseStructureInput, call?: CallOptions): Promise<CreateResponse> {
      const body = parseInput(CourseStructureInputSchema, input, 'courses.createStructure')
      const answer = await ctx.transport.request({ method: 'POST', path: buildPath(`${ROSTERING}/courses/structure`), body }, call)
      return readCreateResponse(answer, body.course.sourcedId)
    },
  }
  const scope = (id: string): CourseScope => ({
    classes: scopedList<Class>(ctx, { path: `${COURSE}/classes`, listKeys: ['classes'] }, { id }),
    resources: scopedList<Resource>(ctx, { path: `${RESOURCES}/resources/courses/{id}/resources`, listKeys: ['resources'] }, { id }),
  })
  return Object.assign(scope, methods)
}
