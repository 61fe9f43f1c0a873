// The gradebook routes scoped to one class (/gradebook/…/classes/{id}/…): its line items (listed and created in
// bulk), results, categories and score scales, and the results of one student or one line item in it.
// `client.classes(id)` spreads these next to the class's rostering routes.

import { scopedList, type ScopedList, type ServiceContext } from '../../../core/resource.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { postBulk, type BulkCreateResponse } from '../bulk.js'
import { GRADEBOOK, type WithOptional } from '../base.js'
import type { Category } from './categories.js'
import { LineItemInputSchema, type LineItem, type LineItemInput } from './line-items.js'
import { ResultInputSchema, type Result, type ResultInput } from './results.js'
import type { ScoreScale } from './score-scales.js'

/** Line items created under a class: `class` may be left out (the route supplies it). */
export type ClassLineItemInput = WithOptional<LineItemInput, 'class'>

export interface ClassGradebook {
  /** GET /classes/{id}/lineItems; `.create(items)` is POST /classes/{id}/lineItems. */
  lineItems: ScopedList<LineItem> & {
    /** POST /classes/{id}/lineItems: creates several line items of this class, each validated first. */
    create(lineItems: ClassLineItemInput[], call?: CallOptions): Promise<BulkCreateResponse>
  }
  /** GET /classes/{id}/results */
  results: ScopedList<Result>
  /** GET /classes/{id}/categories */
  categories: ScopedList<Category>
  /** GET /classes/{id}/scoreScales */
  scoreScales: ScopedList<ScoreScale>
  /** Routes about one student of this class. */
  student(studentId: string): {
    /** GET /classes/{id}/students/{studentId}/results */
    results: ScopedList<Result>
  }
  /** Routes about one line item of this class. */
  lineItem(lineItemId: string): {
    /** GET /classes/{id}/lineItems/{lineItemId}/results */
    results: ScopedList<Result>
  }
  /** Routes about one academic session of this class. */
  academicSession(sessionId: string): {
    /** POST /classes/{id}/academicSessions/{sessionId}/results: creates several results, each validated first. */
    createResults(results: ResultInput[], call?: CallOptions): Promise<BulkCreateResponse>
  }
}

const CLASS = `${GRADEBOOK}/classes/{id}`

/** The gradebook part of `client.classes(id)`. */
export function classGradebook(ctx: ServiceContext, id: string): ClassGradebook {
  const ids = { id }
  const fillClass = { class: { sourcedId: id } }
  return {
    lineItems: Object.assign(scopedList<LineItem>(ctx, { path: `${CLASS}/lineItems`, listKeys: ['lineItems'] }, ids), {
      create: (items: ClassLineItemInput[], call?: CallOptions) => postBulk(ctx, {
        path: `${CLASS}/lineItems`, key: 'lineItems', item: LineItemInputSchema, label: 'classes.lineItems.create', fill: fillClass,
      }, ids, items, call),
    }),
    results: scopedList<Result>(ctx, { path: `${CLASS}/results`, listKeys: ['results'] }, ids),
    categories: scopedList<Category>(ctx, { path: `${CLASS}/categories`, listKeys: ['categories'] }, ids),
    scoreScales: scopedList<ScoreScale>(ctx, { path: `${CLASS}/scoreScales`, listKeys: ['scoreScales'] }, ids),
    student: (studentId) => ({
      results: scopedList<Result>(ctx, { path: `${CLASS}/students/{studentId}/results`, listKeys: ['results'] }, { id, studentId }),
    }),
    lineItem: (lineItemId) => ({
      results: scopedList<Result>(ctx, { path: `${CLASS}/lineItems/{lineItemId}/results`, listKeys: ['results'] }, { id, lineItemId }),
    }),
    academicSession: (sessionId) => ({
      createResults: (results, call) => postBulk(ctx, {
        path: `${CLASS}/academicSessions/{sessionId}/results`, key: 'results', item: ResultInputSchema,
        label: 'classes.academicSession.createResults', fill: fillClass,
      }, { id, sessionId }, results, call),
    }),
  }
}
