// Lesson plans: one per course and student, built from the course's structure; personalised through an
// operations log (stored, then applied in sequence order by sync; recreate rebuilds and replays all of it; a
// course sync recreates every plan of the course). Trees show non-skipped items; the structure view shows all.
import { route, type Ctx, type Route } from '../context.js'
import { badRequest, json, noContent, notFound } from '../http.js'
import { courseOf, record, roster, studentOf, type PP } from './catalog.js'
import { baseTree, OPERATION_TYPES, replay } from './plan-tree.js'
import { needString, oneOf, optString, readBody, type Body } from './request.js'
import type { Entity } from '../oneroster/types.js'
import { nextId, type LessonPlan, type PlanItem } from './state.js'

function planOf(pp: PP, id: string): LessonPlan {
  const plan = pp.state.plans.get(id)
  if (!plan) throw notFound(`Lesson plan '${id}' not found.`)
  return plan
}

/** A plan item's resource as the spec shows it: the record plus the required `metadataDetails.type` (its metadata's `type`). */
function withDetails(resource: Entity | undefined): Record<string, unknown> | null {
  if (!resource) return null
  const type = (resource.metadata as { type?: unknown } | undefined)?.type
  return { ...resource, metadataDetails: { type: typeof type === 'string' ? type : 'unknown' } }
}

function resourceView(pp: PP, item: PlanItem, parentId: string, index: number): Record<string, unknown> {
  const cr = record(pp, 'componentResources', item.id)
  const resourceId = item.resourceId ?? (cr?.resource as { sourcedId?: string } | undefined)?.sourcedId ?? ''
  return {
    tenantId: null, clientAppId: null, id: item.itemId, sourcedId: item.id, title: cr?.title ?? record(pp, 'resources', resourceId)?.title ?? item.id,
    sortOrder: String(index + 1), metadata: (cr?.metadata as object) ?? {}, courseComponentSourcedId: parentId, resource: withDetails(record(pp, 'resources', resourceId)),
  }
}

function componentView(pp: PP, item: PlanItem, index: number): Record<string, unknown> {
  const c = record(pp, 'courseComponents', item.id)
  const shown = item.children.filter((i) => !i.skipped)
  return {
    id: item.itemId, sourcedId: item.id, status: c?.status ?? 'active', title: c?.title ?? item.id, sortOrder: String(index + 1), metadata: (c?.metadata as object) ?? {},
    prerequisites: (c?.prerequisites as string[]) ?? [], prerequisiteCriteria: c?.prerequisiteCriteria ?? 'ALL',
    componentResources: shown.filter((i) => i.type === 'resource').map((i, n) => resourceView(pp, i, item.id, n)),
    subComponents: shown.filter((i) => i.type === 'component').map((i, n) => componentView(pp, i, n)),
  }
}

function treeView(pp: PP, plan: LessonPlan): Response {
  const course = roster(pp)?.get('courses', plan.courseId) ?? { sourcedId: plan.courseId, status: 'tobedeleted', title: plan.courseId }
  const subComponents = plan.items.filter((i) => !i.skipped && i.type === 'component').map((i, n) => componentView(pp, i, n))
  return json({ lessonPlan: { lessonPlan: { course, subComponents } } })
}

function structureItem(pp: PP, item: PlanItem, index: number): Record<string, unknown> {
  const isComponent = item.type === 'component'
  const title = (record(pp, isComponent ? 'courseComponents' : 'componentResources', item.id)?.title as string | undefined) ?? item.id
  return {
    ...(isComponent ? { componentId: item.id } : { componentResourceId: item.id }), type: item.type, title, order: String(index + 1), skipped: item.skipped, itemId: item.itemId,
    componentResources: item.children.filter((i) => i.type === 'resource').map((i, n) => structureItem(pp, i, n)),
    subComponents: item.children.filter((i) => i.type === 'component').map((i, n) => structureItem(pp, i, n)),
  }
}

async function create(pp: PP, ctx: Ctx): Promise<Response> {
  const body = await readBody(ctx)
  const courseId = needString(body, 'courseId')
  const userId = needString(body, 'userId')
  const classId = optString(body, 'classId')
  courseOf(pp, courseId)
  studentOf(pp, userId)
  if (classId !== undefined && !roster(pp)?.get('classes', classId)) throw notFound(`Class '${classId}' not found.`)
  const existing = [...pp.state.plans.values()].find((p) => p.courseId === courseId && p.userId === userId)
  if (existing) return json({ lessonPlanId: existing.id })
  const id = nextId(pp.state, 'lesson-plan')
  const plan: LessonPlan = { id, courseId, userId, classId: classId ?? null, items: [], operations: [] }
  plan.items = baseTree(pp, plan)
  pp.state.plans.set(id, plan)
  return json({ lessonPlanId: id }, 201)
}

