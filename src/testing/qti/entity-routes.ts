// The five routes items and stimuli share: search (page listing), create, get, PUT (full replace, the path's
// identifier must be the body's) and delete. Each kind says only its path, its XML root, its operation names and how
// a request body becomes its stored record.
import { route, type Route } from '../context.js'
import { json, noContent } from '../http.js'
import { pageOf } from './listing.js'
import { readWrapped, samePathId, type Body } from './request.js'
import { insert, need, remove, replace, type Kind, type Qti, type Rec } from './state.js'

/** What one kind of entity brings to its routes. */
export interface EntityKind {
  readonly kind: Kind
  /** e.g. `/stimuli`. */
  readonly path: string
  /** The XML root element of its `{ format: 'xml', xml }` form. */
  readonly root: string
  /** The spec's operationIds: search, create, get, update, delete. */
  readonly names: readonly [string, string, string, string, string]
  readonly sorts: readonly string[]
  fromBody(body: Body): Rec
}

/**
 * The search/create/get/update/delete routes of one entity kind.
 *
 * @example
 * entityRoutes(q, { kind: 'stimuli', path: '/stimuli', root: 'qti-assessment-stimulus', names, sorts, fromBody: stimulusFromBody })
 */
export function entityRoutes(q: Qti, e: EntityKind): Route[] {
  const [search, create, get, update, del] = e.names
  const one = `${e.path}/{identifier}`
  return [
    route('GET', e.path, search, (ctx) => pageOf(ctx.query, [...q.state[e.kind].values()], { sorts: e.sorts, defaultSort: 'createdAt' })),
    route('POST', e.path, create, async (ctx) => json(insert(q, e.kind, e.fromBody(await readWrapped(ctx, e.root))), 201)),
    route('GET', one, get, (ctx) => json(need(q, e.kind, ctx.params.identifier!))),
    route('PUT', one, update, async (ctx) => {
      const record = e.fromBody(await readWrapped(ctx, e.root))
      samePathId(ctx.params.identifier!, record.identifier as string)
      return json(replace(q, e.kind, record))
    }),
    route('DELETE', one, del, (ctx) => {
      remove(q, e.kind, ctx.params.identifier!)
      return noContent()
    }),
  ]
}
