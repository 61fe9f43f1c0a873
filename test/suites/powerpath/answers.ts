// PowerPathClient against a server that lies (the test's own fetch, no emulator): answers of the wrong shape are
// ServerErrors `invalid_response`, course-sequence stages are read bare or wrapped, and a listing whose server
// ignores the offset ends instead of requesting forever.

import type { Assert, Suite } from '../../harness/types.ts'
import { rejection } from './helpers.ts'

const BASE = 'http://localhost:9'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  /** A client whose every API request is answered by `answer`; `calls` counts them. */
  function liar(answer: (url: URL, init: RequestInit) => Response) {
    const calls: URL[] = []
    const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(input instanceof Request ? input.url : String(input))
      if (url.pathname === '/token') return Response.json({ access_token: 't', expires_in: 3600 })
      calls.push(url)
      return answer(url, init)
    }
    const client = new sdk.powerpath.PowerPathClient({ baseUrl: BASE, auth: { clientId: 'a', clientSecret: 'b', authUrl: `${BASE}/token` }, fetch, maxRetries: 0 })
    return { client, calls }
  }

  describe('powerpath: answers', () => {
    it('refuses a 2xx that is not a JSON object with a ServerError invalid_response', async () => {
      const { client } = liar(() => Response.json('fine'))
      const error = await rejection(client.placement.getCurrentLevel({ student: 's', subject: 'Math' }))
      assert.ok(sdk.errors.isServerError(error), String(error))
      assert.equal(error.code, 'invalid_response')
      const list = await rejection(liar(() => Response.json({ testAssignments: 'none', totalCount: 0 })).client.testAssignments.list({ student: 's' }))
      assert.equal(list.code, 'invalid_response')
    })

    it('resolves a 204 to undefined', async () => {
      const { client, calls } = liar(() => new Response(null, { status: 204 }))
      assert.equal(await client.testAssignments.delete({ id: 'a1' }), undefined)
      assert.equal(await client.screening.resetSession({ userId: 'u1' }), undefined)
      assert.deepEqual(calls.map((u) => u.pathname), ['/powerpath/test-assignments/a1', '/powerpath/screening/session/reset'])
    })

    it('reads course-sequence stages bare or under stages, and refuses anything else', async () => {
      const stage = { id: 'st-1', title: 'Math 3', grades: ['3'], subject: 'Math', type: 'course' }
      assert.deepEqual(await liar(() => Response.json([stage])).client.courseSequences.getStages({ id: 'q' }), [stage])
      assert.deepEqual(await liar(() => Response.json({ stages: [stage] })).client.courseSequences.getStages({ id: 'q' }), [stage])
      const error = await rejection(liar(() => Response.json({ stage })).client.courseSequences.getStages({ id: 'q' }))
      assert.equal(error.code, 'invalid_response')
    })

    it('ends a listing whose server ignores the offset and claims 1000 records', async () => {
      const page = { testAssignments: [{ sourcedId: 'a1' }, { sourcedId: 'a2' }], totalCount: 1000 }
      const { client, calls } = liar(() => Response.json(page))
      const all = await client.testAssignments.listAll({ student: 's', limit: 2 })
      assert.deepEqual(all.map((a) => a.sourcedId), ['a1', 'a2'])
      assert.equal(calls.length, 2, 'the second page repeats the first: the listing ends')
      assert.deepEqual(calls.map((u) => u.searchParams.get('offset')), ['0', '2'])
    })
  })
}

export default suite
