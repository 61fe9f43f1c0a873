// stream() as an async iterator: it is a plain object rather than an `async function*` (one promise per record
// instead of three), so these pin the generator behaviour callers rely on: bad params reject when iterated,
// overlapping next() calls get consecutive records and one request per page, break/return stop the requests,
// a failed page ends the stream, throw() ends it too.

import type { Assert, Setup, Suite } from '../../harness/types.ts'

const USERS = '/ims/oneroster/rostering/v1p2/users/'

const suite: Suite = ({ h, sdk, setup }) => {
  const { describe, it } = h
  // Annotated: TypeScript only narrows through assertion functions declared with an explicit type.
  const assert: Assert = h.assert
  const { OneRosterClient } = sdk.oneroster
  const E = sdk.errors

  /** An emulator holding exactly `n` users (their ids in storage order) and a client without retries. */
  function withUsers(n: number) {
    const s: Setup = setup()
    s.emulator.state.seedUsers(n - s.emulator.state.count('users'))
    const ids = s.emulator.state.list('users').map((u: { sourcedId: string }) => u.sourcedId)
    const pages = () => s.emulator.requests.filter((r) => r.method === 'GET' && r.path === USERS).length
    return { s, ids, pages, client: new OneRosterClient({ ...s.options, maxRetries: 0 }) }
  }

  describe('core: stream() as an async iterator', () => {
    it('bad params are refused when the stream is iterated, not when stream() is called, and before any request', async () => {
      const { client, pages } = withUsers(5)
      const stream = client.users.stream({ limit: 0 })
      await assert.rejects(stream.next(), E.isInputValidationError)
      assert.deepEqual(await stream.next(), { value: undefined, done: true })
      assert.equal(pages(), 0)
    })

    it('next() calls made without waiting get consecutive records, each once, with one request per page', async () => {
      const { client, ids, pages } = withUsers(25)
      const stream = client.users.stream({ limit: 10 })
      const results = await Promise.all(Array.from({ length: 30 }, () => stream.next()))
      assert.deepEqual(results.slice(0, 25).map((r) => (r.done ? 'done' : r.value.sourcedId)), ids)
      assert.ok(results.slice(25).every((r) => r.done && r.value === undefined), 'the calls past the end are done')
      assert.equal(pages(), 3)
    })

    it('breaking out of for await stops the listing: no further page is asked, and the stream stays done', async () => {
      const { client, ids, pages } = withUsers(25)
      const stream = client.users.stream({ limit: 10 })
      const seen: string[] = []
      for await (const user of stream) {
        seen.push(user.sourcedId)
        if (seen.length === 12) break
      }
      assert.deepEqual(seen, ids.slice(0, 12))
      assert.equal(pages(), 2)
      assert.deepEqual(await stream.next(), { value: undefined, done: true })
      assert.equal(pages(), 2)
    })

    it('a page that fails ends the stream with its error; next() afterwards is done and asks nothing', async () => {
      const { s, client, ids, pages } = withUsers(25)
      const stream = client.users.stream({ limit: 10 })
      const seen: string[] = []
      const error = await assert.rejects(async () => {
        for await (const user of stream) {
          seen.push(user.sourcedId)
          if (seen.length === 10) s.emulator.faults.add({ path: USERS, status: 500, times: 1 })
        }
      }, E.isServerError)
      assert.equal(error.status, 500)
      assert.deepEqual(seen, ids.slice(0, 10))
      assert.deepEqual(await stream.next(), { value: undefined, done: true })
      assert.equal(pages(), 2)
    })

    it('return() and throw() end the stream the way they end an async generator', async () => {
      const { client, ids, pages } = withUsers(25)
      const returned = client.users.stream({ limit: 10 })
      assert.equal((await returned.next()).value?.sourcedId, ids[0])
      assert.deepEqual(await returned.return(undefined), { value: undefined, done: true })
      assert.deepEqual(await returned.next(), { value: undefined, done: true })
      const thrown = client.users.stream({ limit: 10 })
      assert.equal((await thrown.next()).value?.sourcedId, ids[0])
      const reason = new Error('caller gave up')
      assert.equal(await assert.rejects(thrown.throw(reason)), reason)
      assert.deepEqual(await thrown.next(), { value: undefined, done: true })
      assert.equal(pages(), 2)
      assert.ok(returned[Symbol.asyncIterator]() === returned, 'the stream is its own iterator')
    })
  })
}

export default suite
