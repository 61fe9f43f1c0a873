// Academic sessions, terms and grading periods (rostering). All three live in `academicSessions`;
// terms and grading periods are the sessions of that `type`.
import { route } from './context.js'
import type { Ctx, Route } from './context.js'
import { json } from '../http.js'
import type { Entity } from './types.js'
import { createHandler, deleteHandler, find, getHandler, listHandler, putHandler } from './crud.js'
import { ROSTERING as R, sourcedIdOf } from './model.js'
import { GRADING_PERIODS, SESSIONS, TERMS } from './views.js'

// `POST /terms/{id}/gradingPeriods` has its own schema: it also requires tenantId and clientAppId,
// declares "422 Validation error", and answers 201 `{ academicSession }` instead of sourcedIdPairs.
const FOR_TERM_REQUIRED = [...SESSIONS.required, 'tenantId', 'clientAppId']

const term = (ctx: Ctx): Entity => find(ctx.env, TERMS, ctx.params.termSourcedId!)

export function sessionRoutes(): Route[] {
  return [
    route('GET', `${R}/academicSessions/`, 'getAllAcademicSessions', listHandler(SESSIONS)),
    route('POST', `${R}/academicSessions/`, 'postAcademicSession', createHandler(SESSIONS)),
    route('GET', `${R}/academicSessions/{sourcedId}`, 'getAcademicSession', getHandler(SESSIONS)),
    route('PUT', `${R}/academicSessions/{sourcedId}`, 'putAcademicSession', putHandler(SESSIONS, { status: 200, shape: 'unwrapped' })),
    route('DELETE', `${R}/academicSessions/{sourcedId}`, 'deleteAcademicSession', deleteHandler(SESSIONS)),

    route('GET', `${R}/terms/`, 'getAllTerms', listHandler(TERMS)),
    route('GET', `${R}/terms/{sourcedId}`, 'getTerm', getHandler(TERMS)),
    route('GET', `${R}/terms/{termSourcedId}/gradingPeriods`, 'getGradingPeriodsForTerm',
      listHandler(GRADING_PERIODS, (ctx) => {
        const id = term(ctx).sourcedId
        return ctx.env.store.list('academicSessions').filter((s) => s.type === 'gradingPeriod' && sourcedIdOf(s.parent) === id)
      })),
    route('POST', `${R}/terms/{termSourcedId}/gradingPeriods`, 'createGradingPeriodForTerm', createHandler(GRADING_PERIODS, {
      invalid: 422,
      required: FOR_TERM_REQUIRED,
      fill: (item, ctx) => ({ ...item, parent: { sourcedId: term(ctx).sourcedId } }),
      answer: (record) => json({ academicSession: record }, 201),
    })),

    route('GET', `${R}/gradingPeriods/`, 'getAllGradingPeriods', listHandler(GRADING_PERIODS)),
    route('POST', `${R}/gradingPeriods/`, 'createGradingPeriod', createHandler(GRADING_PERIODS)),
    route('GET', `${R}/gradingPeriods/{sourcedId}`, 'getGradingPeriod', getHandler(GRADING_PERIODS)),
    route('PUT', `${R}/gradingPeriods/{sourcedId}`, 'updateGradingPeriod', putHandler(GRADING_PERIODS, { status: 201, shape: 'wrapped' })),
    route('DELETE', `${R}/gradingPeriods/{sourcedId}`, 'deleteGradingPeriod', deleteHandler(GRADING_PERIODS)),
  ]
}
