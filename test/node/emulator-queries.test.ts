// List queries of the emulator: the OneRoster envelope, limits, sort, fields, search and the filter grammar.
// Run: node --import tsx --test test/node/emulator-queries.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { R, G, enc, connect, ids, ref, assertImsx, type Json } from './emulator-helpers.ts'

describe('lists: envelope, limits, sort, fields, search', () => {
  it('answers the OneRoster envelope with totalCount, pageCount, pageNumber, offset and limit', async () => {
    const { get } = await connect()
    const all = await get(`${R}/users/`)
    assert.equal(all.status, 200)
    assert.equal(all.res.headers.get('content-type'), 'application/json')
    assert.equal(all.body.totalCount, 15)
    assert.equal(all.body.limit, 100)
    assert.equal(all.body.users.length, 15)
    const page = await get(`${R}/users?limit=4&offset=8`)
    assert.deepEqual({ ...page.body, users: page.body.users.length }, { users: 4, totalCount: 15, pageCount: 4, pageNumber: 3, offset: 8, limit: 4 })
    assert.deepEqual(ids(page.body.users), ids(all.body.users).slice(8, 12))
    assert.equal((await get(`${R}/users?offset=14&limit=5`)).body.users.length, 1)
  })

  it('rejects limit outside 1..3000 and negative or non-numeric offsets with 400 naming the parameter', async () => {
    const { get } = await connect()
    for (const q of ['limit=0', 'limit=3001', 'limit=abc', 'limit=-5']) {
      const r = await get(`${R}/users?${q}`)
      assert.equal(r.status, 400, q)
      assertImsx(r.body, 'invaliddata', /'limit'/)
    }
    const off = await get(`${R}/users?offset=-1`)
    assert.equal(off.status, 400)
    assertImsx(off.body, 'invaliddata', /'offset'/)
    assert.equal((await get(`${R}/users?limit=3000`)).status, 200)
    assert.equal((await get(`${R}/users?limit=1`)).body.users.length, 1)
  })

  it('sorts by a field with orderBy asc|desc, numerically when values are numbers', async () => {
    const { get } = await connect()
    const asc = await get(`${R}/users?sort=familyName&orderBy=asc&fields=familyName`)
    assert.equal(asc.body.users[0].familyName, 'Allen')
    assert.equal(asc.body.users.at(-1).familyName, 'Turing')
    const desc = await get(`${R}/users?sort=familyName&orderBy=desc&limit=2`)
    assert.deepEqual(desc.body.users.map((u: Json) => u.familyName), ['Turing', 'Piaget'])
    await connect().then(async ({ call }) => {
      await call('PUT', `${G}/results/seed-result-2`, { result: { status: 'active', lineItem: ref('seed-line-item-1'), student: ref('seed-student-2'), scoreStatus: 'fully graded', scoreDate: '2025-09-06T12:00:00.000Z', score: 100 } })
      const scores = await call('GET', `${G}/results?sort=score&orderBy=desc&fields=score`)
      assert.deepEqual(scores.body.results.map((r: Json) => r.score), [100, 95, 90, 80]) // 100 > 95 only numerically
    })
    assert.equal((await get(`${R}/users?sort=familyName&orderBy=sideways`)).status, 400)
  })

  it('projects fields on lists and single reads', async () => {
    const { get } = await connect()
    const list = await get(`${R}/users?fields=sourcedId,givenName&limit=2`)
    assert.deepEqual(Object.keys(list.body.users[0]).sort(), ['givenName', 'sourcedId'])
    const one = await get(`${R}/users/seed-student-1?fields=email`)
    assert.deepEqual(one.body, { user: { email: 'seed-student-1@seed.example' } })
  })

  it('search matches users (givenName, familyName, email), courses and orgs, and is ignored on classes', async () => {
    const { get } = await connect()
    assert.deepEqual(ids((await get(`${R}/users?search=LOVE`)).body.users), ['seed-student-1'])
    assert.deepEqual(ids((await get(`${R}/users?search=teacher-2@seed`)).body.users), ['seed-teacher-2'])
    assert.deepEqual(ids((await get(`${R}/courses?search=read`)).body.courses), ['seed-course-2'])
    assert.deepEqual(ids((await get(`${R}/schools?search=middle`)).body.orgs), ['seed-school-2'])
    assert.equal((await get(`${R}/classes?search=nothing-matches-this`)).body.totalCount, 3)
  })
})

