// Hostile input cannot hang the emulator or grow it without bound: nested JSON, huge filters, a long-running
// request log and token table; and its counters (`stats()`, `GET /__emulator/stats`) stay exact.
// Run: node --import tsx --test test/node/emulator-limits.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createEmulator } from '../../src/testing/index.ts'
import type { Emulator, EmulatorOptions } from '../../src/testing/index.ts'

const R = '/ims/oneroster/rostering/v1p2'
const G = '/ims/oneroster/gradebook/v1p2'
type Json = Record<string, any>

function tokenRequest(emu: Emulator): Promise<Response> {
  const { clientId, clientSecret } = emu.credentials
  return emu.fetch(emu.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }) })
}

async function connect(options?: EmulatorOptions) {
  const emu = createEmulator(options)
  const token = ((await (await tokenRequest(emu)).json()) as Json).access_token as string
  const call = async (method: string, path: string, body?: string) => {
    const res = await emu.fetch(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body })
    const text = await res.text()
    return { status: res.status, text, body: text ? (JSON.parse(text) as Json) : undefined, res }
  }
  return { emu, token, call }
}

const nested = (depth: number, leaf = '1'): string => '['.repeat(depth) + leaf + ']'.repeat(depth)

describe('request bodies: nesting limit', () => {
  it('stores metadata nested 64 levels deep but answers 400 (imsx) past it, and for 1,000,000 levels', async () => {
    const { emu, call } = await connect()
    // The category object and its metadata take 3 levels; the rest is the nested array.
    const category = (depth: number) => `{"category":{"sourcedId":"deep-${depth}","status":"active","title":"Deep","metadata":{"n":${nested(depth)}}}}`
    assert.equal((await call('POST', `${G}/categories/`, category(61))).status, 201)
    assert.equal(emu.state.has('categories', 'deep-61'), true)
    const tooDeep = await call('POST', `${G}/categories/`, category(62))
    assert.equal(tooDeep.status, 400)
    assert.equal(tooDeep.body!.imsx_codeMajor, 'failure')
    assert.match(tooDeep.body!.imsx_description, /nested deeper than 64 levels/)
    assert.equal(emu.state.has('categories', 'deep-62'), false)
    const huge = await call('PUT', `${R}/users/seed-student-1`, `{"user":${nested(1_000_000)}}`)
    assert.equal(huge.status, 400)
    assert.match(huge.body!.imsx_description, /nested deeper/)
    // Brackets inside strings are text, escaped quotes included; malformed JSON is still its own 400.
    const brackets = '['.repeat(200)
    const text = await call('POST', `${G}/categories/`, JSON.stringify({ category: { sourcedId: 'text', status: 'active', title: `${brackets}\\"${brackets}` } }))
    assert.equal(text.status, 201)
    const bad = await call('POST', `${G}/categories/`, '{"category":')
    assert.equal(bad.status, 400)
    assert.match(bad.body!.imsx_description, /Invalid JSON body/)
  })

  it('the webhook routes answer a too-deep body in their own error format', async () => {
    const { call, emu } = await connect()
    const res = await call('POST', `${emu.services.webhooks.slice(emu.origin.length)}/webhooks/`, `{"name":${nested(100)}}`)
    assert.equal(res.status, 400)
    assert.match(res.body!.error, /nested deeper than 64/)
  })
})

describe('filters: bounded size', () => {
  it('answers 400 for a filter over 8192 characters, over 100 comparisons or 17 levels of parentheses', async () => {
    const { call } = await connect()
    const list = (filter: string) => call('GET', `${R}/users/?filter=${encodeURIComponent(filter)}`)
    const long = await list(`givenName='${'x'.repeat(9000)}'`)
    assert.equal(long.status, 400)
    assert.match(long.body!.imsx_description, /at most 8192/)
    const many = await list(Array.from({ length: 101 }, (_, i) => `givenName='n${i}'`).join(' OR '))
    assert.equal(many.status, 400)
    assert.match(many.body!.imsx_description, /101 comparisons/)
    const deep = await list(`${'('.repeat(17)}givenName='Ada'${')'.repeat(17)}`)
    assert.equal(deep.status, 400)
    assert.match(deep.body!.imsx_description, /nested deeper than 16/)
    // Within the bounds the same shapes still work.
    const fine = await list(`${'('.repeat(16)}givenName='Ada'${')'.repeat(16)} OR ${Array.from({ length: 99 }, (_, i) => `givenName='n${i}'`).join(' OR ')}`)
    assert.equal(fine.status, 200)
    assert.deepEqual(fine.body!.users.map((u: Json) => u.givenName), ['Ada'])
  })

  it('a 100,000-level parenthesised filter is a 400, not a stack overflow (500)', async () => {
    const { call } = await connect()
    const res = await call('GET', `${R}/users/?filter=${'('.repeat(100_000)}`)
    assert.equal(res.status, 400)
  })
})

