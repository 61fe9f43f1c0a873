// Scoped listings derived from the store. Rules (where the spec leaves the link implicit):
// - class ↔ user: enrollments that are not `tobedeleted` (a dropped enrollment means "not in the class");
// - school → users: users holding the role with `roles[].org` = the school (OneRoster's user–org link);
// - school → classes / courses / enrollments: `class.school`, `course.org`, `enrollment.school`;
// - term → classes: `class.terms[]`; school → terms: sessions of type term with `org` = the school;
//   term → grading periods: sessions of type gradingPeriod with `parent` = the term.
import type { Env } from './context.js'
import type { Entity } from './types.js'
import { sourcedIdOf } from './model.js'

const idOf = (e: Entity, field: string): string | undefined => sourcedIdOf(e[field])

/** Keep records whose reference `field` points at `id`. */
export function referencing(env: Env, collection: string, field: string, id: string): Entity[] {
  return env.store.list(collection).filter((e) => idOf(e, field) === id)
}

function liveEnrollments(env: Env, match: (e: Entity) => boolean): Entity[] {
  return env.store.list('enrollments').filter((e) => e.status !== 'tobedeleted' && match(e))
}

/** Users enrolled in a class with `role`, in enrollment order, each once. */
export function usersOfClass(env: Env, classId: string, role: string): Entity[] {
  const out: Entity[] = []
  const seen = new Set<string>()
  for (const enr of liveEnrollments(env, (e) => e.role === role && idOf(e, 'class') === classId)) {
    const userId = idOf(enr, 'user')
    const user = userId === undefined ? undefined : env.store.get('users', userId)
    if (user && !seen.has(user.sourcedId)) { seen.add(user.sourcedId); out.push(user) }
  }
  return out
}

/** Classes a user is enrolled in (any role, or only `role`), each once. */
export function classesOfUser(env: Env, userId: string, role?: string): Entity[] {
  const out: Entity[] = []
  const seen = new Set<string>()
  for (const enr of liveEnrollments(env, (e) => idOf(e, 'user') === userId && (role === undefined || e.role === role))) {
    const classId = idOf(enr, 'class')
    const cls = classId === undefined ? undefined : env.store.get('classes', classId)
    if (cls && !seen.has(cls.sourcedId)) { seen.add(cls.sourcedId); out.push(cls) }
  }
  return out
}

/** Users with a `role` whose org is the school. */
export function usersOfSchool(env: Env, schoolId: string, role: string): Entity[] {
  return env.store.list('users').filter((u) =>
    Array.isArray(u.roles) && u.roles.some((r) => (r as { role?: unknown }).role === role && sourcedIdOf((r as { org?: unknown }).org) === schoolId))
}

export function classesOfTerm(env: Env, termId: string): Entity[] {
  return env.store.list('classes').filter((c) => Array.isArray(c.terms) && c.terms.some((t) => sourcedIdOf(t) === termId))
}

/** Ids of the classes of a school (for gradebook records that only name their class). */
export function classIdsOfSchool(env: Env, schoolId: string): Set<string> {
  return new Set(referencing(env, 'classes', 'school', schoolId).map((c) => c.sourcedId))
}

/** Results of a class: `result.class`, or the class of the result's line item. */
export function resultsOfClass(env: Env, classId: string): Entity[] {
  const lineItems = new Set(referencing(env, 'lineItems', 'class', classId).map((l) => l.sourcedId))
  return env.store.list('results').filter((r) => idOf(r, 'class') === classId || lineItems.has(idOf(r, 'lineItem') ?? ''))
}

/**
 * Categories of a class. Categories carry no class reference in OneRoster 1.2, so a category belongs
 * to a class when one of the class's line items uses it.
 */
export function categoriesOfClass(env: Env, classId: string): Entity[] {
  const ids = new Set(referencing(env, 'lineItems', 'class', classId).map((l) => idOf(l, 'category')))
  return env.store.list('categories').filter((c) => ids.has(c.sourcedId))
}
