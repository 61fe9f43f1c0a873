// The response-size cap (`maxResponseBytes`): a lying or broken server, or a proxy in the middle, must not make
// the SDK buffer a body bigger than the client allows (a Worker has 128 MB). Bodies here are hand-made streams
// that count what is pulled from them and whether they were cancelled, behind the SDK's own Transport (a cap
// of a few bytes) or behind a OneRoster client (the default cap, and the option's checks).

import type { Assert, Setup, Suite } from '../../harness/types.ts'
import { Transport } from '../../../src/core/transport/http.ts'
import { requestWithStatus } from '../../../src/core/resource/with-status.ts'
import type { ServiceContext } from '../../../src/core/resource/context.ts'

const ORIGIN = 'http://localhost:41998'
const USERS = '/ims/oneroster/rostering/v1p2/users/'
const MiB = 1024 * 1024

/**
 * A body of `chunks` (each made when pulled, one per read and never before: highWaterMark 0) that records pulls
 * and cancellation.
 */
function countedBody(chunks: readonly Uint8Array[] | { n: number; make: () => Uint8Array }) {
  const seen = { pulls: 0, cancelled: false }
  const list = Array.isArray(chunks) ? chunks : undefined
  const n = list ? list.length : (chunks as { n: number }).n
  let i = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.pulls++
      if (i < n) controller.enqueue(list ? list[i]! : (chunks as { make: () => Uint8Array }).make())
      else controller.close()
      i++
    },
    cancel() {
      seen.cancelled = true
    },
  }, { highWaterMark: 0 })
  return { stream, seen }
}

/** `n` chunks of `size` bytes each, all `fill`, made as they are pulled. */
const repeated = (n: number, size: number, fill = 0x61) => ({ n, make: () => new Uint8Array(size).fill(fill) })
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

function answer(body: BodyInit | null, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } })
}

/** The SDK's Transport over a fetch that answers `respond()` to every request; counts the requests. */
function transport(respond: () => Response, maxResponseBytes?: number) {
  const calls = { n: 0 }
  const fetch = async () => (calls.n++, respond())
  return { calls, t: new Transport({ baseUrl: ORIGIN, fetch: fetch as typeof globalThis.fetch, maxRetries: 2, maxResponseBytes }) }
}

/** The emulator's fetch, except GETs under USERS, which get `respond()`. */
function usersFetch(s: Setup, respond: () => Response) {
  const inner = s.options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init))
  const calls = { n: 0 }
  const fetch = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    if (!new URL(String(input)).pathname.startsWith(USERS)) return inner(input, init)
    calls.n++
    return Promise.resolve(respond())
  }
  return { calls, fetch: fetch as typeof globalThis.fetch }
}

