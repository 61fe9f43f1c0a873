// Pagination against servers that cap pages, lie about their totals, repeat pages or leave soft-deleted records
// out of their pages: every record exactly once, and no listing that keeps requesting. The lying servers are
// fetch functions in front of the emulator's that rewrite the users-list requests and answers.

import type { Assert, Setup, Suite } from '../../harness/types.ts'
import { caliperSetup, requireCaliper, SENSOR } from '../caliper/helpers.ts'

const USERS = /\/rostering\/v1p2\/users\/?$/
const EVENTS = /\/caliper\/events$/
/** Far more pages than any test needs: past it the fetch fails, so a pager that spins fails instead of hanging. */
const GUARD = 60

type Body = Record<string, any>

interface Lies {
  /** Rewrites the users-list request as the server would read it (a cap, an ignored offset). */
  request?: (url: URL) => void
  /** Rewrites the answer; `asked` is the URL as the client sent it, `call` counts from 0. */
  answer?: (body: Body, asked: URL, call: number) => unknown
}

/** A fetch in front of the emulator's; `asked` records every list URL (`path`) as the client sent it. */
function lyingServer(s: Setup, lies: Lies, path = USERS): { fetch: typeof fetch; asked: URL[] } {
  const inner = s.options.fetch ?? fetch
  const asked: URL[] = []
  const lying = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    if (request.method !== 'GET' || !path.test(url.pathname)) return inner(request)
    asked.push(new URL(url))
    if (asked.length > GUARD) throw new Error(`the client kept requesting pages (${asked.length})`)
    lies.request?.(url)
    const response = await inner(new Request(url, request))
    if (!lies.answer) return response
    const body = lies.answer(await response.json() as Body, asked[asked.length - 1]!, asked.length - 1)
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
  }
  return { fetch: lying as typeof fetch, asked }
}

/** The server serves at most `cap` records per page (and says so in its `limit`, as the emulator echoes it). */
const capAt = (cap: number) => (url: URL) => {
  url.searchParams.set('limit', String(Math.min(Number(url.searchParams.get('limit') ?? 100), cap)))
}

const user = (id: string) => ({ sourcedId: id, status: 'active', givenName: 'G', familyName: 'F', roles: [] })
const param = (urls: URL[], name: string) => urls.map((u) => u.searchParams.get(name))

