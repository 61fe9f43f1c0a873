// The emulated CASE service driven by raw HTTP: the seeded framework, lists without totals, uploads (checks, the
// read shape, replacement, ids owned by another document), packages assembled from linked records, the package
// tree (ordering, two parents, cycles) and the imsx error answers.
// Run: node --import tsx --test test/node/emulator-case.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SEED_CASE } from '../../src/testing/case/index.ts'
import { assertImsx, connect, type Json } from './emulator-helpers.ts'

const V = '/ims/case/v1p1'
const WHEN = '2026-02-01T12:00:00Z'
const uuid = (n: number, series = 'e') => `${series}0000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const node = (identifier: string, title = identifier) => ({ identifier, title, uri: `https://case.example/${identifier}` })

/** A package: document uuid(0), items uuid(1…n) and the given links [origin, destination, type, sequenceNumber?]. */
function pkg(count: number, links: [number, number, string, number?][] = [], series = 'e'): Json {
  const id = (n: number) => uuid(n, series)
  return {
    CFDocument: { identifier: id(0), uri: `https://case.example/${id(0)}`, lastChangeDateTime: WHEN, title: `Doc ${series}`, creator: 'test' },
    CFItems: Array.from({ length: count }, (_, i) => ({ identifier: id(i + 1), uri: `https://case.example/${id(i + 1)}`, lastChangeDateTime: WHEN, fullStatement: `S${i + 1}`, CFItemType: i === 0 ? 'Domain' : 'Standard' })),
    CFAssociations: links.map(([from, to, associationType, sequenceNumber], i) => ({
      identifier: id(500 + i), uri: `https://case.example/${id(500 + i)}`, lastChangeDateTime: WHEN, associationType, originNodeURI: node(id(from)), destinationNodeURI: node(id(to)),
      ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
    })),
  }
}

describe('CASE emulator: the seeded framework', () => {
  it('serves SEED_CASE at the origin: one document, six items, seven associations', async () => {
    const { emu, get } = await connect()
    assert.equal(emu.services.case, emu.origin)
    const docs = await get(`${V}/CFDocuments`)
    assert.deepEqual(docs.body.CFDocuments.map((d: Json) => d.sourcedId), [SEED_CASE.document])
    const p = await get(`${V}/CFPackages/${SEED_CASE.document}`)
    assert.deepEqual(p.body.CFPackage.CFItems.map((i: Json) => i.sourcedId).sort(), [...Object.values(SEED_CASE.domains), ...Object.values(SEED_CASE.standards)].sort())
    assert.deepEqual(p.body.CFPackage.CFAssociations.map((a: Json) => a.sourcedId), SEED_CASE.associations)
    const related = await get(`${V}/CFAssociations/${SEED_CASE.associations[6]}`)
    assert.equal(related.body.CFAssociation.associationType, 'isRelatedTo')
    assert.equal(related.body.CFAssociation.originNodeURI.sourcedId, SEED_CASE.standards.multiplication)
  })

  it('seed: false starts empty; reset() brings the seed back and forgets uploads', async () => {
    const empty = await connect({ seed: false })
    assert.deepEqual((await empty.get(`${V}/CFItems`)).body, { CFItems: [] })
    const { emu, call, get } = await connect()
    assert.equal((await call('POST', `${V}/CFPackages`, pkg(2))).status, 201)
    assert.equal((await get(`${V}/CFDocuments`)).body.CFDocuments.length, 2)
    emu.reset()
    const again = await connect() // reset() forgets tokens too: a fresh connection reads the seed
    assert.equal((await again.get(`${V}/CFDocuments`)).body.CFDocuments.length, 1)
  })
})

