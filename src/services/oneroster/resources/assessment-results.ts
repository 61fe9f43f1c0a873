// Assessment results (/assessmentResults): a student's score on an assessment line item. Timeback keeps XP,
// accuracy and attempt data in `metadata`. PUT is "update or create"; PATCH merges metadata.

import * as v from '../../../core/schema.js'
import {
  type ListMethods, type PatchMethods, type ReadMethods, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { patchableCollectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import { GRADEBOOK, optionalNumber, refSchema, statusSchema, recordSchema, type Ref } from '../base.js'
import { resultFields, type Result } from './results.js'

export interface AssessmentResult extends Omit<Result, 'lineItem' | 'class'> {
  assessmentLineItem: Ref
  scorePercentile?: number | null
}

const fields = {
  ...resultFields,
  assessmentLineItem: refSchema,
  student: refSchema,
  scorePercentile: optionalNumber,
}

/**
 * Create/update input: `assessmentLineItem`, `student`, `scoreDate` and `scoreStatus` are required; `status` is
 * required by the spec and defaults to `active` here.
 */
export const AssessmentResultInputSchema = v.looseObject(fields)
export type AssessmentResultInput = v.InferInput<typeof AssessmentResultInputSchema>
/** PATCH input: any subset of the fields (no defaults); `metadata` is merged by the service. */
export const AssessmentResultPatchSchema = v.partial(v.looseObject({ ...fields, status: statusSchema }))
export type AssessmentResultPatch = v.InferInput<typeof AssessmentResultPatchSchema>

/** Checked on reads when `validateResponses` is on. */
export const AssessmentResultRecordSchema = recordSchema({ scoreStatus: v.string() })

export type AssessmentResultsResource = ListMethods<AssessmentResult> & ChangeMethods<AssessmentResult> & ReadMethods<AssessmentResult>
  & WriteMethods<AssessmentResultInput> & PatchMethods<AssessmentResultPatch>

const ITEMS = `${GRADEBOOK}/assessmentResults/`
const ITEM = `${GRADEBOOK}/assessmentResults/{id}`

/**
 * Builds `client.assessmentResults`: list/stream (GET /assessmentResults/), get/exists (GET|HEAD …/{id}),
 * create (POST /assessmentResults/), update/upsert (PUT …/{id}, creates when missing), patch (PATCH …/{id}),
 * delete (DELETE …/{id}).
 */
export function createAssessmentResults(ctx: ServiceContext): AssessmentResultsResource {
  return patchableCollectionMethods<AssessmentResult, AssessmentResultInput, AssessmentResultPatch>(ctx, {
    path: ITEMS, itemPath: ITEM, listKeys: ['assessmentResults'], itemKeys: ['assessmentResult'], entity: AssessmentResultRecordSchema,
    bodyKey: 'assessmentResult', label: 'assessmentResults', create: AssessmentResultInputSchema, patch: AssessmentResultPatchSchema, putCreates: true,
  })
}
