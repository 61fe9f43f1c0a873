// QtiClient refuses bad input before any request: ids that would change the URL, XML that is not well formed
// (with line and column) or has the wrong root, missing fields, values outside the spec's enums, unknown list
// parameters, and an identifier that does not match the record being replaced. The emulator's request log
// proves nothing was sent.

import type { Assert, Suite } from '../../harness/types.ts'
import { refusalChecker, type RefusalCase } from '../refusals.ts'
import { choiceXml, qtiSetup, rejection } from './helpers.ts'

type Case = RefusalCase

const suite: Suite = (env) => {
  const { h } = env
  const { describe, it } = h
  const assert: Assert = h.assert

  const check = refusalChecker(env)
  /** Each case is refused with an InputValidationError naming its field; the emulator receives nothing. */
  const refuses = (emulator: { requests: readonly unknown[] }, cases: Case[]) => check(cases, () => emulator.requests.length)

  describe('qti: input checks', () => {
    it('refuses XML that is not well formed, naming the fault with its line and column', async () => {
      const { emulator, client } = qtiSetup(env)
      const items = client.assessmentItems
      await refuses(emulator, [
        [() => items.createFromXml('<qti-assessment-item identifier="q1" title="T">\n  <qti-item-body>\n</qti-assessment-item>'), 'xml', /<\/qti-assessment-item> closes <qti-item-body> \(line 3, column 1\)/],
        [() => items.createFromXml('<qti-assessment-item identifier="q1" title="T">\n<p>1 < 2</p></qti-assessment-item>'), 'xml', /a '<' that starts no tag .*line 2, column 6/],
        [() => items.createFromXml('<qti-assessment-item identifier="q1" title="R & D"/>'), 'xml', /bare '&'/],
        [() => items.createFromXml('<qti-assessment-item identifier=q1 title="T"/>'), 'xml', /malformed attribute/],
        [() => items.createFromXml('<qti-assessment-item identifier="q1" identifier="q2" title="T"/>'), 'xml', /appears twice/],
        [() => items.createFromXml('<qti-assessment-item identifier="q1" title="T"/><qti-assessment-item identifier="q2" title="T"/>'), 'xml', /second root element/],
        [() => items.createFromXml('<qti-assessment-item identifier="q1" title="T"><p>&nbsp;</p></qti-assessment-item>'), 'xml', /entity &nbsp; is not defined/],
        [() => items.createFromXml('<qti-assessment-item identifier="q1" title="T">'), 'xml', /<qti-assessment-item> is never closed/],
        [() => items.createFromXml('<!-- only a comment -->'), 'xml', /no root element/],
        [() => items.createFromXml('   '), 'xml', /non-empty XML string/],
        [() => client.stimuli.createFromXml('<qti-assessment-stimulus identifier="s1" title="T"><p>x</qti-assessment-stimulus>'), 'xml', /closes <p>/],
        [() => client.assessmentTests.createFromXml('<qti-assessment-test identifier="t1" title="T">'), 'xml', /never closed/],
        [() => client.validate({ schema: 'item', xml: '<qti-assessment-item>' }), 'xml', /never closed/],
        [() => client.validateBatch({ schema: 'item', xml: [choiceXml('ok', 'fine'), '<a></b>'] }), 'xml.1', /<\/b> closes <a>/],
      ])
    })

    it('refuses XML with the wrong root element, without an identifier, or naming another record', async () => {
      const { emulator, client } = qtiSetup(env)
      await refuses(emulator, [
        [() => client.assessmentItems.createFromXml('<qti-assessment-stimulus identifier="s1" title="T"/>'), 'xml', /root element <qti-assessment-stimulus>, expected <qti-assessment-item>/],
        [() => client.stimuli.createFromXml(choiceXml('q1', 'T')), 'xml', /expected <qti-assessment-stimulus>/],
        [() => client.assessmentTests.createFromXml(choiceXml('q1', 'T')), 'xml', /expected <qti-assessment-test>/],
        [() => client.assessmentItems.createFromXml('<qti-assessment-item title="T"/>'), 'xml', /needs an identifier attribute/],
        [() => client.assessmentItems.updateFromXml('q2', choiceXml('q1', 'T')), 'xml', /identifier 'q1'.*expected 'q2'/],
        [() => client.assessmentTests.updateFromXml('t2', '<qti-assessment-test identifier="t1" title="T"/>'), 'xml', /expected 't2'/],
        [() => client.assessmentItems.update('q2', { identifier: 'q1', title: 'T', type: 'choice' }), 'identifier', /must be 'q2'/],
        [() => client.assessmentTests.sections('t1', 'p1').update('s2', { identifier: 's1', title: 'S', visible: true }), 'identifier', /must be 's2'/],
      ])
    })

    it('refuses missing fields and values outside the spec enums', async () => {
      const { emulator, client } = qtiSetup(env)
      const any = client as any
      await refuses(emulator, [
        [() => any.assessmentItems.create({ identifier: 'q1', type: 'choice' }), 'title', /non-empty string/],
        [() => any.assessmentItems.create({ identifier: 'q1', title: 'T', type: 'gap-match' }), 'type', /must be one of choice, text-entry/],
        [() => any.assessmentItems.create({ identifier: 'q1', title: 'T', type: 'choice', responseDeclarations: [{ identifier: 'R', cardinality: 'one', correctResponse: { value: [] } }] }), 'responseDeclarations.0.cardinality', /single, multiple/],
        [() => any.assessmentItems.create({ identifier: 'q1', title: 'T', type: 'choice', metadata: { grade: '14' } }), 'metadata.grade', /-1, 0, 1/],
        [() => any.assessmentItems.createFromXml(choiceXml('q1', 'T'), { difficulty: 'extreme' }), 'metadata.difficulty', /easy, medium, hard/],
        [() => any.stimuli.create({ identifier: 's1', title: 'T' }), 'content', /non-empty string/],
        [() => any.stimuli.create({ format: 'xml', identifier: 's1', title: 'T', content: '<p/>' }), 'format', /createFromXml/],
        [() => any.assessmentTests.create({ identifier: 't1', title: 'T' }), 'qti-test-part', /array of test parts/],
        [() => any.assessmentTests.create({ identifier: 't1', title: 'T', 'qti-test-part': [{ identifier: 'p', navigationMode: 'free', submissionMode: 'individual', 'qti-assessment-section': [] }] }), 'qti-test-part.0.navigationMode', /linear, nonlinear/],
        [() => any.assessmentTests.testParts('t1').create({ identifier: 'p', navigationMode: 'linear', submissionMode: 'batch', 'qti-assessment-section': [] }), 'submissionMode', /individual, simultaneous/],
        [() => any.assessmentTests.sections('t1', 'p1').create({ identifier: 's', title: 'S' }), 'visible', /true or false/],
        [() => any.assessmentTests.sections('t1', 'p1').addItem('s1', { identifier: 'q1', sequence: 0 }), 'sequence', /integer from 1/],
        [() => any.assessmentTests.sections('t1', 'p1').reorderItems('s1', ['q1', 'q1']), 'items', /lists an item twice/],
        [() => any.assessmentTests.sections('t1', 'p1').reorderItems('s1', []), 'items', /non-empty array/],
        [() => any.assessmentTests.updateMetadata('t1', 'Math'), 'metadata', /must be an object/],
        [() => any.feedback.createForQuestion({ userId: 'u1', lessonId: 'l1', feedback: 'x' }), 'questionId', /non-empty string/],
        [() => any.feedback.createForLesson({ userId: 'u1', feedback: 'x', humanApproved: 'yes' }), 'lessonId', /non-empty string/],
        [() => any.validate({ schema: 'section', xml: '<a/>' }), 'schema', /test, item, stimulus/],
        [() => any.validate({ schema: 'item' }), 'xml', /xml or entityId/],
        [() => any.validateBatch({ schema: 'item', xml: [] }), 'xml', /at least one entry/],
        [() => any.validateBatch({ schema: 'item', xml: [choiceXml('a', 'A')], entityIds: ['b'] }), 'xml', /one kind per batch/],
        [() => any.processResponse('q1', 42), 'response', /string or an array of strings/],
        [() => any.assessmentItems.patch('q1', { type: 'order' }), 'type', /title and metadata only/],
        [() => any.assessmentTests.patch('t1', { identifier: 't2' }), 'identifier', /cannot be changed/],
        [() => any.assessmentItems.patch('q1', { title: 'T' }, { ifUnmodifiedSince: 'yesterday' }), 'ifUnmodifiedSince', /Date or an ISO 8601/],
      ])
    })

    it('refuses unknown list parameters, bad sorts, orders, modes and page numbers', async () => {
      const { emulator, client } = qtiSetup(env)
      const any = client as any
      await refuses(emulator, [
        [() => any.assessmentItems.list({ where: { type: 'choice' } }), 'where', /unknown parameter \(expected query, sort, order, filter/],
        [() => any.assessmentItems.list({ sort: 'difficulty' }), 'sort', /title, identifier, type, createdAt, updatedAt/],
        [() => any.stimuli.list({ sort: 'type' }), 'sort', /title, identifier, createdAt, updatedAt/],
        [() => any.stimuli.list({ filter: "title='x'" }), 'filter', /unknown parameter/],
        [() => any.assessmentTests.list({ order: 'up' }), 'order', /asc, desc/],
        [() => any.assessmentTests.list({ navigationMode: 'free' }), 'navigationMode', /linear, nonlinear/],
        [() => any.assessmentTests.testParts('t1').list({ submissionMode: 'all' }), 'submissionMode', /individual, simultaneous/],
        [() => any.assessmentItems.list({ filter: 3 }), 'filter', /must be a string/],
        [() => any.assessmentItems.list({ page: 0 }), 'page', /integer from 1/],
        [() => any.assessmentItems.listAll({ limit: 3001 }), 'limit', /from 1 to 3000/],
      ])
    })

    it('refuses ids that are empty or would change the path; others travel as one segment', async () => {
      const { emulator, client } = qtiSetup(env)
      await refuses(emulator, [
        [() => client.assessmentItems.get(''), 'identifier', /must not be empty/],
        [() => client.assessmentItems.get('..'), 'identifier', /not a valid id/],
        [() => client.stimuli.delete('.'), 'identifier', /not a valid id/],
        [() => client.assessmentTests.testParts(' ').get('p1'), 'assessmentTestIdentifier', /must not be empty/],
        [() => client.assessmentTests.sections('t1', '..').list(), 'testPartIdentifier', /not a valid id/],
        [() => client.assessmentTests.sections('t1', 'p1').removeItem('s1', ''), 'itemIdentifier', /must not be empty/],
        [() => client.feedback.delete('..'), 'id', /not a valid id/],
        [() => client.processResponse('', 'B'), 'identifier', /non-empty string/],
      ])
      const error = await rejection(client.assessmentItems.get('a/b?c#d%e'))
      assert.equal(error.status, 404)
      const last = emulator.requests[emulator.requests.length - 1]!
      assert.match(last.url, /\/assessment-items\/a%2Fb%3Fc%23d%25e$/)
    })
  })
}

export default suite
