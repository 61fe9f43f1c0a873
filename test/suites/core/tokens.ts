// Tokens as a Worker uses them: a client (and a store object) built per request, stores that hang, throw or
// lie, identity providers that answer strangely. Token counts come from the emulator's request log.

import type { Assert, Setup, Suite } from '../../harness/types.ts'

type StoredToken = { accessToken: string; expiresAt: number; refreshAt: number }

function tokenRequests(setup: Setup): number {
  return setup.emulator.requests.filter((r) => r.url.startsWith(setup.emulator.tokenUrl)).length
}

/** A store over a Map that records every call, optionally misbehaving. */
function recordingStore(behaviour: { get?: () => unknown; set?: () => unknown } = {}) {
  const map = new Map<string, StoredToken>()
  const calls = { get: 0, keys: [] as string[], set: [] as { key: string; token: StoredToken; ttl: number }[], delete: 0 }
  return {
    map,
    calls,
    get(key: string) {
      calls.get++
      calls.keys.push(key)
      return behaviour.get ? (behaviour.get() as StoredToken | undefined) : map.get(key)
    },
    set(key: string, token: StoredToken, ttl: number) {
      calls.set.push({ key, token, ttl })
      if (behaviour.set) return behaviour.set() as Promise<void>
      map.set(key, token)
    },
    delete(key: string) {
      calls.delete++
      map.delete(key)
    },
  }
}

const never = () => new Promise<never>(() => {})

