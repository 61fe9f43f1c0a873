// The pagers every list style gets: page + pages (QTI), short pages (CASE), one-call lists, and `next` on
// offset lists. Each runs against a fetch written here that pages honestly or lies (caps, ignored page
// numbers, totals that lie high or low, records that shift): every record exactly once, no listing that keeps
// requesting, `maxItems` bounds the requests.

import { pageOf, byId, fetchPages, listing } from '../../../src/core/paging/listing.ts'
import { checkPageParams, pagePaging, type PageParams } from '../../../src/core/paging/page.ts'
import { shortPaging } from '../../../src/core/paging/short-page.ts'
import { singleCall } from '../../../src/core/paging/single.ts'
import { checkPaging, readPageSize, type OffsetParams, type RawPage } from '../../../src/core/pagination.ts'
import { operation, type Query } from '../../../src/core/resource/operation.ts'
import type { ServiceContext } from '../../../src/core/resource/context.ts'
import type { Assert, Suite } from '../../harness/types.ts'
import { drain, fakeApi, ids, json, param, records, type Rec, type Sent } from './fake-api.ts'

type Body = Record<string, unknown>
type ItemParams = PageParams & { query?: string }

/** GET /assessment-items, QTI's envelope: `{ items, total, page, pages, limit, sort, order }`. */
const searchItems = operation<{ query: Query }, RawPage<Rec>>({ method: 'GET', path: '/assessment-items', unwrap: pageOf('items') })
const compileItems = (params: ItemParams): Record<string, string | undefined> => {
  checkPageParams(params, 1000)
  return { query: params.query }
}
const items = (ctx: ServiceContext) => listing(fetchPages(ctx, searchItems), pagePaging, compileItems, byId<Rec>('identifier'))

/**
 * A page-numbered server over `all`. `cap` serves at most that many per page (reported in `limit` unless
 * `hideCap`); `edit` rewrites each answer (lies), `view` picks the records call `n` sees (data that changes).
 */
function pageServer(all: Rec[], o: { cap?: number; hideCap?: boolean; edit?: (body: Body, n: number) => Body; view?: (n: number) => Rec[] } = {}) {
  return fakeApi((req: Sent, n) => {
    const data = o.view?.(n) ?? all
    const asked = Number(req.url.searchParams.get('limit'))
    const size = o.cap ? Math.min(asked, o.cap) : asked
    const page = Number(req.url.searchParams.get('page'))
    const body = {
      items: data.slice((page - 1) * size, page * size), total: data.length, page, pages: Math.ceil(data.length / size),
      limit: o.hideCap ? asked : size, sort: 'createdAt', order: 'desc',
    }
    return json(o.edit ? o.edit(body, n) : body)
  })
}

/** An offset server without totals (CASE's `{ CFDocuments }`); `cap` is reported as `limit` unless `hideCap`. */
function offsetServer(all: Rec[], o: { cap?: number; hideCap?: boolean; edit?: (body: Body, n: number) => Body } = {}) {
  return fakeApi((req: Sent, n) => {
    const asked = Number(req.url.searchParams.get('limit'))
    const size = o.cap ? Math.min(asked, o.cap) : asked
    const offset = Number(req.url.searchParams.get('offset'))
    const body = { CFDocuments: all.slice(offset, offset + size), ...(o.cap && !o.hideCap ? { limit: size } : {}) }
    return json(o.edit ? o.edit(body, n) : body)
  })
}

/** GET /CFDocuments: records under `CFDocuments`; a `limit` in the answer is read, any total is for the style to use or not. */
const listDocuments = operation<{ query: Query }, RawPage<Rec>>({
  method: 'GET', path: '/ims/case/v1p1/CFDocuments',
  unwrap: (body) => ({ items: body.CFDocuments, total: typeof body.totalCount === 'number' ? body.totalCount : undefined, limit: readPageSize(body) }),
})
const compileOffset = (params: OffsetParams): Record<string, string> => {
  checkPaging(params)
  return {}
}
const documents = (ctx: ServiceContext) => listing(fetchPages(ctx, listDocuments), shortPaging, compileOffset, byId<Rec>('identifier'))

