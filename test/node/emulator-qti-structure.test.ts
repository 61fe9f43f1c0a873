// The emulated QTI service's assessment tests by raw HTTP: raw application/xml and JSON tests, 409, modes in
// listings, questions, metadata, and the structure routes (test parts, sections, item add/remove/reorder) with
// the order they keep, in the answers and in the stored rawXml.
// Run: node --import tsx --test test/node/emulator-qti-structure.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { connect, type Json } from './emulator-helpers.ts'

const Q = '/qti-host'
const NS = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0'
const SEED = '/assessment-tests/seed-test-1/test-parts/seed-part-1/sections/seed-section-1'
const SEED_ITEMS = ['seed-item-choice-1', 'seed-item-text-1', 'seed-item-essay-1']

const TEST_XML = `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-test xmlns="${NS}" identifier="xml-test" title="From XML">
  <qti-test-part identifier="part-a" navigation-mode="nonlinear" submission-mode="simultaneous">
    <qti-assessment-section identifier="sec-a" title="A" visible="true">
      <qti-assessment-item-ref identifier="seed-item-text-1" href="items/seed-item-text-1"/>
    </qti-assessment-section>
  </qti-test-part>
</qti-assessment-test>`

async function setup() {
  const s = await connect()
  const xmlCall = (method: string, path: string, xml: string) => s.call(method, `${Q}${path}`, xml, { 'content-type': 'application/xml' })
  const refs = async (path = SEED) => ((await s.get(`${Q}${path}`)).body['qti-assessment-item-ref'] as Json[]).map((r) => r.identifier)
  return { ...s, xmlCall, refs }
}

describe('QTI emulator: assessment tests', () => {
  it('a raw application/xml test is stored as sent and read into parts, sections and item refs; 409 when it exists', async () => {
    const s = await setup()
    const created = await s.xmlCall('POST', '/assessment-tests', TEST_XML)
    assert.equal(created.status, 201)
    assert.equal(created.body.rawXml, TEST_XML)
    assert.equal(created.body.isValidXml, true)
    assert.deepEqual(created.body['qti-test-part'], [{
      identifier: 'part-a', navigationMode: 'nonlinear', submissionMode: 'simultaneous',
      'qti-assessment-section': [{ identifier: 'sec-a', title: 'A', visible: true, required: true, fixed: false, sequence: 1, 'qti-assessment-item-ref': [{ identifier: 'seed-item-text-1', href: 'items/seed-item-text-1' }] }],
    }])
    const again = await s.xmlCall('POST', '/assessment-tests', TEST_XML)
    assert.equal(again.status, 409)
    assert.match(again.body.error, /'xml-test' already exists/)
    const broken = await s.xmlCall('POST', '/assessment-tests', TEST_XML.replace('</qti-test-part>', ''))
    assert.equal(broken.status, 400)
    assert.equal(broken.body.meta.issues[0].field, 'body')
    const badMode = await s.xmlCall('POST', '/assessment-tests', TEST_XML.replace('xml-test', 'other').replace('nonlinear', 'sideways'))
    assert.equal(badMode.status, 400)
    assert.match(badMode.body.error, /navigation-mode/)
  })

  it('a JSON test is written as XML; listing narrows by navigationMode and submissionMode', async () => {
    const s = await setup()
    const created = await s.call('POST', `${Q}/assessment-tests`, {
      identifier: 'json-test', title: 'From JSON', timeLimit: 600, metadata: { subject: 'Math' },
      'qti-test-part': [{ identifier: 'p1', navigationMode: 'nonlinear', submissionMode: 'individual', 'qti-assessment-section': [{ identifier: 's1', title: 'S', visible: true, 'qti-assessment-item-ref': [{ identifier: 'seed-item-choice-1' }] }] }],
    })
    assert.equal(created.status, 201)
    assert.match(created.body.rawXml, /<qti-time-limits max-time="600"\/><qti-test-part identifier="p1" navigation-mode="nonlinear" submission-mode="individual">/)
    assert.deepEqual([created.body.timeLimit, created.body.metadata], [600, { subject: 'Math' }])
    const ids = async (qs: string) => (await s.get(`${Q}/assessment-tests?${qs}`)).body.items.map((t: Json) => t.identifier)
    assert.deepEqual(await ids('navigationMode=nonlinear'), ['json-test'])
    assert.deepEqual(await ids('navigationMode=linear&submissionMode=individual'), ['seed-test-1'])
    assert.equal((await s.get(`${Q}/assessment-tests?navigationMode=sideways`)).status, 400)
    const noParts = await s.call('POST', `${Q}/assessment-tests`, { identifier: 'x', title: 'X' })
    assert.equal(noParts.body.meta.issues[0].field, 'qti-test-part')
  })

  it('questions lists the referenced items in document order; metadata is replaced; an XML PUT keeps the metadata', async () => {
    const s = await setup()
    const questions = await s.get(`${Q}/assessment-tests/seed-test-1/questions`)
    assert.deepEqual([questions.body.assessmentTest, questions.body.totalQuestions], ['seed-test-1', 3])
    assert.deepEqual(questions.body.questions.map((q: Json) => [q.reference.identifier, q.reference.testPart, q.reference.section, q.question.identifier]),
      SEED_ITEMS.map((id) => [id, 'seed-part-1', 'seed-section-1', id]))
    const meta = await s.call('PUT', `${Q}/assessment-tests/seed-test-1/metadata`, { metadata: { grade: '5' } })
    assert.deepEqual([meta.status, meta.body.metadata], [200, { grade: '5' }])
    const replaced = await s.xmlCall('PUT', '/assessment-tests/seed-test-1', TEST_XML.replace('xml-test', 'seed-test-1'))
    assert.equal(replaced.status, 200)
    assert.deepEqual([replaced.body.title, replaced.body.metadata, replaced.body['qti-test-part'][0].identifier], ['From XML', { grade: '5' }, 'part-a'])
    assert.equal((await s.xmlCall('PUT', '/assessment-tests/seed-test-1', TEST_XML)).status, 400) // the XML names another test
    assert.equal((await s.get(`${Q}/assessment-tests/nope/questions`)).status, 404)
    assert.equal((await s.call('DELETE', `${Q}/assessment-tests/seed-test-1`)).status, 204)
    assert.equal((await s.get(`${Q}/assessment-tests/seed-test-1`)).status, 404)
  })
})