describe('filter grammar', () => {
  const f = (expr: string) => `filter=${enc(expr)}`

  it('supports = != ~ > >= < <= and @, numeric comparison for numbers, strings otherwise', async () => {
    const { get } = await connect()
    const users = async (expr: string) => ids((await get(`${R}/users?${f(expr)}`)).body.users)
    const results = async (expr: string) => ids((await get(`${G}/results?${f(expr)}`)).body.results)
    assert.deepEqual(await users("givenName='Ada'"), ['seed-student-1'])
    assert.deepEqual(await users("role!='student'"), ['seed-teacher-1', 'seed-teacher-2', 'seed-teacher-3'])
    assert.deepEqual(await users("familyName~'LOVE'"), ['seed-student-1'])
    // Seed scores: 80, 85, 90, 95.
    assert.deepEqual(await results('score>85'), ['seed-result-3', 'seed-result-4'])
    assert.deepEqual(await results("score>='85'"), ['seed-result-2', 'seed-result-3', 'seed-result-4'])
    assert.deepEqual(await results('score<85'), ['seed-result-1'])
    assert.deepEqual(await results('score<=85'), ['seed-result-1', 'seed-result-2'])
    assert.equal((await results('score>9')).length, 4) // as strings '80' > '9' would be false
    assert.deepEqual(await results("scoreDate>='2025-09-07'"), ['seed-result-3', 'seed-result-4'])
    assert.deepEqual(await users("givenName@'Ada, Alan'"), ['seed-student-1', 'seed-student-2'])
    assert.equal((await get(`${R}/enrollments?${f("role@'student,teacher'")}`)).body.totalCount, 15)
    assert.deepEqual(await users('enabledUser=true AND givenName=\'Grace\''), ['seed-student-3'])
  })

  it('binds AND tighter than OR and honours parentheses', async () => {
    const { get } = await connect()
    const users = async (expr: string) => ids((await get(`${R}/users?${f(expr)}`)).body.users)
    assert.deepEqual(await users("givenName='Ada' OR givenName='Alan' AND familyName='Nobody'"), ['seed-student-1'])
    assert.deepEqual(await users("(givenName='Ada' OR givenName='Alan') AND familyName='Turing'"), ['seed-student-2'])
    assert.deepEqual(await users("givenName='Ada' AND (familyName='Turing' OR familyName='Lovelace')"), ['seed-student-1'])
  })

  it("reads quoted values whole: 'O''Brien' and values containing ' AND '", async () => {
    const { get, call } = await connect()
    assert.deepEqual(ids((await get(`${R}/users?${f("familyName='O''Brien'")}`)).body.users), ['seed-student-5'])
    await call('POST', `${R}/users/`, { user: { sourcedId: 'tj', enabledUser: true, givenName: 'Tom AND Jerry', familyName: "x OR y='z'", email: 'tj@example.test', roles: [{ roleType: 'primary', role: 'student', org: ref('seed-school-1') }] } })
    assert.deepEqual(ids((await get(`${R}/users?${f("givenName='Tom AND Jerry'")}`)).body.users), ['tj'])
    assert.deepEqual(ids((await get(`${R}/users?${f("familyName='x OR y=''z'''")}`)).body.users), ['tj'])
  })

  it('follows one-level dotted fields and matches arrays on any element; two levels are a 400', async () => {
    const { get } = await connect()
    assert.deepEqual(ids((await get(`${R}/enrollments?${f("user.sourcedId='seed-student-1'")}`)).body.enrollments), ['seed-enrollment-s1'])
    assert.equal((await get(`${R}/enrollments?${f("class.sourcedId='seed-class-3' AND role='student'")}`)).body.totalCount, 4)
    assert.equal((await get(`${R}/users?${f("roles.role='teacher'")}`)).body.totalCount, 3)
    assert.deepEqual(ids((await get(`${G}/assessmentResults?${f('metadata.xp>=40')}`)).body.assessmentResults), ['seed-assessment-result-1'])
    const nested = await get(`${G}/assessmentLineItems?${f("assessmentLineItem.course.sourcedId='x'")}`)
    assert.equal(nested.status, 400)
    assertImsx(nested.body, 'invaliddata', /Error in filter query/)
  })

  it('answers 400 naming the problem for malformed filters', async () => {
    const { get } = await connect()
    const cases: [string, RegExp][] = [
      ["givenName='Ada' and familyName='x'", /expected AND or OR/],
      ["givenName='Ada", /unterminated string/],
      ['givenName=', /expected a quoted value/],
      ['givenName=Ada', /expected a quoted value/],
      ["(givenName='Ada'", /expected '\)'/],
      ["='x'", /expected a field name/],
      ["givenName 'Ada'", /expected an operator/],
      ["givenName='Ada' OR", /expected a field name/],
    ]
    for (const [expr, why] of cases) {
      const r = await get(`${R}/users?${f(expr)}`)
      assert.equal(r.status, 400, expr)
      assertImsx(r.body, 'invaliddata', why)
      assert.match(r.body.imsx_description, /Error in filter query/)
    }
  })
})
