// CaseClient reads against the emulator's seeded framework (one Grade 3 math document, two domains, four standards,
// six isChildOf links and one isRelatedTo): documents, items and associations by id, sparse fieldsets, whole
// packages flat and as a tree, and a 404 read as a NotFoundError with the spec's imsx minor code.

import type { Assert, Suite } from '../../harness/types.ts'
import { caseSetup, rejection } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  describe('case: reads', () => {
    it('lists the seeded document and reads it, its items and an association by sourcedId', async () => {
      const { client } = caseSetup(env)
      const docs = await client.documents.listAll()
      assert.equal(docs.length, 1)
      const doc = await client.documents.get(docs[0]!.sourcedId)
      assert.equal(doc.title, 'Emulator Mathematics, Grade 3')
      assert.equal(doc.CFPackageURI.sourcedId, doc.sourcedId)
      const items = await client.items.listAll()
      assert.deepEqual(items.map((i) => i.humanCodingScheme), ['3.OA', '3.OA.1', '3.OA.2', '3.NBT', '3.NBT.1', '3.NBT.2'])
      const standard = items.find((i) => i.humanCodingScheme === '3.OA.1')!
      const read = await client.items.get(standard.sourcedId)
      assert.equal(read.CFItemType, 'Standard')
      assert.equal(read.CFDocumentURI?.sourcedId, doc.sourcedId)
      const pkg = await client.packages.get(doc.sourcedId)
      const link = pkg.CFAssociations!.find((a) => a.originNodeURI.sourcedId === standard.sourcedId && a.associationType === 'isChildOf')!
      const association = await client.associations.get(link.sourcedId)
      assert.equal(association.destinationNodeURI.title, '3.OA')
      assert.equal(association.sequenceNumber, 1)
    })

    it('sends fields as one comma list and gets only those fields back', async () => {
      const { client, caseRequests } = caseSetup(env)
      const [doc] = await client.documents.listAll()
      const sparse = await client.documents.get(doc!.sourcedId, { fields: ['title', 'creator'] })
      assert.deepEqual(sparse, { title: 'Emulator Mathematics, Grade 3', creator: 'Timeback emulator' } as never)
      const page = await client.items.list({ fields: 'sourcedId,humanCodingScheme', limit: 2 })
      assert.deepEqual(Object.keys(page.data[0]!), ['sourcedId', 'humanCodingScheme'])
      const query = new URL(caseRequests().at(-1)!.url).searchParams
      assert.equal(query.get('fields'), 'sourcedId,humanCodingScheme')
    })

    it('passes filter, sort and orderBy through to the service', async () => {
      const { client, caseRequests } = caseSetup(env)
      const standards = await client.items.listAll({ filter: "CFItemType='Standard'", sort: 'humanCodingScheme', orderBy: 'desc' })
      assert.deepEqual(standards.map((i) => i.humanCodingScheme), ['3.OA.2', '3.OA.1', '3.NBT.2', '3.NBT.1'])
      const query = new URL(caseRequests().at(-1)!.url).searchParams
      assert.equal(query.get('filter'), "CFItemType='Standard'")
      assert.equal(query.get('orderBy'), 'desc')
    })

    it('reads a package as a tree: domains at the top, standards under them by sequenceNumber', async () => {
      const { client } = caseSetup(env)
      const [doc] = await client.documents.listAll()
      const tree = await client.packages.groups(doc!.sourcedId)
      assert.equal(tree.sourcedId, doc!.sourcedId)
      assert.equal(tree.CFDocument.title, doc!.title)
      assert.deepEqual(Object.keys(tree.structuredContent), ['Domain'])
      const domains = tree.structuredContent.Domain!
      assert.deepEqual(domains.map((d) => d.humanCodingScheme), ['3.OA', '3.NBT'])
      const under = (d: (typeof domains)[number]) => (d.childGroups!.Standard as { humanCodingScheme: string }[]).map((s) => s.humanCodingScheme)
      assert.deepEqual(domains.map(under), [['3.OA.1', '3.OA.2'], ['3.NBT.1', '3.NBT.2']])
    })

    it('answers an unknown id with a NotFoundError carrying the imsx minor code unknownobject', async () => {
      const { client } = caseSetup(env)
      const missing = '00000000-0000-4000-8000-00000000dead'
      for (const read of [
        () => client.documents.get(missing), () => client.items.get(missing), () => client.associations.get(missing),
        () => client.packages.get(missing), () => client.packages.groups(missing),
      ]) {
        const error = await rejection(read())
        assert.ok(sdk.errors.isNotFoundError(error), String(error))
        assert.deepEqual(error.minorCodes, ['unknownobject'])
      }
    })
  })
}

export default suite
