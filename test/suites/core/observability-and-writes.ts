// Hooks and body logging, Retry-After as an HTTP date, and the rostering upsert (PUT, then POST on 404).

import type { Assert, Suite } from '../../harness/types.ts'

const USERS = '/ims/oneroster/rostering/v1p2/users/'

function student(sourcedId: string, givenName = 'Lin') {
  return {
    sourcedId, enabledUser: true, givenName, familyName: 'Upsert', email: `${sourcedId}@example.com`,
    roles: [{ roleType: 'primary' as const, role: 'student' as const, org: { sourcedId: 'seed-school-1' } }],
  }
}

const suite: Suite = ({ h, sdk, setup }) => {
  const { describe, it } = h
  // Annotated: TypeScript only narrows through assertion functions declared with an explicit type.
  const assert: Assert = h.assert
  const { OneRosterClient } = sdk.oneroster

  describe('core: hooks and logging', () => {
    it('bodies reach hooks only with logBodies, and never for the token request', async () => {
      const s = setup()
      const quiet: unknown[] = []
      const loud: { url: string; body?: unknown }[] = []
      // The loud client goes first, so it is the one that fetches the token (the quiet one reuses it).
      await new OneRosterClient({ ...s.options, logBodies: true, hooks: { onRequest: (i) => loud.push(i) } }).users.create(student('loud-1'))
      await new OneRosterClient({ ...s.options, hooks: { onRequest: (i) => quiet.push(i) } }).users.create(student('quiet-1'))
      assert.ok(quiet.length === 1 && quiet.every((i) => !('body' in (i as object))), 'no bodies by default')
      const post = loud.find((i) => i.url.endsWith(USERS))
      assert.equal((post?.body as { user: { sourcedId: string } }).user.sourcedId, 'loud-1')
      const token = loud.find((i) => i.url.startsWith(s.emulator.tokenUrl))
      assert.ok(token && !('body' in token), 'the token request body (the secret) is never shown')
    })

    it('a throwing hook is reported to the logger and does not fail the call', async () => {
      const s = setup()
      const warnings: string[] = []
      const client = new OneRosterClient({
        ...s.options,
        hooks: { onResponse: () => { throw new Error('hook bug') } },
        logger: { warn: (message) => warnings.push(message) },
      })
      assert.equal((await client.users.list({ limit: 1 })).data.length, 1)
      assert.ok(warnings.some((w) => w.includes('hook bug')), warnings.join('; '))
    })

    it('Retry-After as an HTTP date in the past means retry now', async () => {
      const s = setup()
      const delays: number[] = []
      const client = new OneRosterClient({ ...s.options, hooks: { onRetry: (r) => delays.push(r.delayMs) } })
      s.emulator.faults.add({ path: USERS, status: 503, retryAfter: new Date(Date.now() - 60_000).toUTCString(), times: 1 })
      await client.users.list({ limit: 1 })
      assert.deepEqual(delays, [0])
    })
  })

  describe('core: upsert on rostering routes', () => {
    it('creates a missing user under the given id (PUT answers 404, then POST)', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      const from = s.emulator.requests.length
      await client.users.upsert('upserted-1', student('upserted-1'))
      const sent = s.emulator.requests.slice(from).filter((r) => !r.url.startsWith(s.emulator.tokenUrl)).map((r) => `${r.method} ${r.status}`)
      assert.deepEqual(sent, ['PUT 404', 'POST 201'])
      assert.equal((await client.users.get('upserted-1')).givenName, 'Lin')
    })

    it('updates an existing user with one PUT', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      await client.users.create(student('upserted-2'))
      const from = s.emulator.requests.length
      await client.users.upsert('upserted-2', student('upserted-2', 'Mei'))
      const sent = s.emulator.requests.slice(from).map((r) => r.method)
      assert.deepEqual(sent, ['PUT'])
      assert.equal((await client.users.get('upserted-2')).givenName, 'Mei')
    })

    it('refuses a body whose sourcedId differs from the id argument', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      await assert.rejects(client.users.update('a-1', student('b-2')), /must equal the id argument/)
    })
  })
}

export default suite
