// Terms (/terms): academic sessions of type `term`, read-only on these routes (create them through
// academicSessions). `terms(id)` lists a term's classes and grading periods and adds grading periods to it.

import * as v from '../../../core/schema.js'
import {
  listMethods, pageFetcher, readCreateResponse, readMethods, scopedList, unwrapItem,
  type CreateResponse, type ListMethods, type ReadMethods, type ScopedList, type ServiceContext,
} from '../../../core/resource.js'
import { buildPath, encodeId } from '../../../core/paths.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { randomUUID } from '../../../core/uuid.js'
import { parseInput, requireObject } from '../../../core/validation.js'
import { ROSTERING } from '../base.js'
import { AcademicSessionRecordSchema, type AcademicSession } from './academic-sessions.js'
import type { Class } from './classes.js'
import { GradingPeriodInputSchema, type GradingPeriod } from './grading-periods.js'

export type Term = AcademicSession

/**
 * This route's body schema also requires `tenantId` and `clientAppId` (string or null): they are sent as null
 * when not given.
 */
const TermGradingPeriodSchema = v.looseObject({
  ...GradingPeriodInputSchema.entries,
  tenantId: v.optional(v.nullable(v.string()), null),
  clientAppId: v.optional(v.nullable(v.string()), null),
})
/** A grading period created under a term; `parent` defaults to the term. */
export type TermGradingPeriodInput = v.InferInput<typeof TermGradingPeriodSchema>

export interface TermScope {
  /** GET /terms/{id}/classes */
  classes: ScopedList<Class>
  /** GET /terms/{id}/gradingPeriods; `.create(input)` is POST /terms/{id}/gradingPeriods. */
  gradingPeriods: ScopedList<GradingPeriod> & {
    /** POST /terms/{id}/gradingPeriods: creates a grading period of this term. */
    create(input: TermGradingPeriodInput, call?: CallOptions): Promise<CreateResponse>
  }
}

export type TermsResource = ((id: string) => TermScope) & ListMethods<Term> & ReadMethods<Term>

const ALL = `${ROSTERING}/terms/`
const ONE = `${ROSTERING}/terms/{id}`

async function createForTerm(ctx: ServiceContext, termId: string, input: TermGradingPeriodInput, call?: CallOptions): Promise<CreateResponse> {
  const path = buildPath(`${ONE}/gradingPeriods`, { id: termId })
  const given = { parent: { sourcedId: termId }, ...requireObject(input, 'academicSession') }
  const body = parseInput(TermGradingPeriodSchema, given, 'terms.gradingPeriods.create', 'academicSession') as Record<string, unknown>
  // The spec requires a client-supplied sourcedId on this route, as on /gradingPeriods/.
  if (body.sourcedId === undefined) body.sourcedId = randomUUID()
  encodeId(body.sourcedId, 'academicSession.sourcedId')
  const answer = await ctx.transport.request<Record<string, unknown>>({ method: 'POST', path, body: { academicSession: body } }, call)
  // The spec answers the created session (`{ academicSession }`) here, not `sourcedIdPairs`: read either.
  const created = unwrapItem<{ sourcedId?: unknown } | undefined>(answer, ['academicSession', 'gradingPeriod'])
  return readCreateResponse(answer, typeof created?.sourcedId === 'string' ? created.sourcedId : (body.sourcedId as string))
}

/**
 * Builds `client.terms`: list/stream (GET /terms/), get/exists (GET|HEAD /terms/{id}); `client.terms(id)` for
 * its classes and grading periods.
 */
export function createTerms(ctx: ServiceContext): TermsResource {
  const methods = {
    ...listMethods<Term>(pageFetcher<Term>(ctx, {
      path: ALL, listKeys: ['terms', 'academicSessions'], entity: AcademicSessionRecordSchema,
    })),
    ...readMethods<Term>(ctx, {
      itemPath: ONE, itemKeys: ['term', 'academicSession'], label: 'term', entity: AcademicSessionRecordSchema,
    }),
  }
  const scope = (id: string): TermScope => ({
    classes: scopedList<Class>(ctx, { path: `${ONE}/classes`, listKeys: ['classes'] }, { id }),
    gradingPeriods: Object.assign(
      scopedList<GradingPeriod>(ctx, { path: `${ONE}/gradingPeriods`, listKeys: ['gradingPeriods', 'academicSessions'] }, { id }),
      { create: (input: TermGradingPeriodInput, call?: CallOptions) => createForTerm(ctx, id, input, call) },
    ),
  })
  return Object.assign(scope, methods)
}
