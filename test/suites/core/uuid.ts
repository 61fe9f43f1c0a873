// Random UUIDs without crypto.randomUUID: pages that are not a secure context (plain http off localhost) lack it,
// so the SDK's request ids and generated sourcedIds, and the emulator's ids, fall back to getRandomValues.
// Checked here on both helpers, and end to end with randomUUID hidden from the runtime.

import { randomUUID, uuidFromRandomValues } from '../../../src/core/uuid.ts'
import { randomUUID as emulatorUUID } from '../../../src/testing/uuid.ts'
import type { Assert, Suite } from '../../harness/types.ts'

// RFC 9562 version 4: version nibble 4, variant bits 10 (first hex digit of the fourth group is 8, 9, a or b).
const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const COUNT = 2000

/** Runs `work` with `crypto.randomUUID` shadowed by `undefined` (as on an insecure page), counting getRandomValues calls. */
async function withoutRandomUUID<T>(work: (randomValuesCalls: () => number) => T | Promise<T>): Promise<T> {
  const c = globalThis.crypto
  const original = c.getRandomValues.bind(c)
  let calls = 0
  Object.defineProperty(c, 'randomUUID', { value: undefined, configurable: true, writable: true })
  Object.defineProperty(c, 'getRandomValues', {
    value: <A extends ArrayBufferView | null>(array: A) => ((calls += 1), original(array as never) as A),
    configurable: true,
    writable: true,
  })
  try {
    return await work(() => calls)
  } finally {
    delete (c as { randomUUID?: unknown }).randomUUID
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

  describe('core: random UUIDs on pages without crypto.randomUUID', () => {
    it('randomUUID() and the getRandomValues fallback give distinct version-4 UUIDs', () => {
      checkMany(randomUUID, 'randomUUID')
      checkMany(uuidFromRandomValues, 'fallback')
      checkMany(emulatorUUID, 'emulator')
    })

    it('with crypto.randomUUID hidden, both helpers build v4 UUIDs from getRandomValues', async () => {
      await withoutRandomUUID((calls) => {
        assert.equal(typeof crypto.randomUUID, 'undefined', 'hidden for the test')
        checkMany(randomUUID, 'SDK, hidden')
        assert.equal(calls(), COUNT, 'one getRandomValues call per SDK id')
        checkMany(emulatorUUID, 'emulator, hidden')
        assert.equal(calls(), 2 * COUNT, 'one getRandomValues call per emulator id')
      })
      assert.equal(typeof crypto.randomUUID, 'function', 'restored after the test')
    })

    it('with crypto.randomUUID hidden, an emulator and a OneRoster client still work: request ids and generated sourcedIds are v4', async () => {
      await withoutRandomUUID(async (calls) => {
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
  })
}

export default suite
