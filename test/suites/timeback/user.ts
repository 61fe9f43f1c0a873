// timeback.user.verify and getProfile against the emulator (OneRoster lookup by email, EduBridge enrollments and
// analytics), and against a fake server that answers two users or ignores the filter.

import type { Assert, Suite, SuiteEnv } from '../../harness/types.ts'
import { STUDENT, STUDENT_EMAIL, tbSetup } from './helpers.ts'

/** A unified client whose OneRoster answers every users listing with `users` (and counts requests). */
function lyingRoster(env: SuiteEnv, users: Record<string, unknown>[]) {
  const seen: URL[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    if (url.pathname === '/token') return Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 })
    seen.push(url)
    return Response.json({ users, totalCount: users.length })
  }
  const { oneroster } = env.sdk.timeback
  const timeback = new env.sdk.timeback.TimebackClient({
    use: { oneroster }, fetch, maxRetries: 0,
    api: { clientId: 'c', clientSecret: 's', authUrl: 'http://127.0.0.1:9/token' }, services: { oneroster: { baseUrl: 'http://127.0.0.1:9' } },
  })
  return { timeback, seen }
}

const user = (id: string, email: string) => ({ sourcedId: id, status: 'active', dateLastModified: '2026-01-01T00:00:00Z', enabledUser: 'true', givenName: 'A', familyName: 'B', roles: [], email })

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const reason = (r: string) => (e: unknown) => (e as { name?: string }).name === 'TimebackUserResolutionError' && (e as { reason?: string }).reason === r

  describe('timeback: user', () => {
    it('verify: a seeded student is verified with their sourcedId; an unknown email is { verified: false }, not an error', async () => {
      const { timeback, emulator } = tbSetup(env, ['oneroster'])
      assert.deepEqual(await timeback.user.verify(STUDENT_EMAIL), { verified: true, timebackId: STUDENT })
      assert.deepEqual(await timeback.user.verify('nobody@seed.example'), { verified: false })
      const lookups = emulator.requests.filter((r) => /\/rostering\/v1p2\/users\/?$/.test(new URL(r.url).pathname))
      assert.equal(lookups.length, 2)
      const query = new URL(lookups[0]!.url).searchParams
      assert.equal(query.get('limit'), '2', 'two are enough to tell one from many')
      assert.match(query.get('filter') ?? '', /email='seed-student-1@seed\.example'/)
    })

    it('verify: two users with the email is an ambiguity error, never a guess; a server ignoring the filter verifies nobody', async () => {
      const two = lyingRoster(env, [user('u1', 'twin@x.example'), user('u2', 'twin@x.example')])
      await assert.rejects(() => two.timeback.user.verify('twin@x.example'), reason('timeback_user_ambiguous'))
      const other = lyingRoster(env, [user('u3', 'someone-else@x.example')])
      assert.deepEqual(await other.timeback.user.verify('me@x.example'), { verified: false })
    })

    it('verify: a bad email is refused before any request, naming the field', async () => {
      const lie = lyingRoster(env, [])
      for (const bad of ['', 'no-at-sign', 'a b@c.d', `${'x'.repeat(320)}@x.example`, 42 as never]) {
        const e = await assert.rejects(() => lie.timeback.user.verify(bad), sdk.errors.isInputValidationError)
        assert.equal(e.issues[0].path, 'email')
      }
      assert.equal(lie.seen.length, 0)
    })

    it('verify: a failed lookup is timeback_user_lookup_failed with the API error as cause', async () => {
      const s = env.setup()
      const { oneroster } = sdk.timeback
      const timeback = new sdk.timeback.TimebackClient({
        use: { oneroster }, api: s.options.auth, maxRetries: 0, services: { oneroster: { baseUrl: s.emulator.services.oneroster } }, ...(s.options.fetch ? { fetch: s.options.fetch } : {}),
      })
      s.emulator.faults.add({ path: '/rostering/v1p2/users', status: 500 })
      const e = await assert.rejects(() => timeback.user.verify(STUDENT_EMAIL), reason('timeback_user_lookup_failed'))
      assert.ok(sdk.errors.isApiError(e.cause), 'the API error is kept')
    })

    it('getProfile: the student, their EduBridge courses, and XP today and since 2000 from analytics', async () => {
      const { timeback, emulator } = tbSetup(env)
      await timeback.api.edubridge.enrollments.enroll({ userId: STUDENT, courseId: 'seed-course-2' })
      const actor = { id: `${emulator.services.oneroster}/ims/oneroster/rostering/v1p2/users/${STUDENT}`, email: STUDENT_EMAIL, role: 'student' as const }
      const object = { id: 'https://app.example/activities/Reading/g6/ch1', subject: 'Reading' as const, app: { name: 'app.example' } }
      await timeback.api.caliper.events.sendActivity('https://app.example', { actor, object, metrics: [{ type: 'xpEarned', value: 12.5 }] })
      await timeback.api.caliper.events.sendActivity('https://app.example', { actor, object, eventTime: '2025-05-01T12:00:00Z', metrics: [{ type: 'xpEarned', value: 5 }] })
      const profile = await timeback.user.getProfile(STUDENT_EMAIL)
      assert.equal(profile.id, STUDENT)
      assert.equal(profile.email, STUDENT_EMAIL)
      assert.ok(profile.courses.some((c) => c.id === 'seed-course-2' && c.name === 'Reading 6'), JSON.stringify(profile.courses))
      assert.deepEqual(profile.xp, { today: 12.5, all: 17.5 })
      await assert.rejects(() => timeback.user.getProfile('nobody@seed.example'), reason('timeback_user_not_found'))
    })
  })
}

export default suite
