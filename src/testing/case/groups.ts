// GET /CFPackages/{id}/groups: a package's items as a tree. The spec says only that `structuredContent` maps keys to
// lists of items, each with `childGroups` mapping keys to lists; the emulator (a decision, stated in the README)
// groups by `CFItemType` and takes an item's children from `isChildOf` associations (origin isChildOf destination),
// ordered by `sequenceNumber`. Items with no parent in the package are the roots; an item reached twice (two
// parents) appears once, under its first; items caught in a cycle of isChildOf appear at the top, so none is lost.
import type { Row } from './state.js'

const groupBy = (rows: Row[]): Record<string, Row[]> => {
  const out: Record<string, Row[]> = {}
  for (const row of rows) (out[(row.CFItemType as string) || 'Item'] ??= []).push(row)
  return out
}

/** The items of one package, as `structuredContent`. */
export function structuredContent(items: readonly Row[], associations: readonly Row[]): Record<string, Row[]> {
  const byId = new Map(items.map((i) => [i.sourcedId as string, i]))
  const children = new Map<string, { seq: number; id: string }[]>()
  const hasParent = new Set<string>()
  for (const a of associations) {
    const child = a.originNodeURI?.sourcedId
    const parent = a.destinationNodeURI?.sourcedId
    if (a.associationType !== 'isChildOf' || child === parent || !byId.has(child) || !byId.has(parent)) continue
    const list = children.get(parent) ?? []
    list.push({ seq: typeof a.sequenceNumber === 'number' ? a.sequenceNumber : Infinity, id: child })
    children.set(parent, list)
    hasParent.add(child)
  }
  const seen = new Set<string>()
  const node = (id: string): Row => {
    seen.add(id)
    const kids: Row[] = []
    // A stable sort: children without a sequenceNumber keep their association order, after the numbered ones.
    for (const { id: kid } of (children.get(id) ?? []).slice().sort((a, b) => (a.seq === b.seq ? 0 : a.seq < b.seq ? -1 : 1))) {
      if (!seen.has(kid)) kids.push(node(kid))
    }
    return { ...byId.get(id), childGroups: groupBy(kids) }
  }
  const roots: Row[] = []
  for (const id of byId.keys()) if (!hasParent.has(id) && !seen.has(id)) roots.push(node(id))
  for (const id of byId.keys()) if (!seen.has(id)) roots.push(node(id))
  return groupBy(roots)
}