const suite: Suite = (env) => {
  const { describe, it } = env.h
  const assert: Assert = env.h.assert
  const { OneRosterClient } = env.sdk.oneroster

  /** An emulator holding exactly `n` users, and their ids in storage order. */
  function withUsers(n: number): { s: Setup; ids: () => string[] } {
    const s = env.setup()
    s.emulator.state.seedUsers(n - s.emulator.state.count('users'))
    return { s, ids: () => s.emulator.state.list('users').map((u) => u.sourcedId) }
  }
  const clientFor = (s: Setup, lying: typeof fetch) => new OneRosterClient({ ...s.options, fetch: lying, maxRetries: 0 })
  const once = (got: string[], expected: string[], what: string) => {
    assert.equal(got.length, expected.length, `${what}: count`)
    assert.equal(new Set(got).size, got.length, `${what}: no duplicates`)
    assert.deepEqual([...got].sort(), [...expected].sort(), `${what}: every record`)
  }

  describe('core: pagination', () => {
    it('a server capping pages at 500 while listAll() asks 1000: all 2000 records once, the cap used for the rest', async () => {
      const { s, ids } = withUsers(2000)
      const server = lyingServer(s, { request: capAt(500) })
      const all = await clientFor(s, server.fetch).users.listAll()
      once(all.map((u) => u.sourcedId), ids(), 'listAll')
      assert.deepEqual(param(server.asked, 'offset'), ['0', '500', '1000', '1500'])
      assert.deepEqual(param(server.asked, 'limit'), ['1000', '500', '500', '500'], 'the reported cap is the page size from page 2 on')
    })

    it('a cap the server does not report (its limit echoes the ask) still skips nothing', async () => {
      const { s, ids } = withUsers(2000)
      const server = lyingServer(s, {
        request: capAt(500),
        answer: (body, asked) => ({ ...body, limit: Number(asked.searchParams.get('limit')) }),
      })
      const streamed: string[] = []
      for await (const u of clientFor(s, server.fetch).users.stream()) streamed.push(u.sourcedId)
      once(streamed, ids(), 'stream')
      assert.deepEqual(param(server.asked, 'offset'), ['0', '500', '1000', '1500'])
    })

    it('list(): nextOffset counts the records returned; hasMore comes from the total', async () => {
      const { s } = withUsers(2000)
      const users = clientFor(s, lyingServer(s, { request: capAt(500) }).fetch).users
      const first = await users.list({ limit: 1000 })
      assert.equal(first.data.length, 500)
      assert.equal(first.total, 2000)
      assert.equal(first.hasMore, true)
      assert.equal(first.nextOffset, 500)
      const third = await users.list({ limit: 1000, offset: 1000 })
      assert.equal(third.hasMore, true, '1500 < 2000: more remain although offset + limit reached the total')
      assert.equal(third.nextOffset, 1500)
      const last = await users.list({ limit: 1000, offset: 1500 })
      assert.equal(last.hasMore, false)
      assert.equal(last.nextOffset, undefined)
    })

    it('{ users: [], totalCount: 1e12 } ends stream(), listAll() and list() after one request each', async () => {
      const { s } = withUsers(20)
      const server = lyingServer(s, { answer: (body) => ({ ...body, users: [], totalCount: 1e12 }) })
      const users = clientFor(s, server.fetch).users
      const streamed: unknown[] = []
      for await (const u of users.stream()) streamed.push(u)
      assert.equal(streamed.length, 0)
      assert.equal(server.asked.length, 1)
      assert.deepEqual(await users.listAll({ maxItems: 5 }), [])
      assert.equal(server.asked.length, 2, 'maxItems is not what stopped it: the empty page did')
      const page = await users.list()
      assert.equal(page.hasMore, false)
      assert.equal(page.nextOffset, undefined)
    })

    it('a page that repeats the previous one ends the listing, with each record yielded once', async () => {
      const { s, ids } = withUsers(20)
      // The server ignores offset and says there are a trillion records.
      const server = lyingServer(s, { request: (url) => url.searchParams.set('offset', '0'), answer: (body) => ({ ...body, totalCount: 1e12 }) })
      const streamed: string[] = []
      for await (const u of clientFor(s, server.fetch).users.stream({ limit: 5 })) streamed.push(u.sourcedId)
      assert.deepEqual(streamed, ids().slice(0, 5))
      assert.equal(server.asked.length, 2)
    })

    it('maxItems bounds the requests when every page brings one new record and repeats one', async () => {
      const s = env.setup()
      // Call k answers [u-(k-1), u-k]: a window that overlaps the previous page by one record.
      const server = lyingServer(s, {
        answer: (body, _asked, k) => ({ ...body, users: (k === 0 ? [0] : [k - 1, k]).map((i) => user(`u-${i}`)), totalCount: 1e12 }),
      })
      const streamed: string[] = []
      for await (const u of clientFor(s, server.fetch).users.stream({ limit: 2, maxItems: 7 })) streamed.push(u.sourcedId)
      assert.deepEqual(streamed, ['u-0', 'u-1', 'u-2', 'u-3', 'u-4', 'u-5', 'u-6'])
      assert.equal(server.asked.length, 7)
    })

    it("Timeback's short pages, alone and under a server cap: every live record exactly once", async () => {
      const { s, ids } = withUsers(2000)
      // Soft-delete every 7th user and a run of 40: they keep their slots in the page windows but are left out.
      const users = s.emulator.state.list('users')
      const doomed = users.filter((_, i) => i % 7 === 3 || (i >= 600 && i < 640)).map((u) => u.sourcedId)
      for (const id of doomed) s.emulator.state.insert('users', { ...s.emulator.state.get('users', id)!, status: 'tobedeleted' })
      s.emulator.faults.shortPages()
      const live = ids().filter((id) => !doomed.includes(id))
      const plain = lyingServer(s, {})
      once((await clientFor(s, plain.fetch).users.listAll({ limit: 100 })).map((u) => u.sourcedId), live, 'short pages')
      const capped = lyingServer(s, { request: capAt(500) })
      once((await clientFor(s, capped.fetch).users.listAll()).map((u) => u.sourcedId), live, 'short pages under a cap')
    })

    it('stream() with a sparse fieldset still drops the records a short page repeats', async () => {
      const { s, ids } = withUsers(60)
      const doomed = ids().filter((_, i) => i % 4 === 1)
      for (const id of doomed) s.emulator.state.insert('users', { ...s.emulator.state.get('users', id)!, status: 'tobedeleted' })
      s.emulator.faults.shortPages()
      const server = lyingServer(s, {})
      const streamed: string[] = []
      for await (const u of clientFor(s, server.fetch).users.stream({ limit: 10, fields: ['givenName'] })) streamed.push(u.sourcedId)
      once(streamed, ids().filter((id) => !doomed.includes(id)), 'fields without sourcedId')
      assert.deepEqual(param(server.asked, 'fields').slice(0, 1), ['givenName,sourcedId'], 'the id is added to the fieldset')
    })
  })

  if (!requireCaliper(env.h, env.sdk, 'core: pagination (caliper)')) return
  describe('core: pagination (caliper)', () => {
    async function sevenEvents() {
      const s = caliperSetup(env)
      await s.client.events.send(SENSOR, [1, 2, 3, 4, 5, 6, 7].map((n) => s.activity(n)))
      return { s, stored: s.storedIds() }
    }

    it('a capped page size is read from pagination.limit; list() reports what came back', async () => {
      const { s, stored } = await sevenEvents()
      s.emulator.caliper.maxPageSize(2)
      const server = lyingServer(s, {}, EVENTS)
      const client = s.make({ fetch: server.fetch })
      const page = await client.events.list({ limit: 5 })
      assert.equal(page.data.length, 2)
      assert.equal(page.hasMore, true)
      assert.equal(page.nextOffset, 2)
      const streamed: string[] = []
      for await (const e of client.events.stream({ limit: 5 })) streamed.push(e.externalId)
      assert.deepEqual(streamed, stored)
      assert.deepEqual(param(server.asked.slice(1), 'limit'), ['5', '2', '2', '2'], 'the cap is the page size from page 2 on')
    })

    it('an empty page or a repeated page with a total of 1e12 ends the listing', async () => {
      const { s, stored } = await sevenEvents()
      const empty = lyingServer(s, { answer: (body) => ({ ...body, events: [], pagination: { total: 1e12 } }) }, EVENTS)
      assert.deepEqual(await s.make({ fetch: empty.fetch }).events.listAll(), [])
      assert.equal(empty.asked.length, 1)
      const repeating = lyingServer(s, {
        request: (url) => url.searchParams.set('offset', '0'),
        answer: (body) => ({ ...body, pagination: { ...body.pagination, total: 1e12 } }),
      }, EVENTS)
      const all = await s.make({ fetch: repeating.fetch }).events.listAll({ limit: 3 })
      assert.deepEqual(all.map((e) => e.externalId), stored.slice(0, 3))
      assert.equal(repeating.asked.length, 2)
    })
  })
}

export default suite
