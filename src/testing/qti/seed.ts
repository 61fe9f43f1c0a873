// The QTI seed: three items (choice, text entry, extended text), a stimulus the choice item refers to, and a test
// with one part and one section holding the three items, all stored from XML as a client would send it.
import { itemFromXml } from './item-model.js'
import { insert, type Qti } from './state.js'
import { stimulusFromXml } from './stimuli.js'
import { testFromXml } from './test-model.js'
import { rootNamespaces, XML_DECL } from './xml-view.js'

/**
 * The seeded identifiers. Answers: `seed-item-choice-1` is B; `seed-item-text-1` is "Paris"; `seed-item-essay-1`
 * has no correct response (processResponse answers it as awaiting grading).
 *
 * @example
 * await fetch(`${emulator.services.qti}/assessment-items/${SEED_QTI.items[0]}`)
 */
export const SEED_QTI = {
  items: ['seed-item-choice-1', 'seed-item-text-1', 'seed-item-essay-1'],
  stimulus: 'seed-stimulus-1',
  test: 'seed-test-1',
  testPart: 'seed-part-1',
  section: 'seed-section-1',
} as const

const root = (name: string, attrs: string, inner: string): string => {
  const ns = Object.entries(rootNamespaces(name === 'qti-assessment-stimulus')).map(([k, v]) => `${k}="${v}"`).join(' ')
  return `${XML_DECL}\n<${name} ${ns} ${attrs}>${inner}</${name}>`
}
const declaration = (cardinality: string, baseType: string, value?: string): string =>
  `<qti-response-declaration identifier="RESPONSE" cardinality="${cardinality}" base-type="${baseType}">${value === undefined ? '' : `<qti-correct-response><qti-value>${value}</qti-value></qti-correct-response>`}</qti-response-declaration>`
  + '<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>'
const MATCH = '<qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>'

// Built when seeding, not at import (nothing happens at import time).
const items = (): string[] => [
  root('qti-assessment-item', `identifier="${SEED_QTI.items[0]}" title="Forest layers" adaptive="false" time-dependent="false"`,
    `${declaration('single', 'identifier', 'B')}<qti-assessment-stimulus-ref identifier="${SEED_QTI.stimulus}" href="stimuli/${SEED_QTI.stimulus}" title="Forest ecosystems"/>`
    + '<qti-item-body><qti-choice-interaction response-identifier="RESPONSE" max-choices="1"><qti-prompt>Which layer receives the most sunlight?</qti-prompt>'
    + '<qti-simple-choice identifier="A">Forest floor</qti-simple-choice><qti-simple-choice identifier="B">Canopy</qti-simple-choice>'
    + `<qti-simple-choice identifier="C">Understory</qti-simple-choice></qti-choice-interaction></qti-item-body>${MATCH}`),
  root('qti-assessment-item', `identifier="${SEED_QTI.items[1]}" title="Capital of France" adaptive="false" time-dependent="false"`,
    `${declaration('single', 'string', 'Paris')}<qti-item-body><p>The capital of France is <qti-text-entry-interaction response-identifier="RESPONSE" expected-length="5"/>.</p></qti-item-body>${MATCH}`),
  root('qti-assessment-item', `identifier="${SEED_QTI.items[2]}" title="Why forests matter" adaptive="false" time-dependent="false"`,
    `${declaration('single', 'string')}<qti-item-body><qti-extended-text-interaction response-identifier="RESPONSE"><qti-prompt>Explain why forests matter.</qti-prompt></qti-extended-text-interaction></qti-item-body>`),
]

const stimulus = (): string => root('qti-assessment-stimulus', `identifier="${SEED_QTI.stimulus}" xml:lang="en" title="Forest ecosystems"`,
  '<qti-stimulus-body><h2>Forest ecosystems</h2><p>The canopy receives the most sunlight; the understory and the forest floor get less.</p></qti-stimulus-body>')

const test = (): string => root('qti-assessment-test', `identifier="${SEED_QTI.test}" title="Forests quiz"`,
  '<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>'
  + `<qti-test-part identifier="${SEED_QTI.testPart}" navigation-mode="linear" submission-mode="individual">`
  + `<qti-assessment-section identifier="${SEED_QTI.section}" title="Forests" visible="true">`
  + SEED_QTI.items.map((id) => `<qti-assessment-item-ref identifier="${id}" href="/assessment-items/${id}"/>`).join('')
  + '</qti-assessment-section></qti-test-part>')

/** Store the seed (called at creation and after each reset unless the emulator was made with `seed: false`). */
export function loadSeed(q: Qti): void {
  items().forEach((xml, i) => insert(q, 'items', itemFromXml(xml, { subject: 'Science', grade: i === 1 ? '4' : '5', difficulty: 'easy' }, 'xml')))
  insert(q, 'stimuli', stimulusFromXml(stimulus(), { subject: 'Science' }, 'xml'))
  insert(q, 'tests', testFromXml(test(), { metadata: { subject: 'Science' } }, 'body'))
}
