// Compile-time checks of `changes()` through the client (tsc only, never run): each `@ts-expect-error` line must
// fail to compile and each plain line must compile (`npm run typecheck` runs tsc over this folder).

import type { Change, ChangesOptions, Class, Enrollment, OneRosterClient, User, Where } from '../../src/services/oneroster/index.ts'

declare const client: OneRosterClient
declare const saved: string | undefined

export async function narrowing(): Promise<string> {
  let checkpoint = ''
  for await (const change of client.users.changes({ since: saved, where: { 'roles.role': 'student' }, pageSize: 500 })) {
    switch (change.type) {
      case 'upsert': {
        const user: User = change.record
        const id: string = change.sourcedId
        void user, id
        break
      }
      case 'delete': {
        const gone: User = change.record
        void gone
        break
      }
      case 'checkpoint':
        checkpoint = change.checkpoint
        break
    }
  }
  return checkpoint
}

export function collections(signal: AbortSignal): void {
  const classes: AsyncGenerator<Change<Class>, void, undefined> = client.classes.changes({ since: new Date(), signal })
  const enrollments: AsyncGenerator<Change<Enrollment>, void, undefined> = client.enrollments.changes()
  void classes, enrollments
  client.orgs.changes({ overlapMs: 120_000, timeout: 10_000 })
  client.academicSessions.changes({ filter: "schoolYear='2026'" })
  client.courses.changes({ fields: ['title'] })
  const options: ChangesOptions<Where<User>> = { since: '2026-01-01T00:00:00.000Z', where: { givenName: 'Ada' } }
  client.users.changes(options)
}

export function refused(): void {
  // @ts-expect-error since is a string or a Date, not a number
  client.users.changes({ since: 1767225600000 })
  // @ts-expect-error where is typed by the record's fields
  client.users.changes({ where: { noSuchField: 'x' } })
  // @ts-expect-error a checkpoint has no record
  const bad = (c: Change<User>) => c.type === 'checkpoint' && c.record
  void bad
}
