/**
 * @module services/webhooks/resources/shared — field checks and types shared by the webhook and webhook-filter
 * resources (not exported from the entry). The checks are core/schema.ts builders; schemas.ts states the same
 * rules with valibot for users.
 */

import { minLength, nullable, optional, pipe, string } from '../../../core/schema.js'

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
export const nonEmpty = /* @__NO_SIDE_EFFECTS__ */ (what = 'must not be empty') => pipe(string('must be a string'), minLength(1, what))
/**
 * An optional string that may be null; null when left out.
 * @example object({ description: nullableText })
 */
export const nullableText = /* @__PURE__ */ optional(nullable(string('must be a string or null')), null)

/**
 * True for an absolute http: or https: URL (a webhook's `targetUrl`).
 * @example isHttpUrl('https://app.example/hooks') // true; isHttpUrl('/hooks') // false
 */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}
