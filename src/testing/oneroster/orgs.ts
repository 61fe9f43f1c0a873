// Orgs and schools (rostering), with the school-scoped listings.
import { route } from './context.js'
import type { Ctx, Route } from './context.js'
import { notFound } from '../http.js'
import type { Entity } from './types.js'
import { createHandler, deleteHandler, find, getHandler, listHandler, putHandler } from './crud.js'
import { ROSTERING as R, sourcedIdOf } from './model.js'
import { referencing, usersOfClass, usersOfSchool } from './relations.js'
import { CLASSES, COURSES, ENROLLMENTS, ORGS, SCHOOLS, STUDENTS, TEACHERS, TERMS } from './views.js'

const school = (ctx: Ctx): Entity => find(ctx.env, SCHOOLS, ctx.params.schoolSourcedId!)

/** A class of the school in the path; 404 when either is missing or the class is elsewhere. */
function classInSchool(ctx: Ctx): Entity {
  const s = school(ctx)
  const cls = ctx.env.store.get('classes', ctx.params.classSourcedId!)
  if (!cls || sourcedIdOf(cls.school) !== s.sourcedId) throw notFound('School or class not found.')
  return cls
}

export function orgRoutes(): Route[] {
  const users = (role: string) => (ctx: Ctx) => usersOfClass(ctx.env, classInSchool(ctx).sourcedId, role)
  return [
    route('GET', `${R}/orgs/`, 'getAllOrgs', listHandler(ORGS)),
    route('POST', `${R}/orgs/`, 'createOrg', createHandler(ORGS)),
    route('GET', `${R}/orgs/{sourcedId}`, 'getOrg', getHandler(ORGS)),
    // The spec answers this PUT 201 with an object and declares "422 Invalid organization data".
    route('PUT', `${R}/orgs/{sourcedId}`, 'updateOrg', putHandler(ORGS, { status: 201, shape: 'wrapped', invalid: 422 })),
    route('DELETE', `${R}/orgs/{sourcedId}`, 'deleteOrg', deleteHandler(ORGS)),

    route('GET', `${R}/schools/`, 'getAllSchools', listHandler(SCHOOLS)),
    route('POST', `${R}/schools/`, 'createSchool', createHandler(SCHOOLS)),
    route('GET', `${R}/schools/{sourcedId}`, 'getSchool', getHandler(SCHOOLS)),
    route('PUT', `${R}/schools/{sourcedId}`, 'updateSchool', putHandler(SCHOOLS, { status: 200, shape: 'unwrapped' })),
    route('DELETE', `${R}/schools/{sourcedId}`, 'deleteSchool', deleteHandler(SCHOOLS)),

    route('GET', `${R}/schools/{schoolSourcedId}/classes`, 'getClassesForSchool',
      listHandler(CLASSES, (ctx) => referencing(ctx.env, 'classes', 'school', school(ctx).sourcedId))),
    route('GET', `${R}/schools/{schoolSourcedId}/classes/{classSourcedId}/enrollments`, 'getEnrollmentsForClassInSchool',
      listHandler(ENROLLMENTS, (ctx) => referencing(ctx.env, 'enrollments', 'class', classInSchool(ctx).sourcedId))),
    // Live quirk: class students/teachers answer with the key `users` (the spec writes students/teachers).
    route('GET', `${R}/schools/{schoolSourcedId}/classes/{classSourcedId}/students`, 'getStudentsForClassInSchool',
      listHandler(STUDENTS, users('student'))),
    route('GET', `${R}/schools/{schoolSourcedId}/classes/{classSourcedId}/teachers`, 'getTeachersForClassInSchool',
      listHandler(TEACHERS, users('teacher'))),
    route('GET', `${R}/schools/{schoolSourcedId}/courses`, 'getCoursesForSchool',
      listHandler(COURSES, (ctx) => referencing(ctx.env, 'courses', 'org', school(ctx).sourcedId))),
    route('GET', `${R}/schools/{schoolSourcedId}/enrollments`, 'getEnrollmentsForSchool',
      listHandler(ENROLLMENTS, (ctx) => referencing(ctx.env, 'enrollments', 'school', school(ctx).sourcedId))),
    route('GET', `${R}/schools/{schoolSourcedId}/students`, 'getStudentsForSchool',
      listHandler(STUDENTS, (ctx) => usersOfSchool(ctx.env, school(ctx).sourcedId, 'student'))),
    route('GET', `${R}/schools/{schoolSourcedId}/teachers`, 'getTeachersForSchool',
      listHandler(TEACHERS, (ctx) => usersOfSchool(ctx.env, school(ctx).sourcedId, 'teacher'))),
    route('GET', `${R}/schools/{schoolSourcedId}/terms`, 'getTermsForSchool',
      listHandler(TERMS, (ctx) => referencing(ctx.env, 'academicSessions', 'org', school(ctx).sourcedId).filter((s) => s.type === 'term'))),
  ]
}
