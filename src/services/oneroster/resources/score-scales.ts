// Score scales (/scoreScales): how a class's scores map to grades (e.g. 90–100 → "A"). PUT is "update or
// create" on this route.

import * as v from '../../../core/schema.js'
import {
  type ListMethods, type ReadMethods, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { collectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import {
  recordSchema,
  GRADEBOOK, activeByDefault, baseInput, optionalRef, optionalString, refSchema, requiredString,
  type BaseEntity, type Ref,
} from '../base.js'

export interface ScoreScaleValue {
  itemValueLHS: string
  itemValueRHS: string
  value?: string
  description?: string
}

export interface ScoreScale extends BaseEntity {
  title: string
  type: string
  class: Ref
  course?: Ref | null
  scoreScaleValue: ScoreScaleValue[]
}

const valueSchema = v.looseObject({
  itemValueLHS: v.string(),
  itemValueRHS: v.string(),
  value: v.optional(v.string()),
  description: optionalString,
})

/**
 * Create/update input: `title`, `type`, `class` and `scoreScaleValue` are required; `status` is required by the
 * spec and defaults to `active` here.
 */
export const ScoreScaleInputSchema = v.looseObject({
  ...baseInput,
  status: activeByDefault,
  title: requiredString,
  type: requiredString,
  class: refSchema,
  course: optionalRef,
  scoreScaleValue: v.array(valueSchema),
})
export type ScoreScaleInput = v.InferInput<typeof ScoreScaleInputSchema>

/** Checked on reads when `validateResponses` is on. */
export const ScoreScaleRecordSchema = recordSchema({ title: v.string() })

export type ScoreScalesResource = ListMethods<ScoreScale> & ChangeMethods<ScoreScale> & ReadMethods<ScoreScale> & WriteMethods<ScoreScaleInput>

const SCALES = `${GRADEBOOK}/scoreScales/`
const SCALE = `${GRADEBOOK}/scoreScales/{id}`

/**
 * Builds `client.scoreScales`: list/stream (GET /scoreScales/), get/exists (GET|HEAD /scoreScales/{id}),
 * create (POST /scoreScales/), update/upsert (PUT /scoreScales/{id}, creates when missing), delete (DELETE /scoreScales/{id}).
 */
export function createScoreScales(ctx: ServiceContext): ScoreScalesResource {
  return {
    ...collectionMethods<ScoreScale, ScoreScaleInput>(ctx, {
      path: SCALES, itemPath: SCALE, listKeys: ['scoreScales'], itemKeys: ['scoreScale'], entity: ScoreScaleRecordSchema,
      bodyKey: 'scoreScale', label: 'scoreScales', create: ScoreScaleInputSchema, putCreates: true,
    }),
  }
}
