// Schools (/schools): orgs of type `school`, plus everything scoped to one school — its classes, people,
// courses, enrollments, terms and gradebook line items. The routes answer with the org keys (`orgs`/`org`)
// and take the body key `org`, as the spec declares.

import * as v from '../../../core/schema.js'
import {
  scopedList, type ListMethods, type ReadMethods, type ScopedList, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { collectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { postBulk, type BulkCreateResponse } from '../bulk.js'
import { GRADEBOOK, ORG_TYPES, ROSTERING, oneOf, type WithOptional } from '../base.js'
import type { Class } from './classes.js'
import type { Course } from './courses.js'
import type { Enrollment } from './enrollments.js'
import { LineItemInputSchema, type LineItem, type LineItemInput } from './line-items.js'
import { OrgRecordSchema, orgFields, type Org } from './orgs.js'
import type { ScoreScale } from './score-scales.js'
import type { Term } from './terms.js'
import type { User } from './users.js'

/** Create/update input: `name` is required; `type` defaults to `school` on these routes. */
export const SchoolInputSchema = v.looseObject({ ...orgFields, type: v.optional(oneOf(ORG_TYPES), 'school') })
export type SchoolInput = v.InferInput<typeof SchoolInputSchema>
/** Line items created under a school: `school` may be left out (the route supplies it). */
export type SchoolLineItemInput = WithOptional<LineItemInput, 'school'>

export interface SchoolClassScope {
  /** GET /schools/{id}/classes/{classId}/students */
  students: ScopedList<User>
  /** GET /schools/{id}/classes/{classId}/teachers */
  teachers: ScopedList<User>
  /** GET /schools/{id}/classes/{classId}/enrollments */
  enrollments: ScopedList<Enrollment>
}

export interface SchoolScope {
  /** GET /schools/{id}/classes */
  classes: ScopedList<Class>
  /** GET /schools/{id}/students */
  students: ScopedList<User>
  /** GET /schools/{id}/teachers */
  teachers: ScopedList<User>
  /** GET /schools/{id}/courses */
  courses: ScopedList<Course>
  /** GET /schools/{id}/enrollments */
  enrollments: ScopedList<Enrollment>
  /** GET /schools/{id}/terms */
  terms: ScopedList<Term>
  /** GET /schools/{id}/lineItems (gradebook); `.create(items)` is POST /schools/{id}/lineItems. */
  lineItems: ScopedList<LineItem> & {
    /** POST /schools/{id}/lineItems: creates several line items; each is validated before the request. */
    create(lineItems: SchoolLineItemInput[], call?: CallOptions): Promise<BulkCreateResponse>
  }
  /** GET /schools/{id}/scoreScales (gradebook) */
  scoreScales: ScopedList<ScoreScale>
  /** Routes about one class of this school. */
  class(classId: string): SchoolClassScope
}

export type SchoolsResource = ((id: string) => SchoolScope) & ListMethods<Org> & ChangeMethods<Org> & ReadMethods<Org> & WriteMethods<SchoolInput>

const SCHOOLS = `${ROSTERING}/schools/`
const SCHOOL = `${ROSTERING}/schools/{id}`

function schoolScope(ctx: ServiceContext, id: string): SchoolScope {
  const ids = { id }
  const list = <T>(path: string, listKeys: readonly string[]) => scopedList<T>(ctx, { path, listKeys }, ids)
  const lineItemsPath = `${GRADEBOOK}/schools/{id}/lineItems`
  const bulk = { path: lineItemsPath, key: 'lineItems', item: LineItemInputSchema, label: 'schools.lineItems.create' }
  return {
    classes: list<Class>(`${SCHOOL}/classes`, ['classes']),
    students: list<User>(`${SCHOOL}/students`, ['users', 'students']),
    teachers: list<User>(`${SCHOOL}/teachers`, ['users', 'teachers']),
    courses: list<Course>(`${SCHOOL}/courses`, ['courses']),
    enrollments: list<Enrollment>(`${SCHOOL}/enrollments`, ['enrollments']),
    terms: list<Term>(`${SCHOOL}/terms`, ['terms', 'academicSessions']),
    lineItems: Object.assign(list<LineItem>(lineItemsPath, ['lineItems']), {
      create: (items: SchoolLineItemInput[], call?: CallOptions) =>
        postBulk(ctx, { ...bulk, fill: { school: { sourcedId: id } } }, ids, items, call),
    }),
    scoreScales: list<ScoreScale>(`${GRADEBOOK}/schools/{id}/scoreScales`, ['scoreScales']),
    class(classId) {
      const both = { id, classId }
      const inClass = `${SCHOOL}/classes/{classId}`
      return {
        students: scopedList<User>(ctx, { path: `${inClass}/students`, listKeys: ['users', 'students'] }, both),
        teachers: scopedList<User>(ctx, { path: `${inClass}/teachers`, listKeys: ['users', 'teachers'] }, both),
        enrollments: scopedList<Enrollment>(ctx, { path: `${inClass}/enrollments`, listKeys: ['enrollments'] }, both),
      }
    },
  }
}

/**
 * Builds `client.schools`: list/stream (GET /schools/), get/exists (GET|HEAD /schools/{id}), create (POST /schools/),
 * update/upsert (PUT /schools/{id}), delete (DELETE /schools/{id}); `client.schools(id)` for the scoped routes.
 */
export function createSchools(ctx: ServiceContext): SchoolsResource {
  const methods = {
    ...collectionMethods<Org, SchoolInput>(ctx, {
      path: SCHOOLS, itemPath: SCHOOL, listKeys: ['orgs', 'schools'], itemKeys: ['org', 'school'], entity: OrgRecordSchema,
      bodyKey: 'org', label: 'schools', create: SchoolInputSchema,
    }),
  }
  return Object.assign((id: string) => schoolScope(ctx, id), methods)
}
