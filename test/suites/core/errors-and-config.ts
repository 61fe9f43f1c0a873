// Error shapes and guards, configuration errors, and input that must fail before any request.

import type { Assert, Suite } from '../../harness/types.ts'

const USERS = '/ims/oneroster/rostering/v1p2/users/'

const suite: Suite = ({ h, sdk, setup }) => {
  const { describe, it } = h
  // Annotated: TypeScript only narrows through assertion functions declared with an explicit type.
  const assert: Assert = h.assert
  const { OneRosterClient } = sdk.oneroster
  const E = sdk.errors

  describe('core: API errors', () => {
    it('a 404 is a NotFoundError with a one-line message, IMS minor codes and the request id', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      const error = await assert.rejects(client.users.get('no-such-user'), E.isNotFoundError)
      assert.ok(error instanceof E.NotFoundError && error instanceof E.ApiError && error instanceof E.TimebackError)
      assert.equal(error.status, 404)
      assert.equal(error.code, 'not_found')
      assert.deepEqual(error.minorCodes, ['unknownobject'])
      assert.match(error.message, /^GET \/ims\/oneroster\/rostering\/v1p2\/users\/no-such-user → 404 Not Found: .+ \(request id [0-9a-f-]{36}\)$/)
      assert.ok(!error.message.includes('\n'))
      const sent = s.emulator.requests.find((r) => r.path.endsWith('/users/no-such-user'))
      assert.equal(error.requestId, sent?.headers['x-request-id'])
      assert.equal(error.toJSON().status, 404)
    })

    it('exists() answers false on 404 and true for a seeded user, without throwing', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      const someone = s.emulator.state.list('users')[0] as { sourcedId: string }
      assert.equal(await client.users.exists('no-such-user'), false)
      assert.equal(await client.users.exists(someone.sourcedId), true)
    })

    it('guards recognise errors from another copy of the package (brand, not instanceof)', () => {
      const foreign = Object.assign(new Error('x'), { [Symbol.for('@timeback/sdk.error')]: 'NotFoundError' })
      assert.ok(E.isTimebackError(foreign))
      assert.ok(E.isApiError(foreign))
      assert.ok(E.isNotFoundError(foreign))
      assert.ok(!E.isServerError(foreign))
      assert.ok(!E.isTimebackError(new Error('plain')))
      assert.ok(!E.isTimebackError(null))
    })

    it('ApiError.from picks the subclass by status', () => {
      const make = (status: number) => E.ApiError.from({ status, method: 'GET', url: 'https://h/x', body: { message: 'm' } })
      assert.ok(E.isValidationError(make(400)) && E.isValidationError(make(422)))
      assert.ok(E.isForbiddenError(make(403)))
      assert.ok(E.isConflictError(make(409)))
      assert.ok(E.isServerError(make(502)))
      assert.equal(make(418).name, 'ApiError')
      assert.equal(make(400).description, 'm')
    })
  })

  describe('core: configuration', () => {
    it('a client without credentials throws a ConfigurationError naming the env vars', () => {
      const error = assert.throws(() => new OneRosterClient({ env: 'staging', vars: {} }), E.isConfigurationError)
      assert.match(error.message, /ONEROSTER_CLIENT_ID/)
      assert.match(error.message, /TIMEBACK_CLIENT_SECRET/)
    })

    it('a client without env or baseUrl names TIMEBACK_ENV', () => {
      const error = assert.throws(() => new OneRosterClient({ auth: { clientId: 'a', clientSecret: 'b' }, vars: {} }), E.isConfigurationError)
      assert.match(error.message, /TIMEBACK_ENV/)
    })

    it('rejects an unknown env and a relative baseUrl', () => {
      assert.throws(() => new OneRosterClient({ env: 'prod' as 'production', auth: { clientId: 'a', clientSecret: 'b' }, vars: {} }), /staging' or 'production/)
      assert.throws(() => new OneRosterClient({ baseUrl: '/api', auth: { clientId: 'a', clientSecret: 'b', authUrl: 'http://localhost/t' }, vars: {} }), E.isConfigurationError)
    })

    it('environment mode picks the .ai host for the environment', () => {
      const client = new OneRosterClient({ env: 'staging', auth: { clientId: 'a', clientSecret: 'b' }, vars: {} })
      assert.equal(client.baseUrl, 'https://api.staging.alpha-1edtech.ai')
    })

    it('reads everything from vars (a Worker env) with the vendor names', async () => {
      const s = setup()
      const client = new OneRosterClient({
        fetch: s.options.fetch,
        vars: {
          ONEROSTER_BASE_URL: s.options.baseUrl,
          ONEROSTER_TOKEN_URL: s.options.auth.authUrl,
          TIMEBACK_CLIENT_ID: s.options.auth.clientId,
          TIMEBACK_CLIENT_SECRET: s.options.auth.clientSecret,
        },
      })
      assert.ok((await client.users.list({ limit: 1 })).data.length === 1)
    })

    it('rejects a negative timeout or maxRetries', () => {
      const s = setup()
      assert.throws(() => new OneRosterClient({ ...s.options, timeout: -1 }), /timeout/)
      assert.throws(() => new OneRosterClient({ ...s.options, maxRetries: -2 }), /maxRetries/)
    })
  })

  describe('core: bad input fails before any request', () => {
    it('empty, "." and ".." ids are rejected', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      const before = s.emulator.requests.length
      for (const id of ['', '.', '..', '   ']) {
        await assert.rejects(client.users.get(id), E.isInputValidationError)
        await assert.rejects(client.users.delete(id), E.isInputValidationError)
      }
      assert.throws(() => client.users('..'), E.isInputValidationError)
      assert.equal(s.emulator.requests.length, before)
    })

    it('ids with / ? # % space and non-ASCII reach the service exactly as given', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      const id = 'a/b?c#d%e f-é-日本'
      await client.users.create({
        sourcedId: id, enabledUser: true, givenName: 'Odd', familyName: 'Id', email: 'odd@example.com',
        roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: 'seed-school-1' } }],
      })
      const user = await client.users.get(id)
      assert.equal(user.sourcedId, id)
      const sent = s.emulator.requests.filter((r) => r.method === 'GET' && r.path.startsWith(USERS) && r.path !== USERS)
      assert.equal(sent[sent.length - 1]!.path, `${USERS}${encodeURIComponent(id)}`)
      assert.equal(s.emulator.state.get('users', id)?.sourcedId, id)
    })

    it("where: { familyName: \"O'Brien\" } matches O'Brien, escaped in the filter", async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      await client.users.create({
        sourcedId: 'obrien', enabledUser: true, givenName: 'Pat', familyName: "O'Brien", email: 'pat@example.com',
        roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: 'seed-school-1' } }],
      })
      const page = await client.users.list({ where: { familyName: "O'Brien" } })
      assert.ok(page.data.some((u) => u.sourcedId === 'obrien'), 'the created O\'Brien is found')
      assert.ok(page.data.length > 0 && page.data.every((u) => u.familyName === "O'Brien"), 'only O\'Briens match')
      const sent = s.emulator.requests[s.emulator.requests.length - 1]!
      assert.equal(new URL(sent.url).searchParams.get('filter'), "familyName='O''Brien'")
    })

    it('where operators compile to the 1EdTech grammar', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      await client.users.list({
        where: { status: 'active', dateLastModified: { gte: new Date('2026-01-01T00:00:00Z') }, givenName: { in: ['A', 'B'] }, OR: [{ email: { contains: 'x' } }, { grades: '5' }] },
      })
      const sent = s.emulator.requests[s.emulator.requests.length - 1]!
      assert.equal(
        new URL(sent.url).searchParams.get('filter'),
        "status='active' AND dateLastModified>='2026-01-01T00:00:00.000Z' AND (givenName='A' OR givenName='B') AND (email~'x' OR grades='5')",
      )
    })

    it("a where field such as \"role' OR '1'='1\" is an InputValidationError naming it", async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      const before = s.emulator.requests.length
      const error = await assert.rejects(client.users.list({ where: { "role' OR '1'='1": 'x' } as never }), E.isInputValidationError)
      assert.match(error.issues[0].path, /^where\.role' OR/)
      await assert.rejects(client.users.list({ where: { role: { like: 'x' } } as never }), /unknown operator 'like'/)
      await assert.rejects(client.users.list({ limit: 5000 }), /limit: must be an integer from 1 to 3000/)
      await assert.rejects(client.users.list({ sort: 'name; drop' }), E.isInputValidationError)
      assert.equal(s.emulator.requests.length, before)
    })

    it('a create missing required fields names every one of them', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      const before = s.emulator.requests.length
      const error = await assert.rejects(client.users.create({ givenName: 'Only' } as never), E.isInputValidationError)
      const paths = error.issues.map((i: { path: string }) => i.path)
      for (const field of ['user.enabledUser', 'user.familyName', 'user.roles', 'user.email']) {
        assert.ok(paths.includes(field), `${field} in ${paths.join(', ')}`)
      }
      assert.equal(s.emulator.requests.length, before)
    })
  })
}

export default suite
