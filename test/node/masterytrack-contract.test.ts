// MasteryTrackClient against the facts of MasteryTrack's developer guide (restated below, not read from it): the
// four routes with their methods and paths, the header the JWT travels in, the field names each route takes, the
// default host, the MASTERYTRACK_* variables, and how each documented error code reaches the caller. The client
// talks to a recording fake fetch that answers as the guide shows; no emulator is involved.
// Run: node --import tsx --test test/node/masterytrack-contract.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  type ApiError, AuthenticationError, ConflictError, ForbiddenError, NotFoundError, ServerError, ValidationError,
} from '../../src/core/errors.ts'
import { existingAssignmentOf, MasteryTrackClient } from '../../src/services/masterytrack/index.ts'

// The guide's facts.
const HOST = 'https://l407b3xadi.execute-api.us-east-1.amazonaws.com/prod'
const AUTHORIZER = { method: 'POST', path: '/authorizer', keyHeader: 'x-api-key', body: ['email'] }
const SEARCH = { method: 'GET', path: '/authoring/inventory/search', query: ['name', 'timeback_id', 'grade', 'subject', 'all'] }
const ASSIGN = {
  method: 'POST', path: '/delivery/assignments/assign',
  body: ['student_email', 'timeback_id', 'subject', 'grade_rank', 'assessment_line_item_sourced_id', 'assessment_result_sourced_id'],
}
const INVALIDATE = { method: 'POST', path: '/delivery/assignments/invalidate', body: ['student_email', 'assignment_id', 'timeback_id', 'subject', 'grade_rank'] }
/** Documented code, its status, and the SDK error class a caller catches. */
const CODES: [string, number, new (...args: never[]) => Error][] = [
  ['UNAUTHORIZED', 401, AuthenticationError],
  ['ACCESS_DENIED', 403, ForbiddenError],
  ['MISSING_PARAMETER', 400, ValidationError],
  ['INVALID_PARAMETERS', 400, ValidationError],
  ['USER_NOT_FOUND', 404, NotFoundError],
  ['TEST_NOT_FOUND', 404, NotFoundError],
  ['TEST_NOT_SUPPORTED', 422, ValidationError],
  ['ASSIGNMENT_EXISTS', 409, ConflictError],
  ['INTERNAL_ERROR', 500, ServerError],
]

interface Seen { method: string; path: string; query: URLSearchParams; headers: Headers; body: any }

let clients = 0
/** A client on the documented host whose fetch records requests; `answer` answers the non-exchange ones. */
function open(answer: (seen: Seen) => Response, options: { vars?: object } = {}) {
  const seen: Seen[] = []
  const email = `ops-${++clients}@school.example` // a fresh cache key: the JWT cache is isolate-wide
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    assert.ok(url.href.startsWith(`${HOST}/`), url.href)
    const text = await request.text()
    const entry: Seen = { method: request.method, path: url.pathname.slice('/prod'.length), query: url.searchParams, headers: request.headers, body: text ? JSON.parse(text) : undefined }
    seen.push(entry)
    if (entry.path === AUTHORIZER.path) return Response.json({ success: true, jwt: `jwt-${clients}` })
    return answer(entry)
  }
  const auth = options.vars ? {} : { apiKey: 'key-1', email }
  const client = new MasteryTrackClient({ env: 'production', auth, fetch, maxRetries: 0, vars: options.vars ?? {} })
  return { client, seen, calls: () => seen.filter((s) => s.path !== AUTHORIZER.path) }
}

const ok = (data: unknown, status = 200) => Response.json({ success: true, data }, { status })