describe('request log and token table: bounded', () => {
  it('keeps the newest 10,000 requests by default (maxRecordedRequests to change it)', async () => {
    const emu = createEmulator({ seed: false })
    for (let i = 0; i < 10_003; i++) await emu.fetch(`/nowhere/${i}`)
    assert.equal(emu.requests.length, 10_000)
    assert.equal(emu.requests[0]!.path, '/nowhere/3')
    assert.equal(emu.requests.at(-1)!.path, '/nowhere/10002')
    assert.equal(emu.stats().requests.total, 10_003) // the counters are not trimmed

    const small = createEmulator({ seed: false, maxRecordedRequests: 2 })
    for (const p of ['/a', '/b', '/c']) await small.fetch(p)
    assert.deepEqual(small.requests.map((r) => r.path), ['/b', '/c'])
    assert.throws(() => createEmulator({ maxRecordedRequests: 0 }), /maxRecordedRequests must be an integer >= 1/)
  })

  it('remembers at most 10,000 tokens by default: the oldest are forgotten and answer 401', async () => {
    const emu = createEmulator({ seed: false })
    const users = `${R}/users/`
    const tokens: string[] = []
    for (let i = 0; i < 10_001; i++) tokens.push(((await (await tokenRequest(emu)).json()) as Json).access_token)
    const statusWith = async (token: string) => (await emu.fetch(users, { headers: { authorization: `Bearer ${token}` } })).status
    assert.equal(await statusWith(tokens[0]!), 401)
    assert.equal(await statusWith(tokens[1]!), 200)
    assert.equal(await statusWith(tokens[10_000]!), 200)
    assert.equal(emu.stats().tokens.live, 10_000)
    assert.equal(emu.stats().tokens.issued, 10_001)
  })

  it('forgets tokens ten minutes after they expire (maxTokens caps the table)', async () => {
    let clock = 1_000_000
    const emu = createEmulator({ seed: false, now: () => clock, tokenTtlSeconds: 60, maxTokens: 3 })
    const mint = async () => ((await (await tokenRequest(emu)).json()) as Json).access_token as string
    const use = async (token: string) => {
      const res = await emu.fetch(`${R}/users/`, { headers: { authorization: `Bearer ${token}` } })
      return `${res.status} ${((await res.json()) as Json).imsx_description ?? ''}`.trim()
    }
    const old = await mint()
    clock += 61_000
    assert.equal(await use(old), '401 Access token has expired.')
    assert.equal(emu.stats().tokens.live, 0)
    clock += 10 * 60_000
    const fresh = await mint() // issuing sweeps the table
    assert.equal(await use(old), '401 Invalid access token.')
    assert.equal(await use(fresh), '200')
    const [b, c, d] = [await mint(), await mint(), await mint()]
    assert.equal(await use(fresh), '401 Invalid access token.') // pushed out by the cap of 3
    for (const t of [b, c, d]) assert.equal(await use(t), '200')
  })
})

describe('counters: emulator.stats() and GET /__emulator/stats', () => {
  it('counts requests per service, path and status, and token requests and issues; control routes are not counted', async () => {
    const { emu, token, call } = await connect()
    await emu.fetch(emu.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'wrong', client_secret: 'x' }) })
    await call('GET', `${R}/users/?limit=1`)
    await call('GET', `${R}/users/?limit=2`)
    await call('GET', `${R}/nope`)
    await emu.fetch(`${emu.services.caliper}/caliper/events`, { headers: { authorization: `Bearer ${token}` } })
    await emu.fetch(`${emu.services.webhooks}/webhooks/`, { headers: { authorization: `Bearer ${token}` } })
    await emu.fetch('/__proto__')
    const over = await emu.fetch('/__emulator/stats')
    assert.equal(over.status, 200)
    assert.equal(over.headers.get('content-type'), 'application/json')
    const stats = (await over.json()) as Json
    assert.deepEqual(stats, JSON.parse(JSON.stringify(emu.stats())))
    assert.deepEqual(stats.requests.byService, { auth: 2, oneroster: 3, caliper: 1, webhooks: 1, other: 1 })
    assert.equal(stats.requests.total, 8)
    assert.equal(stats.requests.byPath[`${R}/users/`], 2)
    assert.equal(stats.requests.byPath['/__proto__'], 1)
    assert.deepEqual(stats.requests.byStatus, { 200: 5, 401: 1, 404: 2 })
    assert.deepEqual(stats.tokens, { requests: 2, issued: 1, live: 1 })
    assert.equal(typeof stats.since, 'string')
    assert.equal(emu.requests.some((r) => r.path.startsWith('/__emulator')), false)
  })

  it('DELETE /__emulator/stats and reset() zero the counters; other methods answer 405', async () => {
    const { emu, call } = await connect()
    await call('GET', `${R}/users/`)
    assert.equal((await emu.fetch('/__emulator/stats', { method: 'DELETE' })).status, 204)
    assert.deepEqual(emu.stats().requests, { total: 0, byService: {}, byPath: {}, byStatus: {} })
    assert.equal(emu.stats().tokens.issued, 0)
    assert.equal(emu.stats().tokens.live, 1) // live tokens are state, not a counter
    await call('GET', `${R}/users/`)
    emu.reset()
    assert.equal(emu.stats().requests.total, 0)
    const post = await emu.fetch('/__emulator/stats', { method: 'POST' })
    assert.equal(post.status, 405)
    assert.equal(post.headers.get('allow'), 'GET, HEAD, DELETE')
  })
})
