// CASE lists carry no total, so a page shorter than the page size ends a listing: these tests count the requests a
// listing makes over uploaded frameworks of known sizes (a short last page, an exactly full last page followed by
// one empty page, `list`'s `next` cursor), check that a total the server adds is ignored, and
// that a server repeating id-less records cannot keep a listing going.

import type { Assert, Suite } from '../../harness/types.ts'
import { caseSetup, makePackage } from './helpers.ts'

const suite: Suite = (env) => {
  const { h } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  /** An unseeded emulator holding one framework of `count` items. */
  async function withItems(count: number) {
    const setup = caseSetup(env, { seed: false })
    await setup.client.packages.create(makePackage('b', count).pkg)
    return setup
  }
  const offsets = (requests: { url: string }[]) => requests.map((r) => new URL(r.url).searchParams.get('offset'))

  describe('case: paging (short pages end a listing)', () => {
    it('stops at a short page: 5 items by 2 take 3 requests and yield each item once', async () => {
      const { client, caseRequests } = await withItems(5)
      const before = caseRequests().length
      const items = await client.items.listAll({ limit: 2 })
      assert.deepEqual(items.map((i) => i.humanCodingScheme), ['b.1', 'b.2', 'b.3', 'b.4', 'b.5'])
      assert.deepEqual(offsets(caseRequests().slice(before)), ['0', '2', '4'])
    })

    it('an exactly full last page is followed by one empty page, then the listing ends', async () => {
      const { client, caseRequests } = await withItems(4)
      const before = caseRequests().length
      const seen: string[] = []
      for await (const item of client.items.stream({ limit: 2 })) seen.push(item.humanCodingScheme!)
      assert.deepEqual(seen, ['b.1', 'b.2', 'b.3', 'b.4'])
      assert.deepEqual(offsets(caseRequests().slice(before)), ['0', '2', '4'])
    })

    it('list gives next while a page is full and none after a short one; total stays undefined', async () => {
      const { client } = await withItems(3)
      const first = await client.items.list({ limit: 2 })
      assert.equal(first.total, undefined)
      assert.equal(first.hasMore, true)
      assert.deepEqual(first.next, { offset: 2 })
      const last = await client.items.list({ limit: 2, ...first.next })
      assert.deepEqual(last.data.map((i) => i.humanCodingScheme), ['b.3'])
      assert.equal(last.hasMore, false)
      assert.equal(last.next, undefined)
    })

    it('maxItems caps records and requests', async () => {
      const { client, caseRequests } = await withItems(7)
      const before = caseRequests().length
      const items = await client.items.listAll({ limit: 2, maxItems: 3 })
      assert.equal(items.length, 3)
      assert.equal(caseRequests().length - before, 2)
    })

    it('ignores a total the server sends: a lying total neither ends nor extends the listing', async () => {
      const { emulator, options } = env.setup({ seed: false })
      let claim = 1
      const lying: typeof fetch = async (input, init) => {
        const response = await (options.fetch ?? fetch)(input, init)
        const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
        if (!url.pathname.endsWith('/CFDocuments')) return response
        const body = await response.json() as Record<string, unknown>
        return Response.json({ ...body, total: claim, totalCount: claim })
      }
      const client = new env.sdk.case.CaseClient({ ...options, baseUrl: emulator.services.case, maxRetries: 0, fetch: lying })
      for (const series of ['1', '2', '3']) await client.packages.create(makePackage(series, 0, `Doc ${series}`).pkg)
      const listed = () => emulator.requests.filter((r) => r.path.endsWith('/CFDocuments')).length
      for (claim of [1, 100]) {
        const before = listed()
        const docs = await client.documents.listAll({ limit: 2 })
        assert.deepEqual(docs.map((d) => d.title), ['Doc 1', 'Doc 2', 'Doc 3'], `total ${claim}`)
        assert.equal(listed() - before, 2, `total ${claim}: two requests, the second page being short`)
      }
    })

    it('a server that ignores offset and answers full pages of records without sourcedId ends after the first repeat', async () => {
      let calls = 0
      const stuck: typeof fetch = async (input, init) => {
        const url = new URL(new Request(input, init).url)
        if (url.pathname.endsWith('/token')) return Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 })
        if (++calls > 20) throw new Error('the listing kept asking')
        const limit = Number(url.searchParams.get('limit'))
        return Response.json({ CFItems: Array.from({ length: limit }, (_, i) => ({ fullStatement: `Standard ${i + 1}` })) })
      }
      const client = new env.sdk.case.CaseClient({
        baseUrl: 'http://127.0.0.1:9', fetch: stuck, maxRetries: 0, auth: { clientId: 'c', clientSecret: 's', authUrl: 'http://127.0.0.1:9/token' },
      })
      const items = await client.items.listAll({ limit: 3 })
      assert.deepEqual(items.map((i) => i.fullStatement), ['Standard 1', 'Standard 2', 'Standard 3'])
      assert.equal(calls, 2, 'the second page repeats the first: the listing ends there')
    })
  })
}

export default suite
