// Open Badges achievements against the emulator: create (supplied or allocated sourcedId), get, partial update,
// soft delete, listing by offset (list/listAll/stream, where, sort) and each student's achievements with the
// badges issued to them.

import type { Assert, Suite } from '../../harness/types.ts'
import { emulated, rejection } from './fixtures.ts'

const STUDENT = 'seed-student-1'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const E = sdk.errors

  function obSetup() {
    const { emulator, base } = emulated(env)
    return { emulator, client: new sdk.openbadges.OpenBadgesClient(base) }
  }

  describe('openbadges: achievements', () => {
    it('create answers the sourcedId pair; get reads the record with the service defaults', async () => {
      const { client } = obSetup()
      const mine = await client.achievements.create({ sourcedId: 'ach/fractions 1', name: 'Fractions', description: 'Adds fractions', criteria: 'Pass the unit test', tag: ['math'] })
      assert.deepEqual(mine, { suppliedSourcedId: 'ach/fractions 1', allocatedSourcedId: 'ach/fractions 1' })
      const theirs = await client.achievements.create({ name: 'Decimals', description: 'Reads decimals', criteria: 'Pass', achievementType: 'Competency' })
      assert.equal(theirs.suppliedSourcedId, null)
      assert.match(theirs.allocatedSourcedId, /^[0-9a-f-]{36}$/)
      const got = await client.achievements.get('ach/fractions 1')
      assert.equal(got.sourcedId, 'ach/fractions 1')
      assert.equal(got.status, 'active')
      assert.equal(got.achievementType, 'Achievement')
      assert.deepEqual(got.tag, ['math'])
      assert.equal(got.criteria, 'Pass the unit test')
      assert.equal((await client.achievements.get(theirs.allocatedSourcedId)).achievementType, 'Competency')
    })

    it('update changes only the fields given; delete is soft; an unknown id is a NotFoundError; a taken sourcedId is refused', async () => {
      const { client } = obSetup()
      await client.achievements.create({ sourcedId: 'a1', name: 'Fractions', description: 'Adds fractions', criteria: 'Pass' })
      assert.equal(await client.achievements.update('a1', { description: 'Adds and subtracts fractions' }), undefined)
      const updated = await client.achievements.get('a1')
      assert.equal(updated.description, 'Adds and subtracts fractions')
      assert.equal(updated.name, 'Fractions')
      assert.equal(await client.achievements.delete('a1'), undefined)
      assert.equal((await client.achievements.get('a1')).status, 'tobedeleted')
      const missing = await rejection(client.achievements.get('nope'))
      assert.ok(E.isNotFoundError(missing), String(missing))
      assert.match(missing.message, /Achievement not found/)
      assert.ok(E.isNotFoundError(await rejection(client.achievements.update('nope', { name: 'x' }))))
      assert.ok(E.isNotFoundError(await rejection(client.achievements.delete('nope'))))
      const taken = await rejection(client.achievements.create({ sourcedId: 'a1', name: 'Again', description: 'd', criteria: 'c' }))
      assert.ok(E.isValidationError(taken), String(taken))
      assert.equal(taken.status, 422)
    })

    it('lists by offset: list pages with next, listAll and stream walk every record once, where and sort reach the service', async () => {
      const { client } = obSetup()
      for (const name of ['Echo', 'Alpha', 'Delta', 'Bravo', 'Charlie']) {
        await client.achievements.create({ sourcedId: `id-${name}`, name, description: `${name} badge`, criteria: 'Do it' })
      }
      const page = await client.achievements.list({ limit: 2 })
      assert.deepEqual(page.data.map((a) => a.name), ['Echo', 'Alpha'])
      assert.equal(page.total, 5)
      assert.deepEqual(page.next, { offset: 2 })
      const last = await client.achievements.list({ limit: 2, offset: 4 })
      assert.deepEqual(last.data.map((a) => a.name), ['Charlie'])
      assert.equal(last.next, undefined)
      const all = await client.achievements.listAll({ limit: 2, sort: 'name', orderBy: 'desc' })
      assert.deepEqual(all.map((a) => a.name), ['Echo', 'Delta', 'Charlie', 'Bravo', 'Alpha'])
      const streamed: string[] = []
      for await (const a of client.achievements.stream({ limit: 2, maxItems: 3 })) streamed.push(a.name)
      assert.deepEqual(streamed, ['Echo', 'Alpha', 'Delta'])
      await client.achievements.delete('id-Delta')
      const active = await client.achievements.listAll({ where: { status: 'active' } })
      assert.deepEqual(active.map((a) => a.name), ['Echo', 'Alpha', 'Bravo', 'Charlie'])
    })

    it("forStudent lists the student's achievements with the badges issued to them; an unknown student is a NotFoundError", async () => {
      const { client } = obSetup()
      for (const id of ['a1', 'a2', 'a3']) await client.achievements.create({ sourcedId: id, name: id.toUpperCase(), description: 'd', criteria: 'c' })
      await client.credentials.issue({ userId: STUDENT, achievementId: 'a1' })
      await client.credentials.issue({ userId: STUDENT, achievementId: 'a1' })
      await client.credentials.issue({ userId: STUDENT, achievementId: 'a3' })
      await client.credentials.issue({ userId: 'seed-student-2', achievementId: 'a2' })
      const mine = await client.achievements.forStudent(STUDENT).listAll({ limit: 1 })
      assert.deepEqual(mine.map((a) => [a.sourcedId, a.issuedBadges.length]), [['a1', 2], ['a3', 1]])
      const badge = mine[0]!.issuedBadges[0]!
      assert.equal(badge.studentSourcedId, STUDENT)
      assert.equal(badge.achievementSourcedId, 'a1')
      assert.equal(badge.status, 'active')
      assert.deepEqual(badge.data.type, ['VerifiableCredential', 'OpenBadgeCredential'])
      const streamed: string[] = []
      for await (const a of client.achievements.forStudent(STUDENT).stream({ limit: 1 })) streamed.push(a.sourcedId)
      assert.deepEqual(streamed, ['a1', 'a3'])
      const page = await client.achievements.forStudent(STUDENT).list({ limit: 1 })
      assert.equal(page.total, 2)
      assert.deepEqual(page.next, { offset: 1 })
      const unknown = await rejection(client.achievements.forStudent('no-such-student').list())
      assert.ok(E.isNotFoundError(unknown), String(unknown))
      assert.match(unknown.message, /Student not found/)
    })
  })
}

export default suite