describe('QTI emulator: test parts, sections and item references', () => {
  it('reorder keeps the order sent (or the sequences), in the section and in the stored rawXml', async () => {
    const s = await setup()
    const order = (items: Json[]) => s.call('PUT', `${Q}${SEED}/items/order`, { items })
    const res = await order([{ identifier: 'seed-item-essay-1' }, { identifier: 'seed-item-choice-1' }, { identifier: 'seed-item-text-1' }])
    assert.equal(res.status, 200)
    assert.deepEqual(res.body['qti-assessment-item-ref'].map((r: Json) => r.identifier), ['seed-item-essay-1', 'seed-item-choice-1', 'seed-item-text-1'])
    assert.deepEqual(await s.refs(), ['seed-item-essay-1', 'seed-item-choice-1', 'seed-item-text-1'])
    const raw = (await s.get(`${Q}/assessment-tests/seed-test-1`)).body.rawXml as string
    assert.ok(raw.indexOf('"seed-item-essay-1"') < raw.indexOf('"seed-item-choice-1"') && raw.indexOf('"seed-item-choice-1"') < raw.indexOf('"seed-item-text-1"'), raw)
    await order([{ identifier: 'seed-item-essay-1', sequence: 3 }, { identifier: 'seed-item-choice-1', sequence: 2 }, { identifier: 'seed-item-text-1', sequence: 1 }])
    assert.deepEqual(await s.refs(), ['seed-item-text-1', 'seed-item-choice-1', 'seed-item-essay-1'])
    const questions = await s.get(`${Q}/assessment-tests/seed-test-1/questions`)
    assert.deepEqual(questions.body.questions.map((q: Json) => q.reference.identifier), ['seed-item-text-1', 'seed-item-choice-1', 'seed-item-essay-1'])
    for (const bad of [[{ identifier: 'seed-item-text-1' }], [...SEED_ITEMS, 'seed-item-text-1'].map((identifier) => ({ identifier })), [...SEED_ITEMS, 'ghost'].map((identifier) => ({ identifier }))]) {
      const refused = await order(bad)
      assert.equal(refused.status, 400)
      assert.equal(refused.body.meta.issues[0].field, 'items')
    }
    assert.deepEqual(await s.refs(), ['seed-item-text-1', 'seed-item-choice-1', 'seed-item-essay-1'])
  })

  it('adds an item at its sequence (404 for an unknown item, 409 when already there) and removes it', async () => {
    const s = await setup()
    await s.call('POST', `${Q}/assessment-items`, { format: 'json', identifier: 'extra', title: 'Extra', type: 'choice' })
    const added = await s.call('POST', `${Q}${SEED}/items`, { identifier: 'extra', sequence: 2 })
    assert.equal(added.status, 201)
    assert.deepEqual(added.body['qti-assessment-item-ref'].map((r: Json) => r.identifier), ['seed-item-choice-1', 'extra', 'seed-item-text-1', 'seed-item-essay-1'])
    assert.equal((await s.call('POST', `${Q}${SEED}/items`, { identifier: 'extra' })).status, 409)
    assert.equal((await s.call('POST', `${Q}${SEED}/items`, { identifier: 'ghost' })).status, 404)
    assert.equal((await s.call('DELETE', `${Q}${SEED}/items/extra`)).status, 204)
    assert.equal((await s.call('DELETE', `${Q}${SEED}/items/extra`)).status, 404)
    assert.deepEqual(await s.refs(), SEED_ITEMS)
  })

  it('test parts: create (409 on a taken identifier), list, get, full-replace PUT, delete', async () => {
    const s = await setup()
    const P = '/assessment-tests/seed-test-1/test-parts'
    const part = { identifier: 'part-2', navigationMode: 'nonlinear', submissionMode: 'simultaneous', 'qti-assessment-section': [{ identifier: 'sec-x', title: 'X', visible: false }] }
    const created = await s.call('POST', `${Q}${P}`, part)
    assert.equal(created.status, 201)
    assert.match(created.body.rawXml, /^<qti-test-part identifier="part-2" navigation-mode="nonlinear" submission-mode="simultaneous"><qti-assessment-section identifier="sec-x" title="X" visible="false"/)
    assert.equal(created.body.content['qti-test-part']._attributes.identifier, 'part-2')
    assert.equal((await s.call('POST', `${Q}${P}`, part)).status, 409)
    const list = await s.get(`${Q}${P}`)
    assert.deepEqual([list.body.items.map((p: Json) => p.identifier), list.body.total, list.body.sort, list.body.order], [['seed-part-1', 'part-2'], 2, 'sequence', 'asc'])
    assert.deepEqual((await s.get(`${Q}${P}?navigationMode=nonlinear`)).body.items.map((p: Json) => p.identifier), ['part-2'])
    const put = await s.call('PUT', `${Q}${P}/part-2`, { ...part, navigationMode: 'linear', 'qti-assessment-section': [] })
    assert.deepEqual([put.status, put.body.navigationMode, put.body['qti-assessment-section']], [200, 'linear', []])
    assert.equal((await s.call('PUT', `${Q}${P}/part-2`, { ...part, identifier: 'part-3' })).status, 400)
    assert.equal((await s.call('DELETE', `${Q}${P}/part-2`)).status, 204)
    assert.equal((await s.get(`${Q}${P}/part-2`)).status, 404)
    assert.equal((await s.get(`${Q}/assessment-tests/nope/test-parts`)).status, 404)
  })

  it('sections: create at a sequence, list in document order, PUT keeps the place, delete answers 200 with a message', async () => {
    const s = await setup()
    const S = '/assessment-tests/seed-test-1/test-parts/seed-part-1/sections'
    const first = await s.call('POST', `${Q}${S}`, { identifier: 'intro', title: 'Intro', visible: true, sequence: 1 })
    assert.deepEqual([first.status, first.body.sequence], [201, 1])
    assert.equal((await s.call('POST', `${Q}${S}`, { identifier: 'intro', title: 'Again', visible: true })).status, 409)
    assert.equal((await s.call('POST', `${Q}${S}`, { identifier: 'no-visible', title: 'T' })).body.meta.issues[0].field, 'visible')
    const ids = async () => (await s.get(`${Q}${S}`)).body.items.map((x: Json) => x.identifier)
    assert.deepEqual(await ids(), ['intro', 'seed-section-1'])
    const put = await s.call('PUT', `${Q}${S}/intro`, { identifier: 'intro', title: 'Welcome', visible: true, 'qti-assessment-item-ref': [{ identifier: 'seed-item-essay-1' }] })
    assert.deepEqual([put.status, put.body.title, put.body.sequence], [200, 'Welcome', 1])
    assert.deepEqual(await ids(), ['intro', 'seed-section-1'])
    const deleted = await s.call('DELETE', `${Q}${S}/intro`)
    assert.deepEqual([deleted.status, typeof deleted.body.message], [200, 'string'])
    assert.equal((await s.call('DELETE', `${Q}${S}/intro`)).status, 404)
    assert.deepEqual(await ids(), ['seed-section-1'])
  })
})
