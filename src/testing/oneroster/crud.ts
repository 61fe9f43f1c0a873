// Generic OneRoster handlers (list, get, create, bulk create, put, patch, delete), configured by a View.
// The resource files declare their routes as tables of these.
import type { Ctx, Env, Handler } from './context.js'
import { badRequest, json, noContent, notFound } from '../http.js'
import { fieldsParam, listResponse, project } from '../query.js'
import type { Entity } from './types.js'
import { isObject } from './model.js'
import type { View } from './model.js'
import { prepareRecord } from './normalize.js'
import { checkRecord, takeArray, takeObject } from './validate.js'

/** Normalise and store a record; every write goes through here. */
export function save(env: Env, collection: string, record: Entity): Entity {
  return env.store.put(collection, prepareRecord(env, collection, record))
}

/** The record `id` as seen by `view`, or a 404 "<Label> not found.". */
export function find(env: Env, view: View, id: string, label = view.label): Entity {
  const e = env.store.get(view.collection, id)
  if (!e || (view.where && !view.where(e))) throw notFound(`${label} not found.`)
  return e
}

export function viewItems(env: Env, view: View): readonly Entity[] {
  const all = env.store.list(view.collection)
  return view.where ? all.filter(view.where) : all
}

export function listHandler(view: View, source?: (ctx: Ctx) => readonly Entity[]): Handler {
  return (ctx) => listResponse(ctx.query, view, source ? source(ctx) : viewItems(ctx.env, view), {
    shortPages: ctx.env.quirks.shortPages,
    jsonCache: ctx.env.jsonCache,
  })
}

export function getHandler(view: View): Handler {
  return (ctx) => json({ [view.one]: project(find(ctx.env, view, ctx.params.sourcedId!), fieldsParam(ctx.query)) })
}

export interface Pair { readonly suppliedSourcedId: string; readonly allocatedSourcedId: string }

/**
 * 201 `{ sourcedIdPairs }`. The spec types it as one object even on bulk routes; several records
 * answer an array (which the SDK tolerates), and the live quirk switch makes every answer an array.
 */
export function pairsResponse(env: Env, pairs: readonly Pair[]): Response {
  const body = env.quirks.pairsAsArray || pairs.length !== 1 ? pairs : pairs[0]
  return json({ sourcedIdPairs: body }, 201)
}

/** Build a new record from a validated body item; 422 when the sourcedId is taken (the spec has no 409). */
export function newRecord(env: Env, view: View, item: Record<string, unknown>): { record: Entity; pair: Pair } {
  const supplied = typeof item.sourcedId === 'string' ? item.sourcedId : undefined
  const id = supplied ?? env.newId()
  if (env.store.has(view.collection, id)) throw badRequest(`${view.label} with sourcedId '${id}' already exists.`, 422)
  // sourcedId leads the key order, as in the vendor's examples.
  const record: Entity = { sourcedId: id, ...item, status: typeof item.status === 'string' ? item.status : 'active', dateLastModified: env.nowIso() } as Entity
  record.sourcedId = id
  // With no supplied id the allocated one is echoed in both slots, so both are always strings.
  return { record, pair: { suppliedSourcedId: supplied ?? id, allocatedSourcedId: id } }
}

export interface CreateOptions {
  /** Validation status: 400, or 422 where the spec's route says "Validation error". */
  readonly invalid?: 400 | 422
  /** Extra required fields or defaults taken from the path (runs before validation). */
  readonly fill?: (item: Record<string, unknown>, ctx: Ctx) => Record<string, unknown>
  /** Custom 201 answer (default: sourcedIdPairs). */
  readonly answer?: (record: Entity, pair: Pair, ctx: Ctx) => Response
  readonly required?: readonly string[]
}

export function createHandler(view: View, options: CreateOptions = {}): Handler {
  return async (ctx) => {
    let item = takeObject(await ctx.body(), view.body)
    if (options.fill) item = options.fill(item, ctx)
    checkRecord(item, view, options.required ?? view.required, view.body, options.invalid)
    const { record, pair } = newRecord(ctx.env, view, item)
    const stored = save(ctx.env, view.collection, record)
    return options.answer ? options.answer(stored, pair, ctx) : pairsResponse(ctx.env, [pair])
  }
}

