// Live-service quirks the client absorbs: class rosters under `users`, `sourcedIdPairs` as a one-element array,
// and short pages (soft-deleted records counted in totalCount but left out of pages) while streaming.

import type { Assert, Suite } from '../../harness/types.ts'
import { connect, newLineItem, newUser, ROSTERING, seen, SEED } from './helpers.ts'

const suite: Suite = (env) => {
  const { describe, it } = env.h
  const assert: Assert = env.h.assert

  describe('oneroster: live quirks', () => {
    it('class and school rosters are read from the users key', async () => {
      const { s, client } = connect(env)
      const token = await (await (s.options.fetch ?? fetch)(s.options.auth.authUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: s.options.auth.clientId, client_secret: s.options.auth.clientSecret }),
      })).json() as { access_token: string }
      const raw = await (s.options.fetch ?? fetch)(`${s.options.baseUrl}${ROSTERING}/classes/${SEED.class}/students`, {
        headers: { authorization: `Bearer ${token.access_token}` },
      })
      const body = await raw.json() as Record<string, unknown>
      assert.ok(Array.isArray(body.users), 'the emulator answers under users, like the live service')
      const students = await client.classes(SEED.class).students.listAll()
      assert.deepEqual(students.map((u) => u.sourcedId).sort(), (body.users as { sourcedId: string }[]).map((u) => u.sourcedId).sort())
      assert.equal((await client.schools(SEED.school).class(SEED.class).teachers()).data.length, 1)
    })

    it('sourcedIdPairs sent as an array still gives a CreateResponse', async () => {
      const { s, client } = connect(env)
      s.emulator.faults.sourcedIdPairsAsArray()
      const created = await client.users.create(newUser({ sourcedId: 'pairs-as-array' }))
      assert.equal(created.sourcedId, 'pairs-as-array')
      assert.deepEqual(created.sourcedIdPairs, { suppliedSourcedId: 'pairs-as-array', allocatedSourcedId: 'pairs-as-array' })
      const generated = await client.categories.create({ title: 'No id given' })
      assert.equal((await client.categories.get(generated.sourcedId)).title, 'No id given')
      const enrolled = await client.classes(SEED.class3).enroll({ sourcedId: 'pairs-as-array', role: 'student' })
      assert.equal((await client.enrollments.get(enrolled.sourcedId)).user.sourcedId, 'pairs-as-array')
      const bulk = await client.classes(SEED.class).lineItems.create([newLineItem({ title: 'only one' })])
      assert.equal(bulk.sourcedIds.length, 1)
    })

    it('validateResponses: true turns a malformed record into a ServerError; off by default', async () => {
      const { s, client } = connect(env)
      s.emulator.state.insert('classes', { sourcedId: 'broken-class', title: 42, course: { sourcedId: SEED.course }, terms: [] })
      const checking = new env.sdk.oneroster.OneRosterClient({ ...s.options, maxRetries: 0, validateResponses: true })
      const error = await assert.rejects(checking.classes.get('broken-class'), env.sdk.errors.isServerError)
      assert.match(error.message, /title/)
      await assert.rejects(checking.classes.listAll(), env.sdk.errors.isServerError)
      assert.equal((await client.classes.get('broken-class')).sourcedId, 'broken-class')
      assert.equal((await checking.classes.get(SEED.class)).sourcedId, SEED.class, 'well-formed records pass')
    })

    it('short pages: stream() yields every active user exactly once', async () => {
      const { s, client } = connect(env)
      const extra = s.emulator.state.seedUsers(40)
      // Soft-delete every third new user: they still count in totalCount but are left out of pages.
      const deleted = extra.filter((_, i) => i % 3 === 0)
      for (const id of deleted) await client.users.delete(id)
      s.emulator.faults.shortPages()
      const from = s.emulator.requests.length
      const streamed: string[] = []
      for await (const u of client.users.stream({ limit: 7 })) streamed.push(u.sourcedId)
      const all = s.emulator.state.list('users')
      const active = all.filter((u) => u.status === 'active').map((u) => u.sourcedId)
      assert.equal(new Set(streamed).size, streamed.length, 'no duplicates')
      assert.deepEqual([...streamed].sort(), [...active].sort(), 'every active user')
      assert.ok(streamed.every((id) => !deleted.includes(id)))
      // Pages were requested until totalCount, not until the first short page. Offsets advance by what came back
      // (at least 4 of every 7, as at most every third record is left out), so windows overlap a little.
      const pages = seen(s, from).length
      assert.ok(pages >= Math.ceil(all.length / 7) && pages <= Math.ceil(all.length / 4), `${pages} page requests`)
    })
  })
}

export default suite
