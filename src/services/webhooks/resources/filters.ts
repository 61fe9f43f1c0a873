/**
 * @module services/webhooks/resources/filters — webhook filters (/webhook-filters): conditions on a processed
 * Caliper event that decide whether a webhook receives it. A webhook gets an event only when all its active
 * filters match; a webhook without filters gets every event (of its sensor, when it has one).
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import { jsonCollection } from '../../../core/resource/json-collection.js'
import { checked, many, operation } from '../../../core/resource/operation.js'
import {
  array, boolean, finite, number, object, optional, picklist, pipe, rawTransform, string, union,
  type RawTransformContext, type Schema,
} from '../../../core/schema.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { nonEmpty, type Timestamps } from './shared.js'

/**
 * The values `filterType` takes.
 * @example FILTER_TYPES.includes(input.filterType) // true for 'string', 'number', 'boolean'
 */
export const FILTER_TYPES = ['string', 'number', 'boolean'] as const
/** How `filterValue` is read: the service stores it as a string either way. */
export type FilterType = (typeof FILTER_TYPES)[number]

/**
 * The values `filterOperation` takes. `in`/`notIn` take a list; `regexp` a pattern (no flags).
 * @example
 * for (const op of FILTER_OPERATIONS) console.log(op) // eq, neq, gt, …, regexp
 */
export const FILTER_OPERATIONS = [
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'notContains', 'in', 'notIn', 'startsWith', 'endsWith', 'regexp',
] as const
/**
 * How a filter compares the event's field with `filterValue`.
 * @example const op: FilterOperation = 'startsWith'
 */
export type FilterOperation = (typeof FILTER_OPERATIONS)[number]

/** A stored filter. `filterValue` is always a string (lists for `in`/`notIn` are comma-separated). */
export interface WebhookFilter extends Timestamps {
  id: string
  webhookId: string
  /** Field of the event, e.g. `type`, `sensor`, `actor.email`, `object.subject`. */
  filterKey: string
  filterValue: string
  filterType: FilterType
  filterOperation: FilterOperation
  active: boolean
}

type Scalar = string | number | boolean

const ORDERING = new Set<FilterOperation>(['gt', 'gte', 'lt', 'lte'])
const TEXTUAL = new Set<FilterOperation>(['contains', 'notContains', 'startsWith', 'endsWith', 'regexp'])
const LISTS = new Set<FilterOperation>(['in', 'notIn'])

function inferType(value: Scalar | readonly Scalar[]): FilterType {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'number' ? 'number' : typeof first === 'boolean' ? 'boolean' : 'string'
}

function parsesAs(type: FilterType, item: Scalar): boolean {
  if (type === 'number') {
    return typeof item === 'number' || (typeof item === 'string' && item.trim() !== '' && Number.isFinite(Number(item)))
  }
  if (type === 'boolean') return typeof item === 'boolean' || item === 'true' || item === 'false'
  return true
}

/** What is wrong with this value for this type and operation, if anything. */
function valueProblem(value: Scalar | readonly Scalar[], type: FilterType, op: FilterOperation): string | undefined {
  const isList = Array.isArray(value)
  if (isList && !LISTS.has(op)) return `a list is only allowed with 'in' or 'notIn'`
  if (type !== 'string' && TEXTUAL.has(op)) return `'${op}' needs filterType 'string'`
  if (type === 'boolean' && ORDERING.has(op)) return `'${op}' does not apply to booleans`
  if (op === 'regexp') {
    try {
      new RegExp(String(value))
    } catch (error) {
      return `is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`
    }
    return undefined
  }
  // Lists travel as one comma-separated string, so an item cannot itself hold a comma.
  const items: readonly Scalar[] = isList
    ? value
    : LISTS.has(op) && typeof value === 'string' ? value.split(',').map((item) => item.trim()) : [value as Scalar]
  if (items.length === 0) return 'must list at least one value'
  if (isList && items.some((item) => String(item).includes(','))) return 'list items cannot contain commas'
  const bad = items.find((item) => !parsesAs(type, item))
  if (bad !== undefined) return `${JSON.stringify(bad)} is not a ${type}${type === 'boolean' ? " ('true' or 'false')" : ''}`
  return undefined
}

/**
 * A filter input once each field passed its own check, before the cross-field rule. A type, not an interface:
 * valibot's issue path wants it to fit `Record<string, unknown>`.
 */
export type FilterFields = {
  webhookId: string
  filterKey: string
  filterValue: Scalar | Scalar[]
  filterType?: FilterType
  filterOperation: FilterOperation
  active: boolean
}

/**
 * The cross-field rule of a filter, as a raw transformation (the same function runs in the client's check and
 * in the valibot WebhookFilter*Schema): the value must suit the type and operation (reported at `filterValue`);
 * the output states `filterType` and sends the value as a string (a list comma-separated).
 * @example pipe(object({ …filter fields }), rawTransform(normalizeFilter))
 */
export function normalizeFilter({ dataset, addIssue, NEVER }: RawTransformContext<FilterFields>) {
  const input = dataset.value
  const filterType = input.filterType ?? inferType(input.filterValue)
  const problem = valueProblem(input.filterValue, filterType, input.filterOperation)
  if (problem) {
    const at = { type: 'object', origin: 'value', input, key: 'filterValue', value: input.filterValue } as const
    addIssue({ message: problem, path: [at] })
    return NEVER
  }
  const filterValue = Array.isArray(input.filterValue) ? input.filterValue.map(String).join(',') : String(input.filterValue)
  return { ...input, filterType, filterValue }
}

