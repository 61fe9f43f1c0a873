// Stimuli, feedback and validation against the emulator: stimulus create (XML and JSON), 409, listing,
// replacement, patch and delete; question and lesson feedback; XSD validation answered as booleans (one document,
// a stored entity, a batch).

import type { Assert, Suite } from '../../harness/types.ts'
import { choiceXml, qtiSetup, rejection, stimulusXml } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const { isConflictError, isNotFoundError } = sdk.errors

  describe('qti: stimuli, feedback and validation', () => {
    it('stimuli: create from XML and JSON, 409 naming the identifier, list, replace, patch and delete', async () => {
      const { client } = qtiSetup(env, { seed: false })
      const fromXml = await client.stimuli.createFromXml(stimulusXml('st-1', 'Forests'), { subject: 'Science' })
      assert.equal(fromXml.identifier, 'st-1')
      assert.match(fromXml.rawXml, /Forests hold most land species\./)
      const error = await rejection(client.stimuli.createFromXml(stimulusXml('st-1', 'Again')))
      assert.ok(isConflictError(error))
      assert.match(error.message, /the stimulus identifier 'st-1' already exists/)
      await client.stimuli.create({ identifier: 'st-2', title: 'Rivers', content: '<p>Rivers carve valleys.</p>', metadata: { subject: 'Geography' } })
      assert.deepEqual((await client.stimuli.listAll({ sort: 'title', order: 'asc' })).map((s) => s.title), ['Forests', 'Rivers'])
      assert.deepEqual((await client.stimuli.list({ query: 'river' })).data.map((s) => s.identifier), ['st-2'])
      const replaced = await client.stimuli.update('st-2', { identifier: 'st-2', title: 'Rivers and lakes', content: '<p>Lakes too.</p>' })
      assert.equal(replaced.title, 'Rivers and lakes')
      assert.equal(replaced.metadata?.subject, undefined, 'PUT replaced the metadata too')
      await client.stimuli.updateFromXml('st-1', stimulusXml('st-1', 'Forests (v2)', 'Canopies shade the floor.'))
      const patched = await client.stimuli.patch('st-1', { title: 'Forests (v3)', metadata: { grade: '7' } })
      assert.equal(patched.title, 'Forests (v3)')
      assert.match((await client.stimuli.get('st-1')).rawXml, /Canopies shade the floor\./)
      await client.stimuli.delete('st-2')
      assert.ok(isNotFoundError(await rejection(client.stimuli.get('st-2'))))
    })

    it('feedback: question and lesson feedback are listed by lesson and deleted by id', async () => {
      const { client } = qtiSetup(env, { seed: false })
      const onQuestion = await client.feedback.createForQuestion({ userId: 'u-1', lessonId: 'l-1', questionId: 'q-1', feedback: 'Choice B is ambiguous' })
      assert.equal(onQuestion.type, 'QUESTION')
      const onLesson = await client.feedback.createForLesson({ userId: 'u-2', lessonId: 'l-1', feedback: 'Too long', humanApproved: true })
      assert.equal(onLesson.type, 'LESSON')
      await client.feedback.createForLesson({ userId: 'u-2', lessonId: 'l-2', feedback: 'Other lesson' })
      const listed = await client.feedback.listByLesson('l-1')
      assert.deepEqual(listed.map((f) => f.feedback).sort(), ['Choice B is ambiguous', 'Too long'])
      assert.ok(onQuestion.id, 'the stored feedback carries its id')
      await client.feedback.delete(onQuestion.id!)
      assert.deepEqual((await client.feedback.listByLesson('l-1')).map((f) => f.type), ['LESSON'])
      assert.ok(isNotFoundError(await rejection(client.feedback.delete(onQuestion.id!))))
    })

    it('validate answers true or false (not the strings), with the report on request; a batch answers one report each', async () => {
      const { client, emulator } = qtiSetup(env)
      assert.equal(await client.validate({ schema: 'item', xml: choiceXml('v-1', 'Valid') }), true)
      assert.equal(await client.validate({ schema: 'test', xml: choiceXml('v-1', 'Wrong schema') }), false)
      const report = await client.validateReport({ schema: 'test', xml: choiceXml('v-1', 'Wrong schema') })
      assert.equal(report.success, false)
      assert.ok(report.validationErrors.some((e) => /qti-assessment-test/.test(e)), report.validationErrors.join('; '))
      assert.equal(await client.validate({ schema: 'item', entityId: emulator.qti.seedIds.items[0] }), true)
      assert.ok(isNotFoundError(await rejection(client.validate({ schema: 'item', entityId: 'nothing-here' }))))
      const batch = await client.validateBatch({ schema: 'item', xml: [choiceXml('v-2', 'Ok'), stimulusXml('v-3', 'Not an item')] })
      assert.deepEqual(batch.map((r) => r.success), [true, false])
      const stored = await client.validateBatch({ schema: 'item', entityIds: [...emulator.qti.seedIds.items] })
      assert.deepEqual(stored.map((r) => [r.entityId, r.success]), emulator.qti.seedIds.items.map((id) => [id, true]))
    })
  })
}

export default suite
