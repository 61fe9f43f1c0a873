// `where` never silently widens a query: a condition that would compile to nothing is an InputValidationError
// naming its path, before any request. Nesting and size are bounded, and `fields`/`sort` share the field-name rule.

import type { Assert, Setup, Suite } from '../../harness/types.ts'

const USERS = '/ims/oneroster/rostering/v1p2/users/'

/** A Date as another realm (an iframe, a vm context) hands it over: a real Date, but not `instanceof Date` here. */
const foreignDate = (iso: string): Date => Object.setPrototypeOf(new Date(iso), null) as Date

/** `depth` levels of OR around one condition. */
function nested(depth: number): Record<string, unknown> {
  let where: Record<string, unknown> = { role: 'student' }
  for (let i = 0; i < depth; i++) where = { OR: [where] }
  return where
}

const suite: Suite = (env) => {
  const { describe, it } = env.h
  const assert: Assert = env.h.assert
  const { OneRosterClient } = env.sdk.oneroster
  const E = env.sdk.errors

  /** Lists with `params` expecting an InputValidationError that names every path in `paths`, and no request. */
  async function refused(s: Setup, params: Record<string, unknown>, paths: string[]): Promise<{ path: string; message: string }[]> {
    const client = new OneRosterClient({ ...s.options, maxRetries: 0 })
    const before = s.emulator.requests.length
    const error = await assert.rejects(client.users.list(params as never), E.isInputValidationError, JSON.stringify(paths))
    const named = error.issues.map((i: { path: string }) => i.path)
    for (const path of paths) assert.ok(named.includes(path), `issues name ${path} (got ${named.join(', ')})`)
    assert.equal(s.emulator.requests.length, before, 'no request was sent')
    return error.issues
  }
  const lastFilter = (s: Setup) => new URL(s.emulator.requests[s.emulator.requests.length - 1]!.url).searchParams.get('filter')

  describe('core: where', () => {
    it('undefined, {} and operator objects without a value are errors naming the path, never dropped clauses', async () => {
      const s = env.setup()
      await refused(s, { where: { role: undefined } }, ['where.role'])
      await refused(s, { where: {} }, ['where'])
      await refused(s, { where: { status: 'active', role: { eq: undefined } } }, ['where.role.eq'])
      await refused(s, { where: { role: { eq: undefined, ne: undefined } } }, ['where.role.eq', 'where.role.ne'])
      await refused(s, { where: { role: {} } }, ['where.role'])
      await refused(s, { where: { OR: [{}] } }, ['where.OR[0]'])
      await refused(s, { where: { AND: [{ status: 'active' }, { role: undefined }] } }, ['where.AND[1].role'])
      await refused(s, { where: { role: { notIn: ['teacher', , 'aide'] } } }, ['where.role.notIn[1]'])
      await refused(s, { filter: '' }, ['filter'])
    })

    it('objects that are not plain values (Map, class instance, RegExp, a fake Date) are errors', async () => {
      const s = env.setup()
      class Role { name = 'student' }
      await refused(s, { where: { role: new Map([['eq', 'student']]) } }, ['where.role'])
      await refused(s, { where: { role: new Role() } }, ['where.role'])
      await refused(s, { where: { role: /stud/ } }, ['where.role'])
      await refused(s, { where: { role: { in: [new Set(['a'])] } } }, ['where.role.in[0]'])
      const [fake] = await refused(s, { where: { dateLastModified: { gte: { [Symbol.toStringTag]: 'Date' } } } }, ['where.dateLastModified.gte'])
      assert.match(fake!.message, /Date/)
      await refused(s, { where: { dateLastModified: new Date('not a date') } }, ['where.dateLastModified'])
      await refused(s, { where: new Map() }, ['where'])
    })

    it('a Date from another realm is read, not dropped', async () => {
      const s = env.setup()
      const client = new OneRosterClient({ ...s.options, maxRetries: 0 })
      const date = foreignDate('2026-01-01T00:00:00Z')
      assert.equal(date instanceof Date, false, 'the test date is not an instance of this realm\'s Date')
      await client.users.list({ where: { dateLastModified: { gte: date } } })
      assert.equal(lastFilter(s), "dateLastModified>='2026-01-01T00:00:00.000Z'")
    })

    it('AND/OR nest at most 8 levels; a cycle or a huge where is an error, not a stack overflow or a megabyte filter', async () => {
      const s = env.setup()
      const client = new OneRosterClient({ ...s.options, maxRetries: 0 })
      await client.users.list({ where: nested(8) as never })
      assert.equal(lastFilter(s), "role='student'")
      await refused(s, { where: nested(9) }, [`where${'.OR[0]'.repeat(8)}.OR`])
      const cycle: Record<string, unknown[]> = { OR: [] }
      cycle.OR!.push(cycle)
      await refused(s, { where: cycle }, ['where'.concat('.OR[0]'.repeat(8), '.OR')])
      const ids = Array.from({ length: 1001 }, (_, i) => `id-${i}`)
      await refused(s, { where: { sourcedId: { in: ids } } }, ['where.sourcedId.in[1000]'])
      const many = await refused(s, { where: { OR: Array.from({ length: 100_000 }, () => ({})) } }, ['where.OR[0]'])
      assert.ok(many.length <= 20, `a bounded list of issues (${many.length})`)
    })

    it('stream(), listAll() and first() refuse the same where before any request', async () => {
      const s = env.setup()
      const client = new OneRosterClient({ ...s.options, maxRetries: 0 })
      await assert.rejects(async () => {
        for await (const _ of client.users.stream({ where: { role: undefined } as never })) void _
      }, E.isInputValidationError)
      await assert.rejects(client.users.listAll({ where: { OR: [{}] } }), E.isInputValidationError)
      await assert.rejects(client.users.first({ where: {} }), E.isInputValidationError)
      assert.equal(s.emulator.requests.length, 0)
    })

    it('fields and sort go through the where field-name rule, in list and get', async () => {
      const s = env.setup()
      await refused(s, { sort: 'familyName,givenName' }, ['sort'])
      await refused(s, { sort: 42 }, ['sort'])
      await refused(s, { fields: ['givenName', 'a b'] }, ['fields[1]'])
      await refused(s, { fields: 'givenName,,email' }, ['fields[1]'])
      // One error names every bad parameter, where included.
      await refused(s, { sort: 'x y', where: { role: undefined } }, ['sort', 'where.role'])
      const client = new OneRosterClient({ ...s.options, maxRetries: 0 })
      await assert.rejects(client.users.get('seed-student-1', { fields: ["sourcedId' OR 1=1"] }), E.isInputValidationError)
      assert.equal(s.emulator.requests.filter((r) => r.path.startsWith(USERS)).length, 0)
    })
  })
}

export default suite
