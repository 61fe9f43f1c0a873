// Shared helpers of the QTI emulator's Node tests (emulator-qti*.test.ts): an emulator with a token, XML items,
// and the QTI 400 body's issue. Not a test file itself.
import assert from 'node:assert/strict'
import { connect, enc, type Json } from './emulator-helpers.ts'

export const Q = '/qti-host'
export const NS = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0'

/** A choice item whose correct answer is `answer` (cardinality single unless told). */
export function choiceXml(id: string, { title = 'Pick one', answer = 'B', cardinality = 'single', extra = '' } = {}): string {
  const values = answer.split(',').map((v) => `<qti-value>${v}</qti-value>`).join('')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<qti-assessment-item xmlns="${NS}" identifier="${id}" title="${title}" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="${cardinality}" base-type="identifier"><qti-correct-response>${values}</qti-correct-response></qti-response-declaration>
  <qti-item-body><qti-choice-interaction response-identifier="RESPONSE"><qti-prompt>2 &lt; 3?</qti-prompt><qti-simple-choice identifier="A">No</qti-simple-choice><qti-simple-choice identifier="B">Yes</qti-simple-choice><qti-simple-choice identifier="C">Maybe</qti-simple-choice></qti-choice-interaction></qti-item-body>${extra}
</qti-assessment-item>`
}

/** An emulator (options as `connect` takes them) with a token, `createItem(xml, metadata?)` and `score(id, response)`. */
export async function setup(options?: Parameters<typeof connect>[0]) {
  const s = await connect(options)
  const createItem = (xml: string, metadata?: Json) => s.call('POST', `${Q}/assessment-items`, { format: 'xml', xml, ...(metadata ? { metadata } : {}) })
  const score = (id: string, response: unknown) => s.call('POST', `${Q}/assessment-items/${enc(id)}/process-response`, { identifier: id, response })
  return { ...s, createItem, score }
}

/** The one issue of a QTI 400 body (not imsx). */
export function issueOf(body: Json): Json {
  assert.equal(body.code, 'VALIDATION_ERROR')
  assert.equal(typeof body.error, 'string')
  assert.equal(body.imsx_codeMajor, undefined)
  assert.equal(body.meta.issues.length, 1)
  return body.meta.issues[0]
}

