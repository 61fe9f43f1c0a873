// Classes and enrollments (rostering): CRUD of both, class rosters (students/teachers, read and
// enrol) and the classes of a user, student, teacher, term or course.
import { route } from './context.js'
import type { Ctx, Handler, Route } from './context.js'
import { badRequest } from '../http.js'
import { createHandler, deleteHandler, find, getHandler, listHandler, newRecord, pairsResponse, patchHandler, putHandler, save } from './crud.js'
import { ROSTERING as R, sourcedIdOf } from './model.js'
import { classesOfTerm, classesOfUser, referencing, usersOfClass } from './relations.js'
import { checkRecord, takeObject } from './validate.js'
import { CLASSES, COURSES, ENROLLMENTS, STUDENTS, TEACHERS, TERMS, USERS } from './views.js'

/**
 * `POST /classes/{id}/students|teachers`: `{ enrollment: { user: { sourcedId }, primary?, beginDate?,
 * endDate?, metadata? } }` becomes an enrollment with the route's role.
 */
function enrol(role: 'student' | 'teacher'): Handler {
  return async (ctx) => {
    const cls = find(ctx.env, CLASSES, ctx.params.classSourcedId!)
    const item = takeObject(await ctx.body(), 'enrollment')
    checkRecord(item, ENROLLMENTS, ['user'], 'enrollment')
    const userId = sourcedIdOf(item.user)
    if (userId === undefined) throw badRequest('enrollment.user.sourcedId is required.')
    find(ctx.env, USERS, userId)
    const { record, pair } = newRecord(ctx.env, ENROLLMENTS, {
      ...item,
      role,
      user: { sourcedId: userId },
      class: { sourcedId: cls.sourcedId },
    })
    save(ctx.env, 'enrollments', record)
    return pairsResponse(ctx.env, [pair])
  }
}

const classesOf = (param: string, role?: string) => (ctx: Ctx) =>
  classesOfUser(ctx.env, find(ctx.env, role === 'student' ? STUDENTS : role === 'teacher' ? TEACHERS : USERS, ctx.params[param]!).sourcedId, role)

export function classRoutes(): Route[] {
  const roster = (role: string) => (ctx: Ctx) => usersOfClass(ctx.env, find(ctx.env, CLASSES, ctx.params.classSourcedId!).sourcedId, role)
  return [
    route('GET', `${R}/classes/`, 'getAllClasses', listHandler(CLASSES)),
    route('POST', `${R}/classes/`, 'createClass', createHandler(CLASSES)),
    route('GET', `${R}/classes/{sourcedId}`, 'getClass', getHandler(CLASSES)),
    route('PUT', `${R}/classes/{sourcedId}`, 'updateClass', putHandler(CLASSES, { status: 200, shape: 'unwrapped' })),
    route('DELETE', `${R}/classes/{sourcedId}`, 'deleteClass', deleteHandler(CLASSES)),
    // Live quirk: these answer with the key `users` although the spec writes `students`/`teachers`.
    route('GET', `${R}/classes/{classSourcedId}/students`, 'getStudentsForClass', listHandler(STUDENTS, roster('student'))),
    route('POST', `${R}/classes/{classSourcedId}/students`, 'addStudentToClass', enrol('student')),
    route('GET', `${R}/classes/{classSourcedId}/teachers`, 'getTeachersForClass', listHandler(TEACHERS, roster('teacher'))),
    route('POST', `${R}/classes/{classSourcedId}/teachers`, 'addTeacherToClass', enrol('teacher')),
    route('GET', `${R}/users/{userSourcedId}/classes`, 'getClassesForUser', listHandler(CLASSES, classesOf('userSourcedId'))),
    route('GET', `${R}/students/{studentSourcedId}/classes`, 'getClassesForStudent', listHandler(CLASSES, classesOf('studentSourcedId', 'student'))),
    route('GET', `${R}/teachers/{teacherSourcedId}/classes`, 'getClassesForTeacher', listHandler(CLASSES, classesOf('teacherSourcedId', 'teacher'))),
    route('GET', `${R}/terms/{termSourcedId}/classes`, 'getClassesForTerm',
      listHandler(CLASSES, (ctx) => classesOfTerm(ctx.env, find(ctx.env, TERMS, ctx.params.termSourcedId!).sourcedId))),
    route('GET', `${R}/courses/{courseSourcedId}/classes`, 'getClassesForCourse',
      listHandler(CLASSES, (ctx) => referencing(ctx.env, 'classes', 'course', find(ctx.env, COURSES, ctx.params.courseSourcedId!).sourcedId))),

    route('GET', `${R}/enrollments/`, 'getAllEnrollments', listHandler(ENROLLMENTS)),
    route('POST', `${R}/enrollments/`, 'createEnrollment', createHandler(ENROLLMENTS)),
    route('GET', `${R}/enrollments/{sourcedId}`, 'getEnrollment', getHandler(ENROLLMENTS)),
    route('PUT', `${R}/enrollments/{sourcedId}`, 'updateEnrollment', putHandler(ENROLLMENTS, { status: 201, shape: 'wrapped' })),
    route('PATCH', `${R}/enrollments/{sourcedId}`, 'partiallyUpdateEnrollment', patchHandler(ENROLLMENTS)),
    route('DELETE', `${R}/enrollments/{sourcedId}`, 'deleteEnrollment', deleteHandler(ENROLLMENTS)),
  ]
}
