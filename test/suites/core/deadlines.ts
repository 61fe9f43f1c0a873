// Deadlines reach the request itself: when a call times out or its caller aborts, the fetch that is still
// waiting (for headers or for the body) receives the abort, which is what makes a real fetch close the socket.
// A timer that only rejects the promise would leave a hung request holding its connection; these tests fail
// on such an implementation. The test fetch behaves like a real one towards its signal and hangs on purpose.

import type { Assert, Setup, Suite } from '../../harness/types.ts'

const USERS = '/ims/oneroster/rostering/v1p2/users/'

interface Seen {
  signal: AbortSignal | undefined
  /** Set when the signal's abort event reached the fetch (a real fetch closes the connection then). */
  abortedWith?: unknown
}

/**
 * A fetch that hangs on the users collection: `'headers'` never answers, `'body'` answers 200 and never ends
 * its body. Like a real fetch, an abort of its signal rejects the pending promise or errors the body. Other
 * requests (the token) go to the emulator.
 */
function hangingFetch(s: Setup, hang: 'headers' | 'body' | 'no') {
  const seen: Seen[] = []
  const inner = s.options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init))
  const fetchLike = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input))
    if (url.pathname !== USERS) return inner(input, init)
    const entry: Seen = { signal: init.signal ?? undefined }
    seen.push(entry)
    if (hang === 'no') return inner(input, init)
    const signal = init.signal
    return new Promise<Response>((resolve, reject) => {
      let fail: (reason: unknown) => void = reject
      signal?.addEventListener('abort', () => {
        entry.abortedWith = signal.reason
        fail(signal.reason)
      }, { once: true })
      if (hang === 'body') {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"users": ['))
            fail = (reason) => controller.error(reason)
          },
        })
        resolve(new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }))
      }
    })
  }
  return { seen, fetch: fetchLike as typeof fetch }
}

const suite: Suite = ({ h, sdk, setup }) => {
  const { describe, it } = h
  // Annotated: TypeScript only narrows through assertion functions declared with an explicit type.
  const assert: Assert = h.assert
  const { OneRosterClient } = sdk.oneroster
  const E = sdk.errors

  describe('core: deadlines reach the request', () => {
    it('a timeout aborts the fetch of a request that never answers, and the call is a TimeoutError', async () => {
      const s = setup()
      const t = hangingFetch(s, 'headers')
      const client = new OneRosterClient({ ...s.options, fetch: t.fetch, maxRetries: 0 })
      await client.orgs.first() // the token first: its request must not eat the 50 ms
      const error = await assert.rejects(client.users.list({ limit: 1 }, { timeout: 50 }), E.isTimeoutError)
      assert.equal(error.timeoutMs, 50)
      assert.equal(t.seen.length, 1)
      assert.ok(t.seen[0]!.signal, 'fetch was given a signal')
      assert.ok(t.seen[0]!.signal!.aborted, "the fetch's signal is aborted")
      assert.ok(t.seen[0]!.abortedWith !== undefined, 'the abort event reached the fetch')
    })

    it('a timeout while the body is still arriving aborts the fetch too (the body read is inside the deadline)', async () => {
      const s = setup()
      const t = hangingFetch(s, 'body')
      const client = new OneRosterClient({ ...s.options, fetch: t.fetch, maxRetries: 0 })
      await client.orgs.first()
      await assert.rejects(client.users.list({ limit: 1 }, { timeout: 50 }), E.isTimeoutError)
      assert.equal(t.seen.length, 1)
      assert.ok(t.seen[0]!.abortedWith !== undefined, 'the abort event reached the fetch')
    })

    it("the caller's abort reaches the hung fetch, and the call is an AbortError with the caller's reason", async () => {
      const s = setup()
      const t = hangingFetch(s, 'headers')
      const controller = new AbortController()
      const client = new OneRosterClient({
        ...s.options,
        fetch: t.fetch,
        hooks: { onRequest: (info) => { if (info.url.includes(USERS)) queueMicrotask(() => controller.abort(new Error('user left'))) } },
      })
      const error = await assert.rejects(client.users.list({ limit: 1 }, { signal: controller.signal, timeout: 60_000 }), E.isAbortError)
      assert.equal((error.cause as Error).message, 'user left')
      assert.ok(t.seen[0]!.abortedWith !== undefined, 'the abort event reached the fetch')
    })

    it('every call gets its own signal: no signal is shared between requests, with or without a deadline', async () => {
      const s = setup()
      const t = hangingFetch(s, 'no')
      const client = new OneRosterClient({ ...s.options, fetch: t.fetch })
      await client.users.list({ limit: 1 })
      await client.users.list({ limit: 1 })
      await client.users.list({ limit: 1 }, { timeout: 0 })
      await client.users.list({ limit: 1 }, { timeout: 0 })
      assert.equal(t.seen.length, 4)
      const [a, b, c, d] = t.seen.map((x) => x.signal)
      assert.ok(a && b && a !== b, 'calls with a deadline get a signal each')
      // A shared signal collects one listener per request until each is garbage-collected (Node warns past 1500).
      assert.ok(c === undefined || c !== d, 'calls without a deadline do not share one signal')
      assert.ok(!a.aborted && !b.aborted, 'a finished call does not abort its request')
    })
  })
}

export default suite
