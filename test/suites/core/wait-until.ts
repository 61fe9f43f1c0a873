// The `waitUntil` option: the work the SDK starts and does not wait for (the token store write, a background
// refresh, the delete of a rejected token) is handed to the platform's keep-alive (a Worker's ctx.waitUntil),
// because Cloudflare may cancel un-awaited work once the response is sent.

import type { Assert, Suite } from '../../harness/types.ts'

type StoredToken = { accessToken: string; expiresAt: number; refreshAt: number }

/** A store whose writes wait for `release()` (or for ever, with `hang`), recording what landed. */
function gatedStore(hang = false) {
  const map = new Map<string, StoredToken>()
  let release!: () => void
  const gate = new Promise<void>((resolve) => { release = resolve })
  return {
    map,
    release: () => release(),
    get: (key: string) => map.get(key),
    set: (key: string, token: StoredToken) => (hang ? new Promise<void>(() => {}) : gate.then(() => { map.set(key, token) })),
    delete: (key: string) => { map.delete(key) },
  }
}

/** A waitUntil that records what it was given and whether each promise has settled. */
function recorder() {
  const handed: { promise: Promise<unknown>; settled: boolean }[] = []
  const waitUntil = (promise: Promise<unknown>) => {
    const entry = { promise, settled: false }
    handed.push(entry)
    promise.then(() => { entry.settled = true }, () => { entry.settled = true })
  }
  return { handed, waitUntil }
}

/** Polls `condition` until it holds or `ms` pass (for work the test cannot await directly). */
async function eventually(condition: () => boolean, ms: number, what: string, assert: Assert): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** One macrotask: every microtask queued before it (a write that could settle at once) has run. */
const turn = () => new Promise((resolve) => setTimeout(resolve, 0))

