/**
 * @module services/webhooks/resources/shared — field schemas and types shared by the webhook and
 * webhook-filter resources (not exported from the entry).
 */

import * as v from 'valibot'

/** Record timestamps every webhook object carries; `deletedAt` stays null until a delete. */
export interface Timestamps {
  createdAt: string | null
  updatedAt: string | null
  deletedAt: string | null
}

/**
 * A non-empty string field, with the message for an empty one.
 * @example const name = nonEmpty('must not be empty; name the webhook')
 */
export const nonEmpty = (what = 'must not be empty') => v.pipe(v.string('must be a string'), v.minLength(1, what))
/**
 * An optional string that may be null; null when left out.
 * @example v.object({ description: nullableText })
 */
export const nullableText = v.optional(v.nullable(v.string('must be a string or null')), null)
