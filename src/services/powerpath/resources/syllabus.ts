/**
 * @module services/powerpath/resources/syllabus — a course's syllabus (GET /powerpath/syllabus/{courseSourcedId}).
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { bind, route } from './route.js'

/** The routes of `client.syllabus`, by method name. */
export const SYLLABUS_ROUTES = {
  get: /* @__PURE__ */ route('GET', '/powerpath/syllabus/{courseSourcedId}'),
}

/**
 * `client.syllabus`: course syllabi.
 * @example const { syllabus } = await client.syllabus.get({ courseSourcedId: 'course-1' })
 */
export interface SyllabusResource {
  /** GET /powerpath/syllabus/{courseSourcedId} — the vendor leaves `syllabus` untyped. */
  get(params: { courseSourcedId: string }, call?: CallOptions): Promise<{ syllabus?: unknown }>
}

/**
 * Builds `client.syllabus`.
 * @example const { syllabus } = await createSyllabus(ctx).get({ courseSourcedId })
 */
export const createSyllabus = (ctx: ServiceContext): SyllabusResource => bind(ctx, 'syllabus', SYLLABUS_ROUTES) as unknown as SyllabusResource