/** The operation's payload fields the spec requires, checked (400 naming the field). */
function checkOperation(raw: unknown): { type: string; payload: Body } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw badRequest("Missing or invalid body field 'operation' (an object { type, payload } is required).")
  const op = raw as Body
  const type = oneOf(op.type, OPERATION_TYPES, 'operation.type')
  const payload = op.payload
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw badRequest("Missing or invalid body field 'operation.payload' (an object is required).")
  const p = payload as Body
  if (type !== 'add-custom-resource') {
    const target = p.target as Body | undefined
    if (!target || typeof target !== 'object') throw badRequest("Missing body field 'operation.payload.target' ({ type: 'component' | 'resource', id }).")
    oneOf(target.type, ['component', 'resource'], 'operation.payload.target.type')
    needString(target, 'id', 'operation.payload.target')
  }
  if (type === 'set-skipped' && typeof p.value !== 'boolean') throw badRequest("Missing or invalid field 'operation.payload.value' (a boolean is required).")
  if (type === 'add-custom-resource') for (const f of ['resource_id', 'parent_component_id']) needString(p, f, 'operation.payload')
  if (type === 'move-item-before' || type === 'move-item-after') needString(p, 'reference_id', 'operation.payload')
  if (type === 'change-item-parent') {
    needString(p, 'new_parent_id', 'operation.payload')
    if (p.position !== undefined) oneOf(p.position, ['start', 'end'], 'operation.payload.position')
  }
  return { type, payload: p }
}

async function storeOperation(pp: PP, ctx: Ctx): Promise<Response> {
  const plan = planOf(pp, ctx.params.lessonPlanId!)
  const body = await readBody(ctx)
  const { type, payload } = checkOperation(body.operation)
  const reason = optString(body, 'reason') ?? null
  const id = nextId(pp.state, 'operation')
  plan.operations.push({ id, type, payload, reason, createdAt: pp.env.nowIso(), sequenceNumber: plan.operations.length + 1, createdBy: null, applied: false })
  return json({ success: true, message: 'Operation stored; sync the lesson plan to apply it.', operationId: id }, 201)
}

function results(pp: PP, plan: LessonPlan, all: boolean): Record<string, unknown> {
  if (all) plan.items = baseTree(pp, plan)
  const operationResults = replay(pp, plan, all)
  const failed = operationResults.filter((r) => !r.success).length
  return { success: failed === 0, message: `${operationResults.length} operation(s) applied${failed ? `, ${failed} failed` : ''}.`, operationCount: operationResults.length, operationResults }
}

export function lessonPlanRoutes(pp: PP): Route[] {
  const P = '/powerpath/lessonPlans'
  return [
    route('POST', `${P}/`, 'createLessonPlan', (ctx) => create(pp, ctx)),
    route('GET', `${P}/{courseId}/{userId}`, 'getTree', (ctx) => {
      const plan = [...pp.state.plans.values()].find((p) => p.courseId === ctx.params.courseId && p.userId === ctx.params.userId)
      if (!plan) throw notFound(`No lesson plan for course '${ctx.params.courseId}' and user '${ctx.params.userId}'.`)
      return treeView(pp, plan)
    }),
    route('DELETE', `${P}/{courseId}/deleteAll`, 'deleteLessonPlansByCourseId', (ctx) => {
      for (const [id, p] of pp.state.plans) if (p.courseId === ctx.params.courseId) pp.state.plans.delete(id)
      return noContent()
    }),
    route('GET', `${P}/tree/{lessonPlanId}`, 'getLessonPlan', (ctx) => treeView(pp, planOf(pp, ctx.params.lessonPlanId!))),
    route('GET', `${P}/tree/{lessonPlanId}/structure`, 'getLessonPlanStructure', (ctx) => {
      const plan = planOf(pp, ctx.params.lessonPlanId!)
      const courseTitle = roster(pp)?.get('courses', plan.courseId)?.title ?? plan.courseId
      return json({ lessonPlan: { lessonPlan: { id: plan.id, courseId: plan.courseId, courseTitle, structure: plan.items.map((i, n) => structureItem(pp, i, n)) } } })
    }),
    route('POST', `${P}/{lessonPlanId}/operations`, 'storeOperation', (ctx) => storeOperation(pp, ctx)),
    route('GET', `${P}/{lessonPlanId}/operations`, 'getOperations', (ctx) => {
      const plan = planOf(pp, ctx.params.lessonPlanId!)
      return json({ operations: [...plan.operations].sort((a, b) => a.sequenceNumber - b.sequenceNumber).map(({ applied: _, ...op }) => op) })
    }),
    route('POST', `${P}/{lessonPlanId}/operations/sync`, 'syncOperations', (ctx) => json(results(pp, planOf(pp, ctx.params.lessonPlanId!), false))),
    route('POST', `${P}/{lessonPlanId}/recreate`, 'recreateLessonPlan', (ctx) => json(results(pp, planOf(pp, ctx.params.lessonPlanId!), true))),
    route('GET', '/powerpath/syllabus/{courseSourcedId}', 'getCourseSyllabus', (ctx) => {
      // The course's structure as every student starts with it (no plan, nothing skipped).
      const course = courseOf(pp, ctx.params.courseSourcedId!)
      const items = baseTree(pp, { id: `syllabus-${course.sourcedId}`, courseId: course.sourcedId })
      return json({ syllabus: { course, subComponents: items.map((i, n) => componentView(pp, i, n)) } })
    }),
    route('POST', `${P}/course/{courseId}/sync`, 'SyncCourseLessonPlans', (ctx) => {
      const affected = [...pp.state.plans.values()].filter((p) => p.courseId === ctx.params.courseId)
      for (const plan of affected) results(pp, plan, true)
      return json({ lessonPlansAffected: affected.map((p) => p.id) })
    }),
  ]
}
