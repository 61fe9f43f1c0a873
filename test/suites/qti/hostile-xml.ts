// QtiClient's XML check and patch against hostile or awkward documents: a large document is checked in linear
// time (a Worker has milliseconds of CPU, and the check once searched the rest of the document for '&' at every
// tag), comments holding '--', a second DOCTYPE and a repeated __proto__ attribute are refused like any other
// fault, and patch writes its title into the root's real title attribute (never into look-alike text inside
// another attribute's value), keeps tabs and line breaks, and refuses characters XML cannot carry.

import type { Assert, Suite } from '../../harness/types.ts'
import { choiceXml, qtiSetup, rejection } from './helpers.ts'

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const { isInputValidationError } = sdk.errors

  /** The InputValidationError `work` rejects with; its `xml` (or `field`) issue must match `message`. */
  async function refusedAt(work: Promise<unknown>, field: string, message: RegExp): Promise<void> {
    const error = await rejection(work)
    assert.ok(isInputValidationError(error), String(error))
    const issue = error.issues.find((i: { path: string }) => i.path === field)
    assert.ok(issue, `${field} is named in: ${error.message}`)
    assert.match(issue.message, message)
  }

  describe('qti: hostile XML', () => {
    it('a 2 MB document of many small elements is checked in linear time, before anything is sent', async () => {
      const { emulator, client } = qtiSetup(env, { seed: false })
      // 150,000 elements and no '&' until a bare one at the very end: every part of the document is checked.
      const body = '<p class="x">text</p>'.repeat(150_000)
      const xml = `<qti-assessment-item identifier="big" title="T"><qti-item-body>${body}<p>R & D</p></qti-item-body></qti-assessment-item>`
      const started = Date.now()
      await refusedAt(client.assessmentItems.createFromXml(xml), 'xml', /bare '&'/)
      const took = Date.now() - started
      // Linear: tens of milliseconds. The quadratic search took several seconds on this document.
      assert.ok(took < 1500, `the check took ${took} ms`)
      assert.equal(emulator.requests.length, 0)
    })

    it("refuses '--' inside a comment, a second DOCTYPE and a repeated __proto__ attribute", async () => {
      const { emulator, client } = qtiSetup(env, { seed: false })
      const items = client.assessmentItems
      await refusedAt(items.createFromXml('<qti-assessment-item identifier="q" title="T"><!-- a -- b --></qti-assessment-item>'), 'xml', /'--' inside a comment \(line 1, column 54\)/)
      await refusedAt(items.createFromXml('<qti-assessment-item identifier="q" title="T"><!-- ends badly ---></qti-assessment-item>'), 'xml', /'--' inside a comment/)
      await refusedAt(items.createFromXml('<!DOCTYPE qti-assessment-item><!DOCTYPE qti-assessment-item><qti-assessment-item identifier="q" title="T"/>'), 'xml', /a second DOCTYPE/)
      await refusedAt(items.createFromXml('<qti-assessment-item identifier="q" title="T" __proto__="a" __proto__="b"/>'), 'xml', /__proto__ appears twice/)
      assert.equal(emulator.requests.length, 0)
      // Comments with single dashes, and an empty one, are fine.
      const ok = choiceXml('fine', 'T').replace('<qti-item-body>', '<qti-item-body><!-- a - b --><!---->')
      assert.equal((await items.createFromXml(ok)).identifier, 'fine')
    })

    it("patch writes the root's own title attribute, not look-alike text inside another attribute's value", async () => {
      const { client } = qtiSetup(env, { seed: false })
      const xml = choiceXml('decoy', 'Real title').replace('identifier="decoy"', `data-note='see title="Decoy"' identifier="decoy"`)
      await client.assessmentItems.createFromXml(xml)
      const patched = await client.assessmentItems.patch('decoy', { title: 'Patched' })
      assert.equal(patched.title, 'Patched')
      const stored = await client.assessmentItems.get('decoy')
      assert.match(stored.rawXml, /data-note='see title="Decoy"'/, 'the other attribute is untouched')
      assert.equal(stored.title, 'Patched')
    })

    it('patch keeps tabs and line breaks of a title, and refuses control characters before any request', async () => {
      const { emulator, client } = qtiSetup(env, { seed: false })
      await client.assessmentItems.createFromXml(choiceXml('lines', 'One line'))
      const patched = await client.assessmentItems.patch('lines', { title: 'Line 1\nLine 2\tend' })
      assert.equal(patched.title, 'Line 1\nLine 2\tend', 'a literal line break in an attribute would read back as a space')
      emulator.clearRequests()
      await refusedAt(client.assessmentItems.patch('lines', { title: 'bell \u0007' }), 'title', /control character/)
      assert.equal(emulator.requests.length, 0)
      assert.equal((await client.assessmentItems.get('lines')).title, 'Line 1\nLine 2\tend')
    })
  })
}

export default suite
