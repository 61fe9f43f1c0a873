// The emulated QTI service driven by raw HTTP: items and stimuli from XML and JSON (XML kept byte for byte),
// page-based listing with query/filter/sort/order, 409/404/400 in QTI's own error body, processResponse scoring.
// Validate, feedback, errors and the spec walk: emulator-qti-service.test.ts; tests and their structure:
// emulator-qti-structure.test.ts.
// Run: node --import tsx --test test/node/emulator-qti.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { enc, type Json } from './emulator-helpers.ts'
import { choiceXml, issueOf, NS, Q, setup } from './emulator-qti-helpers.ts'

describe('QTI emulator: assessment items', () => {
  it('stores an XML item as sent (rawXml byte for byte) and derives identifier, title, type and declarations from it', async () => {
    const s = await setup()
    const xml = choiceXml('item-a', { title: 'Less &amp; more' })
    const created = await s.createItem(xml, { subject: 'Math', grade: '3' })
    assert.equal(created.status, 201)
    const got = await s.get(`${Q}/assessment-items/item-a`)
    assert.equal(got.status, 200)
    assert.equal(got.body.rawXml, xml)
    assert.deepEqual([got.body.identifier, got.body.title, got.body.type, got.body.qtiVersion], ['item-a', 'Less & more', 'choice', '3.0'])
    assert.deepEqual(got.body.responseDeclarations, [{ identifier: 'RESPONSE', cardinality: 'single', baseType: 'identifier', correctResponse: { value: ['B'] } }])
    assert.deepEqual(got.body.metadata, { subject: 'Math', grade: '3' })
    assert.equal(got.body.content['qti-assessment-item']._attributes.identifier, 'item-a')
    assert.equal(got.body.createdAt, created.body.createdAt)
    assert.equal(s.emu.qti.item('item-a')?.rawXml, xml)
  })

  it('a taken identifier is a 409 that says it exists; an unknown one a 404; delete answers 204 then 404', async () => {
    const s = await setup()
    const dup = await s.createItem(choiceXml('seed-item-choice-1'))
    assert.equal(dup.status, 409)
    assert.match(dup.body.error, /'seed-item-choice-1' already exists/)
    assert.equal((await s.get(`${Q}/assessment-items/nope`)).status, 404)
    assert.deepEqual((await s.get(`${Q}/assessment-items/nope`)).body, { error: "Assessment item 'nope' not found." })
    assert.equal((await s.call('DELETE', `${Q}/assessment-items/seed-item-text-1`)).status, 204)
    assert.equal((await s.call('DELETE', `${Q}/assessment-items/seed-item-text-1`)).status, 404)
  })

  it('PUT replaces the whole item: what is not sent is gone, createdAt stays, __v grows; the path decides which item', async () => {
    const s = await setup()
    const before = (await s.get(`${Q}/assessment-items/seed-item-choice-1`)).body
    const put = await s.call('PUT', `${Q}/assessment-items/seed-item-choice-1`, { format: 'xml', xml: choiceXml('seed-item-choice-1', { title: 'Renamed', answer: 'C' }) })
    assert.equal(put.status, 200)
    assert.deepEqual([put.body.title, put.body.metadata, put.body.__v, put.body.createdAt], ['Renamed', {}, before.__v + 1, before.createdAt])
    assert.deepEqual(put.body.responseDeclarations[0].correctResponse.value, ['C'])
    const other = await s.call('PUT', `${Q}/assessment-items/seed-item-choice-1`, { format: 'xml', xml: choiceXml('someone-else') })
    assert.equal(other.status, 400)
    assert.equal(issueOf(other.body).field, 'identifier')
    assert.equal((await s.call('PUT', `${Q}/assessment-items/ghost`, { format: 'xml', xml: choiceXml('ghost') })).status, 404)
  })

  it('a record sent back as read (rawXml, no format) keeps its XML; a title that disagrees with rawXml is a 400', async () => {
    const s = await setup()
    const read = (await s.get(`${Q}/assessment-items/seed-item-text-1`)).body
    const back = await s.call('PUT', `${Q}/assessment-items/seed-item-text-1`, { ...read, metadata: { subject: 'Geography' } })
    assert.equal(back.status, 200)
    assert.deepEqual([back.body.rawXml, back.body.metadata], [read.rawXml, { subject: 'Geography' }])
    const clash = await s.call('PUT', `${Q}/assessment-items/seed-item-text-1`, { ...read, title: 'New title' })
    assert.equal(clash.status, 400)
    assert.equal(issueOf(clash.body).field, 'title')
  })

  it('JSON items are written as XML (values escaped) and read back like XML ones', async () => {
    const s = await setup()
    const res = await s.call('POST', `${Q}/assessment-items`, {
      format: 'json', identifier: 'json-1', title: 'Cities "&" <capitals>', type: 'text-entry', metadata: { subject: 'Geography' },
      responseDeclarations: [{ identifier: 'RESPONSE', cardinality: 'single', baseType: 'string', correctResponse: { value: ['Paris'] } }],
      responseProcessing: { templateType: 'match_correct', outcomeIdentifier: 'OUT', correctResponseIdentifier: 'YES' }, interaction: { questionStructure: { prompt: 'Capital of <France>?' } },
    })
    assert.equal(res.status, 201)
    assert.equal(res.body.title, 'Cities "&" <capitals>')
    assert.match(res.body.rawXml, /title="Cities &quot;&amp;&quot; &lt;capitals&gt;"/)
    assert.match(res.body.rawXml, /<qti-text-entry-interaction response-identifier="RESPONSE"><qti-prompt>Capital of &lt;France&gt;\?<\/qti-prompt>/)
    // The processing is written as the spec's condition (match, then set OUT to YES or INCORRECT) and read back from it.
    assert.deepEqual(res.body.responseProcessing, { templateType: 'match_correct', responseDeclarationIdentifier: 'RESPONSE', outcomeIdentifier: 'OUT', correctResponseIdentifier: 'YES', incorrectResponseIdentifier: 'INCORRECT' })
    assert.match(res.body.rawXml, /<qti-response-if><qti-match><qti-variable identifier="RESPONSE"\/><qti-correct identifier="RESPONSE"\/><\/qti-match><qti-set-outcome-value identifier="OUT"><qti-base-value base-type="identifier">YES</)
    const bad = await s.call('POST', `${Q}/assessment-items`, { format: 'json', identifier: 'json-2', title: 'T', type: 'essay' })
    assert.equal(bad.status, 400)
    assert.equal(issueOf(bad.body).field, 'type')
  })

  it('XML that is not well-formed, has the wrong root, a DOCTYPE or no interaction is a 400 naming the field', async () => {
    const s = await setup()
    const cases: [string, RegExp][] = [
      ['<qti-assessment-item identifier="x" title="t"><qti-item-body></qti-assessment-item>', /not well-formed: end tag <\/qti-assessment-item> does not match <qti-item-body> \(line 1, column 62\)/],
      [`<qti-assessment-stimulus xmlns="${NS}" identifier="x" title="t"/>`, /root element must be <qti-assessment-item>, not <qti-assessment-stimulus>/],
      ['<!DOCTYPE x [<!ENTITY a "aaaa">]><qti-assessment-item identifier="x" title="t"/>', /DOCTYPE declarations are not accepted/],
      ['<qti-assessment-item identifier="x" title="t"><qti-item-body><p>No question</p></qti-item-body></qti-assessment-item>', /has no interaction/],
      ['<qti-assessment-item identifier="x" title="t">&bogus;</qti-assessment-item>', /unknown entity '&bogus;'/],
      ['<qti-assessment-item identifier="x" title="t" identifier="y"/>', /duplicate attribute 'identifier'/],
      [`<qti-assessment-item title="t">${'<div>'.repeat(300)}${'</div>'.repeat(300)}</qti-assessment-item>`, /nested deeper than 256 levels/],
    ]
    for (const [xml, why] of cases) {
      const res = await s.createItem(xml)
      assert.equal(res.status, 400, xml.slice(0, 60))
      assert.equal(issueOf(res.body).field, 'xml')
      assert.match(res.body.error, why)
    }
    assert.equal((await s.get(`${Q}/assessment-items/x`)).status, 404)
    const raw = await s.call('POST', `${Q}/assessment-items`, choiceXml('raw'), { 'content-type': 'application/xml' })
    assert.equal(issueOf(raw.body).field, 'body')
    assert.match(raw.body.error, /"format": "xml"/)
  })

  it('hostile XML: __proto__ names stay plain keys, an over-long document is refused, nothing leaks into Object.prototype', async () => {
    const s = await setup()
    const xml = choiceXml('proto', { extra: '<__proto__ polluted="yes"><constructor prototype="x"/></__proto__>' }).replace('adaptive=', '__proto__="attr" adaptive=')
    const res = await s.createItem(xml)
    assert.equal(res.status, 201)
    const root = res.body.content['qti-assessment-item']
    assert.equal(root._attributes.__proto__, 'attr')
    assert.equal(root.__proto__._attributes.polluted, 'yes')
    assert.equal(({} as Json).polluted, undefined)
    const huge = await s.createItem(choiceXml('huge', { extra: `<!--${'x'.repeat(4 * 1024 * 1024)}-->` }))
    assert.equal(huge.status, 400)
    assert.match(huge.body.error, /at most 4194304/)
  })

  it('the metadata update replaces the named item\'s metadata (201 with the item); an unknown item is a 404', async () => {
    const s = await setup()
    const res = await s.call('POST', `${Q}/assessment-items/metadata`, { identifier: 'seed-item-choice-1', metadata: { humanApproved: false } })
    assert.equal(res.status, 201)
    assert.deepEqual((await s.get(`${Q}/assessment-items/seed-item-choice-1`)).body.metadata, { humanApproved: false })
    assert.equal((await s.call('POST', `${Q}/assessment-items/metadata`, { identifier: 'nope', metadata: {} })).status, 404)
  })
})