const suite: Suite = (env) => {
  const { describe, it } = env.h
  const assert: Assert = env.h.assert
  const { isInputValidationError } = env.sdk.errors
  const nums = (values: (string | null)[]) => values.map(Number)

  describe('core: page-numbered lists (page + pages)', () => {
    it('stream() asks page 1, 2, 3 with the limit and yields each of 250 records once, in order', async () => {
      const all = records(250)
      const api = pageServer(all)
      assert.deepEqual(await drain(items(api.ctx).stream({ limit: 100, query: 'fractions' })), ids(all))
      assert.deepEqual(nums(param(api.sent, 'page')), [1, 2, 3])
      assert.deepEqual(nums(param(api.sent, 'limit')), [100, 100, 100])
      assert.deepEqual(param(api.sent, 'query'), ['fractions', 'fractions', 'fractions'])
    })

    it('a cap the server reports in `limit` becomes the page size, and page numbers count pages of that size', async () => {
      const all = records(250)
      const api = pageServer(all, { cap: 40 })
      assert.deepEqual(await items(api.ctx).listAll({ limit: 100 }), all)
      assert.deepEqual(nums(param(api.sent, 'page')), [1, 2, 3, 4, 5, 6, 7])
      assert.deepEqual(nums(param(api.sent, 'limit')), [100, 40, 40, 40, 40, 40, 40])
    })

    it('a cap the server hides (limit echoes the ask) is followed by `pages`, and by the total when pages is missing', async () => {
      const all = records(250)
      const withPages = pageServer(all, { cap: 40, hideCap: true })
      assert.deepEqual(await items(withPages.ctx).listAll({ limit: 100 }), all)
      assert.equal(withPages.sent.length, 7)
      const totalOnly = pageServer(all, { cap: 40, hideCap: true, edit: ({ pages: _, ...body }) => body })
      assert.deepEqual(await items(totalOnly.ctx).listAll({ limit: 100 }), all)
      assert.equal(totalOnly.sent.length, 7)
    })

    it('a server that ignores `page` (page 1 again, pages: 1e6) ends the listing at the repeat, each record once', async () => {
      const all = records(30)
      const api = pageServer(all, { edit: (body, n) => ({ ...body, items: all.slice(0, 10), pages: 1e6, total: 1e9, page: n + 1 }) })
      assert.deepEqual(await drain(items(api.ctx).stream({ limit: 10 })), ids(all.slice(0, 10)))
      assert.equal(api.sent.length, 2)
    })

    it('`pages` and `total` that lie high end at the first empty page; `pages: 1` with a total saying more goes on', async () => {
      const all = records(25)
      const high = pageServer(all, { edit: (body) => ({ ...body, pages: 1e6, total: 1e9 }) })
      assert.deepEqual(await items(high.ctx).listAll({ limit: 10 }), all)
      assert.deepEqual(nums(param(high.sent, 'page')), [1, 2, 3, 4], 'page 4 came back empty')
      const low = pageServer(all, { edit: (body) => ({ ...body, pages: 1 }) })
      assert.deepEqual(await items(low.ctx).listAll({ limit: 10 }), all, 'the total (25) said more than one page')
    })

    it('without pages or total, a full page goes on and a short page ends the listing', async () => {
      const bare = (body: Body) => ({ items: body.items })
      const short = pageServer(records(25), { edit: bare })
      assert.equal((await items(short.ctx).listAll({ limit: 10 })).length, 25)
      assert.equal(short.sent.length, 3)
      const exact = pageServer(records(20), { edit: bare })
      assert.equal((await items(exact.ctx).listAll({ limit: 10 })).length, 20)
      assert.equal(exact.sent.length, 3, 'a full last page cannot be told from a middle one: one empty page more')
    })

    it('records that shift between pages (one inserted in front): the repeat is dropped and nothing is skipped', async () => {
      const all = records(30)
      const newcomer = { identifier: 'new', n: -1 }
      const api = pageServer(all, { view: (n) => (n === 0 ? all : [newcomer, ...all]) })
      const got = await drain(items(api.ctx).stream({ limit: 10 }))
      assert.deepEqual(got, ids(all), 'r009 came back on page 2 and was yielded once; the newcomer sits before the window')
    })

    it('maxItems bounds the requests: 25 of 1000 records at 10 per page take 3 requests', async () => {
      const api = pageServer(records(1000))
      assert.equal((await items(api.ctx).listAll({ limit: 10, maxItems: 25 })).length, 25)
      assert.equal(api.sent.length, 3)
    })

    it('list(): one page with next = { page } while pages remain (the cap included when the server capped), nextOffset undefined', async () => {
      const all = records(25)
      const api = pageServer(all)
      const first = await items(api.ctx).list({ limit: 10 })
      assert.deepEqual([ids(first.data), first.total, first.hasMore, first.next, first.nextOffset], [ids(all.slice(0, 10)), 25, true, { page: 2 }, undefined])
      const last = await items(api.ctx).list({ limit: 10, page: 3 })
      assert.deepEqual([last.data.length, last.hasMore, last.next], [5, false, undefined])
      const capped = pageServer(all, { cap: 4 })
      assert.deepEqual((await items(capped.ctx).list({ limit: 10, page: 2 })).next, { page: 3, limit: 4 })
    })

    it('bad page, limit or maxItems is refused before any request; stream() refuses when iterated, not when called', async () => {
      const api = pageServer(records(5))
      for (const bad of [{ page: 0 }, { page: 1.5 }, { limit: 0 }, { limit: 1001 }, { maxItems: -1 }] as ItemParams[]) {
        const error = await assert.rejects(items(api.ctx).list(bad), isInputValidationError, JSON.stringify(bad))
        assert.deepEqual(error.issues.map((i: { path: string }) => i.path), Object.keys(bad))
      }
      const stream = items(api.ctx).stream({ page: -2 })
      await assert.rejects(stream.next(), isInputValidationError)
      assert.equal(api.sent.length, 0)
    })
  })

  describe('core: short-page lists (offset, no total)', () => {
    it('full pages go on, a short page ends: 250 records at 100 take offsets 0, 100, 200', async () => {
      const all = records(250)
      const api = offsetServer(all)
      assert.deepEqual(await drain(documents(api.ctx).stream({ limit: 100 })), ids(all))
      assert.deepEqual(nums(param(api.sent, 'offset')), [0, 100, 200])
    })

    it('a total in the answer is ignored: 1e6 does not keep a listing past its short page, 5 does not stop it early', async () => {
      const all = records(250)
      const high = offsetServer(all, { edit: (body) => ({ ...body, totalCount: 1e6 }) })
      assert.deepEqual(await documents(high.ctx).listAll({ limit: 100 }), all)
      assert.equal(high.sent.length, 3)
      const low = offsetServer(all, { edit: (body) => ({ ...body, totalCount: 5 }) })
      assert.deepEqual(await documents(low.ctx).listAll({ limit: 100 }), all)
      assert.equal((await documents(low.ctx).list({ limit: 100 })).total, undefined)
    })

    it('a cap reported as `limit` is the page size: 2500 records asked 1000 at a time, served 300', async () => {
      const all = records(2500)
      const api = offsetServer(all, { cap: 300 })
      assert.deepEqual(await documents(api.ctx).listAll(), all)
      assert.deepEqual(nums(param(api.sent, 'offset')), [0, 300, 600, 900, 1200, 1500, 1800, 2100, 2400])
    })

    it('a server ignoring offset ends at the repeated page; an empty first page ends at once', async () => {
      const all = records(50)
      const ignoring = offsetServer(all, { edit: () => ({ CFDocuments: all.slice(0, 10) }) })
      assert.deepEqual(await documents(ignoring.ctx).listAll({ limit: 10 }), all.slice(0, 10))
      assert.equal(ignoring.sent.length, 2)
      const empty = offsetServer([])
      assert.deepEqual(await documents(empty.ctx).listAll(), [])
      assert.equal(empty.sent.length, 1)
    })

    it('list(): next = { offset } after a full page (records returned, not the limit asked), undefined after a short one', async () => {
      const api = offsetServer(records(25), { cap: 8 })
      const first = await documents(api.ctx).list({ limit: 10 })
      assert.deepEqual([first.data.length, first.hasMore, first.next, first.nextOffset], [8, true, { offset: 8 }, 8])
      const last = await documents(api.ctx).list({ limit: 10, offset: 24 })
      assert.deepEqual([last.data.length, last.hasMore, last.next, last.nextOffset], [1, false, undefined, undefined])
    })
  })

  describe('core: one-call lists', () => {
    const listAllHooks = operation<{ query: Query }, RawPage<Rec>>({ method: 'GET', path: '/webhooks/', unwrap: pageOf('webhooks') })
    const hooks = (ctx: ServiceContext) => listing(fetchPages(ctx, listAllHooks), singleCall, () => ({}), byId<Rec>('identifier'))

    it('list() is the one answer; stream() and listAll() yield each id once, stop at maxItems, and ask once', async () => {
      const all = records(6)
      const twice = [...all.slice(0, 4), all[1]!, ...all.slice(4)]
      const api = fakeApi(() => json({ webhooks: twice }))
      const page = await hooks(api.ctx).list()
      assert.deepEqual([page.data.length, page.total, page.hasMore, page.next, page.nextOffset], [7, 7, false, undefined, undefined])
      assert.deepEqual(await hooks(api.ctx).listAll(), all, 'the repeated r001 is yielded once')
      assert.deepEqual(ids(await hooks(api.ctx).listAll({ maxItems: 3 })), ids(all.slice(0, 3)))
      assert.equal(api.sent.length, 3, 'one request per call')
    })
  })

  describe('core: offset lists say next', () => {
    it('OneRoster list(): next is { offset } beside the same nextOffset, undefined on the last page', async () => {
      const s = env.setup()
      const users = new env.sdk.oneroster.OneRosterClient({ ...s.options, maxRetries: 0 }).users
      const total = (await users.list({ limit: 1 })).total!
      const first = await users.list({ limit: 2 })
      assert.deepEqual([first.next, first.nextOffset], [{ offset: 2 }, 2])
      const last = await users.list({ limit: 2, offset: total - 1 })
      assert.deepEqual([last.hasMore, last.next, last.nextOffset], [false, undefined, undefined])
    })
  })
}

export default suite
