// Grading periods (/gradingPeriods): academic sessions of type `gradingPeriod`, usually children of a term.
// Their bodies use the key `academicSession`, as the spec declares.

import * as v from '../../../core/schema.js'
import {
  type ListMethods, type ReadMethods, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { collectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import { ROSTERING, SESSION_TYPES, oneOf } from '../base.js'
import { AcademicSessionRecordSchema, sessionFields, type AcademicSession } from './academic-sessions.js'

export type GradingPeriod = AcademicSession

/**
 * Create/update input: `title`, `startDate`, `endDate`, `schoolYear` and `org` are required; `type` defaults to
 * `gradingPeriod`, `status` to `active`, and `sourcedId` (required by the spec) is generated when absent.
 */
export const GradingPeriodInputSchema = v.looseObject({
  ...sessionFields,
  type: v.optional(oneOf(SESSION_TYPES), 'gradingPeriod'),
})
export type GradingPeriodInput = v.InferInput<typeof GradingPeriodInputSchema>

export type GradingPeriodsResource = ListMethods<GradingPeriod> & ChangeMethods<GradingPeriod> & ReadMethods<GradingPeriod> & WriteMethods<GradingPeriodInput>

const ALL = `${ROSTERING}/gradingPeriods/`
const ONE = `${ROSTERING}/gradingPeriods/{id}`

/**
 * Builds `client.gradingPeriods`: list/stream (GET /gradingPeriods/), get/exists (GET|HEAD /gradingPeriods/{id}),
 * create (POST /gradingPeriods/), update/upsert (PUT /gradingPeriods/{id}), delete (DELETE /gradingPeriods/{id}).
 */
export function createGradingPeriods(ctx: ServiceContext): GradingPeriodsResource {
  return {
    ...collectionMethods<GradingPeriod, GradingPeriodInput>(ctx, {
      path: ALL, itemPath: ONE, listKeys: ['gradingPeriods', 'academicSessions'], itemKeys: ['gradingPeriod', 'academicSession'], entity: AcademicSessionRecordSchema,
      bodyKey: 'academicSession', label: 'gradingPeriods', create: GradingPeriodInputSchema, generateSourcedId: true,
    }),
  }
}
