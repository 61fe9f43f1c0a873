// Gradebook line items, categories and score scales, with their class- and school-scoped routes.
// Gradebook PUTs are "update or create" and answer 201 `{ <key>: record }`.
import { route } from './context.js'
import type { Ctx, Route } from './context.js'
import type { Entity } from './types.js'
import { bulkCreateHandler, createHandler, deleteHandler, find, getHandler, listHandler, putHandler } from './crud.js'
import { GRADEBOOK as G, isObject, sourcedIdOf } from './model.js'
import { categoriesOfClass, classIdsOfSchool, referencing } from './relations.js'
import { CATEGORIES, CLASSES, LINE_ITEMS, SCHOOLS, SCORE_SCALES } from './views.js'

const upsert = { status: 201, shape: 'wrapped', upsert: true } as const

/** Class named by `{param}` in the path; 404 "Class not found.". */
const classOf = (ctx: Ctx, param: string): Entity => find(ctx.env, CLASSES, ctx.params[param]!)

/** Line items posted under a class belong to it (and to its school unless the item names one). */
function inClass(ctx: Ctx): (item: Record<string, unknown>) => Record<string, unknown> {
  const cls = classOf(ctx, 'classSourcedId')
  const classSchool = isObject(cls.school) ? { sourcedId: cls.school.sourcedId } : undefined
  return (item) => {
    const school = item.school ?? classSchool
    return { ...item, class: { sourcedId: cls.sourcedId }, ...(school === undefined ? {} : { school }) }
  }
}

function inSchool(ctx: Ctx): (item: Record<string, unknown>) => Record<string, unknown> {
  const school = { sourcedId: find(ctx.env, SCHOOLS, ctx.params.sourcedId!).sourcedId }
  return (item) => ({ ...item, school })
}

export function lineItemRoutes(): Route[] {
  return [
    route('GET', `${G}/lineItems/`, 'getAllLineItems', listHandler(LINE_ITEMS)),
    route('POST', `${G}/lineItems/`, 'createLineItem', createHandler(LINE_ITEMS)),
    route('GET', `${G}/lineItems/{sourcedId}`, 'getLineItem', getHandler(LINE_ITEMS)),
    route('PUT', `${G}/lineItems/{sourcedId}`, 'putLineItem', putHandler(LINE_ITEMS, upsert)),
    route('DELETE', `${G}/lineItems/{sourcedId}`, 'deleteLineItem', deleteHandler(LINE_ITEMS)),

    route('GET', `${G}/categories/`, 'getAllCategories', listHandler(CATEGORIES)),
    route('POST', `${G}/categories/`, 'createCategory', createHandler(CATEGORIES)),
    route('GET', `${G}/categories/{sourcedId}`, 'getCategory', getHandler(CATEGORIES)),
    route('PUT', `${G}/categories/{sourcedId}`, 'putCategory', putHandler(CATEGORIES, upsert)),
    route('DELETE', `${G}/categories/{sourcedId}`, 'deleteCategory', deleteHandler(CATEGORIES)),

    route('GET', `${G}/scoreScales/`, 'getAllScoreScales', listHandler(SCORE_SCALES)),
    route('POST', `${G}/scoreScales/`, 'createScoreScale', createHandler(SCORE_SCALES)),
    route('GET', `${G}/scoreScales/{sourcedId}`, 'getScoreScale', getHandler(SCORE_SCALES)),
    route('PUT', `${G}/scoreScales/{sourcedId}`, 'putScoreScale', putHandler(SCORE_SCALES, upsert)),
    route('DELETE', `${G}/scoreScales/{sourcedId}`, 'deleteScoreScale', deleteHandler(SCORE_SCALES)),

    route('GET', `${G}/classes/{sourcedId}/lineItems`, 'getLineItemsForClass',
      listHandler(LINE_ITEMS, (ctx) => referencing(ctx.env, 'lineItems', 'class', classOf(ctx, 'sourcedId').sourcedId))),
    route('POST', `${G}/classes/{classSourcedId}/lineItems`, 'postLineItemsForClass', bulkCreateHandler(LINE_ITEMS, 'lineItems', inClass)),
    route('GET', `${G}/classes/{sourcedId}/categories`, 'getCategoriesForClass',
      listHandler(CATEGORIES, (ctx) => categoriesOfClass(ctx.env, classOf(ctx, 'sourcedId').sourcedId))),
    route('GET', `${G}/classes/{sourcedId}/scoreScales`, 'getScoreScalesForClass',
      listHandler(SCORE_SCALES, (ctx) => referencing(ctx.env, 'scoreScales', 'class', classOf(ctx, 'sourcedId').sourcedId))),

    route('GET', `${G}/schools/{sourcedId}/lineItems`, 'getLineItemsForSchool',
      listHandler(LINE_ITEMS, (ctx) => referencing(ctx.env, 'lineItems', 'school', find(ctx.env, SCHOOLS, ctx.params.sourcedId!).sourcedId))),
    route('POST', `${G}/schools/{sourcedId}/lineItems`, 'createLineItemsForSchool', bulkCreateHandler(LINE_ITEMS, 'lineItems', inSchool)),
    // Score scales name a class, not a school: a school's score scales are those of its classes.
    route('GET', `${G}/schools/{sourcedId}/scoreScales`, 'getScoreScalesForSchool', listHandler(SCORE_SCALES, (ctx) => {
      const classes = classIdsOfSchool(ctx.env, find(ctx.env, SCHOOLS, ctx.params.sourcedId!).sourcedId)
      return ctx.env.store.list('scoreScales').filter((s) => classes.has(sourcedIdOf(s.class) ?? ''))
    })),
  ]
}