const suite: Suite = ({ h, sdk, setup }) => {
  const { describe, it } = h
  // Annotated: TypeScript only narrows through assertion functions declared with an explicit type.
  const assert: Assert = h.assert
  const { OneRosterClient } = sdk.oneroster
  const E = sdk.errors

  describe('core: response size cap', () => {
    it('a Content-Length over the cap fails at once: nothing is read, the body is cancelled, no retry', async () => {
      const body = countedBody(repeated(4, 100))
      const { t, calls } = transport(() => answer(body.stream, 200, { 'content-length': '400' }), 100)
      const error = await assert.rejects(t.request({ method: 'GET', path: '/big' }), E.isServerError)
      assert.equal(error.code, 'response_too_large')
      assert.equal(error.status, 200)
      assert.match(error.message, /^GET \/big → 200: the response is at least 400 bytes, over maxResponseBytes \(100\): raise maxResponseBytes or ask for smaller pages \(limit\)/)
      assert.equal(body.seen.pulls, 0, 'nothing pulled from the body')
      assert.ok(body.seen.cancelled, 'the body is cancelled')
      assert.equal(calls.n, 1, 'not retried')
    })

    it('without Content-Length, a body that passes the cap fails as soon as it does, and is cancelled', async () => {
      const body = countedBody(repeated(10, 40))
      const { t } = transport(() => answer(body.stream), 100)
      const error = await assert.rejects(t.request({ method: 'GET', path: '/stream' }), E.isServerError)
      assert.equal(error.code, 'response_too_large')
      assert.match(error.message, /at least 120 bytes, over maxResponseBytes \(100\)/)
      assert.equal(body.seen.pulls, 3, 'reading stopped at the chunk that passed the cap')
      assert.ok(body.seen.cancelled, 'the body is cancelled')
    })

    it('a body of exactly the cap is read whole, in chunks, and parsed', async () => {
      const text = '{"name":"exactly one hundred bytes","pad":"' + 'x'.repeat(55) + '"}'
      assert.equal(utf8(text).length, 100)
      const bytes = utf8(text)
      const body = countedBody([bytes.slice(0, 30), bytes.slice(30, 31), bytes.slice(31)])
      const { t } = transport(() => answer(body.stream, 200, { 'content-length': '100' }), 100)
      assert.deepEqual(await t.request({ method: 'GET', path: '/exact' }), { name: 'exactly one hundred bytes', pad: 'x'.repeat(55) })
      assert.ok(!body.seen.cancelled)
    })

    it('a small Content-Length does not hide a bigger body', async () => {
      const body = countedBody(repeated(3, 60))
      const { t } = transport(() => answer(body.stream, 200, { 'content-length': '10' }), 100)
      const error = await assert.rejects(t.request({ method: 'GET', path: '/liar' }), E.isServerError)
      assert.equal(error.code, 'response_too_large')
      assert.match(error.message, /at least 120 bytes/)
      assert.ok(body.seen.cancelled)
    })

    it('text is decoded as before: a UTF-8 BOM is dropped, multi-byte characters split across chunks survive, an empty body is undefined', async () => {
      const bytes = utf8('\uFEFF{"name":"Zoë 学生"}')
      // Split inside the BOM and inside 'ë' and '学': a per-chunk decode would garble them.
      const cuts = [bytes.slice(0, 2), bytes.slice(2, 15), bytes.slice(15, 19), bytes.slice(19)]
      const { t } = transport(() => answer(countedBody(cuts).stream), 100)
      assert.deepEqual(await t.request({ method: 'GET', path: '/utf8' }), { name: 'Zoë 学生' })
      const empty = transport(() => answer(null, 204), 100)
      assert.equal(await empty.t.request({ method: 'DELETE', path: '/gone' }), undefined)
      const blank = transport(() => answer(countedBody([]).stream), 100)
      assert.equal(await blank.t.request({ method: 'GET', path: '/blank' }), undefined)
    })

    it('an upsert that answers its status (CLR, Open Badges) reads its body under the cap too', async () => {
      const over = countedBody(repeated(3, 50))
      const big = transport(() => answer(over.stream, 201), 100)
      const error = await assert.rejects(requestWithStatus({ transport: big.t } as unknown as ServiceContext, { method: 'POST', path: '/upsert', json: '{}' }), E.isServerError)
      assert.equal(error.code, 'response_too_large')
      assert.ok(over.seen.cancelled)
      assert.equal(big.calls.n, 1, 'not retried')
      const ok = transport(() => answer('{"id":"c-1"}', 201), 100)
      const got = await requestWithStatus({ transport: ok.t } as unknown as ServiceContext, { method: 'POST', path: '/upsert', json: '{}' })
      assert.deepEqual(got, { status: 201, body: { id: 'c-1' } })
    })

    it('bytes answers are capped too, and come back whole and exact under the cap', async () => {
      const over = countedBody(repeated(3, 50, 7))
      const big = transport(() => answer(over.stream, 200, { 'content-type': 'application/octet-stream' }), 100)
      const error = await assert.rejects(big.t.request({ method: 'GET', path: '/file', responseType: 'bytes' }), E.isServerError)
      assert.equal(error.code, 'response_too_large')
      assert.ok(over.seen.cancelled)
      const chunks = [new Uint8Array([0xef, 0xbb, 0xbf, 1]), new Uint8Array([2, 3]), new Uint8Array(94).fill(9)]
      const ok = transport(() => answer(countedBody(chunks).stream, 200, { 'content-type': 'application/octet-stream' }), 100)
      const got = await ok.t.request<{ data: Uint8Array; headers: Headers }>({ method: 'GET', path: '/file', responseType: 'bytes' })
      assert.ok(got.data instanceof Uint8Array)
      assert.equal(got.data.length, 100)
      assert.deepEqual([...got.data.slice(0, 6)], [0xef, 0xbb, 0xbf, 1, 2, 3], 'bytes are not decoded: the BOM stays')
      assert.equal(got.data[99], 9)
      assert.equal(got.headers.get('content-type'), 'application/octet-stream')
    })

    it('an error status with a huge body is the status\'s error, without the body, never a size error', async () => {
      const declared = countedBody(repeated(2, 200))
      const a = transport(() => answer(declared.stream, 404, { 'content-length': '400' }), 100)
      const notFound = await assert.rejects(a.t.request({ method: 'GET', path: '/missing' }), E.isNotFoundError)
      assert.equal(notFound.status, 404)
      assert.equal(notFound.body, undefined)
      assert.match(notFound.message, /^GET \/missing → 404 Not Found \(request id /)
      assert.equal(declared.seen.pulls, 0)
      assert.ok(declared.seen.cancelled)
      const streamed = countedBody(repeated(5, 40))
      const b = transport(() => answer(streamed.stream, 400), 100)
      const invalid = await assert.rejects(b.t.request({ method: 'POST', path: '/things', body: {} }), E.isValidationError)
      assert.equal(invalid.code, 'validation_error')
      assert.equal(invalid.body, undefined)
      assert.ok(streamed.seen.cancelled)
      // Under the cap, the error body is read as always.
      const small = transport(() => answer(JSON.stringify({ message: 'no such thing' }), 404), 100)
      const described = await assert.rejects(small.t.request({ method: 'GET', path: '/missing' }), E.isNotFoundError)
      assert.equal(described.description, 'no such thing')
    })

    it('an error body that breaks while being read still gives the status\'s error', async () => {
      const broken = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(utf8('{"message":'))
          controller.error(new TypeError('connection reset'))
        },
      })
      const { t } = transport(() => answer(broken, 409), 100)
      const error = await assert.rejects(t.request({ method: 'PUT', path: '/things/1', body: {} }), E.isConflictError)
      assert.equal(error.body, undefined)
    })

    it('the default cap (32 MiB) lets a 1 MB answer through and stops a body past 32 MiB', async () => {
      const s = setup()
      const blob = 'b'.repeat(MiB)
      const record = { sourcedId: 'big-1', status: 'active', dateLastModified: '2026-01-01T00:00:00.000Z', metadata: { blob } }
      const fine = usersFetch(s, () => answer(JSON.stringify({ user: record })))
      const user = await new OneRosterClient({ ...s.options, fetch: fine.fetch }).users.get('big-1')
      assert.equal((user.metadata as { blob: string }).blob.length, MiB)

      const huge = countedBody(repeated(40, MiB))
      const over = usersFetch(s, () => answer(huge.stream))
      const client = new OneRosterClient({ ...s.options, fetch: over.fetch })
      const error = await assert.rejects(client.users.get('big-1'), E.isServerError)
      assert.equal(error.code, 'response_too_large')
      assert.match(error.message, /at least 34603008 bytes, over maxResponseBytes \(33554432\)/)
      assert.equal(huge.seen.pulls, 33)
      assert.ok(huge.seen.cancelled)
      assert.equal(over.calls.n, 1, 'not retried')
    })

    it('the client option reaches every call: a 2 KB answer fails under maxResponseBytes: 1024, passes under 4096', async () => {
      const s = setup()
      const record = { sourcedId: 'u-1', status: 'active', dateLastModified: '2026-01-01T00:00:00.000Z', metadata: { pad: 'p'.repeat(2048) } }
      const api = usersFetch(s, () => answer(JSON.stringify({ user: record })))
      const small = new OneRosterClient({ ...s.options, fetch: api.fetch, maxResponseBytes: 1024 })
      const error = await assert.rejects(small.users.get('u-1'), E.isServerError)
      assert.equal(error.code, 'response_too_large')
      assert.match(error.message, /over maxResponseBytes \(1024\)/)
      const roomy = new OneRosterClient({ ...s.options, fetch: api.fetch, maxResponseBytes: 4096 })
      assert.equal((await roomy.users.get('u-1')).sourcedId, 'u-1')
    })

    it('invalid maxResponseBytes values are refused when the client is built, before any request', () => {
      const s = setup()
      const api = usersFetch(s, () => answer('{}'))
      for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1000', null]) {
        const error = assert.throws(
          () => new OneRosterClient({ ...s.options, fetch: api.fetch, maxResponseBytes: bad as number }),
          E.isConfigurationError,
        )
        assert.match(error.message, /^maxResponseBytes must be a positive integer \(bytes\), got /, String(bad))
      }
      assert.equal(api.calls.n, 0)
      assert.equal(s.emulator.requests.length, 0, 'nothing reached the emulator')
      // Valid values build a client.
      assert.ok(new OneRosterClient({ ...s.options, maxResponseBytes: 1 }))
      assert.ok(new OneRosterClient({ ...s.options, maxResponseBytes: 64 * MiB }))
    })
  })
}

export default suite
