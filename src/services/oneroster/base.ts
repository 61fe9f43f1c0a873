// Route prefixes and shared building blocks of the OneRoster 1.2 API as Timeback serves it.

import * as v from 'valibot'

export const ROSTERING = '/ims/oneroster/rostering/v1p2'
export const GRADEBOOK = '/ims/oneroster/gradebook/v1p2'
export const RESOURCES = '/ims/oneroster/resources/v1p2'

/** `active`, or `tobedeleted` after a (soft) delete. */
export type Status = 'active' | 'tobedeleted'

/** Free-form metadata; Timeback stores app data here (goals, metrics, xp…). */
export type Metadata = Record<string, unknown>

/** A reference to another record, as the service returns it. */
export interface Ref {
  sourcedId: string
  href?: string
  type?: string
  name?: string
}

/** Fields every OneRoster record has. */
export interface BaseEntity {
  sourcedId: string
  status: Status
  dateLastModified?: string
  metadata?: Metadata | null
}

/** Grade levels as Timeback writes them: '-1' (Pre-K) … '13' (AP). */
export type Grade = '-1' | '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '10' | '11' | '12' | '13'

// ---- schemas (inputs are validated before requests; unknown keys pass through for Timeback extensions) ----

export const sourcedIdSchema = v.pipe(v.string(), v.minLength(1, 'must not be empty'))
export const statusSchema = v.picklist(['active', 'tobedeleted'], "must be 'active' or 'tobedeleted'")
export const metadataSchema = v.nullable(v.record(v.string(), v.unknown()))
/** Write-side reference: `{ sourcedId }` (href/type optional). */
export const refSchema = v.looseObject({ sourcedId: sourcedIdSchema, href: v.optional(v.string()), type: v.optional(v.string()) })
export const dateSchema = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}/, 'must be an ISO date (YYYY-MM-DD…)'))
export const gradeSchema = v.picklist(
  ['-1', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'],
  "must be a grade from '-1' (Pre-K) to '13'",
)
/** Booleans arrive as "true"/"false" strings on reads; writes accept either. */
export const boolishSchema = v.union([v.boolean(), v.picklist(['true', 'false'])], 'must be true/false')

/** Fields shared by create inputs. */
export const baseInput = {
  sourcedId: v.optional(sourcedIdSchema),
  status: v.optional(statusSchema),
  metadata: v.optional(metadataSchema),
}
