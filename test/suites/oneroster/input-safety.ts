// Bad input never reaches the service: missing required fields and bad enum values are named, ids with URL
// syntax round-trip percent-encoded, empty/./.. ids and unsafe filter fields are refused before any request,
// and filter values are quoted (O'Brien).

import type { Assert, Suite } from '../../harness/types.ts'
import { connect, DAY, newLineItem, newUser, ref, ROSTERING, seen, SEED } from './helpers.ts'

const suite: Suite = (env) => {
  const { describe, it } = env.h
  const assert: Assert = env.h.assert
  const E = env.sdk.errors

  /** Runs `work`, expects an InputValidationError, and checks that no request was sent meanwhile. */
  async function refused(s: ReturnType<typeof connect>['s'], work: () => Promise<unknown>) {
    const before = s.emulator.requests.length
    const error = await assert.rejects(work, E.isInputValidationError)
    assert.equal(s.emulator.requests.length, before, 'no request was sent')
    return error as { message: string; issues: { path: string; message: string }[] }
  }
  const paths = (e: { issues: { path: string }[] }) => e.issues.map((i) => i.path)

  describe('oneroster: input validation', () => {
    it('a create missing required fields names each of them', async () => {
      const { s, client } = connect(env)
      const e = await refused(s, () => client.users.create({ givenName: 'No', familyName: 'Email', enabledUser: true, roles: [] } as never))
      assert.ok(paths(e).includes('user.email'), paths(e).join(', '))
      assert.ok(paths(e).includes('user.roles'), 'roles needs at least one entry')
      const c = await refused(s, () => client.classes.create({ title: 'No refs' } as never))
      for (const field of ['class.course', 'class.org', 'class.terms']) assert.ok(paths(c).includes(field), `${field} in ${paths(c).join(', ')}`)
    })

    it('bad enum values are refused with the allowed values', async () => {
      const { s, client } = connect(env)
      const org = await refused(s, () => client.orgs.create({ name: 'X', type: 'galaxy' as never }))
      assert.deepEqual(paths(org), ['org.type'])
      assert.match(org.message, /district/)
      const role = await refused(s, () => client.users.create(newUser({ roles: [{ roleType: 'primary', role: 'wizard', org: ref(SEED.school) }] })))
      assert.deepEqual(paths(role), ['user.roles.0.role'])
      await refused(s, () => client.classes.create({ title: 'T', course: ref('c'), org: ref('o'), terms: [], classType: 'online' as never }))
      await refused(s, () => client.academicSessions.create({ title: 'T', type: 'quarter' as never, startDate: DAY, endDate: DAY, schoolYear: '2026', org: ref('o') }))
      await refused(s, () => client.results.create({ lineItem: ref('l'), student: ref('s'), scoreStatus: 'graded' as never, scoreDate: DAY }))
      await refused(s, () => client.componentResources.create({ title: 'T', courseComponent: ref('c'), resource: ref('r'), lessonType: 'lecture' as never }))
      await refused(s, () => client.demographics.create({ sex: 'm' as never }))
      await refused(s, () => client.enrollments.create({ role: 'principal' as never, user: ref('u'), class: ref('c') }))
    })

    it('bulk items are checked one by one, with paths like lineItems[1].title', async () => {
      const { s, client } = connect(env)
      const e = await refused(s, () => client.classes(SEED.class).lineItems.create([
        newLineItem(), newLineItem({ title: undefined }), newLineItem({ dueDate: 'soon' }),
      ] as never))
      assert.deepEqual(paths(e), ['lineItems[1].title', 'lineItems[2].dueDate'])
      const r = await refused(s, () => client.lineItems(SEED.lineItem).createResults([{ student: ref('s'), scoreDate: DAY } as never]))
      assert.deepEqual(paths(r), ['results[0].scoreStatus'])
      await refused(s, () => client.classes(SEED.class).lineItems.create([]))
    })

    it('patch schemas are partial: one field is enough', async () => {
      const { client } = connect(env)
      await client.enrollments.patch('seed-enrollment-s2', { endDate: '2026-06-30' })
      assert.equal((await client.enrollments.get('seed-enrollment-s2')).endDate, '2026-06-30')
    })
  })

  describe('oneroster: ids and filters', () => {
    for (const id of ['a/b', 'q?x=1', 'frag#1', '100%', 'with space', 'Zoë-学生-😀']) {
      it(`the id ${JSON.stringify(id)} round-trips, percent-encoded on the wire`, async () => {
        const { s, client } = connect(env)
        await client.users.create(newUser({ sourcedId: id, familyName: 'Encoded' }))
        const from = s.emulator.requests.length
        const got = await client.users.get(id)
        assert.equal(got.sourcedId, id)
        assert.deepEqual(seen(s, from), [`GET ${ROSTERING}/users/${encodeURIComponent(id)}`])
        assert.equal(await client.users.exists(id), true)
      })
    }

    it("empty, blank, '.' and '..' ids are refused before any request", async () => {
      const { s, client } = connect(env)
      for (const id of ['', '   ', '.', '..']) {
        await refused(s, () => client.users.get(id))
        await refused(s, () => client.classes.delete(id))
        await refused(s, async () => client.classes(id).students())
        await refused(s, async () => client.classes(SEED.class).student(id).results())
        await refused(s, () => client.resources.exportCommonCartridge(id))
        await refused(s, () => client.users.create(newUser({ sourcedId: id })))
      }
    })

    it("where: { familyName: \"O'Brien\" } finds O'Brien", async () => {
      const { client } = connect(env)
      const found = await client.users.listAll({ where: { familyName: "O'Brien" } })
      assert.deepEqual(found.map((u) => u.givenName), ['Niamh'])
      assert.equal((await client.students.first({ where: { familyName: { contains: "'bri" } } }))?.familyName, "O'Brien")
    })

    it('a where field that is not a field name is an InputValidationError', async () => {
      const { s, client } = connect(env)
      const e = await refused(s, () => client.users.list({ where: { "role' OR '1'='1": 'student' } as never }))
      assert.match(e.message, /not a valid field name/)
      await refused(s, () => client.classes(SEED.class).students({ where: { 'a b': 'x' } as never }))
    })
  })
}

export default suite
