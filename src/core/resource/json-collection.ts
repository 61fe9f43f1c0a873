/**
 * @module core/resource/json-collection — plain REST collections (entity in, entity out) in one declaration:
 * `GET {path}` answers the whole list, `GET|PUT|DELETE {item}` one record, `POST {path}` creates; records travel
 * in a one-key envelope (`{ webhook }`, `{ webhooks }`) or bare. Five operations declared once per isolate,
 * bound to a client's context by the returned function.
 */

import type { CallOptions } from '../transport/http.js'
import type { ServiceContext } from './context.js'
import { many, none, one, operation } from './operation.js'

/** What one collection declares. */
export interface JsonCollectionSpec {
  /** `POST` and the whole-list `GET`: `/webhooks/`. */
  path: string
  /** `GET`, `PUT`, `DELETE` of one record; its `{id}` is the method's id: `/webhooks/{id}`. */
  item: string
  /** Envelope key of one record (`webhook`) and of the list (`webhooks`). */
  one: string
  many: string
  /** Checks the create and update inputs before any request (`checked(schema, name, label)`). */
  create: (params: { body?: unknown }) => unknown
  update: (params: { body?: unknown }) => unknown
}

/** list, get, create, update (PUT: a full replacement) and delete of one collection. */
export interface JsonCollection<T, C, U> {
  /** GET {path}: every record (not paginated). */
  list(call?: CallOptions): Promise<T[]>
  /** GET {item} */
  get(id: string, call?: CallOptions): Promise<T>
  /** POST {path}: answers the stored record. */
  create(input: C, call?: CallOptions): Promise<T>
  /** PUT {item}: replaces every field; answers the stored record. */
  update(id: string, input: U, call?: CallOptions): Promise<T>
  /** DELETE {item} */
  delete(id: string, call?: CallOptions): Promise<void>
}

/**
 * Declares a plain REST collection; call the result with a client's context to get its methods.
 * @example
 * const webhookCollection = jsonCollection<Webhook, WebhookCreateInput, WebhookUpdateInput>({
 *   path: '/webhooks/', item: '/webhooks/{id}', one: 'webhook', many: 'webhooks',
 *   create: checked(WebhookCreateSchema, 'webhook', 'webhooks.create'), update: checked(WebhookUpdateSchema, 'webhook', 'webhooks.update'),
 * })
 * const hooks = webhookCollection(ctx)
 * await hooks.get('w1')
 */
/* @__NO_SIDE_EFFECTS__ */
export function jsonCollection<T, C, U>(spec: JsonCollectionSpec): (ctx: ServiceContext) => JsonCollection<T, C, U> {
  const unwrap = one<T>(spec.one)
  const list = operation<undefined, T[]>({ method: 'GET', path: spec.path, unwrap: many(spec.many) })
  const get = operation<{ id: string }, T>({ method: 'GET', path: spec.item, unwrap })
  const create = operation<{ body: C }, T>({ method: 'POST', path: spec.path, body: spec.create, unwrap })
  const update = operation<{ id: string; body: U }, T>({ method: 'PUT', path: spec.item, body: spec.update, unwrap })
  const remove = operation<{ id: string }, void>({ method: 'DELETE', path: spec.item, unwrap: none })
  return (ctx) => ({
    list: (call) => list(ctx, undefined, call),
    get: (id, call) => get(ctx, { id }, call),
    create: (body, call) => create(ctx, { body }, call),
    update: (id, body, call) => update(ctx, { id, body }, call),
    delete: (id, call) => remove(ctx, { id }, call),
  })
}
