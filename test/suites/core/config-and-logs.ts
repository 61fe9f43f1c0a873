// Configuration that cannot send secrets in clear, headers that neither leak into logs nor collide with the
// client's own, bodies logged with their secrets hidden, and error text a hostile server cannot dress up.

import type { Assert, Suite } from '../../harness/types.ts'

const USERS = '/ims/oneroster/rostering/v1p2/users/'
const AUTH = { clientId: 'id', clientSecret: 'secret' }

function student<X extends object = {}>(sourcedId: string, extra: X = {} as X) {
  return {
    sourcedId, enabledUser: true, givenName: 'Ada', familyName: 'Logs', email: `${sourcedId}@example.com`,
    roles: [{ roleType: 'primary' as const, role: 'student' as const, org: { sourcedId: 'seed-school-1' } }], ...extra,
  }
}

const suite: Suite = ({ h, sdk, setup }) => {
  const { describe, it } = h
  // Annotated: TypeScript only narrows through assertion functions declared with an explicit type.
  const assert: Assert = h.assert
  const { OneRosterClient } = sdk.oneroster
  const E = sdk.errors

  describe('core: base and token URLs', () => {
    it('http is refused off loopback unless allowInsecureHttp; loopback hosts need nothing', () => {
      const make = (baseUrl: string, authUrl = 'https://idp.example/token', allowInsecureHttp?: boolean) =>
        new OneRosterClient({ baseUrl, auth: { ...AUTH, authUrl }, vars: {}, ...(allowInsecureHttp ? { allowInsecureHttp } : {}) })
      for (const host of ['http://api.example.com', 'http://localhost.evil.example', 'http://127.0.0.1.nip.io', 'http://10.0.0.5:8080']) {
        const error = assert.throws(() => make(host), E.isConfigurationError, host)
        assert.match(error.message, /^baseUrl must use https .*allowInsecureHttp/)
      }
      assert.match(assert.throws(() => make('https://api.example.com', 'http://idp.example/token'), E.isConfigurationError).message, /^auth\.authUrl must use https/)
      const fromVars = assert.throws(
        () => new OneRosterClient({ vars: { ONEROSTER_BASE_URL: 'http://api.example.com', TIMEBACK_TOKEN_URL: 'https://idp.example/t', TIMEBACK_CLIENT_ID: 'a', TIMEBACK_CLIENT_SECRET: 'b' } }),
        E.isConfigurationError,
      )
      assert.match(fromVars.message, /^ONEROSTER_BASE_URL must use https/)
      assert.equal(make('http://api.example.com', 'http://idp.example/token', true).baseUrl, 'http://api.example.com')
      for (const host of ['http://localhost:1', 'http://LOCALHOST', 'http://127.0.0.5:8080', 'http://[::1]:3000', 'http://tenant.localhost', 'https://api.example.com']) {
        assert.equal(make(host, 'http://127.0.0.1/token').baseUrl, host)
      }
    })

    it('userinfo, a query or a fragment is a ConfigurationError naming the option, never printing the secret', () => {
      const cases: [string, string, RegExp][] = [
        ['https://admin:hunter2@api.example.com', 'https://idp.example/t', /^baseUrl must not contain credentials/],
        ['admin:hunter2@api.example.com', 'https://idp.example/t', /^baseUrl must be an absolute https:\/\/ URL/],
        ['https://api.example.com/?key=hunter2', 'https://idp.example/t', /^baseUrl must not contain a query or fragment/],
        ['https://api.example.com/#hunter2', 'https://idp.example/t', /^baseUrl must not contain a query or fragment/],
        ['https://api.example.com', 'https://id:hunter2@idp.example/t', /^auth\.authUrl must not contain credentials/],
        ['https://api.example.com', 'https://idp.example/t?client_secret=hunter2', /^auth\.authUrl must not contain a query or fragment/],
        ['https://api.example.com', 'http://id:hun/ter2@idp.example/t', /^auth\.authUrl must/],
      ]
      for (const [baseUrl, authUrl, expected] of cases) {
        const error = assert.throws(() => new OneRosterClient({ baseUrl, auth: { ...AUTH, authUrl }, vars: {} }), E.isConfigurationError, `${baseUrl} ${authUrl}`)
        assert.match(error.message, expected)
        assert.ok(!/hunter2|hun\/ter2|ter2/.test(`${error.message} ${JSON.stringify(error)}`), `the secret is not printed: ${error.message}`)
      }
    })
  })

  describe('core: custom headers', () => {
    it('the headers option and per-call headers reach the API but show as [redacted] in hooks and logs', async () => {
      const s = setup()
      const seen: unknown[] = []
      const client = new OneRosterClient({
        ...s.options,
        headers: { 'X-Tenant-Key': 'tenant-key-value-1', 'X-Plain': 'plain-value-2' },
        hooks: { onRequest: (i) => seen.push(i), onResponse: (i) => seen.push(i) },
        logger: { debug: (message, data) => seen.push({ message, data }) },
      })
      await client.users.list({ limit: 1 }, { headers: { 'X-Call': 'call-value-3' } })
      const sent = s.emulator.requests.filter((r) => r.path === USERS)
      assert.equal(sent.length, 1)
      assert.deepEqual([sent[0]!.headers['x-tenant-key'], sent[0]!.headers['x-plain'], sent[0]!.headers['x-call']], ['tenant-key-value-1', 'plain-value-2', 'call-value-3'])
      const token = s.emulator.requests.find((r) => r.url.startsWith(s.emulator.tokenUrl))
      assert.ok(token && token.headers['x-tenant-key'] === undefined, 'the token URL gets none of them')
      const text = JSON.stringify(seen)
      assert.ok(seen.length >= 6, 'hooks and logger saw the traffic')
      for (const value of ['tenant-key-value-1', 'plain-value-2', 'call-value-3']) assert.ok(!text.includes(value), `${value} leaked: ${text.slice(0, 300)}`)
      assert.match(text, /"x-plain":"\[redacted\]"/)
    })

    it('an Authorization header from the caller, in any case, is refused; exactly one Authorization reaches fetch', async () => {
      const s = setup()
      const inner = s.options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init))
      const sent: Record<string, string>[] = []
      const recording = ((input: RequestInfo | URL, init?: RequestInit) => {
        sent.push({ ...(init?.headers as Record<string, string>) })
        return inner(input, init)
      }) as typeof fetch
      const client = new OneRosterClient({ ...s.options, fetch: recording })
      for (const name of ['AUTHORIZATION', 'authorization', 'Authorization']) {
        const error = await assert.rejects(client.users.list({ limit: 1 }, { headers: { [name]: 'Bearer stolen' } }), E.isInputValidationError)
        assert.equal(error.issues[0].path, `headers.${name}`)
      }
      assert.equal(sent.length, 0, 'nothing was sent')
      assert.throws(() => new OneRosterClient({ ...s.options, headers: { Authorization: 'Bearer x' } }), /headers\.Authorization/)

      await client.users.create(student('one-auth'), { headers: { 'X-Request-ID': 'my-trace-1', 'Content-Type': 'text/plain' } })
      const post = sent[sent.length - 1]!
      for (const name of ['authorization', 'x-request-id', 'content-type']) {
        assert.equal(Object.keys(post).filter((k) => k.toLowerCase() === name).length, 1, `one ${name} key in ${JSON.stringify(Object.keys(post))}`)
      }
      const headers = new Headers(post)
      assert.match(headers.get('authorization')!, /^Bearer (?!stolen)\S+$/)
      assert.equal(headers.get('x-request-id'), 'my-trace-1')
      assert.equal(headers.get('content-type'), 'application/json')
      assert.equal(s.emulator.state.get('users', 'one-auth')?.sourcedId, 'one-auth')
    })
  })

  describe('core: logBodies hides secrets', () => {
    it('secret fields are [redacted] at any depth in request and response bodies; the caller object is untouched', async () => {
      const s = setup()
      const requests: { url: string; body?: unknown }[] = []
      const responses: { url: string; body?: unknown }[] = []
      const client = new OneRosterClient({ ...s.options, logBodies: true, hooks: { onRequest: (i) => requests.push(i), onResponse: (i) => responses.push(i) } })
      const input = student('logged-1', { password: 'pw-top-1', metadata: { app: { apiKey: 'key-deep-2', nested: [{ client_secret: 'cs-3', refresh_token: 'rt-4', note: 'kept' }] } } })
      await client.users.create(input)
      await client.users.get('logged-1')
      const post = requests.find((i) => i.url.endsWith(USERS))!.body as { user: Record<string, any> }
      assert.equal(post.user.sourcedId, 'logged-1')
      assert.equal(post.user.password, '[redacted]')
      assert.deepEqual(post.user.metadata.app.nested, [{ client_secret: '[redacted]', refresh_token: '[redacted]', note: 'kept' }])
      const got = responses.find((i) => i.url.endsWith('/users/logged-1'))!.body as { user: Record<string, any> }
      assert.equal(got.user.givenName, 'Ada', 'the answer is logged')
      assert.equal(got.user.password, '[redacted]')
      assert.equal(got.user.metadata.app.apiKey, '[redacted]')
      const text = JSON.stringify([requests, responses])
      for (const secret of ['pw-top-1', 'key-deep-2', 'cs-3', 'rt-4', s.options.auth.clientSecret]) assert.ok(!text.includes(secret), `${secret} leaked`)
      assert.equal(input.password, 'pw-top-1')
      assert.equal(input.metadata.app.nested[0]!.client_secret, 'cs-3')
      assert.equal(s.emulator.state.get('users', 'logged-1')?.password, 'pw-top-1', 'the service got the real value')
    })

    it('a body that cannot be JSON (a cycle, a BigInt) is an InputValidationError before any request', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      const cyclic: Record<string, unknown> = {}
      cyclic.self = cyclic
      const before = s.emulator.requests.length
      for (const metadata of [cyclic, { n: 10n }]) {
        const error = await assert.rejects(client.users.create(student('no-json', { metadata })), E.isInputValidationError)
        assert.match(error.message, /body: cannot be sent as JSON/)
      }
      assert.equal(s.emulator.requests.filter((r) => r.path === USERS).length, 0)
      assert.ok(s.emulator.requests.length - before <= 1, 'at most the token request')
    })

    it('a huge, deep body is logged bounded', async () => {
      const s = setup()
      const logged: unknown[] = []
      const client = new OneRosterClient({ ...s.options, logBodies: true, logger: { debug: (_m, data) => logged.push(data) } })
      let deep: Record<string, unknown> = { end: true }
      for (let i = 0; i < 40; i++) deep = { next: deep }
      const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 'x'.repeat(50)]))
      await client.users.create(student('huge-1', { metadata: { deep, wide, list: Array.from({ length: 20_000 }, (_, i) => i) } }))
      const post = logged.find((d) => (d as { url?: string; body?: unknown }).url?.endsWith(USERS) && (d as { body?: unknown }).body) as { body: unknown }
      assert.ok(post, 'the request body was logged')
      const size = JSON.stringify(post.body).length
      assert.ok(size < 100_000, `logged body is bounded (${size} chars, sent ${JSON.stringify(wide).length + 100_000}+)`)
      assert.equal((s.emulator.state.get('users', 'huge-1')?.metadata as { list: unknown[] }).list.length, 20_000, 'the service got all of it')
    })
  })

  describe('core: error text from a hostile server', () => {
    it('control characters and ANSI escapes never reach an error message', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options, maxRetries: 0 })
      s.emulator.faults.add({ path: USERS, status: 400, body: '{"message":"\\u001b[2J\\u001b[31mhacked\\r\\nfake line\\u0007\\u009b1m\\u202eevil\\u0000"}' })
      const error = await assert.rejects(client.users.list({ limit: 1 }), E.isValidationError)
      for (const text of [error.message, error.description, String(error), JSON.stringify(error)]) {
        assert.ok(!/[\u0000-\u001f\u007f-\u009f\u202e]/.test(text), `clean: ${JSON.stringify(text)}`)
      }
      assert.match(error.message, /^GET \/ims\/oneroster\/rostering\/v1p2\/users\/ → 400 Bad Request: hacked fake line ?evil \(request id /)
      assert.equal(new E.ConnectionError('a\r\nb\u001b[0m').message, 'a b')
    })

    it('an input error on a secret-named field never prints the value it received', async () => {
      const s = setup()
      const client = new OneRosterClient({ ...s.options })
      const error = await assert.rejects(client.users.create(student('bad-pw', { password: 987654321 as never })), E.isInputValidationError)
      assert.equal(error.issues[0].path, 'user.password')
      assert.match(error.message, /user\.password: .*\[redacted\]/)
      const scoped = await assert.rejects(
        () => client.users('x').credentials.register({ applicationName: 'app', credentials: { username: 'u', password: 135792468 as never } }),
        E.isInputValidationError,
      )
      for (const e of [error, scoped]) {
        const text = `${e.message} ${JSON.stringify(e)} ${e.stack}`
        assert.ok(!text.includes('987654321') && !text.includes('135792468'), text)
      }
      const plain = await assert.rejects(client.users.create(student('bad-name', { givenName: 24680 as never })), E.isInputValidationError)
      assert.match(plain.message, /24680/, 'other fields still say what they got')
    })
  })
}

export default suite
