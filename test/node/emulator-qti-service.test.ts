// The emulated QTI service by raw HTTP: validate / validateBatch, question and lesson feedback, the kernel's answers
// in QTI's error body, seed and reset, and a walk proving every operation of qti-api.yaml is routed.
// Run: node --import tsx --test test/node/emulator-qti-service.test.ts
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { mintToken, type Json } from './emulator-helpers.ts'
import { choiceXml, issueOf, NS, Q, setup } from './emulator-qti-helpers.ts'

describe('QTI emulator: validate', () => {
  it('answers success "true" for a good document of the schema and "false" with the reasons otherwise', async () => {
    const s = await setup()
    const validate = (body: Json) => s.call('POST', `${Q}/validate`, body)
    const good = await validate({ schema: 'item', xml: choiceXml('v-1') })
    assert.deepEqual([good.status, good.body.success, good.body.validationErrors, good.body.message], [200, 'true', [], 'Valid XML'])
    assert.equal(typeof good.body.entityId, 'string')
    const cases: [Json, RegExp][] = [
      [{ schema: 'item', xml: '<qti-assessment-item identifier="a" title="b">' }, /not well-formed: element <qti-assessment-item> is not closed/],
      [{ schema: 'test', xml: choiceXml('v-2') }, /Root element must be <qti-assessment-test> for schema 'test', found <qti-assessment-item>/],
      [{ schema: 'item', xml: '<qti-assessment-item identifier="a" title="b"/>' }, /namespace .* \(found no namespace\)/],
      [{ schema: 'stimulus', xml: `<qti-assessment-stimulus xmlns="${NS}" identifier="s"/>` }, /missing the required attribute 'title'/],
      [{ schema: 'test', xml: `<qti-assessment-test xmlns="${NS}" identifier="t" title="T"><qti-test-part identifier="p"/></qti-assessment-test>` }, /<qti-test-part> is missing the required attribute 'navigation-mode'/],
    ]
    for (const [body, why] of cases) {
      const res = await validate(body)
      assert.equal(res.status, 200)
      assert.equal(res.body.success, 'false')
      assert.equal(res.body.xmlContent, body.xml)
      assert.match(res.body.validationErrors.join(' '), why)
    }
  })

  it('validates a stored entity by entityId (404 in the validate shape when unknown); batch by xml or by entityIds', async () => {
    const s = await setup()
    const stored = await s.call('POST', `${Q}/validate`, { schema: 'test', entityId: 'seed-test-1' })
    assert.deepEqual([stored.body.success, stored.body.entityId], ['true', 'seed-test-1'])
    assert.equal(stored.body.xmlContent, (await s.get(`${Q}/assessment-tests/seed-test-1`)).body.rawXml)
    const missing = await s.call('POST', `${Q}/validate`, { schema: 'item', entityId: 'seed-test-1' })
    assert.equal(missing.status, 404)
    assert.deepEqual([missing.body.success, missing.body.entityId, missing.body.error], [false, 'seed-test-1', 'Entity not found'])
    const batch = await s.call('POST', `${Q}/validate/batch`, { schema: 'item', xml: [choiceXml('b-1'), '<oops'], entityIds: [] })
    assert.deepEqual(batch.body.results.map((r: Json) => r.success), ['true', 'false'])
    const byId = await s.call('POST', `${Q}/validate/batch`, { schema: 'item', xml: ['ignored'], entityIds: ['seed-item-text-1', 'seed-item-essay-1'] })
    assert.deepEqual(byId.body.results.map((r: Json) => [r.entityId, r.success]), [['seed-item-text-1', 'true'], ['seed-item-essay-1', 'true']])
    assert.equal(issueOf((await s.call('POST', `${Q}/validate`, { schema: 'lesson', xml: '<a/>' })).body).field, 'schema')
    assert.equal(issueOf((await s.call('POST', `${Q}/validate/batch`, { schema: 'item', xml: Array(101).fill('<a/>'), entityIds: [] })).body).field, 'xml')
  })
})

