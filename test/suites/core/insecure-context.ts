// Pages that are not a secure context (plain http off localhost) have no crypto.randomUUID and no crypto.subtle.
// Random UUIDs (the SDK's request ids and generated sourcedIds, the emulator's ids) fall back to getRandomValues:
// checked on both helpers and end to end with randomUUID hidden from the runtime. The OAuth token cache key is a
// SHA-256 of the secret and has no sound fallback: without subtle a call fails before any request, saying why.

import { randomUUID, uuidFromRandomValues } from '../../../src/core/uuid.ts'
import { randomUUID as emulatorUUID } from '../../../src/testing/uuid.ts'
import type { Assert, Suite } from '../../harness/types.ts'

// RFC 9562 version 4: version nibble 4, variant bits 10 (first hex digit of the fourth group is 8, 9, a or b).
const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const COUNT = 2000

/** Shadows `names` on the runtime's `crypto` with `undefined` (as on an insecure page) while `work` runs, counting getRandomValues calls. */
async function withoutCrypto<T>(names: readonly ('randomUUID' | 'subtle')[], work: (randomValuesCalls: () => number) => T | Promise<T>): Promise<T> {
  const c = globalThis.crypto
  const original = c.getRandomValues.bind(c)
  let calls = 0
  for (const name of names) Object.defineProperty(c, name, { value: undefined, configurable: true, writable: true })
  Object.defineProperty(c, 'getRandomValues', {
    value: <A extends ArrayBufferView | null>(array: A) => ((calls += 1), original(array as never) as A),
    configurable: true,
    writable: true,
  })
  try {
    return await work(() => calls)
  } finally {
    for (const name of names) delete (c as { randomUUID?: unknown; subtle?: unknown })[name]
    delete (c as { getRandomValues?: unknown }).getRandomValues
  }
}

const suite: Suite = ({ h, sdk, setup }) => {
  const { describe, it } = h
  const assert: Assert = h.assert

  /** Format, uniqueness and that every random position varies, over COUNT ids from `make`. */
  const checkMany = (make: () => string, label: string) => {
    const ids = Array.from({ length: COUNT }, make)
    for (const id of ids) assert.match(id, V4, `${label}: ${id}`)
    assert.equal(new Set(ids).size, COUNT, `${label}: ${COUNT} distinct ids`)
    // The variant digit carries two random bits: all four values show up (a stuck bit would miss two of them).
    assert.deepEqual([...new Set(ids.map((id) => id[19]))].sort(), ['8', '9', 'a', 'b'], `${label}: variant digit`)
    // Every other hex position except the version digit takes more than one value.
    for (let i = 0; i < 36; i++) {
      if (i === 8 || i === 13 || i === 18 || i === 23 || i === 14) continue
      assert.ok(new Set(ids.map((id) => id[i])).size > 1, `${label}: position ${i} varies`)
    }
  }

  describe('core: pages that are not a secure context (no crypto.randomUUID, no crypto.subtle)', () => {
    it('randomUUID() and the getRandomValues fallback give distinct version-4 UUIDs', () => {
      checkMany(randomUUID, 'randomUUID')
      checkMany(uuidFromRandomValues, 'fallback')
      checkMany(emulatorUUID, 'emulator')
    })

    it('with crypto.randomUUID hidden, both helpers build v4 UUIDs from getRandomValues', async () => {
      await withoutCrypto(['randomUUID'], (calls) => {
        assert.equal(typeof crypto.randomUUID, 'undefined', 'hidden for the test')
        checkMany(randomUUID, 'SDK, hidden')
        assert.equal(calls(), COUNT, 'one getRandomValues call per SDK id')
        checkMany(emulatorUUID, 'emulator, hidden')
        assert.equal(calls(), 2 * COUNT, 'one getRandomValues call per emulator id')
      })
      assert.equal(typeof crypto.randomUUID, 'function', 'restored after the test')
    })

    it('with crypto.randomUUID hidden, an emulator and a OneRoster client still work: request ids and generated sourcedIds are v4', async () => {
      await withoutCrypto(['randomUUID'], async (calls) => {
        const s = setup()
        const client = new sdk.oneroster.OneRosterClient({ ...s.options, maxRetries: 0 })
        const page = await client.users.list({ limit: 2 })
        assert.equal(page.data.length, 2)
        const created = await client.academicSessions.create({ title: 'Fallback term', type: 'term', startDate: '2026-01-05', endDate: '2026-05-29', schoolYear: '2026', org: { sourcedId: 'seed-school-1' } })
        assert.match(created.sourcedId, V4, 'the generated sourcedId')
        const ids = s.emulator.requests.map((r) => r.headers['x-request-id'])
        assert.ok(ids.length >= 3, `token, list and create were sent (${ids.length})`)
        for (const id of ids) assert.match(String(id), V4, 'every request id')
        assert.ok(calls() >= ids.length + 1, `getRandomValues made the ids (${calls()} calls)`)
      })
    })

    it('without crypto.subtle, an OAuth call fails before any request with a ConfigurationError that says to serve the page over https or from localhost', async () => {
      const { isConfigurationError } = sdk.errors
      await withoutCrypto(['randomUUID', 'subtle'], async () => {
        assert.equal(crypto.subtle, undefined, 'hidden for the test')
        const s = setup()
        const client = new sdk.oneroster.OneRosterClient({ ...s.options, maxRetries: 0 })
        const error = await assert.rejects(client.users.list({ limit: 1 }), isConfigurationError)
        assert.equal(error.message, 'Hashing the token cache key: this page is not a secure context (crypto.subtle is missing): serve it over https or from localhost.')
        assert.doesNotMatch(error.message, new RegExp(s.options.auth.clientSecret), 'the secret is not in the message')
        assert.deepEqual(s.emulator.requests, [], 'nothing was sent, not even the token request')
      })
      assert.equal(typeof crypto.subtle?.digest, 'function', 'restored after the test')
    })

    it('without crypto.subtle or randomUUID, a public route needs neither: CLR discovery works, with a v4 request id', async () => {
      await withoutCrypto(['randomUUID', 'subtle'], async () => {
        const { emulator, options } = setup()
        const reach = options.fetch ? { fetch: options.fetch } : {}
        const client = new sdk.clr.ClrClient({ baseUrl: emulator.services.clr, maxRetries: 0, vars: {}, ...reach })
        const doc = await client.discovery()
        assert.equal(doc.openapi, '3.0.1')
        assert.deepEqual(emulator.requests.map((r) => `${r.method} ${r.path}`), ['GET /ims/clr/v2p0/discovery/'])
        assert.match(String(emulator.requests[0]!.headers['x-request-id']), V4)
      })
    })
  })
}

export default suite
