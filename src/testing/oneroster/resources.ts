// The OneRoster resources service: resource CRUD, resources of a class, course or user, and the
// Common Cartridge export.
//
// Which resources belong to what (the spec leaves it open; OneRoster 1.2 links them by reference):
// - a course: its `resources[]` references, plus the resources its course components place through
//   component resources (how Timeback courses carry content);
// - a class: its own `resources[]` references plus its course's resources;
// - a user: the resources of the classes the user is enrolled in.
import { route } from './context.js'
import type { Ctx, Env, Route } from './context.js'
import { badRequest } from '../http.js'
import type { Entity } from './types.js'
import { zip } from '../zip.js'
import { createHandler, deleteHandler, find, getHandler, listHandler, putHandler } from './crud.js'
import { RESOURCES as RS, sourcedIdOf } from './model.js'
import { classesOfUser, referencing } from './relations.js'
import { CLASSES, COURSES, RESOURCES_VIEW, USERS } from './views.js'

const refIds = (e: Entity | undefined, field: string): string[] => {
  const v = e?.[field]
  return Array.isArray(v) ? v.map(sourcedIdOf).filter((id): id is string => id !== undefined) : []
}

function courseResourceIds(env: Env, course: Entity): string[] {
  const components = new Set(referencing(env, 'courseComponents', 'course', course.sourcedId).map((c) => c.sourcedId))
  const placed = env.store.list('componentResources')
    .filter((cr) => components.has(sourcedIdOf(cr.courseComponent) ?? ''))
    .map((cr) => sourcedIdOf(cr.resource))
    .filter((id): id is string => id !== undefined)
  return [...refIds(course, 'resources'), ...placed]
}

function classResourceIds(env: Env, cls: Entity): string[] {
  const courseId = sourcedIdOf(cls.course)
  const course = courseId === undefined ? undefined : env.store.get('courses', courseId)
  return [...refIds(cls, 'resources'), ...(course ? courseResourceIds(env, course) : [])]
}

/** Resolve ids to stored resources, each once, in first-seen order. */
function resolve(env: Env, ids: Iterable<string>): Entity[] {
  const out: Entity[] = []
  for (const id of new Set(ids)) {
    const r = env.store.get('resources', id)
    if (r) out.push(r)
  }
  return out
}

const xmlEscape = (s: string): string =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)

/** 200 `application/zip` (a small but valid .imscc); a missing resource is the spec's 400. */
function exportCartridge(ctx: Ctx): Response {
  const resource = ctx.env.store.get('resources', ctx.params.sourceId!)
  if (!resource) throw badRequest('Resource not found.')
  const title = xmlEscape(typeof resource.title === 'string' ? resource.title : resource.sourcedId)
  const id = xmlEscape(resource.sourcedId)
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1">
  <metadata><schema>IMS Common Cartridge</schema><schemaversion>1.3.0</schemaversion></metadata>
  <organizations><organization identifier="org-1" structure="rooted-hierarchy"><item identifier="root"><item identifier="item-1" identifierref="res-1"><title>${title}</title></item></item></organization></organizations>
  <resources><resource identifier="res-1" type="webcontent" href="resource.json"><file href="resource.json"/></resource></resources>
</manifest>
`
  const enc = new TextEncoder()
  const bytes = zip([
    { name: 'imsmanifest.xml', data: enc.encode(manifest) },
    { name: 'resource.json', data: enc.encode(JSON.stringify(resource, null, 2)) },
  ])
  const filename = resource.sourcedId.replace(/[^A-Za-z0-9._-]/g, '_')
  return new Response(bytes, {
    status: 200,
    headers: { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${filename}.imscc"` },
  })
}

export function resourceRoutes(): Route[] {
  return [
    route('GET', `${RS}/resources/`, 'getAllResources', listHandler(RESOURCES_VIEW)),
    route('POST', `${RS}/resources/`, 'createResource', createHandler(RESOURCES_VIEW)),
    route('GET', `${RS}/resources/{sourcedId}`, 'getResource', getHandler(RESOURCES_VIEW)),
    route('PUT', `${RS}/resources/{sourcedId}`, 'updateResource', putHandler(RESOURCES_VIEW, { status: 200, shape: 'wrapped' })),
    route('DELETE', `${RS}/resources/{sourcedId}`, 'deleteResource', deleteHandler(RESOURCES_VIEW)),
    route('GET', `${RS}/resources/classes/{classSourcedId}/resources`, 'getResourcesForClass',
      listHandler(RESOURCES_VIEW, (ctx) => resolve(ctx.env, classResourceIds(ctx.env, find(ctx.env, CLASSES, ctx.params.classSourcedId!))))),
    route('GET', `${RS}/resources/courses/{courseSourcedId}/resources`, 'getResourcesForCourse',
      listHandler(RESOURCES_VIEW, (ctx) => resolve(ctx.env, courseResourceIds(ctx.env, find(ctx.env, COURSES, ctx.params.courseSourcedId!))))),
    route('GET', `${RS}/resources/users/{userSourcedId}/resources`, 'getResourcesForUser',
      listHandler(RESOURCES_VIEW, (ctx) => {
        const user = find(ctx.env, USERS, ctx.params.userSourcedId!)
        return resolve(ctx.env, classesOfUser(ctx.env, user.sourcedId).flatMap((c) => classResourceIds(ctx.env, c)))
      })),
    route('POST', `${RS}/resources/export/{sourceId}`, 'exportResourceToCommonCartridge', exportCartridge),
  ]
}