describe('MasteryTrack client against the developer guide', () => {
  it('exchanges the key at POST {host}/authorizer (x-api-key, { email }) and sends the JWT as X-Auth-Token: Bearer, not Authorization', async () => {
    const { client, seen } = open(() => ok([]))
    assert.equal(client.baseUrl, HOST)
    await client.inventory.search()
    const [exchange, search] = seen
    assert.deepEqual([exchange?.method, exchange?.path], [AUTHORIZER.method, AUTHORIZER.path])
    assert.equal(exchange?.headers.get(AUTHORIZER.keyHeader), 'key-1')
    assert.match(exchange?.headers.get('content-type') ?? '', /^application\/json/)
    assert.deepEqual(Object.keys(exchange?.body), AUTHORIZER.body)
    assert.equal(search?.headers.get('x-auth-token'), `Bearer jwt-${clients}`)
    assert.equal(search?.headers.get('authorization'), null)
    assert.equal(search?.headers.get(AUTHORIZER.keyHeader), null) // the key goes to the exchange only
  })

  it('reads MASTERYTRACK_API_KEY and MASTERYTRACK_EMAIL', async () => {
    const { client, seen } = open(() => ok([]), { vars: { MASTERYTRACK_API_KEY: 'from-env', MASTERYTRACK_EMAIL: 'env-user@school.example' } })
    await client.inventory.search()
    assert.equal(seen[0]?.headers.get('x-api-key'), 'from-env')
    assert.deepEqual(seen[0]?.body, { email: 'env-user@school.example' })
  })

  it('inventory.search is GET /authoring/inventory/search with only the documented filters', async () => {
    const { client, calls } = open(() => ok([{ id: 1, timeback_id: '_677e', name: 'Alpha Standardized Math G3.1', supported: true }]))
    const tests = await client.inventory.search({ name: 'math', timebackId: '_677e', grade: '3', subject: 'Math', all: true })
    assert.equal(tests[0]?.timeback_id, '_677e')
    const [call] = calls()
    assert.deepEqual([call?.method, call?.path], [SEARCH.method, SEARCH.path])
    assert.deepEqual([...call!.query.keys()].sort(), [...SEARCH.query].sort())
    assert.equal(call?.query.get('all'), 'true')
  })

  it('assignments.assign and .invalidate POST to the documented paths with only documented body fields', async () => {
    const { client, calls } = open((s) => s.path === ASSIGN.path
      ? ok({ assignment: { id: 123, student_email: 's@school.example', test_url: 'https://masterytrack.ai/assignment/123', status: 'ASSIGNED' }, message: 'ok' }, 201)
      : ok({ message: 'Assignment(s) invalidated successfully.', total_invalidated: 1, invalidated_assignments: [{ assignment_id: 123, student_email: 's@school.example' }] }))
    const every = { student_email: 's@school.example', timeback_id: '_677e', subject: 'Math', grade_rank: 3, assessment_line_item_sourced_id: 'li', assessment_result_sourced_id: 'r' }
    const made = await client.assignments.assign(every)
    assert.equal(made.assignment.test_url, 'https://masterytrack.ai/assignment/123')
    const undone = await client.assignments.invalidate({ student_email: 's@school.example', assignment_id: 123 })
    assert.equal(undone.total_invalidated, 1)
    await client.assignments.invalidate({ student_email: 's@school.example', subject: 'Math', grade_rank: 3 })
    await client.assignments.invalidate({ student_email: 's@school.example', timeback_id: '_677e' })
    const [assign, ...invalidations] = calls()
    assert.deepEqual([assign?.method, assign?.path], [ASSIGN.method, ASSIGN.path])
    assert.deepEqual(Object.keys(assign?.body).sort(), [...ASSIGN.body].sort())
    assert.match(assign?.headers.get('content-type') ?? '', /^application\/json/)
    for (const call of invalidations) {
      assert.deepEqual([call.method, call.path], [INVALIDATE.method, INVALIDATE.path])
      for (const key of Object.keys(call.body)) assert.ok(INVALIDATE.body.includes(key), key)
    }
    assert.deepEqual(invalidations.map((c) => c.body), [
      { student_email: 's@school.example', assignment_id: 123 },
      { student_email: 's@school.example', subject: 'Math', grade_rank: 3 },
      { student_email: 's@school.example', timeback_id: '_677e' },
    ])
  })

  for (const [code, status, ErrorClass] of CODES) {
    it(`${status} ${code} in { success: false, error, code } is a ${ErrorClass.name} with minorCodes [${code}] and the error text`, async () => {
      const body: Record<string, unknown> = { success: false, error: `text of ${code}`, code }
      if (code === 'ASSIGNMENT_EXISTS') body.data = { existing_assignment: { id: 7, student_email: 's@school.example', test_name: 'T', status: 'IN_PROGRESS', test_url: 'https://masterytrack.ai/assignment/7' } }
      const { client, calls } = open(() => Response.json(body, { status }))
      const error: ApiError = await client.assignments.assign({ student_email: 's@school.example', timeback_id: '_677e' }).then(() => assert.fail('resolved'), (e) => e)
      assert.ok((error as Error) instanceof ErrorClass, `${String(error)}`)
      assert.equal(error.status, status)
      assert.deepEqual(error.minorCodes, [code])
      assert.equal(error.description, `text of ${code}`)
      // A 401 evicts the JWT and tries once more with a new one; nothing else is repeated.
      assert.equal(calls().length, status === 401 ? 2 : 1)
      if (code === 'ASSIGNMENT_EXISTS') assert.equal(existingAssignmentOf(error)?.status, 'IN_PROGRESS')
    })
  }

  it('the invalidate route\'s code-less errors keep their text, with no minor code', async () => {
    const { client } = open(() => Response.json({ success: false, error: 'No active assignments found for student s@school.example with criteria: assignment_id: 123' }, { status: 404 }))
    const error: ApiError = await client.assignments.invalidate({ student_email: 's@school.example', assignment_id: 123 }).then(() => assert.fail('resolved'), (e) => e)
    assert.ok(error instanceof NotFoundError)
    assert.deepEqual(error.minorCodes, [])
    assert.match(error.message, /No active assignments found/)
  })
})