describe('QTI emulator: processResponse', () => {
  it('scores against the response declaration: 1 for the correct response, 0 otherwise, by cardinality', async () => {
    const s = await setup()
    await s.createItem(choiceXml('multi', { answer: 'A,C', cardinality: 'multiple' }))
    await s.createItem(choiceXml('ordered', { answer: 'C,A,B', cardinality: 'ordered' }))
    const cases: [string, unknown, number][] = [
      ['seed-item-choice-1', 'B', 1], ['seed-item-choice-1', 'A', 0], ['seed-item-choice-1', ['B', 'C'], 0],
      ['seed-item-text-1', '  Paris ', 1], ['seed-item-text-1', 'paris', 0],
      ['multi', ['C', 'A'], 1], ['multi', ['A'], 0], ['multi', ['A', 'C', 'B'], 0],
      ['ordered', ['C', 'A', 'B'], 1], ['ordered', ['A', 'B', 'C'], 0],
    ]
    for (const [id, response, want] of cases) {
      const res = await s.score(id, response)
      assert.equal(res.status, 200)
      assert.equal(res.body.score, want, `${id} ${JSON.stringify(response)}`)
      assert.deepEqual(res.body.feedback, want === 1 ? { identifier: 'correct', value: 'Correct' } : { identifier: 'incorrect', value: 'Incorrect' })
      assert.equal(res.body.isCorrect, want === 1)
    }
  })

  it('a map_response item scores by its mapping (case-insensitive entries, bounds), on the 0–1 scale', async () => {
    const s = await setup()
    const mapped = (id: string, cardinality: string, mapping: string, body: string) => s.createItem(`<qti-assessment-item xmlns="${NS}" identifier="${id}" title="Mapped">
      <qti-response-declaration identifier="RESPONSE" cardinality="${cardinality}" base-type="string">${mapping}</qti-response-declaration>
      <qti-item-body>${body}</qti-item-body>
      <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml"/></qti-assessment-item>`)
    await mapped('city', 'single', '<qti-mapping default-value="0"><qti-map-entry map-key="Paris" mapped-value="2" case-sensitive="false"/><qti-map-entry map-key="Paris, France" mapped-value="1"/></qti-mapping>',
      '<qti-text-entry-interaction response-identifier="RESPONSE"/>')
    await mapped('pick', 'multiple', '<qti-mapping lower-bound="0" upper-bound="2" default-value="0"><qti-map-entry map-key="A" mapped-value="1"/><qti-map-entry map-key="B" mapped-value="-1"/><qti-map-entry map-key="C" mapped-value="1"/></qti-mapping>',
      '<qti-choice-interaction response-identifier="RESPONSE"><qti-simple-choice identifier="A">a</qti-simple-choice></qti-choice-interaction>')
    const cases: [string, unknown, number][] = [
      ['city', 'paris', 1], ['city', 'Paris, France', 0.5], ['city', 'paris, france', 0], ['city', 'Lyon', 0],
      ['pick', ['A', 'C'], 1], ['pick', ['A'], 0.5], ['pick', ['A', 'B'], 0], ['pick', ['A', 'B', 'C'], 0.5], ['pick', ['A', 'A'], 0.5],
    ]
    for (const [id, response, want] of cases) {
      const res = await s.score(id, response)
      assert.deepEqual([res.status, res.body.score, res.body.isCorrect], [200, want, want === 1], `${id} ${JSON.stringify(response)}`)
    }
  })

  it('an item without a correct response waits for grading; bad bodies are 400s and unknown items 404s', async () => {
    const s = await setup()
    const essay = await s.score('seed-item-essay-1', 'Forests hold water.')
    assert.deepEqual([essay.body.score, essay.body.isCorrect, essay.body.requiresAsyncGrading], [null, null, true])
    const mismatch = await s.call('POST', `${Q}/assessment-items/seed-item-choice-1/process-response`, { identifier: 'seed-item-text-1', response: 'B' })
    assert.equal(issueOf(mismatch.body).field, 'identifier')
    assert.equal(issueOf((await s.score('seed-item-choice-1', 7)).body).field, 'response')
    assert.equal((await s.score('nope', 'B')).status, 404)
  })
})

