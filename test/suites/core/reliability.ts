// Retries, token refresh, timeouts and aborts, seen from the outside: a OneRoster client against the
// emulator with injected faults. Delays come from Retry-After: 0 where the test is not about the delay.

import type { Assert, Setup, Suite } from '../../harness/types.ts'

const USERS = '/ims/oneroster/rostering/v1p2/users/'

function tokenRequests(setup: Setup): number {
  return setup.emulator.requests.filter((r) => r.url.startsWith(setup.emulator.tokenUrl)).length
}
function apiRequests(setup: Setup, path = USERS, method = 'GET'): number {
  return setup.emulator.requests.filter((r) => r.method === method && r.path === path).length
}

const suite: Suite = ({ h, sdk, setup }) => {
  const { describe, it } = h
  // Annotated: TypeScript only narrows through assertion functions declared with an explicit type.
  const assert: Assert = h.assert
  const { OneRosterClient } = sdk.oneroster
  const E = sdk.errors

  describe('core: retries', () => {
    it('honours Retry-After on 429 and then succeeds', async () => {
      const s = setup()
      const delays: number[] = []
      const client = new OneRosterClient({ ...s.options, hooks: { onRetry: (r) => delays.push(r.delayMs) } })
      s.emulator.faults.add({ path: USERS, status: 429, retryAfter: 1, times: 1 })
      const page = await client.users.list({ limit: 2 })
      assert.equal(page.data.length, 2)
      assert.deepEqual(delays, [1000])
      assert.equal(apiRequests(s), 2)
    })

    it('503, 503, 200 succeeds on the third attempt', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      const fault = s.emulator.faults.add({ path: USERS, status: 503, retryAfter: 0, times: 2 })
      const page = await client.users.list({ limit: 1 })
      assert.equal(page.data.length, 1)
      assert.equal(fault.hits, 2)
      assert.equal(apiRequests(s), 3)
    })

    it('gives up after maxRetries with a ServerError carrying the status', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options, maxRetries: 1 })
      s.emulator.faults.add({ path: USERS, status: 503, retryAfter: 0, times: Infinity })
      const error = await assert.rejects(client.users.list(), E.isServerError)
      assert.equal(error.status, 503)
      assert.equal(apiRequests(s), 2)
    })

    it('ends in RateLimitError with retryAfter when 429s persist', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options, maxRetries: 0 })
      s.emulator.faults.add({ path: USERS, status: 429, retryAfter: 7, times: Infinity })
      const error = await assert.rejects(client.users.list(), E.isRateLimitError)
      assert.equal(error.retryAfter, 7)
    })

    it('does not retry a POST that got a 500', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      s.emulator.faults.add({ method: 'POST', path: USERS, status: 500, times: Infinity })
      await assert.rejects(client.users.create(newUser('post-500')), E.isServerError)
      assert.equal(apiRequests(s, USERS, 'POST'), 1)
    })

    it('retries a POST that got a 503 (the service did not act on it)', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      s.emulator.faults.add({ method: 'POST', path: USERS, status: 503, retryAfter: 0, times: 1 })
      const created = await client.users.create(newUser('post-503'))
      assert.equal(created.sourcedId, 'post-503')
      assert.equal(apiRequests(s, USERS, 'POST'), 2)
    })

    it('retries a GET after a dropped connection, but not a POST', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      s.emulator.faults.add({ method: 'GET', path: USERS, drop: true, times: 1 })
      assert.equal((await client.users.list({ limit: 1 })).data.length, 1)
      s.emulator.faults.add({ method: 'POST', path: USERS, drop: true, times: 1 })
      await assert.rejects(client.users.create(newUser('dropped')), E.isConnectionError)
      assert.equal(await client.users.exists('dropped'), false)
    })

    it('sends the same X-Request-ID on every attempt of a call and a new one per call', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      s.emulator.faults.add({ path: USERS, status: 503, retryAfter: 0, times: 1 })
      await client.users.list({ limit: 1 })
      await client.users.list({ limit: 1 })
      const ids = s.emulator.requests.filter((r) => r.path === USERS).map((r) => r.headers['x-request-id'])
      assert.equal(ids.length, 3)
      assert.ok(ids.every((id) => typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)), 'uuid request ids')
      assert.equal(ids[0], ids[1])
      assert.notEqual(ids[1], ids[2])
    })
  })

  describe('core: tokens', () => {
    it('fetches one token for many concurrent calls on a cold client', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      await Promise.all(Array.from({ length: 50 }, () => client.users.list({ limit: 1 })))
      assert.equal(tokenRequests(s), 1)
    })

    it('a revoked token causes exactly one refresh and one retry', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      await client.users.list({ limit: 1 })
      s.emulator.faults.revokeTokens()
      s.emulator.clearRequests()
      await client.users.list({ limit: 1 })
      assert.equal(tokenRequests(s), 1)
      assert.equal(apiRequests(s), 2)
    })

    it('a persistent 401 ends in AuthenticationError after one refresh', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      s.emulator.faults.add({ path: USERS, status: 401, times: Infinity })
      const error = await assert.rejects(client.users.list(), E.isAuthenticationError)
      assert.equal(error.status, 401)
      assert.equal(tokenRequests(s), 2)
      assert.equal(apiRequests(s), 2)
    })

    it('wrong credentials end in AuthenticationError naming the fix, without the secret', async () => {
      const s = setup()
      const secret = 'wrong-secret-value-123'
      const client = new OneRosterClient({ ...s.options, auth: { ...s.options.auth, clientSecret: secret } })
      const error = await assert.rejects(client.users.list(), E.isAuthenticationError)
      assert.match(error.message, /client id and secret/)
      assert.ok(!JSON.stringify(error).includes(secret) && !String(error.stack).includes(secret))
    })

    it('a token store shared by two clients shares the token', async () => {
      const s = setup()
      const tokenStore = new sdk.oneroster.MemoryTokenStore()
      const a = new OneRosterClient({ ...s.options, tokenStore })
      const b = new OneRosterClient({ ...s.options, tokenStore })
      await a.users.list({ limit: 1 })
      await b.users.list({ limit: 1 })
      assert.equal(tokenRequests(s), 1)
    })
  })

  describe('core: deadlines and aborts', () => {
    it('a slow answer past `timeout` is a TimeoutError, not an AbortError', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      s.emulator.faults.add({ path: USERS, delayMs: 5_000, times: 1 })
      const error = await assert.rejects(client.users.list({}, { timeout: 50 }), E.isTimeoutError)
      assert.ok(!E.isAbortError(error))
      assert.equal(error.timeoutMs, 50)
    })

    it('the caller aborting is an AbortError carrying the reason', async () => {
      const s = setup()
      const controller = new AbortController()
      const client = new OneRosterClient({
        ...s.options,
        hooks: { onRequest: (info) => { if (info.url.includes('/users/')) controller.abort(new Error('user left')) } },
      })
      s.emulator.faults.add({ path: USERS, delayMs: 5_000, times: 1 })
      const error = await assert.rejects(client.users.list({}, { signal: controller.signal }), E.isAbortError)
      assert.equal((error.cause as Error).message, 'user left')
    })

    it('aborting during the backoff sleep ends the call at once', async () => {
      const s = setup()
      const controller = new AbortController()
      const client = new OneRosterClient({ ...s.options, hooks: { onRetry: () => controller.abort() } })
      s.emulator.faults.add({ path: USERS, status: 503, retryAfter: 30, times: 1 })
      await assert.rejects(client.users.list({}, { signal: controller.signal, timeout: 120_000 }), E.isAbortError)
      assert.equal(apiRequests(s), 1)
    })

    it('does not wait for a Retry-After that outlives the deadline', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      s.emulator.faults.add({ path: USERS, status: 503, retryAfter: 30, times: 1 })
      const error = await assert.rejects(client.users.list({}, { timeout: 1_000 }), E.isServerError)
      assert.equal(error.status, 503)
      assert.equal(apiRequests(s), 1)
    })
  })

  describe('core: broken bodies', () => {
    it('an HTML page instead of JSON is a ServerError with a short preview', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      s.emulator.faults.add({ path: USERS, body: 'html', times: 1 })
      const error = await assert.rejects(client.users.list(), E.isServerError)
      assert.match(error.message, /<html/i)
      assert.ok(error.message.length < 400, `message is short (${error.message.length})`)
    })

    it('a truncated JSON body is a ServerError, not a crash or partial data', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      s.emulator.faults.add({ path: USERS, body: 'truncated', times: 1 })
      const error = await assert.rejects(client.users.list(), E.isServerError)
      assert.equal(error.code, 'invalid_response')
    })
  })

  describe('core: streaming', () => {
    it('a 503 in the middle of stream() is retried and every record comes exactly once', async () => {
      const s = setup()
      s.emulator.state.seedUsers(95)
      const expected = s.emulator.state.list('users').map((u: { sourcedId: string }) => u.sourcedId)
      const client = new OneRosterClient({ ...s.options })
      const seen: string[] = []
      for await (const user of client.users.stream({ limit: 10 })) {
        seen.push(user.sourcedId)
        // Fail the next page request once, while the stream is between pages 2 and 3.
        if (seen.length === 15) s.emulator.faults.add({ path: USERS, status: 503, retryAfter: 0, times: 1 })
      }
      assert.equal(seen.length, expected.length)
      assert.equal(new Set(seen).size, seen.length, 'no duplicates')
      assert.deepEqual([...seen].sort(), [...expected].sort())
    })

    it('maxItems caps the stream and listAll', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      const seen: unknown[] = []
      for await (const user of client.users.stream({ limit: 2, maxItems: 5 })) seen.push(user)
      assert.equal(seen.length, 5)
      assert.equal((await client.users.listAll({ limit: 3, maxItems: 4 })).length, 4)
    })
  })
}

function newUser(sourcedId: string) {
  return {
    sourcedId,
    enabledUser: true,
    givenName: 'Ada',
    familyName: 'Lovelace',
    email: `${sourcedId}@example.com`,
    roles: [{ roleType: 'primary' as const, role: 'student' as const, org: { sourcedId: 'seed-school-1' } }],
  }
}

export default suite
