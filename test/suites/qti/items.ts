// Assessment items against the emulator: listing (query, filter, sort, order, pages), create from XML and from
// JSON, a 409 that names the identifier, full replacement, patch (title and metadata, with ifUnmodifiedSince),
// the bulk metadata route, delete, and scoring responses.

import type { Assert, Suite } from '../../harness/types.ts'
import { choiceXml, qtiSetup, rejection } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const { isConflictError, isNotFoundError } = sdk.errors

  describe('qti: assessment items', () => {
    it('creates from XML with metadata, reads it back, and refuses a second create with a ConflictError naming the identifier', async () => {
      const { client, emulator } = qtiSetup(env, { seed: false })
      const created = await client.assessmentItems.createFromXml(choiceXml('frac-1', 'Fractions 1'), { subject: 'Math', grade: '5' })
      assert.equal(created.identifier, 'frac-1')
      assert.equal(created.title, 'Fractions 1')
      assert.equal(created.type, 'choice')
      assert.deepEqual(created.metadata, { subject: 'Math', grade: '5' })
      const got = await client.assessmentItems.get('frac-1')
      assert.match(got.rawXml, /<qti-prompt>Pick B &amp; only B<\/qti-prompt>/)
      const sent = emulator.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/qti-host/'))
      assert.equal(sent.length, 1)
      const error = await rejection(client.assessmentItems.createFromXml(choiceXml('frac-1', 'Again')))
      assert.ok(isConflictError(error), String(error))
      assert.equal(error.status, 409)
      assert.match(error.message, /409 Conflict: the assessment item identifier 'frac-1' already exists; update replaces it/)
      assert.equal((await client.assessmentItems.get('frac-1')).title, 'Fractions 1', 'the first item is unchanged')
    })

    it('creates from the JSON form and replaces with update (PUT is a full replace)', async () => {
      const { client } = qtiSetup(env, { seed: false })
      const item = {
        identifier: 'json-1', title: 'Two plus two', type: 'choice' as const,
        responseDeclarations: [{ identifier: 'RESPONSE', cardinality: 'single' as const, baseType: 'identifier', correctResponse: { value: ['B'] } }],
        metadata: { subject: 'Math', difficulty: 'easy' as const },
        interaction: { type: 'choice', responseIdentifier: 'RESPONSE', questionStructure: { prompt: '2 + 2?', choices: [{ identifier: 'A', content: '3' }, { identifier: 'B', content: '4' }] } },
      }
      const created = await client.assessmentItems.create(item)
      assert.equal(created.identifier, 'json-1')
      assert.equal(created.metadata?.difficulty, 'easy')
      const error = await rejection(client.assessmentItems.create(item))
      assert.ok(isConflictError(error))
      assert.match(error.message, /identifier 'json-1' already exists/)
      const replaced = await client.assessmentItems.update('json-1', { ...item, title: 'Two plus two (v2)', metadata: { subject: 'Math' } })
      assert.equal(replaced.title, 'Two plus two (v2)')
      assert.deepEqual(replaced.metadata, { subject: 'Math' }, 'the old difficulty is gone: PUT replaced the metadata')
      const fromXml = await client.assessmentItems.updateFromXml('json-1', choiceXml('json-1', 'Now from XML', 'C'))
      assert.equal(fromXml.title, 'Now from XML')
      assert.equal((await client.processResponse('json-1', 'C')).score, 1)
    })

    it('patch changes the title in the stored XML and merges metadata, keeping the question', async () => {
      const { client } = qtiSetup(env, { seed: false })
      await client.assessmentItems.createFromXml(choiceXml('p-1', 'Old title'), { subject: 'Math', grade: '4' })
      const patched = await client.assessmentItems.patch('p-1', { title: 'New & improved', metadata: { difficulty: 'hard' } })
      assert.equal(patched.title, 'New & improved')
      assert.deepEqual(patched.metadata, { subject: 'Math', grade: '4', difficulty: 'hard' })
      const stored = await client.assessmentItems.get('p-1')
      assert.match(stored.rawXml, /title="New &amp; improved"/)
      assert.match(stored.rawXml, /<qti-choice-interaction/, 'the interaction is still there')
      assert.equal((await client.processResponse('p-1', 'B')).score, 1, 'and still scores')
    })

    it('patch with ifUnmodifiedSince refuses when the item changed after that time, and writes nothing', async () => {
      const { client, emulator } = qtiSetup(env, { seed: false })
      const created = await client.assessmentItems.createFromXml(choiceXml('c-1', 'Original'))
      const before = new Date(Date.parse(created.updatedAt) - 60_000)
      const error = await rejection(client.assessmentItems.patch('c-1', { title: 'Lost update' }, { ifUnmodifiedSince: before }))
      assert.ok(isConflictError(error), String(error))
      assert.equal(error.status, 412)
      assert.match(error.message, /'c-1' changed at .*after ifUnmodifiedSince .*nothing was written/)
      assert.equal(emulator.requests.filter((r) => r.method === 'PUT').length, 0)
      assert.equal((await client.assessmentItems.get('c-1')).title, 'Original')
      const ok = await client.assessmentItems.patch('c-1', { title: 'Fresh' }, { ifUnmodifiedSince: created.updatedAt })
      assert.equal(ok.title, 'Fresh')
    })

    it('lists by page with query, filter, sort and order; listAll and stream walk every page once', async () => {
      const { client } = qtiSetup(env, { seed: false })
      for (let i = 1; i <= 7; i++) await client.assessmentItems.createFromXml(choiceXml(`q-${i}`, `Item ${String.fromCharCode(72 - i)}`), { subject: i % 2 ? 'Math' : 'Art' })
      const first = await client.assessmentItems.list({ limit: 3, sort: 'identifier', order: 'asc' })
      assert.deepEqual(first.data.map((i) => i.identifier), ['q-1', 'q-2', 'q-3'])
      assert.equal(first.total, 7)
      assert.deepEqual(first.next, { page: 2 })
      const third = await client.assessmentItems.list({ limit: 3, sort: 'identifier', order: 'asc', page: 3 })
      assert.deepEqual(third.data.map((i) => i.identifier), ['q-7'])
      assert.equal(third.hasMore, false)
      const byTitle = await client.assessmentItems.listAll({ limit: 2, sort: 'title', order: 'asc' })
      assert.deepEqual(byTitle.map((i) => i.title), ['Item A', 'Item B', 'Item C', 'Item D', 'Item E', 'Item F', 'Item G'])
      const found = await client.assessmentItems.listAll({ query: 'item c' })
      assert.deepEqual(found.map((i) => i.identifier), ['q-5'])
      const filtered = await client.assessmentItems.listAll({ filter: "identifier='q-2' OR identifier='q-6'", sort: 'identifier', order: 'desc' })
      assert.deepEqual(filtered.map((i) => i.identifier), ['q-6', 'q-2'])
      const streamed: string[] = []
      for await (const item of client.assessmentItems.stream({ limit: 2, maxItems: 5, sort: 'identifier', order: 'asc' })) streamed.push(item.identifier)
      assert.deepEqual(streamed, ['q-1', 'q-2', 'q-3', 'q-4', 'q-5'])
    })

    it('updateMetadata replaces the metadata of the item the body names; delete removes it', async () => {
      const { client } = qtiSetup(env, { seed: false })
      await client.assessmentItems.createFromXml(choiceXml('m-1', 'Meta'), { subject: 'Math', humanApproved: true })
      const updated = await client.assessmentItems.updateMetadata({ format: 'xml', xml: choiceXml('m-1', 'Meta'), metadata: { subject: 'Math', humanApproved: false } })
      assert.equal(updated.metadata?.humanApproved, false)
      assert.equal((await client.assessmentItems.get('m-1')).metadata?.humanApproved, false)
      await client.assessmentItems.delete('m-1')
      assert.ok(isNotFoundError(await rejection(client.assessmentItems.get('m-1'))))
      assert.ok(isNotFoundError(await rejection(client.assessmentItems.delete('m-1'))))
    })

    it('processResponse scores a correct and a wrong answer, and an essay awaiting grading', async () => {
      const { client, emulator } = qtiSetup(env)
      const [choice, text, essay] = emulator.qti.seedIds.items
      const right = await client.processResponse(choice, 'B')
      assert.equal(right.score, 1)
      assert.equal(right.feedback.identifier, 'correct')
      assert.equal((await client.processResponse(choice, ['A'])).score, 0)
      assert.equal((await client.processResponse(text, 'Paris')).score, 1)
      const pending = await client.processResponse(essay, 'Forests store carbon.')
      assert.equal(pending.score, null)
      assert.equal(pending.requiresAsyncGrading, true)
      assert.ok(isNotFoundError(await rejection(client.processResponse('no-such-item', 'B'))))
    })
  })
}

export default suite