describe('CASE emulator: lists', () => {
  it('answers only the records key: no totalCount, offset or limit in the body', async () => {
    const { get } = await connect()
    const res = await get(`${V}/CFItems?limit=4&offset=0`)
    assert.deepEqual(Object.keys(res.body), ['CFItems'])
    assert.equal(res.body.CFItems.length, 4)
    const rest = await get(`${V}/CFItems?limit=4&offset=4`)
    assert.deepEqual(rest.body.CFItems.map((i: Json) => i.humanCodingScheme), ['3.NBT.1', '3.NBT.2'])
  })

  it('filters, sorts and projects; refuses a limit over 3000 and a bad filter with imsx invaliddata', async () => {
    const { get } = await connect()
    const q = new URLSearchParams({ filter: "CFItemType='Domain'", sort: 'humanCodingScheme', orderBy: 'desc', fields: 'humanCodingScheme' })
    assert.deepEqual((await get(`${V}/CFItems?${q}`)).body, { CFItems: [{ humanCodingScheme: '3.OA' }, { humanCodingScheme: '3.NBT' }] })
    const big = await get(`${V}/CFDocuments?limit=3001`)
    assert.equal(big.status, 400)
    assertImsx(big.body, 'invaliddata', /limit/)
    const bad = await get(`${V}/CFItems?filter=${encodeURIComponent("CFItemType=='x")}`)
    assert.equal(bad.status, 400)
    assertImsx(bad.body, 'invaliddata')
  })
})

describe('CASE emulator: reads and errors', () => {
  it('404s unknown ids with imsx unknownobject on every read route', async () => {
    const { get } = await connect()
    const missing = uuid(999, 'f')
    for (const path of [`CFDocuments/${missing}`, `CFItems/${missing}`, `CFAssociations/${missing}`, `CFPackages/${missing}`, `CFPackages/${missing}/groups`]) {
      const res = await get(`${V}/${path}`)
      assert.equal(res.status, 404, path)
      assertImsx(res.body, 'unknownobject', new RegExp(missing))
    }
  })

  it('needs a token (401 imsx unauthorisedrequest)', async () => {
    const { emu } = await connect()
    const res = await emu.fetch(`${emu.origin}${V}/CFDocuments`)
    assert.equal(res.status, 401)
    assertImsx(await res.json() as Json, 'unauthorisedrequest')
  })

  it('projects a single read with fields', async () => {
    const { get } = await connect()
    const res = await get(`${V}/CFDocuments/${SEED_CASE.document}?fields=title,caseVersion`)
    assert.deepEqual(res.body, { CFDocument: { title: 'Emulator Mathematics, Grade 3', caseVersion: '1.1' } })
  })
})

describe('CASE emulator: uploads', () => {
  it('stores the read shape: sourcedId, links as { sourcedId, title, uri }, licenseUri as a licenseURI link, cfItemType as CFItemType', async () => {
    const { call, get } = await connect({ seed: false })
    const body = pkg(2, [[2, 1, 'isChildOf']])
    body.CFDocument.licenseUri = 'https://license.example/cc-by'
    body.CFItems[1].cfItemType = 'Indicator'
    delete body.CFItems[1].CFItemType
    const res = await call('POST', `${V}/CFPackages`, body)
    assert.equal(res.status, 201)
    assert.deepEqual(res.body, { success: true, message: 'CASE package uploaded.', result: { documentId: uuid(0), stats: { documents: 1, items: 2, associations: 1 }, success: true } })
    const doc = (await get(`${V}/CFDocuments/${uuid(0)}`)).body.CFDocument
    assert.deepEqual(doc.licenseURI, { sourcedId: uuid(0), title: 'License', uri: 'https://license.example/cc-by' })
    assert.equal(doc.CFPackageURI.sourcedId, uuid(0))
    assert.equal('identifier' in doc, false)
    const item = (await get(`${V}/CFItems/${uuid(2)}`)).body.CFItem
    assert.equal(item.CFItemType, 'Indicator')
    assert.deepEqual(item.CFDocumentURI, { sourcedId: uuid(0), title: 'Doc e', uri: `https://case.example/${uuid(0)}` })
    const link = (await get(`${V}/CFAssociations/${uuid(500)}`)).body.CFAssociation
    assert.deepEqual(link.originNodeURI, { sourcedId: uuid(2), title: uuid(2), uri: `https://case.example/${uuid(2)}` })
    assert.equal(link.sequenceNumber, null)
  })

  it('refuses a package missing a required field (400 naming it), a non-UUID identifier, a repeated identifier and a non-object body', async () => {
    const { call } = await connect({ seed: false })
    const cases: [Json | string, RegExp][] = []
    const noStatement = pkg(2)
    delete noStatement.CFItems[1].fullStatement
    cases.push([noStatement, /CFItems\[1\]\.fullStatement/])
    const noDestination = pkg(1, [[1, 0, 'isChildOf']])
    delete noDestination.CFAssociations[0].destinationNodeURI.title
    cases.push([noDestination, /CFAssociations\[0\]\.destinationNodeURI\.title/])
    const notUuid = pkg(1)
    notUuid.CFDocument.identifier = 'math-3'
    cases.push([notUuid, /CFDocument\.identifier.*not a UUID/])
    const twice = pkg(2)
    twice.CFItems[1].identifier = twice.CFItems[0].identifier
    cases.push([twice, /used twice/])
    const noLinks = pkg(1)
    delete noLinks.CFAssociations
    cases.push([noLinks, /CFAssociations/])
    cases.push(['[1, 2]', /JSON object/])
    for (const [body, message] of cases) {
      const res = await call('POST', `${V}/CFPackages`, body)
      assert.equal(res.status, 400, String(message))
      assertImsx(res.body, 'invaliddata', message)
    }
    assert.deepEqual((await call('GET', `${V}/CFDocuments`)).body, { CFDocuments: [] }, 'nothing was stored')
  })

  it('a second upload of a document replaces its package; an item owned by another document is a 422', async () => {
    const { call, get } = await connect({ seed: false })
    await call('POST', `${V}/CFPackages`, pkg(3, [[2, 1, 'isChildOf'], [3, 1, 'isChildOf']]))
    const replaced = await call('POST', `${V}/CFPackages`, pkg(1))
    assert.equal(replaced.status, 201)
    assert.equal((await get(`${V}/CFItems/${uuid(2)}`)).status, 404)
    assert.equal((await get(`${V}/CFAssociations/${uuid(500)}`)).status, 404)
    assert.equal((await get(`${V}/CFPackages/${uuid(0)}`)).body.CFPackage.CFItems.length, 1)
    // Another document claiming item uuid(1) of document e.
    const thief = pkg(0, [], 'a')
    thief.CFItems = [{ ...pkg(1).CFItems[0] }]
    const res = await call('POST', `${V}/CFPackages`, thief)
    assert.equal(res.status, 422)
    assertImsx(res.body, 'invaliddata', /belongs to another document/)
    assert.equal((await get(`${V}/CFDocuments`)).body.CFDocuments.length, 1)
  })
})