describe('QTI emulator: feedback', () => {
  it('question and lesson feedback are stored, listed by lesson, and deleted by id', async () => {
    const s = await setup()
    const question = await s.call('POST', `${Q}/question`, { userId: 'u1', lessonId: 'L1', questionId: 'seed-item-choice-1', feedback: 'Typo in choice B', humanApproved: true })
    assert.equal(question.status, 201)
    assert.deepEqual([question.body.type, question.body.questionId, question.body.humanApproved], ['QUESTION', 'seed-item-choice-1', true])
    const lesson = await s.call('POST', `${Q}/lesson`, { userId: 'u2', lessonId: 'L1', feedback: 'Too long' })
    assert.deepEqual([lesson.status, lesson.body.type, lesson.body.humanApproved], [201, 'LESSON', false])
    await s.call('POST', `${Q}/lesson`, { userId: 'u2', lessonId: 'L2', feedback: 'Other lesson' })
    assert.deepEqual((await s.get(`${Q}/lesson/L1`)).body.map((f: Json) => f.feedback), ['Typo in choice B', 'Too long'])
    const deleted = await s.call('DELETE', `${Q}/${question.body.id}`)
    assert.deepEqual([deleted.status, typeof deleted.body.message], [200, 'string'])
    assert.equal((await s.call('DELETE', `${Q}/${question.body.id}`)).status, 404)
    assert.deepEqual((await s.get(`${Q}/lesson/L1`)).body.map((f: Json) => f.feedback), ['Too long'])
    assert.deepEqual(s.emu.qti.feedback().map((f) => f.feedback), ['Too long', 'Other lesson'])
    assert.equal(issueOf((await s.call('POST', `${Q}/lesson`, { lessonId: 'L1', feedback: 'x' })).body).field, 'userId')
  })
})

describe('QTI emulator: errors, seed and reset', () => {
  it('the kernel\'s own answers on QTI paths use QTI\'s body, not imsx', async () => {
    const s = await setup()
    const anonymous = await s.emu.fetch(`${s.emu.services.qti}/assessment-items`)
    assert.equal(anonymous.status, 401)
    const body = (await anonymous.json()) as Json
    assert.equal(typeof body.error, 'string')
    assert.equal(body.imsx_codeMajor, undefined)
    const unknown = await s.get(`${Q}/no-such/route/here`)
    assert.deepEqual([unknown.status, unknown.body.error], [404, 'Unknown route: GET /qti-host/no-such/route/here'])
    const notJson = await s.call('POST', `${Q}/assessment-items`, '{"format":')
    assert.equal(notJson.status, 400)
    assert.equal(notJson.body.code, 'VALIDATION_ERROR')
  })

  it('seed: false starts empty; reset() brings the seed back and forgets what was added', async () => {
    const empty = await setup({ seed: false })
    assert.equal((await empty.get(`${Q}/assessment-items`)).body.total, 0)
    assert.equal(empty.emu.qti.test(empty.emu.qti.seedIds.test), undefined)
    const s = await setup()
    await s.createItem(choiceXml('extra'))
    await s.call('POST', `${Q}/lesson`, { userId: 'u', lessonId: 'L', feedback: 'f' })
    s.emu.reset() // also revokes tokens: read with a new one
    const headers = { authorization: `Bearer ${await mintToken(s.emu)}` }
    const read = async (path: string) => (await s.emu.fetch(`${s.emu.services.qti}${path}`, { headers })).json() as Promise<Json>
    const list = await read('/assessment-items?sort=identifier&order=asc')
    assert.deepEqual(list.items.map((i: Json) => i.identifier), ['seed-item-choice-1', 'seed-item-essay-1', 'seed-item-text-1'])
    assert.deepEqual(await read('/lesson/L'), [])
  })
})

describe('every QTI operation of qti-api.yaml', () => {
  const file = resolve(fileURLToPath(new URL('../../', import.meta.url)), process.env.TIMEBACK_SPECS ?? '../shared/specs', 'qti-api.yaml')
  // Like the other spec walks: without the spec the test skips, except under CI=true where it must fail.
  const missing = existsSync(file) ? undefined : `spec not found at ${file} (set TIMEBACK_SPECS)`

  it('routes each (method, path): no answer is the kernel\'s unknown-route 404 or a 405', async (t) => {
    if (missing) {
      if (process.env.CI === 'true') assert.fail(missing)
      return t.skip(missing)
    }
    // The file is YAML; its paths are the two-space-indented keys under `paths:` and their methods four spaces in.
    const ops: [string, string][] = []
    let path: string | undefined
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const p = /^ {2}(\/\S*):\s*$/.exec(line)
      if (p) path = p[1]
      else if (/^\S/.test(line)) path = undefined
      const m = /^ {4}(get|post|put|delete|patch):\s*$/.exec(line)
      if (m && path) ops.push([m[1]!.toUpperCase(), path])
    }
    assert.equal(ops.length, 38)
    const s = await setup()
    const problems: string[] = []
    for (const [method, template] of ops) {
      const url = Q + template.replace(/\{[^}]+\}/g, 'emulator-x')
      const res = await s.call(method, url, method === 'GET' || method === 'DELETE' ? undefined : {})
      if (res.status === 405 || (res.status === 404 && /Unknown route/.test(res.text))) problems.push(`${method} ${template} -> ${res.status}`)
    }
    assert.deepEqual(problems, [])
  })
})