/**
 * Bulk create (`{ results: [...] }`): every item is validated before any is stored. `scope` runs
 * first (so a missing parent answers 404 before the body is looked at) and returns the per-item fill.
 */
export function bulkCreateHandler(
  view: View,
  key: string,
  scope?: (ctx: Ctx) => (item: Record<string, unknown>) => Record<string, unknown>,
): Handler {
  return async (ctx) => {
    const fill = scope?.(ctx)
    const raw = takeArray(await ctx.body(), key)
    const items = fill ? raw.map(fill) : raw
    items.forEach((it, i) => checkRecord(it, view, view.required, `${key}[${i}]`))
    const seen = new Set<string>()
    for (const it of items) {
      const id = typeof it.sourcedId === 'string' ? it.sourcedId : undefined
      if (id !== undefined && (seen.has(id) || ctx.env.store.has(view.collection, id))) {
        throw badRequest(`${view.label} with sourcedId '${id}' already exists.`, 422)
      }
      if (id !== undefined) seen.add(id)
    }
    const pairs = items.map((it) => {
      const { record, pair } = newRecord(ctx.env, view, it)
      save(ctx.env, view.collection, record)
      return pair
    })
    return pairsResponse(ctx.env, pairs)
  }
}

export interface PutOptions {
  /** 2xx status the spec declares for this PUT. */
  readonly status: 200 | 201
  /** `wrapped` answers `{ <key>: record }`, `unwrapped` the bare record. */
  readonly shape: 'wrapped' | 'unwrapped'
  /** Answer key when wrapped (default: the view's single key). */
  readonly key?: string
  /** Gradebook PUTs are "update or create". */
  readonly upsert?: boolean
  readonly invalid?: 400 | 422
}

/**
 * PUT merges the body's top-level fields over the stored record (the class PUT schema, for one, has
 * no course or org, so a full replace would lose them); `metadata` is replaced as a whole.
 */
export function putHandler(view: View, options: PutOptions): Handler {
  return async (ctx) => {
    const id = ctx.params.sourcedId!
    const item: Record<string, unknown> = { ...takeObject(await ctx.body(), view.body), sourcedId: id } // the path id wins
    checkRecord(item, view, view.putRequired ?? view.required, view.body, options.invalid)
    const existing = options.upsert ? ctx.env.store.get(view.collection, id) : find(ctx.env, view, id)
    const record: Entity = {
      ...existing,
      ...item,
      sourcedId: id,
      status: typeof item.status === 'string' ? item.status : (existing?.status ?? 'active'),
      dateLastModified: ctx.env.nowIso(),
    }
    const stored = save(ctx.env, view.collection, record)
    return json(options.shape === 'wrapped' ? { [options.key ?? view.one]: stored } : stored, options.status)
  }
}

/** PATCH: partial update; `metadata` keys are merged into the stored metadata. */
export function patchHandler(view: View): Handler {
  return async (ctx) => {
    const id = ctx.params.sourcedId!
    const item = takeObject(await ctx.body(), view.body)
    checkRecord(item, view, [], view.body)
    const existing = find(ctx.env, view, id)
    const metadata = 'metadata' in item
      ? (isObject(existing.metadata) && isObject(item.metadata) ? { ...existing.metadata, ...item.metadata } : item.metadata)
      : existing.metadata
    const record: Entity = { ...existing, ...item, sourcedId: id, dateLastModified: ctx.env.nowIso() }
    if (metadata !== undefined) record.metadata = metadata
    const stored = save(ctx.env, view.collection, record)
    return json({ [view.one]: stored }, 200)
  }
}

/** Soft delete: the record stays, with status `tobedeleted`. */
export function deleteHandler(view: View): Handler {
  return (ctx) => {
    const existing = find(ctx.env, view, ctx.params.sourcedId!)
    save(ctx.env, view.collection, { ...existing, status: 'tobedeleted', dateLastModified: ctx.env.nowIso() })
    return noContent()
  }
}