const suite: Suite = ({ h, sdk, setup }) => {
  const { describe, it } = h
  const assert: Assert = h.assert
  const { OneRosterClient } = sdk.oneroster
  const E = sdk.errors

  describe('core: tokens shared the way Workers build clients', () => {
    it('50 concurrent calls, each on its own client and store object, fetch one token', async () => {
      const s = setup()
      await Promise.all(Array.from({ length: 50 }, () =>
        new OneRosterClient({ ...s.options, tokenStore: recordingStore() }).users.list({ limit: 1 })))
      assert.equal(tokenRequests(s), 1)
    })

    it('a client built per request without a store reuses the isolate token', async () => {
      const s = setup()
      for (let i = 0; i < 5; i++) await new OneRosterClient({ ...s.options }).users.list({ limit: 1 })
      assert.equal(tokenRequests(s), 1)
    })

    it('a warm isolate does not read the shared store', async () => {
      const s = setup()
      const first = recordingStore()
      await new OneRosterClient({ ...s.options, tokenStore: first }).users.list({ limit: 1 })
      const second = recordingStore()
      await new OneRosterClient({ ...s.options, tokenStore: second }).users.list({ limit: 1 })
      assert.equal(first.calls.get, 1, 'the cold call looked in the store once')
      assert.equal(second.calls.get, 0, 'the warm call was served from memory')
      assert.equal(tokenRequests(s), 1)
    })

    it('a token in the shared store (another isolate fetched it) is used without a token request', async () => {
      const s = setup()
      const shared = recordingStore()
      await new OneRosterClient({ ...s.options, tokenStore: shared }).users.list({ limit: 1 })
      sdk.oneroster.clearTokenCache() // a fresh isolate: nothing in memory
      const reader = recordingStore()
      reader.map.set(shared.calls.set[0]!.key, shared.calls.set[0]!.token)
      await new OneRosterClient({ ...s.options, tokenStore: reader }).users.list({ limit: 1 })
      assert.equal(reader.calls.get, 1)
      assert.equal(tokenRequests(s), 1, 'only the first isolate asked for a token')
    })
  })

  describe('core: the token cache key', () => {
    it('two clients sharing a store, one with a wrong secret, do not share a token', async () => {
      const s = setup()
      const tokenStore = recordingStore()
      await new OneRosterClient({ ...s.options, tokenStore }).users.list({ limit: 1 })
      const wrong = new OneRosterClient({ ...s.options, tokenStore, auth: { ...s.options.auth, clientSecret: 'not-the-secret' } })
      await assert.rejects(wrong.users.list({ limit: 1 }), E.isAuthenticationError)
    })

    it('client id and scope cannot be shifted into each other ("a|b"+"c" vs "a"+"b|c")', async () => {
      const s = setup()
      const tokenStore = recordingStore()
      for (const [clientId, scope] of [['a|b', 'c'], ['a', 'b|c']]) {
        const client = new OneRosterClient({ ...s.options, tokenStore, auth: { ...s.options.auth, clientId: clientId!, scope } })
        await client.users.list({ limit: 1 }).catch(() => undefined) // the emulator refuses both; the keys were asked for
      }
      assert.equal(tokenStore.calls.keys.length, 2)
      assert.notEqual(tokenStore.calls.keys[0], tokenStore.calls.keys[1])
    })

    it('neither the key nor the stored value contains the secret', async () => {
      const s = setup()
      const tokenStore = recordingStore()
      await new OneRosterClient({ ...s.options, tokenStore }).users.list({ limit: 1 })
      assert.equal(tokenStore.calls.set.length, 1)
      const written = JSON.stringify(tokenStore.calls.set)
      assert.ok(!written.includes(s.options.auth.clientSecret), written)
      assert.ok(!written.includes(s.options.auth.clientId), 'the key is a digest, not the client id in clear')
    })
  })

  describe('core: waiting for a token honours the call', () => {
    it('a call with a short timeout stops waiting for a slow identity provider; the fetch goes on for others', async () => {
      const s = setup()
      s.emulator.faults.add({ path: '/token', includeToken: true, delayMs: 400, times: 1 })
      // The patient call starts the token fetch; the impatient one joins it and must not wait it out.
      const patient = new OneRosterClient({ ...s.options }).users.list({ limit: 1 }, { timeout: 10_000 })
      const impatient = new OneRosterClient({ ...s.options }).users.list({ limit: 1 }, { timeout: 50 })
      const error = await assert.rejects(impatient, E.isTimeoutError)
      assert.equal(error.timeoutMs, 50)
      assert.equal((await patient).data.length, 1)
      assert.equal(tokenRequests(s), 1)
    })

    it("the caller's abort signal ends the wait with an AbortError", async () => {
      const s = setup()
      s.emulator.faults.add({ path: '/token', includeToken: true, delayMs: 400, times: 1 })
      const controller = new AbortController()
      const first = new OneRosterClient({ ...s.options }).users.list({ limit: 1 })
      const joiner = new OneRosterClient({ ...s.options }).users.list({ limit: 1 }, { signal: controller.signal })
      controller.abort(new Error('user left'))
      await assert.rejects(joiner, E.isAbortError)
      assert.equal((await first).data.length, 1)
    })

    it('a store get that never answers is bounded by the deadline and does not poison later calls', async () => {
      const s = setup()
      const hung = recordingStore({ get: never })
      const warnings: string[] = []
      const logger = { warn: (m: string) => warnings.push(m) }
      await assert.rejects(new OneRosterClient({ ...s.options, tokenStore: hung, logger }).users.list({ limit: 1 }, { timeout: 100 }), E.isTimeoutError)
      const page = await new OneRosterClient({ ...s.options, tokenStore: hung, logger }).users.list({ limit: 1 })
      assert.equal(page.data.length, 1)
      assert.equal(tokenRequests(s), 1)
      assert.equal(warnings.length, 1, warnings.join('; '))
      assert.match(warnings[0]!, /token store get did not answer/)
    })

    it('a store set that never answers delays no call and poisons nothing', async () => {
      const s = setup()
      const hung = recordingStore({ set: never })
      const logger = { warn: () => {} } // the write's timeout is reported, not printed
      for (let i = 0; i < 3; i++) {
        const page = await new OneRosterClient({ ...s.options, tokenStore: hung, logger }).users.list({ limit: 1 }, { timeout: 1_000 })
        assert.equal(page.data.length, 1)
      }
      assert.equal(tokenRequests(s), 1)
    })
  })

  describe('core: a broken store is a miss, logged once', () => {
    const broken: [string, () => unknown][] = [
      ['throws', () => { throw new Error('KV exploded') }],
      ['rejects', () => Promise.reject(new Error('KV exploded'))],
      ['returns a string', () => 'garbage-value'],
      ['returns wrong types', () => ({ accessToken: 42, expiresAt: 'soon', refreshAt: null })],
      ['returns no expiry', () => ({ accessToken: 'forged-token' })],
    ]
    for (const [name, get] of broken) {
      it(`a store that ${name} falls back to a fresh token, with one warning for many calls`, async () => {
        const s = setup()
        const warnings: string[] = []
        const store = recordingStore({ get })
        const logger = { warn: (m: string) => warnings.push(m) }
        for (let i = 0; i < 3; i++) {
          s.emulator.faults.revokeTokens() // each call must go back to the store
          const page = await new OneRosterClient({ ...s.options, tokenStore: store, logger }).users.list({ limit: 1 })
          assert.equal(page.data.length, 1)
        }
        assert.ok(store.calls.get >= 2, `the store was consulted (${store.calls.get})`)
        assert.equal(warnings.length, 1, warnings.join('; '))
        assert.ok(!warnings[0]!.includes('forged-token') && !warnings[0]!.includes('garbage-value'), 'the warning does not echo the value')
      })
    }
  })

  describe("core: the identity provider's answer", () => {
    const expiry = async (expiresIn: string, s: Setup) => {
      s.emulator.faults.add({ path: '/token', includeToken: true, status: 200, body: `{"access_token":"tok-${Math.random()}","expires_in":${expiresIn}}` })
      const store = recordingStore()
      // The token is fake, so the API call fails with 401 after one refresh; the store saw what was cached.
      await new OneRosterClient({ ...s.options, tokenStore: store }).users.list({ limit: 1 }).catch(() => undefined)
      const first = store.calls.set[0]!
      return { lifetimeS: (first.token.expiresAt - Date.now()) / 1000, ttl: first.ttl }
    }

    it('a missing expires_in means an hour', async () => {
      const { lifetimeS, ttl } = await expiry('null', setup())
      assert.ok(lifetimeS > 3590 && lifetimeS <= 3600, String(lifetimeS))
      assert.equal(ttl, 3600)
    })

    for (const value of ['0', '-50', '1']) {
      it(`expires_in ${value} is raised to a short floor, and the store TTL stays valid for KV`, async () => {
        const { lifetimeS, ttl } = await expiry(value, setup())
        assert.ok(lifetimeS >= 20 && lifetimeS <= 30, String(lifetimeS))
        assert.ok(ttl >= 60 && Number.isInteger(ttl), String(ttl))
      })
    }

    it('a huge expires_in is capped to a day', async () => {
      const { lifetimeS, ttl } = await expiry('1e400', setup())
      assert.ok(lifetimeS <= 86_400 && lifetimeS > 86_000, String(lifetimeS))
      assert.ok(ttl <= 86_400 && Number.isInteger(ttl), String(ttl))
    })

    const leaky = 'LEAKED-ACCESS-TOKEN-TEXT'
    for (const [name, body] of [
      ['a body that is not JSON', `access_token=${leaky}&expires_in=3600`],
      ['an HTML page', `<html><body>${leaky}</body></html>`],
      ['JSON without access_token', `{"token":"${leaky}","expires_in":3600}`],
      ['an empty access_token', `{"access_token":"","note":"${leaky}"}`],
    ]) {
      it(`${name} is an AuthenticationError that carries none of the answer`, async () => {
        const s = setup()
        s.emulator.faults.add({ path: '/token', includeToken: true, status: 200, body: body! })
        const error = await assert.rejects(new OneRosterClient({ ...s.options }).users.list({ limit: 1 }), E.isAuthenticationError)
        const text = `${error.message}\n${error.stack}\n${JSON.stringify(error)}\n${JSON.stringify(error.body ?? null)}`
        assert.ok(!text.includes(leaky), text.slice(0, 300))
        assert.match(error.message, /check auth\.authUrl/)
      })
    }

    it('a redirect from the token URL is refused: the secret is never re-posted', async () => {
      const s = setup()
      const seen: string[] = []
      const base = s.options.fetch ?? fetch
      const evil = 'http://127.0.0.1:9/steal'
      // Behaves like fetch: follows the redirect itself unless the request says redirect: 'manual'.
      const redirecting = (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
        const url = input instanceof Request ? input.url : String(input)
        seen.push(url)
        if (url === evil) return Response.json({ access_token: 'attacker-token', expires_in: 3600 })
        if (url !== s.options.auth.authUrl) return base(input, init)
        if ((init?.redirect ?? 'follow') === 'follow') return redirecting(evil, init)
        return new Response(null, { status: 307, headers: { location: evil } })
      }) as typeof fetch
      const error = await assert.rejects(new OneRosterClient({ ...s.options, fetch: redirecting }).users.list({ limit: 1 }), E.isAuthenticationError)
      assert.ok(!seen.includes(evil), `the redirect was followed: ${seen.join(', ')}`)
      assert.match(error.message, /redirect/i)
    })
  })
}

export default suite