describe('CASE emulator: the package tree (groups)', () => {
  const tree = async (body: Json) => {
    const { call, get } = await connect({ seed: false })
    assert.equal((await call('POST', `${V}/CFPackages`, body)).status, 201)
    return (await get(`${V}/CFPackages/${uuid(0)}/groups`)).body.CFPackageWithGroups
  }
  const ids = (list: Json[] = []) => list.map((i) => i.sourcedId)

  it('nests children by sequenceNumber (unnumbered last) and ignores links that are not isChildOf', async () => {
    const t = await tree(pkg(4, [[2, 1, 'isChildOf', 2], [3, 1, 'isChildOf'], [4, 1, 'isChildOf', 1], [1, 2, 'isPeerOf']]))
    assert.equal(t.sourcedId, uuid(0))
    assert.deepEqual(Object.keys(t.structuredContent), ['Domain'])
    const [domain] = t.structuredContent.Domain
    assert.deepEqual(ids(domain.childGroups.Standard), [uuid(4), uuid(2), uuid(3)])
  })

  it('an item with two parents appears once, under the first; a cycle of isChildOf loses no item', async () => {
    const twoParents = await tree(pkg(3, [[3, 1, 'isChildOf'], [3, 2, 'isChildOf']]))
    const all = JSON.stringify(twoParents.structuredContent)
    assert.equal(all.split(`"sourcedId":"${uuid(3)}"`).length - 1, 1, 'uuid(3) appears once')
    assert.deepEqual(ids(twoParents.structuredContent.Domain[0].childGroups.Standard), [uuid(3)], 'under its first parent')
    // 1 → 2 → 3 → 1: no item is a root, yet all three are there, each once.
    const cycle = await tree(pkg(3, [[1, 2, 'isChildOf'], [2, 3, 'isChildOf'], [3, 1, 'isChildOf']]))
    const text = JSON.stringify(cycle.structuredContent)
    for (const n of [1, 2, 3]) assert.equal(text.split(`"sourcedId":"${uuid(n)}"`).length - 1, 1, `uuid(${n}) appears once`)
  })
})
