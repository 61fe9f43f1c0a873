// Results (/results): one student's score on one line item. PUT is "update or create" on this route.

import * as v from '../../../core/schema.js'
import {
  type ListMethods, type ReadMethods, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { collectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import {
  recordSchema,
  GRADEBOOK, SCORE_STATUSES, activeByDefault, baseInput, dateSchema, objectiveSetSchema, oneOf, optionalNumber,
  optionalRef, optionalString, refSchema, type BaseEntity, type Ref, type ScoreStatus,
} from '../base.js'

export interface LearningObjectiveResult {
  learningObjectiveId: string
  score?: number
  textScore?: string
}

export interface Result extends BaseEntity {
  lineItem: Ref
  student: Ref
  class?: Ref | null
  scoreScale?: Ref | null
  scoreStatus: ScoreStatus
  score?: number | null
  textScore?: string | null
  scoreDate: string
  comment?: string | null
  learningObjectiveSet?: { source: string; learningObjectiveResults: LearningObjectiveResult[] }[] | null
  inProgress?: string
  incomplete?: string
  late?: string
  missing?: string
}

/** Fields of a result body; the flags (`inProgress`, `late`…) are "true"/"false" strings in the spec. */
export const resultFields = {
  ...baseInput,
  status: activeByDefault,
  scoreStatus: oneOf(SCORE_STATUSES),
  score: optionalNumber,
  textScore: optionalString,
  scoreDate: dateSchema,
  comment: optionalString,
  scoreScale: optionalRef,
  learningObjectiveSet: objectiveSetSchema,
  inProgress: optionalString,
  incomplete: optionalString,
  late: optionalString,
  missing: optionalString,
}

/**
 * Create/update input: `lineItem`, `student`, `scoreStatus` and `scoreDate` are required; `status` is required
 * by the spec and defaults to `active` here.
 */
export const ResultInputSchema = v.looseObject({
  ...resultFields,
  lineItem: refSchema,
  student: refSchema,
  class: optionalRef,
})
export type ResultInput = v.InferInput<typeof ResultInputSchema>

/** Checked on reads when `validateResponses` is on. */
export const ResultRecordSchema = recordSchema({ scoreStatus: v.string() })

export type ResultsResource = ListMethods<Result> & ChangeMethods<Result> & ReadMethods<Result> & WriteMethods<ResultInput>

const RESULTS = `${GRADEBOOK}/results/`
const RESULT = `${GRADEBOOK}/results/{id}`

/**
 * Builds `client.results`: list/stream (GET /results/), get/exists (GET|HEAD /results/{id}), create (POST /results/),
 * update/upsert (PUT /results/{id}, creates when missing), delete (DELETE /results/{id}).
 */
export function createResults(ctx: ServiceContext): ResultsResource {
  return {
    ...collectionMethods<Result, ResultInput>(ctx, {
      path: RESULTS, itemPath: RESULT, listKeys: ['results'], itemKeys: ['result'], entity: ResultRecordSchema,
      bodyKey: 'result', label: 'results', create: ResultInputSchema, putCreates: true,
    }),
  }
}