// The rules of WebhookFilterCreateSchema / WebhookFilterUpdateSchema (schemas.ts, valibot), on core/schema.ts so
// that the client does not bundle valibot; test/node/schema-checks.test.ts holds the two to the same answers.
const scalar = /* @__PURE__ */ union([string(), pipe(number(), finite()), boolean()])

function filterCheck(active: Schema<boolean | undefined, boolean>) {
  return pipe(
    object({
      webhookId: nonEmpty(),
      filterKey: nonEmpty(),
      filterValue: union([scalar, array(scalar)], 'must be a string, number or boolean (or a list of them for in/notIn)'),
      filterType: optional(picklist(FILTER_TYPES, `must be one of ${FILTER_TYPES.join(', ')}`)),
      filterOperation: picklist(FILTER_OPERATIONS, `must be one of ${FILTER_OPERATIONS.join(', ')}`),
      active,
    }),
    rawTransform(normalizeFilter),
  )
}

/**
 * What `filters.create` checks (WebhookFilterCreateSchema's rules): `filterType` defaults to the value's type,
 * `active` to true, the value goes out as a string.
 * @example parseInput(WebhookFilterCreateCheck, input, 'filters.create', 'filter')
 */
export const WebhookFilterCreateCheck = /* @__PURE__ */ filterCheck(optional(boolean('must be true or false'), true))
/**
 * What `filters.update` checks (WebhookFilterUpdateSchema's rules): a full replacement, so `active` is required.
 * @example parseInput(WebhookFilterUpdateCheck, input, 'filters.update', 'filter')
 */
export const WebhookFilterUpdateCheck = /* @__PURE__ */ filterCheck(boolean('must be true or false'))

/** What `filters.create` takes (checked by WebhookFilterCreateSchema's rules). */
export interface WebhookFilterCreateInput {
  webhookId: string
  /** Dotted path into the event: `type`, `sensor`, `actor.email`, `object.subject`, `generated.items.0.value`. */
  filterKey: string
  /** Sent as a string; a list (for `in`/`notIn`) is sent comma-separated. */
  filterValue: Scalar | Scalar[]
  /** Default: the type of `filterValue` (a string value means `string`). */
  filterType?: FilterType
  filterOperation: FilterOperation
  /** Default true. */
  active?: boolean
}

/** What `filters.update` takes: a full replacement, so `active` is required. */
export interface WebhookFilterUpdateInput extends WebhookFilterCreateInput {
  active: boolean
}

/**
 * `client.filters`: the filters of every webhook (/webhook-filters).
 * @example
 * const mine = await client.filters.listByWebhook(hook.id)
 * await client.filters.update(mine[0].id, { ...mine[0], active: false })
 */
export interface WebhookFiltersResource {
  /** GET /webhook-filters/ — every filter of every webhook. */
  list(call?: CallOptions): Promise<WebhookFilter[]>
  /** GET /webhook-filters/{id} */
  get(id: string, call?: CallOptions): Promise<WebhookFilter>
  /** POST /webhook-filters/ */
  create(input: WebhookFilterCreateInput, call?: CallOptions): Promise<WebhookFilter>
  /** PUT /webhook-filters/{id} — replaces every field. */
  update(id: string, input: WebhookFilterUpdateInput, call?: CallOptions): Promise<WebhookFilter>
  /** DELETE /webhook-filters/{id} */
  delete(id: string, call?: CallOptions): Promise<void>
  /** GET /webhook-filters/webhook/{webhookId} — the filters of one webhook. */
  listByWebhook(webhookId: string, call?: CallOptions): Promise<WebhookFilter[]>
}

/** GET|POST /webhook-filters/, GET|PUT|DELETE /webhook-filters/{id}: `{ filter }` / `{ filters }` envelopes. */
const filters = /* @__PURE__ */ jsonCollection<WebhookFilter, WebhookFilterCreateInput, WebhookFilterUpdateInput>({
  path: '/webhook-filters/',
  item: '/webhook-filters/{id}',
  one: 'filter',
  many: 'filters',
  create: /* @__PURE__ */ checked(WebhookFilterCreateCheck, 'filter', 'filters.create'),
  update: /* @__PURE__ */ checked(WebhookFilterUpdateCheck, 'filter', 'filters.update'),
})
/** GET /webhook-filters/webhook/{webhookId} */
const listByWebhook = /* @__PURE__ */ operation<{ webhookId: string }, WebhookFilter[]>({
  method: 'GET', path: '/webhook-filters/webhook/{webhookId}', unwrap: /* @__PURE__ */ many('filters'),
})

/**
 * Builds `client.filters`.
 * @example
 * await client.filters.create({ webhookId: hook.id, filterKey: 'type', filterValue: 'ActivityEvent', filterOperation: 'eq' })
 * await client.filters.create({ webhookId: hook.id, filterKey: 'generated.items.0.value', filterValue: 10, filterOperation: 'gte' })
 */
export function createWebhookFilters(ctx: ServiceContext): WebhookFiltersResource {
  return { ...filters(ctx), listByWebhook: (webhookId, call) => listByWebhook(ctx, { webhookId }, call) }
}
