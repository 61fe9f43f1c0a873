// Assessment tests against the emulator: create from raw XML and from JSON, questions, metadata, full
// replacement (JSON and XML), patch, delete, listing with the mode filters; their test parts and sections, and
// the item references of a section (add, remove, reorder).

import type { Assert, Suite } from '../../harness/types.ts'
import { choiceXml, qtiSetup, rejection, testXml } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const { isConflictError, isNotFoundError } = sdk.errors

  /** A client with items q-1..q-3 stored. */
  async function withItems() {
    const setup = qtiSetup(env, { seed: false })
    for (const id of ['q-1', 'q-2', 'q-3']) await setup.client.assessmentItems.createFromXml(choiceXml(id, `Question ${id}`))
    return setup
  }

  describe('qti: assessment tests', () => {
    it('creates from raw application/xml, lists its questions in order, and refuses a duplicate with a ConflictError', async () => {
      const { client, emulator } = await withItems()
      const created = await client.assessmentTests.createFromXml(testXml('t-xml', 'XML quiz', ['q-2', 'q-1']))
      assert.equal(created.identifier, 't-xml')
      assert.equal(created['qti-test-part'][0]!.identifier, 'part-1')
      const post = emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/assessment-tests'))
      assert.equal(post.at(-1)!.headers['content-type'], 'application/xml')
      const questions = await client.assessmentTests.questions('t-xml')
      assert.equal(questions.totalQuestions, 2)
      assert.deepEqual(questions.questions.map((q) => q.reference.identifier), ['q-2', 'q-1'])
      assert.equal(questions.questions[0]!.question.title, 'Question q-2')
      const error = await rejection(client.assessmentTests.createFromXml(testXml('t-xml', 'Again', [])))
      assert.ok(isConflictError(error))
      assert.match(error.message, /the assessment test identifier 't-xml' already exists/)
    })

    it('creates from JSON, replaces it (JSON then XML), patches it, changes its metadata and deletes it', async () => {
      const { client } = await withItems()
      const section = { identifier: 's-1', title: 'Warm-up', visible: true, 'qti-assessment-item-ref': [{ identifier: 'q-1', href: '/assessment-items/q-1' }] }
      const part = { identifier: 'p-1', navigationMode: 'linear' as const, submissionMode: 'individual' as const, 'qti-assessment-section': [section] }
      const test = { identifier: 't-json', title: 'JSON quiz', 'qti-test-part': [part], metadata: { subject: 'Math' }, maxAttempts: 2 }
      const created = await client.assessmentTests.create(test)
      assert.equal(created.title, 'JSON quiz')
      assert.match(created.rawXml, /<qti-assessment-item-ref identifier="q-1"/)
      const replaced = await client.assessmentTests.update('t-json', { ...test, title: 'Replaced', metadata: undefined as never, 'qti-test-part': [{ ...part, 'qti-assessment-section': [{ ...section, 'qti-assessment-item-ref': [{ identifier: 'q-3' }] }] }] })
      assert.equal(replaced.title, 'Replaced')
      assert.deepEqual((await client.assessmentTests.questions('t-json')).questions.map((q) => q.reference.identifier), ['q-3'])
      const patched = await client.assessmentTests.patch('t-json', { title: 'Patched', metadata: { grade: '5' } })
      assert.equal(patched.title, 'Patched')
      assert.deepEqual((await client.assessmentTests.questions('t-json')).questions.map((q) => q.reference.identifier), ['q-3'], 'patch kept the structure')
      const meta = await client.assessmentTests.updateMetadata('t-json', { subject: 'Science' })
      assert.equal(meta.metadata?.subject, 'Science')
      const fromXml = await client.assessmentTests.updateFromXml('t-json', testXml('t-json', 'From XML', ['q-1', 'q-2']))
      assert.equal(fromXml.title, 'From XML')
      assert.equal((await client.assessmentTests.questions('t-json')).totalQuestions, 2)
      await client.assessmentTests.delete('t-json')
      assert.ok(isNotFoundError(await rejection(client.assessmentTests.get('t-json'))))
    })

    it('lists tests by query and the navigation/submission mode filters', async () => {
      const { client } = await withItems()
      await client.assessmentTests.createFromXml(testXml('t-a', 'Algebra quiz', ['q-1']))
      await client.assessmentTests.createFromXml(testXml('t-b', 'Biology quiz', ['q-2']).replace('navigation-mode="linear"', 'navigation-mode="nonlinear"'))
      const linear = await client.assessmentTests.listAll({ navigationMode: 'linear' })
      assert.deepEqual(linear.map((t) => t.identifier), ['t-a'])
      const nonlinear = await client.assessmentTests.list({ navigationMode: 'nonlinear', submissionMode: 'individual' })
      assert.deepEqual(nonlinear.data.map((t) => t.identifier), ['t-b'])
      const byQuery = await client.assessmentTests.listAll({ query: 'biology', sort: 'title', order: 'asc' })
      assert.deepEqual(byQuery.map((t) => t.identifier), ['t-b'])
      const byFilter = await client.assessmentTests.listAll({ filter: "title~'quiz'", sort: 'identifier', order: 'desc' })
      assert.deepEqual(byFilter.map((t) => t.identifier), ['t-b', 't-a'])
    })

    it('manages test parts and sections, and adds, removes and reorders a section\'s items', async () => {
      const { client } = await withItems()
      await client.assessmentTests.createFromXml(testXml('t-s', 'Structure', ['q-1']))
      const parts = client.assessmentTests.testParts('t-s')
      await parts.create({ identifier: 'p-2', navigationMode: 'nonlinear', submissionMode: 'simultaneous', 'qti-assessment-section': [] })
      assert.deepEqual((await parts.listAll()).map((p) => p.identifier), ['part-1', 'p-2'])
      assert.deepEqual((await parts.listAll({ navigationMode: 'nonlinear' })).map((p) => p.identifier), ['p-2'])
      assert.equal((await parts.get('p-2')).submissionMode, 'simultaneous')
      assert.ok(isConflictError(await rejection(parts.create({ identifier: 'p-2', navigationMode: 'linear', submissionMode: 'individual', 'qti-assessment-section': [] }))))
      await parts.update('p-2', { identifier: 'p-2', navigationMode: 'linear', submissionMode: 'individual', 'qti-assessment-section': [] })
      assert.equal((await parts.get('p-2')).navigationMode, 'linear')

      const sections = parts.sections('p-2')
      await sections.create({ identifier: 's-a', title: 'Section A', visible: true })
      await sections.create({ identifier: 's-b', title: 'Section B', visible: false })
      assert.deepEqual((await sections.listAll()).map((s) => s.identifier), ['s-a', 's-b'])
      await sections.update('s-b', { identifier: 's-b', title: 'Section B2', visible: true })
      assert.equal((await client.assessmentTests.sections('t-s', 'p-2').get('s-b')).title, 'Section B2')
      await sections.addItem('s-a', 'q-1')
      await sections.addItem('s-a', { identifier: 'q-2', href: '/assessment-items/q-2' })
      const added = await sections.addItem('s-a', 'q-3')
      assert.deepEqual(added['qti-assessment-item-ref']!.map((r) => r.identifier), ['q-1', 'q-2', 'q-3'])
      const reordered = await sections.reorderItems('s-a', ['q-3', 'q-1', 'q-2'])
      assert.deepEqual(reordered['qti-assessment-item-ref']!.map((r) => r.identifier), ['q-3', 'q-1', 'q-2'])
      await sections.removeItem('s-a', 'q-1')
      assert.deepEqual((await sections.get('s-a'))['qti-assessment-item-ref']!.map((r) => r.identifier), ['q-3', 'q-2'])
      const questions = await client.assessmentTests.questions('t-s')
      assert.deepEqual(questions.questions.map((q) => `${q.reference.testPart}/${q.reference.section}/${q.reference.identifier}`), ['part-1/section-1/q-1', 'p-2/s-a/q-3', 'p-2/s-a/q-2'])
      await sections.delete('s-b')
      assert.ok(isNotFoundError(await rejection(sections.get('s-b'))))
      await parts.delete('p-2')
      assert.ok(isNotFoundError(await rejection(parts.get('p-2'))))
    })
  })
}

export default suite
