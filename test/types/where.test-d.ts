// Compile-time checks of `where` through the client (tsc only, never run): each `@ts-expect-error` line must fail
// to compile and each plain line must compile. `npm run typecheck` runs tsc over this folder, so an error case
// that starts compiling fails the check as an unused directive. Only the client's own API is used here, so the
// file also compiles against the untyped `where` of before: there every error case below (but the last group)
// is an unused directive, which is how they were shown to fail without typed filters.

import type { OneRosterClient } from '../../src/services/oneroster/index.ts'

declare const client: OneRosterClient

export async function acceptedForms(): Promise<void> {
  // Fields, enums, `in`/`notIn`, `ne`, `contains` on strings.
  await client.users.list({ where: { status: 'active' } })
  await client.users.list({ where: { status: { in: ['active', 'tobedeleted'] } } })
  await client.users.list({ where: { status: { ne: 'tobedeleted' }, givenName: 'Ada', familyName: { contains: "O'B" } } })
  await client.users.list({ where: { email: { notIn: ['a@b.c', 'd@e.f'] }, grades: '5', enabledUser: true } })
  await client.users.list({ where: { enabledUser: 'true', grades: { in: ['-1', '13'] } } })
  // Dates: a Date or an ISO string, with comparisons.
  await client.users.list({ where: { dateLastModified: { gte: new Date() } } })
  await client.users.list({ where: { dateLastModified: { gt: '2026-01-01', lt: new Date('2026-02-01') } } })
  await client.users.list({ where: { dateLastModified: new Date('2026-01-01') } })
  // One-level dotted paths into arrays of objects, nested objects and free-form metadata.
  await client.users.list({ where: { 'roles.role': 'student', 'roles.roleType': 'primary' } })
  await client.users.list({ where: { 'roles.beginDate': { lte: new Date() }, 'primaryOrg.sourcedId': 'org-1' } })
  await client.users.list({ where: { 'metadata.anything': 'x', 'metadata.xp': { gte: 10 }, 'metadata.flag': true } })
  await client.users.list({ where: { 'userIds.identifier': 'x-1', 'agents.sourcedId': 'u-2', 'demographics.sex': 'female' } })
  // OR / AND, nested, with typed members.
  await client.users.list({ where: { OR: [{ 'roles.role': 'student' }, { 'roles.role': 'teacher', status: 'active' }] } })
  await client.users.list({ where: { AND: [{ OR: [{ grades: '5' }, { grades: '6' }] }, { familyName: { contains: 'a' } }] } })
  // A raw filter string stays available for what `where` cannot say.
  await client.users.list({ filter: "roles.role='student' AND givenName~'a'" })

  // Other resources: their own fields, numbers with comparisons, refs by `sourcedId`.
  await client.enrollments.list({ where: { role: 'student', 'user.sourcedId': 'u-1', 'class.sourcedId': 'c-1' } })
  await client.enrollments.list({ where: { primary: 'true', beginDate: { gte: '2025-08-01' } } })
  await client.classes.list({ where: { 'org.sourcedId': 's-1', 'course.sourcedId': 'co-1', 'terms.sourcedId': 't-1', classType: 'scheduled' } })
  await client.results.list({ where: { score: { gte: 80, lt: 90 }, scoreStatus: 'fully graded', 'lineItem.sourcedId': 'li-1' } })
  await client.results.list({ where: { scoreDate: { gte: new Date() }, 'learningObjectiveSet.source': 'case' } })
  await client.academicSessions.list({ where: { type: 'term', schoolYear: { gte: 2025 }, startDate: { gte: '2025-08-01' } } })
  await client.lineItems.list({ where: { dueDate: { lt: new Date() }, 'category.sourcedId': 'cat-1' } })
  await client.courseComponents.listAll({ where: { 'course.sourcedId': 'co-1', sortOrder: { gt: 2 } } })
  await client.orgs.first({ where: { type: 'school', name: { contains: 'Elementary' } } })

  // Scoped lists type `where` by their items, and so do stream/listAll/first.
  await client.classes('c-1').students({ where: { 'roles.role': 'student', familyName: 'Dewey' } })
  await client.classes('c-1').teachers.first({ where: { givenName: 'John' } })
  await client.users('u-1').classes({ where: { title: { contains: 'Math' } } })
  await client.schools('s-1').classes.listAll({ where: { grades: '5' } })
  await client.terms('t-1').classes({ where: { 'course.sourcedId': 'co-1' } })
  for await (const user of client.students.stream({ where: { familyName: 'Dewey' }, maxItems: 10 })) void user
  await client.classes('c-1').results({ where: { score: { gte: 50 } } })

  // A where built apart keeps its literal types with `as const`.
  const active = { status: 'active' } as const
  await client.users.list({ where: active })
}