const suite: Suite = ({ h, sdk, setup }) => {
  const { describe, it } = h
  const assert: Assert = h.assert
  const { OneRosterClient } = sdk.oneroster
  const E = sdk.errors

  describe('core: waitUntil keeps background token work alive', () => {
    it('the token store write is handed to waitUntil, which settles only once the write has landed', async () => {
      const s = setup()
      const store = gatedStore()
      const { handed, waitUntil } = recorder()
      const warnings: string[] = []
      const page = await new OneRosterClient({ ...s.options, tokenStore: store, waitUntil, logger: { warn: (m: string) => warnings.push(m) } }).users.list({ limit: 1 })
      assert.equal(page.data.length, 1, 'the call answered while the write was still pending')
      assert.equal(handed.length, 1)
      await turn()
      assert.equal(handed[0]!.settled, false, 'pending while the write is')
      assert.equal(store.map.size, 0)
      store.release()
      await handed[0]!.promise
      assert.equal(store.map.size, 1, 'the write landed before the promise settled')
      assert.equal(warnings.length, 0, warnings.join('; '))
    })

    it('a store whose write never answers delays no call; the pending write was handed over and ends at the store bound', async () => {
      const s = setup()
      const store = gatedStore(true)
      const { handed, waitUntil } = recorder()
      const warnings: string[] = []
      const logger = { warn: (m: string) => warnings.push(m) }
      const page = await new OneRosterClient({ ...s.options, tokenStore: store, waitUntil, logger }).users.list({ limit: 1 }, { timeout: 1_000 })
      assert.equal(page.data.length, 1)
      assert.equal(handed.length, 1)
      assert.equal(handed[0]!.settled, false, 'the write is still pending when the call returns')
      // The write is bounded, so a Worker is not kept alive for ever by a hung KV.
      await eventually(() => handed[0]!.settled, 5_000, 'the bounded write to give up', assert)
      assert.match(warnings.join('\n'), /token store set did not answer/)
    })

    it('a waitUntil that throws breaks no call; the write still lands and one warning says so', async () => {
      const s = setup()
      const store = gatedStore()
      store.release()
      const warnings: string[] = []
      const logger = { warn: (m: string) => warnings.push(m) }
      const waitUntil = () => { throw new Error('waitUntil called outside a request') }
      const client = () => new OneRosterClient({ ...s.options, tokenStore: store, waitUntil, logger })
      assert.equal((await client().users.list({ limit: 1 })).data.length, 1)
      await eventually(() => store.map.size === 1, 2_000, 'the write', assert)
      // A second round of background work (forget the rejected token, store the new one): still no failure, no new warning.
      s.emulator.faults.revokeTokens()
      assert.equal((await client().users.list({ limit: 1 })).data.length, 1)
      assert.equal(warnings.length, 1, warnings.join('; '))
      assert.match(warnings[0]!, /waitUntil threw/)
    })

    it('a background refresh (a token near expiry) is handed to waitUntil', async () => {
      const s = setup()
      await new OneRosterClient({ ...s.options }).users.list({ limit: 1 })
      const realNow = Date.now
      const { handed, waitUntil } = recorder()
      // Five seconds before the emulator's one-hour token expires: past the refresh time, still valid.
      Date.now = () => realNow() + 3_595_000
      try {
        const page = await new OneRosterClient({ ...s.options, waitUntil }).users.list({ limit: 1 })
        assert.equal(page.data.length, 1)
        assert.equal(handed.length, 1, 'the refresh went to waitUntil')
        await handed[0]!.promise
      } finally {
        Date.now = realNow
      }
      const tokenCalls = s.emulator.requests.filter((r) => r.url.startsWith(s.emulator.tokenUrl)).length
      assert.equal(tokenCalls, 2, 'the first token, then the background refresh')
    })

    it('the delete of a token the API rejected is handed to waitUntil', async () => {
      const s = setup()
      const store = gatedStore()
      store.release()
      const { handed, waitUntil } = recorder()
      await new OneRosterClient({ ...s.options, tokenStore: store }).users.list({ limit: 1 })
      await eventually(() => store.map.size === 1, 2_000, 'the first write', assert)
      s.emulator.faults.revokeTokens()
      const page = await new OneRosterClient({ ...s.options, tokenStore: store, waitUntil }).users.list({ limit: 1 })
      assert.equal(page.data.length, 1, 'the call got a new token after the 401')
      // One for forgetting the rejected token, one for storing the new one.
      assert.equal(handed.length, 2)
      await Promise.all(handed.map((e) => e.promise))
    })

    it('the API-key (MasteryTrack) token write is handed to waitUntil too', async () => {
      const s = setup()
      const store = gatedStore()
      const { handed, waitUntil } = recorder()
      const client = new sdk.masterytrack.MasteryTrackClient({
        baseUrl: s.emulator.services.masterytrack, auth: { ...s.emulator.apiKeyCredentials }, tokenStore: store, waitUntil,
        ...(s.options.fetch ? { fetch: s.options.fetch } : {}),
      })
      assert.ok(Array.isArray(await client.inventory.search()))
      assert.equal(handed.length, 1)
      store.release()
      await handed[0]!.promise
      assert.equal(store.map.size, 1)
    })
  })

  describe('core: the waitUntil option is checked', () => {
    for (const bad of ['ctx.waitUntil', 42, null, { waitUntil() {} }]) {
      it(`waitUntil ${JSON.stringify(bad)} is a ConfigurationError naming it, before any request`, () => {
        const s = setup()
        const error = assert.throws(() => new OneRosterClient({ ...s.options, waitUntil: bad as never }), E.isConfigurationError)
        assert.match(error.message, /waitUntil must be a function/)
        assert.equal(s.emulator.requests.length, 0)
      })
    }

    it('createTimeback refuses a waitUntil that is not a function at once', async () => {
      const { oneroster } = sdk.timeback
      const error = await assert.rejects(sdk.timeback.createTimeback({ env: 'staging', use: { oneroster }, waitUntil: 'later' as never }), E.isConfigurationError)
      assert.match(error.message, /waitUntil must be a function/)
    })

    it("createTimeback hands its waitUntil to the services' token work", async () => {
      const s = setup()
      const store = gatedStore()
      store.release()
      const { handed, waitUntil } = recorder()
      const { oneroster } = sdk.timeback
      const timeback = await sdk.timeback.createTimeback({
        use: { oneroster }, api: s.options.auth, services: { oneroster: { baseUrl: s.options.baseUrl } }, tokenStore: store, waitUntil,
        ...(s.options.fetch ? { fetch: s.options.fetch } : {}),
      })
      await timeback.api.oneroster.users.list({ limit: 1 })
      assert.equal(handed.length, 1)
      await handed[0]!.promise
      assert.equal(store.map.size, 1)
    })
  })
}

export default suite
