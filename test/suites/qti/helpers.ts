// Shared by the QTI suites: a QtiClient against a fresh emulator (QTI lives on its own host, `/qti-host`), and
// small XML documents of each kind.

import type { SuiteEnv } from '../../harness/types.ts'

/** A fresh emulator and a QtiClient reaching it the way the runner chose (injected fetch or msw). */
export function qtiSetup(env: SuiteEnv, options: Parameters<SuiteEnv['setup']>[0] = {}) {
  const { emulator, options: base } = env.setup(options)
  const client = new env.sdk.qti.QtiClient({ ...base, baseUrl: emulator.services.qti, maxRetries: 0 })
  return { emulator, client }
}

export { rejection } from '../refusals.ts'

const NS = 'xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/imsqtiasi_v3p0 https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd"'

/** A choice item whose correct answer is `answer` (choices A, B, C). */
export function choiceXml(identifier: string, title: string, answer = 'B'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item ${NS} identifier="${identifier}" title="${title}" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">
    <qti-correct-response><qti-value>${answer}</qti-value></qti-correct-response>
  </qti-response-declaration>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
  <qti-item-body>
    <qti-choice-interaction response-identifier="RESPONSE" max-choices="1">
      <qti-prompt>Pick ${answer} &amp; only ${answer}</qti-prompt>
      <qti-simple-choice identifier="A">A</qti-simple-choice>
      <qti-simple-choice identifier="B">B</qti-simple-choice>
      <qti-simple-choice identifier="C">C</qti-simple-choice>
    </qti-choice-interaction>
  </qti-item-body>
  <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>
</qti-assessment-item>`
}

/** A stimulus with one paragraph. */
export function stimulusXml(identifier: string, title: string, text = 'Forests hold most land species.'): string {
  return `<qti-assessment-stimulus ${NS} identifier="${identifier}" xml:lang="en" title="${title}"><qti-stimulus-body><p>${text}</p></qti-stimulus-body></qti-assessment-stimulus>`
}

/** A test with one linear part and one section referencing `items`. */
export function testXml(identifier: string, title: string, items: string[]): string {
  const refs = items.map((id) => `<qti-assessment-item-ref identifier="${id}" href="/assessment-items/${id}"/>`).join('')
  return `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-test ${NS} identifier="${identifier}" title="${title}">
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
  <qti-test-part identifier="part-1" navigation-mode="linear" submission-mode="individual">
    <qti-assessment-section identifier="section-1" title="Only section" visible="true">${refs}</qti-assessment-section>
  </qti-test-part>
</qti-assessment-test>`
}
