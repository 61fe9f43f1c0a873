// A lesson plan's tree and its operations. The base tree is the course's structure (components nested by `parent`,
// their componentResources, each level by sortOrder, from PowerPath's catalog and OneRoster's store). Operations
// change it in order: set-skipped, add-custom-resource, move-item-before/after, move-item-to-start/end,
// change-item-parent. Resources always stay inside a component; a component never moves into itself.
import { record, records, refId, type PP } from './catalog.js'
import type { Entity } from '../oneroster/types.js'
import type { LessonPlan, PlanItem } from './state.js'

export const OPERATION_TYPES = ['set-skipped', 'add-custom-resource', 'move-item-before', 'move-item-after', 'move-item-to-start', 'move-item-to-end', 'change-item-parent'] as const

const bySortOrder = (a: Entity, b: Entity): number => Number(a.sortOrder ?? 0) - Number(b.sortOrder ?? 0)

/** The course's structure as fresh plan items (new item ids each time: the spec says they are not stable). */
export function baseTree(pp: PP, plan: { id: string; courseId: string }): PlanItem[] {
  let n = 0
  const item = (type: PlanItem['type'], id: string, children: PlanItem[] = []): PlanItem => ({ itemId: `${plan.id}-item-${++n}`, type, id, skipped: false, children })
  const live = <T extends { status?: unknown }>(list: T[]) => list.filter((e) => e.status !== 'tobedeleted')
  const components = live(records(pp, 'courseComponents')).filter((c) => refId(c.course) === plan.courseId)
  const resources = live(records(pp, 'componentResources'))
  const build = (parent: string | undefined): PlanItem[] =>
    components.filter((c) => refId(c.parent) === parent).sort(bySortOrder).map((c) => {
      const own = resources.filter((cr) => refId(cr.courseComponent) === c.sourcedId).sort(bySortOrder).map((cr) => item('resource', cr.sourcedId))
      return item('component', c.sourcedId, [...own, ...build(c.sourcedId)])
    })
  return build(undefined)
}

interface Found {
  readonly item: PlanItem
  readonly siblings: PlanItem[]
  readonly parent: PlanItem | undefined
}

function find(items: PlanItem[], match: (i: PlanItem) => boolean, parent?: PlanItem): Found | undefined {
  for (const item of items) {
    if (match(item)) return { item, siblings: items, parent }
    const deeper = find(item.children, match, item)
    if (deeper) return deeper
  }
  return undefined
}

type Payload = Record<string, unknown>
const targetOf = (p: Payload) => p.target as { type: PlanItem['type']; id: string }

function locate(plan: LessonPlan, target: { type: string; id: string }): Found {
  const found = find(plan.items, (i) => i.type === target.type && i.id === target.id)
  if (!found) throw new Error(`Target ${target.type} '${target.id}' is not in lesson plan '${plan.id}'.`)
  return found
}

function detach(f: Found): void {
  f.siblings.splice(f.siblings.indexOf(f.item), 1)
}

function contains(item: PlanItem, other: PlanItem): boolean {
  return item === other || item.children.some((c) => contains(c, other))
}

/** Put `f.item` into `into` at `index`, refusing what would break the tree. */
function place(plan: LessonPlan, f: Found, into: PlanItem[], parent: PlanItem | undefined, index: () => number): void {
  if (f.item.type === 'resource' && parent === undefined) throw new Error('A resource must stay inside a component.')
  if (parent && contains(f.item, parent)) throw new Error(`Component '${f.item.id}' cannot move into itself or its own subcomponents.`)
  detach(f)
  into.splice(index(), 0, f.item)
}

/** Apply one operation to `plan.items`; throws an Error whose message is the operation's error. */
export function applyOperation(pp: PP, plan: LessonPlan, type: string, p: Payload): void {
  switch (type) {
    case 'set-skipped':
      locate(plan, targetOf(p)).item.skipped = p.value === true
      return
    case 'add-custom-resource': {
      const resourceId = String(p.resource_id)
      if (!record(pp, 'resources', resourceId)) throw new Error(`Resource '${resourceId}' not found.`)
      const parent = locate(plan, { type: 'component', id: String(p.parent_component_id) }).item
      parent.children.push({ itemId: `${plan.id}-item-custom-${pp.env.newId()}`, type: 'resource', id: `custom-${resourceId}`, resourceId, skipped: p.skipped === true, children: [] })
      return
    }
    case 'move-item-before':
    case 'move-item-after': {
      const f = locate(plan, targetOf(p))
      const ref = find(plan.items, (i) => i.id === p.reference_id && i !== f.item)
      if (!ref) throw new Error(`Reference item '${String(p.reference_id)}' is not in lesson plan '${plan.id}'.`)
      place(plan, f, ref.siblings, ref.parent, () => ref.siblings.indexOf(ref.item) + (type === 'move-item-after' ? 1 : 0))
      return
    }
    case 'move-item-to-start':
    case 'move-item-to-end': {
      const f = locate(plan, targetOf(p))
      place(plan, f, f.siblings, f.parent, () => (type === 'move-item-to-start' ? 0 : f.siblings.length))
      return
    }
    case 'change-item-parent': {
      const f = locate(plan, targetOf(p))
      const parent = locate(plan, { type: 'component', id: String(p.new_parent_id) }).item
      place(plan, f, parent.children, parent, () => (p.position === 'start' ? 0 : parent.children.length))
      return
    }
    default:
      throw new Error(`Unknown operation type '${type}'.`)
  }
}

/** Apply `plan.operations` not yet applied (all of them when `all`), in sequence order; one result each. */
export function replay(pp: PP, plan: LessonPlan, all: boolean): { success: boolean; errors?: { message: string }[] }[] {
  const pending = plan.operations.filter((o) => all || !o.applied).sort((a, b) => a.sequenceNumber - b.sequenceNumber)
  return pending.map((op) => {
    op.applied = true
    try {
      applyOperation(pp, plan, op.type, op.payload)
      return { success: true }
    } catch (err) {
      return { success: false, errors: [{ message: (err as Error).message }] }
    }
  })
}
