// Students (/students) and teachers (/teachers): read-only views of users by role. They answer with the user
// keys (`users`/`user`); write through `client.users`. `students(id).classes()` lists a student's classes.

import {
  listMethods, pageFetcher, readMethods, scopedList,
  type ListMethods, type ReadMethods, type ScopedList, type ServiceContext,
} from '../../../core/resource.js'
import { ROSTERING } from '../base.js'
import type { Class } from './classes.js'
import { UserRecordSchema, type User } from './users.js'

export interface PersonScope {
  /** GET /students/{id}/classes or /teachers/{id}/classes */
  classes: ScopedList<Class>
}

export type StudentsResource = ((id: string) => PersonScope) & ListMethods<User> & ReadMethods<User>
export type TeachersResource = StudentsResource

function createPeople(ctx: ServiceContext, route: 'students' | 'teachers'): StudentsResource {
  const all = `${ROSTERING}/${route}/`
  const one = `${ROSTERING}/${route}/{id}`
  const singular = route === 'students' ? 'student' : 'teacher'
  const methods = {
    ...listMethods<User>(pageFetcher<User>(ctx, { path: all, listKeys: ['users', route], entity: UserRecordSchema })),
    ...readMethods<User>(ctx, {
      itemPath: one, itemKeys: ['user', singular], label: singular, entity: UserRecordSchema,
    }),
  }
  const scope = (id: string): PersonScope => ({
    classes: scopedList<Class>(ctx, { path: `${one}/classes`, listKeys: ['classes'] }, { id }),
  })
  return Object.assign(scope, methods)
}

/**
 * Builds `client.students`: list/stream (GET /students/), get/exists (GET|HEAD /students/{id});
 * `client.students(id).classes()` (GET /students/{id}/classes).
 */
export function createStudents(ctx: ServiceContext): StudentsResource {
  return createPeople(ctx, 'students')
}

/**
 * Builds `client.teachers`: list/stream (GET /teachers/), get/exists (GET|HEAD /teachers/{id});
 * `client.teachers(id).classes()` (GET /teachers/{id}/classes).
 */
export function createTeachers(ctx: ServiceContext): TeachersResource {
  return createPeople(ctx, 'teachers')
}
