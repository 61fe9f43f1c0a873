// Assessment line items (/assessmentLineItems): Timeback's assessment columns, which may point at a course,
// a course component or a component resource (a lesson). PUT is "update or create"; PATCH merges metadata.

import * as v from '../../../core/schema.js'
import {
  type ListMethods, type PatchMethods, type ReadMethods, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { patchableCollectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import {
  recordSchema,
  GRADEBOOK, activeByDefault, baseInput, objectiveSetSchema, optionalNumber, optionalRef, optionalString, requiredString,
  type BaseEntity, type Ref,
} from '../base.js'
import type { LearningObjectiveSet } from './line-items.js'

export interface AssessmentLineItem extends BaseEntity {
  title: string
  description?: string | null
  class?: Ref | null
  parentAssessmentLineItem?: Ref | null
  scoreScale?: Ref | null
  resultValueMin?: number | null
  resultValueMax?: number | null
  component?: Ref | null
  componentResource?: Ref | null
  course?: Ref | null
  learningObjectiveSet?: LearningObjectiveSet[] | null
}

const fields = {
  ...baseInput,
  title: requiredString,
  description: optionalString,
  class: optionalRef,
  parentAssessmentLineItem: optionalRef,
  scoreScale: optionalRef,
  resultValueMin: optionalNumber,
  resultValueMax: optionalNumber,
  component: optionalRef,
  componentResource: optionalRef,
  course: optionalRef,
  learningObjectiveSet: objectiveSetSchema,
}

/** Create/update input: `title` is required; `status` is required by the spec and defaults to `active` here. */
export const AssessmentLineItemInputSchema = v.looseObject({ ...fields, status: activeByDefault })
export type AssessmentLineItemInput = v.InferInput<typeof AssessmentLineItemInputSchema>
/** PATCH input: any subset of the fields; `metadata` is merged into the stored metadata by the service. */
export const AssessmentLineItemPatchSchema = v.partial(v.looseObject(fields))
export type AssessmentLineItemPatch = v.InferInput<typeof AssessmentLineItemPatchSchema>

/** Checked on reads when `validateResponses` is on. */
export const AssessmentLineItemRecordSchema = recordSchema({ title: v.string() })

export type AssessmentLineItemsResource = ListMethods<AssessmentLineItem> & ChangeMethods<AssessmentLineItem> & ReadMethods<AssessmentLineItem>
  & WriteMethods<AssessmentLineItemInput> & PatchMethods<AssessmentLineItemPatch>

const ITEMS = `${GRADEBOOK}/assessmentLineItems/`
const ITEM = `${GRADEBOOK}/assessmentLineItems/{id}`

/**
 * Builds `client.assessmentLineItems`: list/stream (GET /assessmentLineItems/), get/exists (GET|HEAD …/{id}),
 * create (POST /assessmentLineItems/), update/upsert (PUT …/{id}, creates when missing), patch (PATCH …/{id}),
 * delete (DELETE …/{id}).
 */
export function createAssessmentLineItems(ctx: ServiceContext): AssessmentLineItemsResource {
  return patchableCollectionMethods<AssessmentLineItem, AssessmentLineItemInput, AssessmentLineItemPatch>(ctx, {
    path: ITEMS, itemPath: ITEM, listKeys: ['assessmentLineItems'], itemKeys: ['assessmentLineItem'], entity: AssessmentLineItemRecordSchema,
    bodyKey: 'assessmentLineItem', label: 'assessmentLineItems', create: AssessmentLineItemInputSchema, patch: AssessmentLineItemPatchSchema, putCreates: true,
  })
}
