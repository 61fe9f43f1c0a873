// Gradebook results (with the class-, line-item- and student-scoped routes) and the Timeback
// assessment extension: assessmentLineItems and assessmentResults, the only gradebook PATCH routes.
import { route } from './context.js'
import type { Ctx, Route } from './context.js'
import { notFound } from '../http.js'
import type { Entity } from './types.js'
import { bulkCreateHandler, createHandler, deleteHandler, find, getHandler, listHandler, patchHandler, putHandler } from './crud.js'
import { GRADEBOOK as G, sourcedIdOf } from './model.js'
import type { View } from './model.js'
import { resultsOfClass } from './relations.js'
import { ASSESSMENT_LINE_ITEMS, ASSESSMENT_RESULTS, CLASSES, LINE_ITEMS, RESULTS, SESSIONS, USERS } from './views.js'

const upsert = { status: 201, shape: 'wrapped', upsert: true } as const

/** Two path records that must both exist; one message naming both, as the spec words it. */
function both(ctx: Ctx, a: [View, string], b: [View, string], message: string): [Entity, Entity] {
  const first = ctx.env.store.get(a[0].collection, ctx.params[a[1]]!)
  const second = ctx.env.store.get(b[0].collection, ctx.params[b[1]]!)
  if (!first || !second) throw notFound(message)
  return [first, second]
}

function forLineItem(ctx: Ctx): (item: Record<string, unknown>) => Record<string, unknown> {
  const lineItem = find(ctx.env, LINE_ITEMS, ctx.params.sourcedId!)
  const cls = lineItem.class
  return (item) => ({ ...item, lineItem: { sourcedId: lineItem.sourcedId }, ...(item.class === undefined && cls ? { class: cls } : {}) })
}

function forClassSession(ctx: Ctx): (item: Record<string, unknown>) => Record<string, unknown> {
  const [cls] = both(ctx, [CLASSES, 'classSourcedId'], [SESSIONS, 'academicSessionSourcedId'], 'Class or academic session not found.')
  return (item) => ({ ...item, class: { sourcedId: cls.sourcedId } })
}

export function resultRoutes(): Route[] {
  return [
    route('GET', `${G}/results/`, 'getAllResults', listHandler(RESULTS)),
    route('POST', `${G}/results/`, 'createResult', createHandler(RESULTS)),
    route('GET', `${G}/results/{sourcedId}`, 'getResult', getHandler(RESULTS)),
    route('PUT', `${G}/results/{sourcedId}`, 'putResult', putHandler(RESULTS, upsert)),
    route('DELETE', `${G}/results/{sourcedId}`, 'deleteResult', deleteHandler(RESULTS)),

    route('POST', `${G}/lineItems/{sourcedId}/results`, 'createResultForLineItem', bulkCreateHandler(RESULTS, 'results', forLineItem)),
    route('POST', `${G}/classes/{classSourcedId}/academicSessions/{academicSessionSourcedId}/results`, 'postResultsForAcademicSessionForClass',
      bulkCreateHandler(RESULTS, 'results', forClassSession)),
    route('GET', `${G}/classes/{sourcedId}/results`, 'getResultsForClass',
      listHandler(RESULTS, (ctx) => resultsOfClass(ctx.env, find(ctx.env, CLASSES, ctx.params.sourcedId!).sourcedId))),
    route('GET', `${G}/classes/{classSourcedId}/lineItems/{lineItemSourcedId}/results`, 'getResultsForLineItemForClass',
      listHandler(RESULTS, (ctx) => {
        const [cls, lineItem] = both(ctx, [CLASSES, 'classSourcedId'], [LINE_ITEMS, 'lineItemSourcedId'], 'Class or line item not found.')
        return resultsOfClass(ctx.env, cls.sourcedId).filter((r) => sourcedIdOf(r.lineItem) === lineItem.sourcedId)
      })),
    route('GET', `${G}/classes/{classSourcedId}/students/{studentSourcedId}/results`, 'getResultsForStudentForClass',
      listHandler(RESULTS, (ctx) => {
        const [cls, student] = both(ctx, [CLASSES, 'classSourcedId'], [USERS, 'studentSourcedId'], 'Class or student not found.')
        return resultsOfClass(ctx.env, cls.sourcedId).filter((r) => sourcedIdOf(r.student) === student.sourcedId)
      })),

    route('GET', `${G}/assessmentLineItems/`, 'getAllAssessmentLineItems', listHandler(ASSESSMENT_LINE_ITEMS)),
    route('POST', `${G}/assessmentLineItems/`, 'createAssessmentLineItem', createHandler(ASSESSMENT_LINE_ITEMS)),
    route('GET', `${G}/assessmentLineItems/{sourcedId}`, 'getAssessmentLineItem', getHandler(ASSESSMENT_LINE_ITEMS)),
    route('PUT', `${G}/assessmentLineItems/{sourcedId}`, 'putAssessmentLineItem', putHandler(ASSESSMENT_LINE_ITEMS, upsert)),
    route('PATCH', `${G}/assessmentLineItems/{sourcedId}`, 'patchAssessmentLineItem', patchHandler(ASSESSMENT_LINE_ITEMS)),
    route('DELETE', `${G}/assessmentLineItems/{sourcedId}`, 'deleteAssessmentLineItem', deleteHandler(ASSESSMENT_LINE_ITEMS)),

    route('GET', `${G}/assessmentResults/`, 'getAllAssessmentResults', listHandler(ASSESSMENT_RESULTS)),
    route('POST', `${G}/assessmentResults/`, 'createAssessmentResult', createHandler(ASSESSMENT_RESULTS)),
    route('GET', `${G}/assessmentResults/{sourcedId}`, 'getAssessmentResult', getHandler(ASSESSMENT_RESULTS)),
    route('PUT', `${G}/assessmentResults/{sourcedId}`, 'putAssessmentResult', putHandler(ASSESSMENT_RESULTS, upsert)),
    route('PATCH', `${G}/assessmentResults/{sourcedId}`, 'patchAssessmentResult', patchHandler(ASSESSMENT_RESULTS)),
    route('DELETE', `${G}/assessmentResults/{sourcedId}`, 'deleteAssessmentResult', deleteHandler(ASSESSMENT_RESULTS)),
  ]
}
