// CaseClient.packages against the emulator: an upload comes back from every read in the read shape (identifier →
// sourcedId, links as { sourcedId, title, uri }), Dates travel as ISO strings without the caller's object being
// touched, a second upload of a document replaces its package, and the tree follows isChildOf links.

import type { Assert, Suite } from '../../harness/types.ts'
import { caseSetup, makePackage, uuid } from './helpers.ts'

/** Deep-freezes `value` so that any change the client made to its input would throw. */
function freeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) freeze(child)
    Object.freeze(value)
  }
  return value
}

const suite: Suite = (env) => {
  const { h } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  describe('case: packages', () => {
    it('uploads a package and reads back its document, items and associations in the read shape', async () => {
      const { client } = caseSetup(env, { seed: false })
      const { documentId, pkg } = makePackage('d', 3, 'Science 5')
      const answer = await client.packages.create(pkg)
      assert.deepEqual(answer.result, { documentId, stats: { documents: 1, items: 3, associations: 3 }, success: true })
      assert.equal(answer.success, true)
      const read = await client.packages.get(documentId)
      assert.equal(read.sourcedId, documentId)
      assert.equal(read.CFDocument.title, 'Science 5')
      assert.deepEqual(read.CFItems!.map((i) => i.sourcedId), [uuid('d', 1), uuid('d', 2), uuid('d', 3)])
      const link = read.CFAssociations![1]!
      assert.deepEqual(link.originNodeURI, { sourcedId: uuid('d', 2), title: 'd.2', uri: pkg.CFItems[1]!.uri })
      assert.deepEqual(link.destinationNodeURI, { sourcedId: documentId, title: 'Science 5', uri: pkg.CFDocument.uri })
      assert.deepEqual((await client.items.get(uuid('d', 2))).CFDocumentURI, { sourcedId: documentId, title: 'Science 5', uri: pkg.CFDocument.uri })
      assert.equal((await client.associations.get(uuid('d', 1003))).associationType, 'isChildOf')
    })

    it('sends a Date as its ISO string and leaves the caller\'s (frozen) package as it was', async () => {
      const { client, emulator } = caseSetup(env, { seed: false })
      const { documentId, pkg } = makePackage('e', 1)
      const when = new Date(Date.UTC(2026, 2, 2, 10, 30))
      const input = freeze({ ...pkg, CFDocument: { ...pkg.CFDocument, lastChangeDateTime: when } })
      await client.packages.create(input)
      assert.ok(input.CFDocument.lastChangeDateTime instanceof Date)
      assert.equal((await client.documents.get(documentId)).lastChangeDateTime, '2026-03-02T10:30:00.000Z')
      assert.equal(emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/CFPackages')).length, 1)
    })

    it('a second upload of a document replaces its package: items it no longer lists are gone', async () => {
      const { client } = caseSetup(env, { seed: false })
      const { documentId, pkg } = makePackage('f', 3)
      await client.packages.create(pkg)
      const smaller = makePackage('f', 1, 'Framework f, v2').pkg
      const answer = await client.packages.create(smaller)
      assert.deepEqual(answer.result.stats, { documents: 1, items: 1, associations: 1 })
      const read = await client.packages.get(documentId)
      assert.equal(read.CFDocument.title, 'Framework f, v2')
      assert.deepEqual(read.CFItems!.map((i) => i.sourcedId), [uuid('f', 1)])
      assert.equal((await client.documents.listAll()).length, 1)
      assert.equal((await client.items.listAll()).length, 1)
    })

    it('groups: an item\'s children nest under it by CFItemType, ordered by sequenceNumber', async () => {
      const { client } = caseSetup(env, { seed: false })
      const { documentId, pkg } = makePackage('a', 3)
      const [cluster, second, first] = pkg.CFItems as [typeof pkg.CFItems[0], typeof pkg.CFItems[0], typeof pkg.CFItems[0]]
      cluster.CFItemType = 'Cluster'
      const node = (i: typeof cluster) => ({ identifier: i.identifier, title: i.humanCodingScheme, uri: i.uri })
      // a.2 and a.3 become children of the cluster a.1, a.3 first by sequenceNumber.
      pkg.CFAssociations[1]!.destinationNodeURI = node(cluster)
      pkg.CFAssociations[1]!.sequenceNumber = 2
      pkg.CFAssociations[2]!.destinationNodeURI = node(cluster)
      pkg.CFAssociations[2]!.sequenceNumber = 1
      await client.packages.create(pkg)
      const { structuredContent } = await client.packages.groups(documentId)
      assert.deepEqual(Object.keys(structuredContent), ['Cluster'])
      const top = structuredContent.Cluster!
      assert.deepEqual(top.map((i) => i.sourcedId), [cluster.identifier])
      const kids = top[0]!.childGroups!.Standard as { sourcedId: string; childGroups: object }[]
      assert.deepEqual(kids.map((k) => k.sourcedId), [first.identifier, second.identifier])
      assert.deepEqual(kids[0]!.childGroups, {})
    })
  })
}

export default suite
