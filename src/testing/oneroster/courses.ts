// Courses (rostering): CRUD, course components, component resources and `courses/structure`.
import { route } from './context.js'
import type { Ctx, Route } from './context.js'
import { badRequest } from '../http.js'
import { createHandler, deleteHandler, getHandler, listHandler, newRecord, pairsResponse, putHandler, save } from './crud.js'
import { isObject, ROSTERING as R } from './model.js'
import { checkRecord, missingFields, takeObject } from './validate.js'
import { COMPONENT_RESOURCES, COMPONENTS, COURSES, RESOURCES_VIEW } from './views.js'

// Required keys of each `courseStructure` entry, per the spec's request schema.
const ENTRY_REQUIRED = ['url', 'skillCode', 'lessonCode', 'title', 'unit-title', 'status', 'xp'] as const

/**
 * `POST /courses/structure` ("create a course structure from QTI tests"): creates the course, one
 * course component per distinct `unit-title` (in order of appearance), and for each entry a QTI
 * resource plus the component resource that places it in its unit. Answers the course's pair.
 */
async function createStructure(ctx: Ctx): Promise<Response> {
  const { env } = ctx
  const body = await ctx.body()
  const course = takeObject(body, 'course')
  const structure = takeObject(body, 'courseStructure')
  checkRecord(course, COURSES, COURSES.required, 'course')
  const entries = Object.entries(structure)
  for (const [key, entry] of entries) {
    if (!isObject(entry)) throw badRequest(`courseStructure['${key}'] must be an object.`)
    const missing = missingFields(entry, ENTRY_REQUIRED)
    if (missing.length > 0) throw badRequest(`courseStructure['${key}']: missing required field(s): ${missing.join(', ')}`)
  }
  const { record, pair } = newRecord(env, COURSES, course)
  save(env, 'courses', record)

  const units = new Map<string, { id: string; next: number }>()
  for (const [key, raw] of entries) {
    const entry = raw as Record<string, unknown>
    const unitTitle = String(entry['unit-title'])
    let unit = units.get(unitTitle)
    if (!unit) {
      const c = newRecord(env, COMPONENTS, { status: 'active', course: { sourcedId: record.sourcedId }, title: unitTitle, sortOrder: units.size + 1 })
      save(env, 'courseComponents', c.record)
      unit = { id: c.record.sourcedId, next: 1 }
      units.set(unitTitle, unit)
    }
    const status = entry.status === 'tobedeleted' ? 'tobedeleted' : 'active'
    const resource = newRecord(env, RESOURCES_VIEW, {
      status,
      title: entry.title,
      vendorResourceId: entry.lessonCode,
      metadata: {
        type: 'qti', subType: 'qti-test', url: entry.url, xp: entry.xp, skillCode: entry.skillCode, lessonCode: entry.lessonCode,
        structureKey: key,
        ...(isObject(entry.stimulus) ? { stimulus: entry.stimulus } : {}),
        ...(isObject(entry.video) ? { video: entry.video } : {}),
      },
    })
    save(env, 'resources', resource.record)
    const link = newRecord(env, COMPONENT_RESOURCES, {
      status,
      courseComponent: { sourcedId: unit.id },
      resource: { sourcedId: resource.record.sourcedId },
      title: entry.title,
      sortOrder: unit.next++,
    })
    save(env, 'componentResources', link.record)
  }
  return pairsResponse(env, [pair])
}

export function courseRoutes(): Route[] {
  const updated = { status: 200, shape: 'wrapped' } as const // "Course Updated Successfully": 200 object
  return [
    route('GET', `${R}/courses/`, 'getAllCourses', listHandler(COURSES)),
    route('POST', `${R}/courses/`, 'createCourse', createHandler(COURSES)),
    route('GET', `${R}/courses/{sourcedId}`, 'getCourse', getHandler(COURSES)),
    route('PUT', `${R}/courses/{sourcedId}`, 'putCourse', putHandler(COURSES, updated)),
    route('DELETE', `${R}/courses/{sourcedId}`, 'deleteCourse', deleteHandler(COURSES)),
    route('POST', `${R}/courses/structure`, 'createCourseStructure', createStructure),

    route('GET', `${R}/courses/components`, 'getAllCourseComponents', listHandler(COMPONENTS)),
    route('POST', `${R}/courses/components`, 'createCourseComponent', createHandler(COMPONENTS)),
    route('GET', `${R}/courses/components/{sourcedId}`, 'getCourseComponent', getHandler(COMPONENTS)),
    route('PUT', `${R}/courses/components/{sourcedId}`, 'putCourseComponent', putHandler(COMPONENTS, updated)),
    route('DELETE', `${R}/courses/components/{sourcedId}`, 'deleteCourseComponent', deleteHandler(COMPONENTS)),

    route('GET', `${R}/courses/component-resources`, 'getAllComponentResources', listHandler(COMPONENT_RESOURCES)),
    route('POST', `${R}/courses/component-resources`, 'createComponentResource', createHandler(COMPONENT_RESOURCES)),
    route('GET', `${R}/courses/component-resources/{sourcedId}`, 'getComponentResource', getHandler(COMPONENT_RESOURCES)),
    route('PUT', `${R}/courses/component-resources/{sourcedId}`, 'putComponentResource', putHandler(COMPONENT_RESOURCES, updated)),
    route('DELETE', `${R}/courses/component-resources/{sourcedId}`, 'deleteComponentResource', deleteHandler(COMPONENT_RESOURCES)),
  ]
}