describe('QTI emulator: listing', () => {
  it('pages with { items, total, page, pages, limit, sort, order }; a page past the end is empty with the true total', async () => {
    const s = await setup()
    const all = await s.get(`${Q}/assessment-items?limit=2&sort=identifier&order=asc`)
    assert.deepEqual(all.body.items.map((i: Json) => i.identifier), ['seed-item-choice-1', 'seed-item-essay-1'])
    assert.deepEqual([all.body.total, all.body.page, all.body.pages, all.body.limit, all.body.sort, all.body.order], [3, 1, 2, 2, 'identifier', 'asc'])
    const second = await s.get(`${Q}/assessment-items?limit=2&page=2&sort=identifier&order=asc`)
    assert.deepEqual(second.body.items.map((i: Json) => i.identifier), ['seed-item-text-1'])
    const past = await s.get(`${Q}/assessment-items?limit=2&page=3`)
    assert.deepEqual([past.body.items, past.body.total], [[], 3])
    const byDefault = await s.get(`${Q}/assessment-items`)
    assert.deepEqual([byDefault.body.limit, byDefault.body.sort, byDefault.body.order], [10, 'createdAt', 'desc'])
    await s.createItem(choiceXml('newest'))
    assert.equal((await s.get(`${Q}/assessment-items`)).body.items[0].identifier, 'newest')
  })

  it('query searches title and identifier; filter takes =, !=, ~, comparisons with AND/OR on nested fields', async () => {
    const s = await setup()
    const ids = async (qs: string) => (await s.get(`${Q}/assessment-items?sort=identifier&order=asc&${qs}`)).body.items.map((i: Json) => i.identifier)
    assert.deepEqual(await ids('query=FRANCE'), ['seed-item-text-1'])
    assert.deepEqual(await ids('query=essay'), ['seed-item-essay-1'])
    assert.deepEqual(await ids(`filter=${enc("type='choice'")}`), ['seed-item-choice-1'])
    assert.deepEqual(await ids(`filter=${enc("type!='choice' AND metadata.grade='5'")}`), ['seed-item-essay-1'])
    assert.deepEqual(await ids(`filter=${enc("type='text-entry' OR title~'forest'")}`), ['seed-item-choice-1', 'seed-item-essay-1', 'seed-item-text-1'])
    assert.deepEqual(await ids(`filter=${enc("metadata.grade<'5'")}`), ['seed-item-text-1'])
  })

  it('a malformed filter, the @ operator, an unknown sort, or a bad page or limit is a 400 naming the parameter', async () => {
    const s = await setup()
    const cases: [string, string][] = [
      [`filter=${enc("type='choice")}`, 'filter'], [`filter=${enc("type@'choice,order'")}`, 'filter'], [`filter=${enc("type='a' AND")}`, 'filter'],
      ['sort=difficulty', 'sort'], ['order=up', 'order'], ['page=0', 'page'], ['limit=3001', 'limit'], ['limit=ten', 'limit'],
    ]
    for (const [qs, field] of cases) {
      const res = await s.get(`${Q}/assessment-items?${qs}`)
      assert.equal(res.status, 400, qs)
      assert.equal(issueOf(res.body).field, field)
    }
  })
})

