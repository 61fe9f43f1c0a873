// operation(): one REST call declared as data. Paths are built from encoded ids, bad ids, bodies and queries
// are refused before anything is sent, answers are unwrapped or refused, accepted statuses become values,
// and the caller's call options reach the transport. Every request goes to a fetch written here.

import { InputValidationError } from '../../../src/core/errors.ts'
import { checked, many, none, one, operation, type Query } from '../../../src/core/resource/operation.ts'
import type { Assert, Suite } from '../../harness/types.ts'
import { fakeApi, hang, json } from './fake-api.ts'

const suite: Suite = (env) => {
  const { describe, it } = env.h
  const assert: Assert = env.h.assert
  const { isInputValidationError, isServerError, isAbortError, isNotFoundError, isTimeoutError } = env.sdk.errors

  describe('core: operations', () => {
    it('fills each {placeholder} with its id as one percent-encoded segment', async () => {
      const api = fakeApi(() => json({ ok: true }))
      const member = operation<{ classId: string; id: string }, unknown>({ method: 'GET', path: '/classes/{classId}/students/{id}' })
      await member(api.ctx, { classId: 'a/b', id: 'x y?q=1#f%' })
      await member(api.ctx, { classId: 'c1', id: 'Zoë-学生' })
      assert.deepEqual(api.sent.map((s) => s.url.pathname), [
        '/classes/a%2Fb/students/x%20y%3Fq%3D1%23f%25',
        `/classes/c1/students/${encodeURIComponent('Zoë-学生')}`,
      ])
      assert.deepEqual(api.sent.map((s) => s.url.search), ['', ''], 'nothing of the id leaked into the query')
    })

    it("empty, blank, '.', '..', non-string and missing ids reject before any request, naming the placeholder", async () => {
      const api = fakeApi(() => json({}))
      const get = operation<Record<string, unknown>, unknown>({ method: 'GET', path: '/items/{id}/parts/{partId}' })
      for (const bad of ['', '   ', '.', '..', 42, null, undefined]) {
        const call = get(api.ctx, { id: 'i1', partId: bad })
        assert.ok(call instanceof Promise, 'a bad id rejects the promise: the call itself never throws')
        const error = await assert.rejects(call, isInputValidationError, JSON.stringify(bad))
        assert.deepEqual(error.issues.map((i: { path: string }) => i.path), ['partId'])
      }
      const missing = await assert.rejects(get(api.ctx, { id: 'i1' }), isInputValidationError)
      assert.deepEqual(missing.issues, [{ path: 'partId', message: 'is required' }])
      assert.equal(api.sent.length, 0)
    })

    it('a schema body is checked before the request: each bad field is named under the body, nothing is sent', async () => {
      const api = fakeApi((req) => json({ webhook: { id: 'w1', ...(req.body as object) } }, 201))
      const create = operation<{ body: unknown }, { id: string; name: string }>({
        method: 'POST', path: '/webhooks/', unwrap: one('webhook'),
        body: checked(env.sdk.webhooks.WebhookCreateSchema, 'webhook', 'hooks.create'),
      })
      const bad = await assert.rejects(create(api.ctx, { body: { name: '', targetUrl: 'ftp://x.example', secret: 's' } }), isInputValidationError)
      assert.deepEqual(bad.issues.map((i: { path: string }) => i.path).sort(), ['webhook.name', 'webhook.targetUrl'])
      assert.match(bad.message, /^hooks\.create: /)
      const notObject = await assert.rejects(create(api.ctx, { body: ['a'] }), isInputValidationError)
      assert.deepEqual(notObject.issues.map((i: { path: string }) => i.path), ['webhook'])
      assert.equal(api.sent.length, 0)

      const made = await create(api.ctx, { body: { name: 'n', targetUrl: 'https://app.example/h', secret: 's', extra: 'dropped' } })
      assert.equal(made.id, 'w1')
      assert.deepEqual(api.sent[0]!.body, { name: 'n', targetUrl: 'https://app.example/h', secret: 's', description: null, active: true },
        'what is sent is the schema output (defaults in, unknown keys out)')
    })

    it('a hand-checked body: what the check returns is sent; what it throws stops the call', async () => {
      const api = fakeApi(() => json(undefined, 204))
      const rename = operation<{ id: string; name: unknown }, void>({
        method: 'PATCH', path: '/things/{id}', unwrap: none,
        body({ name }) {
          if (typeof name !== 'string') throw new InputValidationError([{ path: 'thing.name', message: 'must be a string' }])
          return { thing: { name } }
        },
      })
      const error = await assert.rejects(rename(api.ctx, { id: 't1', name: 7 }), isInputValidationError)
      assert.deepEqual(error.issues, [{ path: 'thing.name', message: 'must be a string' }])
      assert.equal(api.sent.length, 0)
      assert.equal(await rename(api.ctx, { id: 't1', name: 'new' }), undefined)
      assert.deepEqual([api.sent[0]!.method, api.sent[0]!.url.pathname, api.sent[0]!.body], ['PATCH', '/things/t1', { thing: { name: 'new' } }])
    })

    it("the query compiler's parameters are sent (arrays repeat, undefined is left out); its refusal stops the call", async () => {
      const api = fakeApi(() => json({ items: [] }))
      const search = operation<{ limit: number; tags: string[] }, unknown>({
        method: 'GET', path: '/items',
        query({ limit, tags }): Query {
          if (limit > 10) throw new InputValidationError([{ path: 'limit', message: 'must be at most 10' }])
          return { limit, tag: tags, skip: undefined }
        },
      })
      await assert.rejects(search(api.ctx, { limit: 11, tags: [] }), isInputValidationError)
      assert.equal(api.sent.length, 0)
      await search(api.ctx, { limit: 5, tags: ['a', 'b c'] })
      assert.equal(api.sent[0]!.url.search, '?limit=5&tag=a&tag=b+c')
    })

    it('one() takes the envelope or a bare object, many() the envelope or a bare array; other answers are invalid_response', async () => {
      const answers: unknown[] = [{ hook: { id: 'a' } }, { id: 'b' }, { hooks: [{ id: 'c' }] }, [{ id: 'd' }], { hook: 'x' }, [1], { other: [] }, undefined]
      const api = fakeApi((_req, n) => json(answers[n]))
      const get = operation<undefined, { id: string }>({ method: 'GET', path: '/hooks/1', unwrap: one('hook') })
      const list = operation<undefined, { id: string }[]>({ method: 'GET', path: '/hooks/', unwrap: many('hooks') })
      assert.equal((await get(api.ctx, undefined)).id, 'a')
      assert.equal((await get(api.ctx, undefined)).id, 'b')
      assert.deepEqual(await list(api.ctx, undefined), [{ id: 'c' }])
      assert.deepEqual(await list(api.ctx, undefined), [{ id: 'd' }])
      for (const op of [get, get, list, list]) {
        const error = await assert.rejects(op(api.ctx, undefined), isServerError)
        assert.equal(error.code, 'invalid_response')
        assert.match(error.message, /^\/hooks\/1?: the response has no 'hooks?' (object|array)/)
      }
    })

    it('acceptStatus: an accepted 404 reaches unwrap as the Response, a 2xx as its body; other errors still throw', async () => {
      const statuses = [200, 404, 500, 404, 404]
      const api = fakeApi((_req, n) => (statuses[n] === 200 ? new Response(null, { status: 200 }) : json({ error: 'gone' }, statuses[n])))
      const exists = operation<{ id: string }, boolean>({
        method: 'HEAD', path: '/users/{id}', acceptStatus: [404], unwrap: (answer) => answer?.status !== 404,
      })
      assert.equal(await exists(api.ctx, { id: 'u1' }), true)
      assert.equal(await exists(api.ctx, { id: 'u2' }), false)
      const error = await assert.rejects(exists(api.ctx, { id: 'u3' }), isServerError)
      assert.equal(error.status, 500)
      const get = operation<{ id: string }, unknown>({ method: 'GET', path: '/users/{id}' })
      await assert.rejects(get(api.ctx, { id: 'u4' }), isNotFoundError, 'without acceptStatus a 404 is a NotFoundError')
      const find = operation<{ id: string }, unknown>({
        method: 'GET', path: '/users/{id}', acceptStatus: [404],
        unwrap: async (answer) => (answer instanceof Response ? { status: answer.status, body: await answer.json() } : answer),
      })
      assert.deepEqual(await find(api.ctx, { id: 'u5' }), { status: 404, body: { error: 'gone' } }, 'the body is left for unwrap to read')
      assert.deepEqual(api.sent.map((s) => s.method), ['HEAD', 'HEAD', 'HEAD', 'GET', 'GET'])
    })

    it("the caller's call options reach the transport: an aborted signal sends nothing, headers go out, a timeout ends a hung call", async () => {
      const api = fakeApi((req, n) => (n === 0 ? json({}) : hang(req)))
      const get = operation<{ id: string }, unknown>({ method: 'GET', path: '/users/{id}' })
      const controller = new AbortController()
      controller.abort()
      await assert.rejects(get(api.ctx, { id: 'u1' }, { signal: controller.signal }), isAbortError)
      assert.equal(api.sent.length, 0)
      await get(api.ctx, { id: 'u1' }, { headers: { 'x-tenant': 't-9' } })
      assert.equal(api.sent[0]!.headers.get('x-tenant'), 't-9')
      await assert.rejects(get(api.ctx, { id: 'u2' }, { timeout: 30 }), isTimeoutError)
      assert.equal(api.sent.length, 2)
    })
  })
}

export default suite
