// Course sequences (2026 additions): the ordered stages of a subject's path (courses, and assessment stages
// between them). Stages answer as a bare array (our notes leave array vs wrapper open; the client reads both).
// The stage after an assessment at grade g: placement places at g (the course stage holding g), any other test
// type (test_out, end_of_course, default end_of_grade) moves on to g + 1. `cqpm`/`wcpm` are accepted and not used.
import { route, type Ctx, type Route } from '../context.js'
import { badRequest, json, notFound } from '../http.js'
import type { PP } from './catalog.js'
import { oneOf, queryEnum } from './request.js'
import { GRADES } from './state.js'

interface Stage {
  readonly grades?: readonly string[]
  readonly type?: string
}

function sequenceOf(pp: PP, id: string): Record<string, unknown> {
  const sequence = pp.state.sequences.get(id)
  if (!sequence) throw notFound(`Course sequence '${id}' not found.`)
  return sequence
}

const stagesOf = (sequence: Record<string, unknown>): Stage[] => (sequence.stages as Stage[] | undefined) ?? []

function stages(pp: PP, ctx: Ctx): Response {
  const all = stagesOf(sequenceOf(pp, ctx.params.id!))
  const grade = queryEnum(ctx, 'grade', GRADES)
  const raw = ctx.query.get('limit')
  const limit = raw === null || raw === '' ? undefined : /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : NaN
  if (Number.isNaN(limit)) throw badRequest(`Invalid value for parameter 'limit': '${raw}' (must be an integer >= 1).`)
  const picked = all.filter((s) => grade === undefined || (s.grades ?? []).includes(grade))
  return json(limit === undefined ? picked : picked.slice(0, limit))
}

function afterAssessment(pp: PP, ctx: Ctx): Response {
  const all = stagesOf(sequenceOf(pp, ctx.params.id!))
  const raw = ctx.query.get('test_grade')
  if (raw === null || raw === '') throw badRequest("Missing required query parameter 'test_grade'.")
  const grade = Number(oneOf(raw, GRADES, 'test_grade'))
  const type = queryEnum(ctx, 'test_type', ['placement', 'test_out', 'end_of_course', 'end_of_grade']) ?? 'end_of_grade'
  const wanted = String(type === 'placement' ? grade : grade + 1)
  const stage = all.find((s) => s.type === 'course' && (s.grades ?? []).includes(wanted))
  if (!stage) throw notFound(`No course stage for grade ${wanted} after a grade ${grade} ${type} assessment in sequence '${ctx.params.id}'.`)
  return json(stage)
}

export function sequenceRoutes(pp: PP): Route[] {
  return [
    route('GET', '/powerpath/course-sequence/{id}', 'getCourseSequence', (ctx) => json(sequenceOf(pp, ctx.params.id!))),
    route('GET', '/powerpath/course-sequence/{id}/stages', 'getCourseSequenceStages', (ctx) => stages(pp, ctx)),
    route('GET', '/powerpath/course-sequence/{id}/stages/after/assessment', 'getStageAfterAssessment', (ctx) => afterAssessment(pp, ctx)),
  ]
}
