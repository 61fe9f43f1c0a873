// What the QTI client sends and how it reads a server that lies, seen through a test's own fetch: the two XML
// body forms on the wire, a 409 whose message names the identifier (with the service's words), answers that are
// not what the spec says (validate's success neither "true" nor "false", a record that is not an object), a
// listing whose server repeats pages forever (with or without identifiers), and patch's precondition on a record without updatedAt.

import type { Assert, Suite, SuiteEnv } from '../../harness/types.ts'
import { choiceXml, rejection, testXml } from './helpers.ts'

interface Seen { method: string; path: string; query: URLSearchParams; type: string | null; text: string }

/** A QtiClient whose fetch records every API request and answers `answer(seen)`. Nothing leaves the process. */
function fakeClient(env: SuiteEnv, answer: (seen: Seen) => Response) {
  const seen: Seen[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    if (url.pathname === '/token') return Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 })
    const entry = { method: request.method, path: url.pathname, query: url.searchParams, type: request.headers.get('content-type'), text: await request.text() }
    seen.push(entry)
    return answer(entry)
  }
  const client = new env.sdk.qti.QtiClient({ baseUrl: 'http://127.0.0.1:9/api', auth: { clientId: 'c', clientSecret: 's', authUrl: 'http://127.0.0.1:9/token' }, fetch, maxRetries: 0 })
  return { client, seen }
}

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const E = sdk.errors

  describe('qti: on the wire', () => {
    it('sends tests as raw application/xml and items as JSON { format: "xml", xml, metadata }, the XML unchanged', async () => {
      const { client, seen } = fakeClient(env, () => Response.json({ identifier: 'x' }, { status: 201 }))
      const test = testXml('t/1', 'Quiz', ['q-1'])
      await client.assessmentTests.createFromXml(test)
      await client.assessmentTests.updateFromXml('t/1', test)
      const item = choiceXml('q-1', 'Q')
      await client.assessmentItems.createFromXml(item, { subject: 'Math' })
      await client.stimuli.updateFromXml('s 1', '<qti-assessment-stimulus identifier="s 1" title="S"/>')
      assert.deepEqual(seen.map((s) => `${s.method} ${s.path} ${s.type}`), [
        'POST /api/assessment-tests application/xml',
        'PUT /api/assessment-tests/t%2F1 application/xml',
        'POST /api/assessment-items application/json',
        'PUT /api/stimuli/s%201 application/json',
      ])
      assert.equal(seen[0]!.text, test)
      assert.deepEqual(JSON.parse(seen[2]!.text), { format: 'xml', xml: item, metadata: { subject: 'Math' } })
      assert.deepEqual(Object.keys(JSON.parse(seen[3]!.text)), ['format', 'xml'])
    })

    it('a 409 on create is a ConflictError naming the identifier from the XML, with what the service said', async () => {
      const { client } = fakeClient(env, () => Response.json({ error: 'E11000 duplicate key' }, { status: 409 }))
      const error = await rejection(client.assessmentItems.createFromXml(choiceXml('dup-1', 'Q')))
      assert.ok(E.isConflictError(error), String(error))
      assert.equal(error.status, 409)
      assert.match(error.message, /^POST \/api\/assessment-items → 409 Conflict: the assessment item identifier 'dup-1' already exists; update replaces it \(the service said: E11000 duplicate key\)$/)
      const other = await rejection(client.assessmentTests.sections('t', 'p').create({ identifier: 's-9', title: 'S', visible: true }))
      assert.match(other.message, /the section identifier 's-9' already exists/)
    })

    it('refuses answers that break the spec: success neither "true" nor "false", a record that is not an object', async () => {
      let body: unknown = { success: 'maybe', entityId: 'e', xmlContent: '', validationErrors: [], message: '' }
      const { client } = fakeClient(env, () => Response.json(body))
      const error = await rejection(client.validate({ schema: 'item', entityId: 'e' }))
      assert.ok(E.isServerError(error) && error.code === 'invalid_response', String(error))
      assert.match(error.message, /neither "true" nor "false" \(got "maybe"\)/)
      body = { success: false, entityId: 'e', xmlContent: '', validationErrors: ['bad'], message: '' }
      assert.equal(await client.validate({ schema: 'item', entityId: 'e' }), false)
      body = { results: 'none' }
      assert.ok(E.isServerError(await rejection(client.validateBatch({ schema: 'item', entityIds: ['e'] }))))
      body = [{ identifier: 'q-1' }]
      const notObject = await rejection(client.assessmentItems.get('q-1'))
      assert.ok(E.isServerError(notObject) && notObject.code === 'invalid_response', String(notObject))
    })

    it('listAll ends when a server repeats the same page forever, each record once', async () => {
      const { client, seen } = fakeClient(env, () => Response.json({ items: [{ identifier: 'a' }, { identifier: 'b' }], total: 1000, page: 1, pages: 500, limit: 2 }))
      const all = await client.assessmentItems.listAll({ limit: 2 })
      assert.deepEqual(all.map((i) => i.identifier), ['a', 'b'])
      assert.equal(seen.length, 2, 'the second page brought nothing new: the listing ended')
      assert.deepEqual(seen.map((s) => s.query.get('page')), ['1', '2'])
    })

    it('listAll ends when a server repeats a page of records without identifiers, claiming pages remain', async () => {
      const { client, seen } = fakeClient(env, () => Response.json({ items: [{ title: 'no id' }, { title: 'none either' }], total: 1000, page: 1, pages: 500, limit: 2 }))
      const all = await client.assessmentItems.listAll({ limit: 2, maxItems: 100 })
      assert.deepEqual(all.map((i) => i.title), ['no id', 'none either'])
      assert.equal(seen.length, 2, 'the second page repeats the first: the listing ended')
    })

    it('patch refuses an ifUnmodifiedSince that is null, a number or a date-time without a zone, before any request', async () => {
      const { client, seen } = fakeClient(env, () => Response.json({ identifier: 'q-1', title: 'Q', rawXml: choiceXml('q-1', 'Q'), updatedAt: '2026-03-02T10:00:00Z' }))
      for (const since of [null, 0, '2026-03-02T10:00:00', '2026-03-02']) {
        const error = await rejection(client.assessmentItems.patch('q-1', { title: 'New' }, { ifUnmodifiedSince: since as never }))
        assert.ok(E.isInputValidationError(error), `${JSON.stringify(since)}: ${String(error)}`)
        assert.equal(error.issues[0].path, 'ifUnmodifiedSince')
      }
      assert.equal(seen.length, 0)
      await client.assessmentItems.patch('q-1', { title: 'New' }, { ifUnmodifiedSince: '2026-03-02T12:00:00+02:00' })
      assert.deepEqual(seen.map((s) => s.method), ['GET', 'PUT'], 'the same instant as updatedAt, written with an offset')
    })

    it('patch with ifUnmodifiedSince refuses a record without a readable updatedAt and sends no PUT', async () => {
      const { client, seen } = fakeClient(env, () => Response.json({ identifier: 'q-1', title: 'Q', rawXml: choiceXml('q-1', 'Q') }))
      const error = await rejection(client.assessmentItems.patch('q-1', { title: 'New' }, { ifUnmodifiedSince: new Date() }))
      assert.ok(E.isConflictError(error), String(error))
      assert.match(error.message, /'q-1' has no readable updatedAt/)
      assert.deepEqual(seen.map((s) => s.method), ['GET'])
    })
  })
}

export default suite