describe('QTI emulator: stimuli', () => {
  it('XML and JSON stimuli, 409 on a taken identifier, content that is not XHTML refused, PUT and delete', async () => {
    const s = await setup()
    const xml = `<qti-assessment-stimulus xmlns="${NS}" identifier="st-1" title="Passage" xml:lang="fr"><qti-stimulus-body><p>Bonjour</p></qti-stimulus-body></qti-assessment-stimulus>`
    const created = await s.call('POST', `${Q}/stimuli`, { format: 'xml', xml })
    assert.equal(created.status, 201)
    assert.deepEqual([created.body.rawXml, created.body.language, created.body.content['qti-assessment-stimulus']['qti-stimulus-body'].p], [xml, 'fr', 'Bonjour'])
    assert.equal((await s.call('POST', `${Q}/stimuli`, { format: 'xml', xml })).status, 409)
    const json = await s.call('POST', `${Q}/stimuli`, { identifier: 'st-2', title: 'Second', content: '<div><p>Text</p></div>' })
    assert.equal(json.status, 201)
    assert.match(json.body.rawXml, /<qti-stimulus-body><div><p>Text<\/p><\/div><\/qti-stimulus-body>/)
    const notXhtml = await s.call('POST', `${Q}/stimuli`, { identifier: 'st-3', title: 'Third', content: '<p>open' })
    assert.equal(issueOf(notXhtml.body).field, 'content')
    const list = await s.get(`${Q}/stimuli?sort=title&order=asc`)
    assert.deepEqual(list.body.items.map((i: Json) => i.identifier), ['seed-stimulus-1', 'st-1', 'st-2'])
    const put = await s.call('PUT', `${Q}/stimuli/st-2`, { identifier: 'st-2', title: 'Second, again', content: '<p>New</p>' })
    assert.deepEqual([put.status, put.body.title], [200, 'Second, again'])
    assert.equal((await s.call('DELETE', `${Q}/stimuli/st-2`)).status, 204)
    assert.equal((await s.get(`${Q}/stimuli/st-2`)).status, 404)
  })
})
