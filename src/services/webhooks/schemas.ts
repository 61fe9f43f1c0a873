/**
 * @module services/webhooks/schemas — the input rules of webhooks and webhook filters as valibot schemas, for
 * your own checks (`v.safeParse(WebhookCreateSchema, x)`), exported from `@timeback/sdk/webhooks`. The client
 * checks the same rules with core/schema.ts (resources/webhooks.ts and resources/filters.ts), which gives the
 * same paths, messages and outputs without bundling valibot; this module is bundled only when you import a
 * schema (test/node/schema-checks.test.ts holds the two to the same answers).
 */

import * as v from 'valibot'
import { FILTER_OPERATIONS, FILTER_TYPES, normalizeFilter } from './resources/filters.js'
import { isHttpUrl } from './resources/shared.js'

const nonEmpty = /* @__NO_SIDE_EFFECTS__ */ (what = 'must not be empty') => v.pipe(v.string('must be a string'), v.minLength(1, what))

const fields = {
  name: /* @__PURE__ */ nonEmpty(),
  description: v.optional(v.nullable(v.string('must be a string or null')), null),
  targetUrl: v.pipe(v.string('must be a string'), v.check(isHttpUrl, 'must be an absolute http(s) URL')),
  secret: /* @__PURE__ */ nonEmpty('must not be empty (receivers verify deliveries with it)'),
  sensor: v.optional(v.nullable(/* @__PURE__ */ nonEmpty('must not be empty; use null for every sensor'))),
}

/**
 * Create input. `description` defaults to null and `active` to true. Unknown keys (such as `id` or
 * `createdAt` from a fetched webhook) are dropped, so a read object can be spread into an update.
 * @example
 * const ok = v.safeParse(WebhookCreateSchema, { name: 'n', targetUrl: 'https://app.example/hook', secret: 's' }).success // true
 */
export const WebhookCreateSchema = v.object({ ...fields, active: v.optional(v.boolean('must be true or false'), true) })
/**
 * Update input: a full replacement (PUT), so `active` must be stated.
 * @example
 * await client.webhooks.update(hook.id, { ...hook, targetUrl: 'https://app.example/hooks/v2' })
 */
export const WebhookUpdateSchema = v.object({ ...fields, active: v.boolean('must be true or false') })

/**
 * What `webhooks.create` takes (checked by WebhookCreateSchema's rules).
 * @example const input: WebhookCreateInput = { name: 'grades', targetUrl: 'https://app.example/hooks', secret }
 */
export type WebhookCreateInput = v.InferInput<typeof WebhookCreateSchema>
/**
 * What `webhooks.update` takes: a full replacement, so `active` is required.
 * @example const input: WebhookUpdateInput = { ...hook, active: false }
 */
export type WebhookUpdateInput = v.InferInput<typeof WebhookUpdateSchema>

const scalar = v.union([v.string(), v.pipe(v.number(), v.finite()), v.boolean()])

function filterSchema(active: v.GenericSchema<boolean | undefined, boolean>) {
  return v.pipe(
    v.object({
      webhookId: nonEmpty(),
      filterKey: nonEmpty(),
      filterValue: v.union([scalar, v.array(scalar)], 'must be a string, number or boolean (or a list of them for in/notIn)'),
      filterType: v.optional(v.picklist(FILTER_TYPES, `must be one of ${FILTER_TYPES.join(', ')}`)),
      filterOperation: v.picklist(FILTER_OPERATIONS, `must be one of ${FILTER_OPERATIONS.join(', ')}`),
      active,
    }),
    v.rawTransform(normalizeFilter),
  )
}

/**
 * Create input. `filterValue` may be a number or boolean (sent as a string) or, for `in`/`notIn`, a list
 * (sent comma-separated); `filterType` defaults to the value's type and `active` to true. Values are checked
 * against the type before any request: `'abc'` is not a number, a `regexp` must compile.
 * @example
 * v.parse(WebhookFilterCreateSchema, { webhookId: 'w1', filterKey: 'generated.items.0.value', filterValue: 10, filterOperation: 'gte' })
 * // → { …, filterValue: '10', filterType: 'number', active: true }
 */
export const WebhookFilterCreateSchema = /* @__PURE__ */ filterSchema(v.optional(v.boolean('must be true or false'), true))
/**
 * Update input: a full replacement (PUT), so `active` must be stated.
 * @example
 * await client.filters.update(filter.id, { ...filter, active: false })
 */
export const WebhookFilterUpdateSchema = /* @__PURE__ */ filterSchema(v.boolean('must be true or false'))
