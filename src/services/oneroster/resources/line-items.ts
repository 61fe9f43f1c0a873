// Line items (/lineItems): gradebook columns — an assignment or activity of a class that students get results
// for. PUT is "update or create" on this route. `lineItems(id).createResults([...])` posts results in bulk.

import * as v from '../../../core/schema.js'
import {
  type ListMethods, type ReadMethods, type ServiceContext, type WriteMethods,
} from '../../../core/resource.js'
import { collectionMethods } from '../../../core/collection.js'
import type { ChangeMethods } from '../../../core/changes.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { postBulk, type BulkCreateResponse } from '../bulk.js'
import {
  recordSchema,
  GRADEBOOK, baseInput, dateSchema, objectiveSetSchema, optionalNumber, optionalRef, optionalString, refSchema,
  requiredString, type BaseEntity, type Ref, type WithOptional,
} from '../base.js'
import { ResultInputSchema, type ResultInput } from './results.js'

export interface LearningObjectiveSet {
  source: string
  learningObjectiveIds: string[]
}

export interface LineItem extends BaseEntity {
  title: string
  description?: string | null
  assignDate: string
  dueDate: string
  class: Ref
  school: Ref
  category: Ref
  gradingPeriod?: Ref | null
  academicSession?: Ref | null
  scoreScale?: Ref | null
  resultValueMin?: number | null
  resultValueMax?: number | null
  learningObjectiveSet?: LearningObjectiveSet[] | null
}

/** Create/update input: `title`, `assignDate`, `dueDate`, `class`, `school` and `category` are required. */
export const LineItemInputSchema = v.looseObject({
  ...baseInput,
  title: requiredString,
  description: optionalString,
  assignDate: dateSchema,
  dueDate: dateSchema,
  class: refSchema,
  school: refSchema,
  category: refSchema,
  gradingPeriod: optionalRef,
  academicSession: optionalRef,
  scoreScale: optionalRef,
  resultValueMin: optionalNumber,
  resultValueMax: optionalNumber,
  learningObjectiveSet: objectiveSetSchema,
})
export type LineItemInput = v.InferInput<typeof LineItemInputSchema>
/** Results posted under a line item: `lineItem` may be left out (the route supplies it). */
export type LineItemResultInput = WithOptional<ResultInput, 'lineItem'>

export interface LineItemScope {
  /** POST /lineItems/{id}/results: creates several results for this line item, each validated first. */
  createResults(results: LineItemResultInput[], call?: CallOptions): Promise<BulkCreateResponse>
}

/** Checked on reads when `validateResponses` is on. */
export const LineItemRecordSchema = recordSchema({ title: v.string() })

export type LineItemsResource = ((id: string) => LineItemScope) & ListMethods<LineItem> & ChangeMethods<LineItem> & ReadMethods<LineItem> & WriteMethods<LineItemInput>

const LINE_ITEMS = `${GRADEBOOK}/lineItems/`
const LINE_ITEM = `${GRADEBOOK}/lineItems/{id}`

/**
 * Builds `client.lineItems`: list/stream (GET /lineItems/), get/exists (GET|HEAD /lineItems/{id}),
 * create (POST /lineItems/), update/upsert (PUT /lineItems/{id}, creates when missing), delete (DELETE /lineItems/{id}).
 */
export function createLineItems(ctx: ServiceContext): LineItemsResource {
  const methods = {
    ...collectionMethods<LineItem, LineItemInput>(ctx, {
      path: LINE_ITEMS, itemPath: LINE_ITEM, listKeys: ['lineItems'], itemKeys: ['lineItem'], entity: LineItemRecordSchema,
      bodyKey: 'lineItem', label: 'lineItems', create: LineItemInputSchema, putCreates: true,
    }),
  }
  const scope = (id: string): LineItemScope => ({
    createResults: (results, call) => postBulk(ctx, {
      path: `${LINE_ITEM}/results`, key: 'results', item: ResultInputSchema, label: 'lineItems.createResults',
      fill: { lineItem: { sourcedId: id } },
    }, { id }, results, call),
  })
  return Object.assign(scope, methods)
}
