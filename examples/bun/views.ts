// What the browser gets: a few fields per record, chosen here. The proxy never forwards a OneRoster record as
// is, so fields the page has no business seeing (metadata, userIds, phone numbers, demographics) stay server-side.
import type { Class, User } from '@timeback/sdk/oneroster'

/** A user as the page sees it. */
export interface UserView {
  sourcedId: string
  givenName: string
  familyName: string
  preferredFirstName: string | null
  email: string
  roles: string[]
  grades: string[]
}

/** A class as the page sees it. */
export interface ClassView {
  sourcedId: string
  title: string
  classCode: string | null
  status: string
}

/** @example userView(await client.users.get('seed-student-1')).givenName */
export function userView(user: User): UserView {
  return {
    sourcedId: user.sourcedId,
    givenName: user.givenName,
    familyName: user.familyName,
    preferredFirstName: user.preferredFirstName ?? null,
    email: user.email,
    roles: [...new Set(user.roles.map((r) => r.role))],
    grades: user.grades ?? [],
  }
}

/** @example classView(await client.classes.get('seed-class-1')).title */
export function classView(item: Class): ClassView {
  return { sourcedId: item.sourcedId, title: item.title, classCode: item.classCode ?? null, status: item.status ?? 'active' }
}
