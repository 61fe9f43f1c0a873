// Bulk creates of the gradebook (`{ lineItems: [...] }`, `{ results: [...] }`): every item is validated before
// the request, and all bad fields of all items are reported at once with paths like `lineItems[2].title`.

import { InputValidationError, type InputIssue } from '../../core/errors.js'
import { buildPath, encodeId } from '../../core/paths.js'
import type { ServiceContext } from '../../core/resource.js'
import type { CallOptions } from '../../core/transport/http.js'
import { parseInput, type Schema } from '../../core/validation.js'

/** One supplied/allocated id pair of a create. */
export interface SourcedIdPair {
  suppliedSourcedId: string
  allocatedSourcedId: string
}

/** Answer of a bulk create: one pair per created record (the service may send one object or an array). */
export interface BulkCreateResponse {
  sourcedIdPairs: SourcedIdPair[]
  /** The allocated ids, in the order of the pairs. */
  sourcedIds: string[]
}

export interface BulkSpec {
  /** Path template as the spec writes it. */
  path: string
  /** Key of the array in the body: `lineItems`, `results`. */
  key: string
  /** Schema of one item. */
  item: Schema
  /** Used in messages: `classes.lineItems.create`. */
  label: string
  /** Fills fields the route implies (the class of `classes(id).lineItems.create`) when the item omits them. */
  fill?: Record<string, unknown>
}

/** Fields the route implies, where the item leaves them undefined or null. */
function withFill(item: Record<string, unknown>, fill: Record<string, unknown>): Record<string, unknown> {
  const out = { ...item }
  for (const [key, value] of Object.entries(fill)) if (out[key] == null) out[key] = value
  return out
}

/** Validates every item; throws one InputValidationError listing the issues of all bad items. */
export function validateItems(spec: BulkSpec, items: unknown): Record<string, unknown>[] {
  if (!Array.isArray(items) || items.length === 0) {
    throw new InputValidationError([{ path: spec.key, message: 'must be a non-empty array' }], spec.label)
  }
  const issues: InputIssue[] = []
  const out: Record<string, unknown>[] = []
  items.forEach((raw, i) => {
    const root = `${spec.key}[${i}]`
    const item = raw && typeof raw === 'object' && !Array.isArray(raw) && spec.fill ? withFill(raw as Record<string, unknown>, spec.fill) : raw
    try {
      const parsed = parseInput(spec.item, item, spec.label, root) as Record<string, unknown>
      if (parsed.sourcedId !== undefined) encodeId(parsed.sourcedId, `${root}.sourcedId`)
      out.push(parsed)
    } catch (error) {
      if (!(error instanceof InputValidationError)) throw error
      issues.push(...error.issues)
    }
  })
  if (issues.length) throw new InputValidationError(issues, spec.label)
  return out
}

/** Reads `sourcedIdPairs` as an object or an array of objects. */
export function readBulkResponse(body: unknown): BulkCreateResponse {
  const raw = (body as { sourcedIdPairs?: unknown } | undefined)?.sourcedIdPairs
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : []
  const pairs: SourcedIdPair[] = []
  for (const entry of list) {
    const { suppliedSourcedId, allocatedSourcedId } = (entry ?? {}) as Record<string, unknown>
    if (typeof allocatedSourcedId !== 'string') continue
    pairs.push({
      suppliedSourcedId: typeof suppliedSourcedId === 'string' ? suppliedSourcedId : allocatedSourcedId,
      allocatedSourcedId,
    })
  }
  return { sourcedIdPairs: pairs, sourcedIds: pairs.map((p) => p.allocatedSourcedId) }
}

/** Validates, then POSTs `{ [key]: items }` to the path filled with `ids`. */
export async function postBulk(
  ctx: ServiceContext, spec: BulkSpec, ids: Record<string, unknown>, items: unknown, call?: CallOptions,
): Promise<BulkCreateResponse> {
  const path = buildPath(spec.path, ids)
  const body = { [spec.key]: validateItems(spec, items) }
  return readBulkResponse(await ctx.transport.request({ method: 'POST', path, body }, call))
}