export async function rejectedForms(): Promise<void> {
  // A misspelled field.
  // @ts-expect-error givenNmae is not a field of User
  await client.users.list({ where: { givenNmae: 'x' } })
  // @ts-expect-error a misspelled field inside OR
  await client.users.list({ where: { OR: [{ status: 'active' }, { famliyName: 'x' }] } })
  // @ts-expect-error `role` is a field of enrollments, not of users (use 'roles.role')
  await client.users.list({ where: { role: 'student' } })

  // A value outside the field's enum.
  // @ts-expect-error 'activ' is not a Status
  await client.users.list({ where: { status: 'activ' } })
  // @ts-expect-error 'activ' is not a Status, in an `in` list either
  await client.users.list({ where: { status: { in: ['active', 'activ'] } } })
  // @ts-expect-error 'studnet' is not a Role
  await client.users.list({ where: { 'roles.role': 'studnet' } })
  // @ts-expect-error 'learner' is not an enrollment role
  await client.enrollments.list({ where: { role: 'learner' } })
  // @ts-expect-error '14' is not a Grade
  await client.users.list({ where: { grades: '14' } })

  // An operator the field's type has no use for.
  // @ts-expect-error a plain string field has no ordering
  await client.users.list({ where: { givenName: { gt: 'A' } } })
  // @ts-expect-error an enum has no ordering
  await client.users.list({ where: { status: { gte: 'active' } } })
  // @ts-expect-error a date takes comparisons, not `contains`
  await client.users.list({ where: { dateLastModified: { contains: '2026' } } })
  // @ts-expect-error a number takes comparisons, not `contains`
  await client.results.list({ where: { score: { contains: '8' } } })
  // @ts-expect-error a boolean takes only the equalities
  await client.users.list({ where: { enabledUser: { gt: true } } })

  // A path deeper than one level, or an object compared whole.
  // @ts-expect-error two levels of dots
  await client.users.list({ where: { 'roles.org.sourcedId': 'org-1' } })
  // @ts-expect-error roles.metadata is an object: its keys would be a second level
  await client.users.list({ where: { 'roles.metadata.x': 'y' } })
  // @ts-expect-error roles is an array of objects: filter one of its fields
  await client.users.list({ where: { roles: 'student' } })
  // @ts-expect-error course is a reference: filter 'course.sourcedId'
  await client.classes.list({ where: { course: 'co-1' } })
  // @ts-expect-error Ref has no field `id`
  await client.classes.list({ where: { 'course.id': 'co-1' } })

  // A value of the wrong type.
  // @ts-expect-error givenName is a string
  await client.users.list({ where: { givenName: 5 } })
  // @ts-expect-error score is a number
  await client.results.list({ where: { score: '80' } })
  // @ts-expect-error score is a number, in comparisons too
  await client.results.list({ where: { score: { gte: '80' } } })
  // @ts-expect-error a date field takes a Date or a string, not a number
  await client.users.list({ where: { dateLastModified: { gte: 1767225600000 } } })
  // @ts-expect-error a non-date string field takes no Date
  await client.users.list({ where: { givenName: new Date() } })
  // @ts-expect-error enabledUser is a boolean or 'true'/'false'
  await client.users.list({ where: { enabledUser: 'yes' } })

  // Scoped lists use their items' fields.
  // @ts-expect-error students are users: `title` is a class field
  await client.classes('c-1').students({ where: { title: 'x' } })
  // @ts-expect-error a user's classes are classes: `givenName` is a user field
  await client.users('u-1').classes.stream({ where: { givenName: 'x' } })
  // @ts-expect-error results have no `dueDate` (line items do)
  await client.classes('c-1').results.listAll({ where: { dueDate: { lt: new Date() } } })

  // A where built apart without `as const` widens 'active' to string, which is not a Status.
  const widened = { status: 'active' }
  // @ts-expect-error status: string is wider than Status
  await client.users.list({ where: widened })
}

/** Errors before typed filters too: kept so that typing `where` never makes them compile. */
export async function alwaysRejected(): Promise<void> {
  // @ts-expect-error null is never a filter value
  await client.users.list({ where: { 'metadata.x': null } })
  // @ts-expect-error `like` is not an operator
  await client.users.list({ where: { familyName: { like: 'x' } } })
  // @ts-expect-error OR takes a list
  await client.users.list({ where: { OR: { status: 'active' } } })
}
