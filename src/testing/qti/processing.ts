// The response-processing summary of an item (`responseProcessing` in the service's JSON): the template and the
// condition the spec's examples use (match RESPONSE against its correct response, then set an outcome such as
// FEEDBACK to CORRECT or INCORRECT), read from the XML and written for JSON items.
import type { Rec } from './state.js'
import { descendants, elements, tag, textOf } from './xml-view.js'
import type { XmlElement } from './xml.js'

export const TEMPLATES = ['match_correct', 'map_response'] as const
const TEMPLATE_URL = 'https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/'

/** The outcome a branch sets: `[identifier, value]` of its first qti-set-outcome-value. */
function outcomeOf(branch: XmlElement | undefined): [string, string] | undefined {
  const set = branch && elements(branch, 'qti-set-outcome-value')[0]
  return set ? [set.attrs.identifier ?? '', textOf(set).trim()] : undefined
}

/**
 * `{ templateType, responseDeclarationIdentifier, outcomeIdentifier, correctResponseIdentifier,
 * incorrectResponseIdentifier }` of an item's XML, or `undefined` when it names no known template. Without an
 * explicit condition the spec's conventions fill in (RESPONSE, FEEDBACK, CORRECT, INCORRECT).
 *
 * @example
 * processingOf(root) // { templateType: 'match_correct', responseDeclarationIdentifier: 'RESPONSE', … }
 */
export function processingOf(root: XmlElement, firstResponse: string | undefined): Rec | undefined {
  const rp = elements(root, 'qti-response-processing')[0]
  const template = rp?.attrs.template
  const templateType = TEMPLATES.find((t) => template !== undefined && (template === t || template.endsWith(`/${t}.xml`) || template.endsWith(`/${t}`)))
  if (!rp || !templateType) return undefined
  const all = descendants(rp)
  const branchIf = all.find((e) => e.name === 'qti-response-if')
  const variable = branchIf && descendants(branchIf).find((e) => e.name === 'qti-variable')?.attrs.identifier
  const yes = outcomeOf(branchIf)
  const no = outcomeOf(all.find((e) => e.name === 'qti-response-else'))
  return {
    templateType, responseDeclarationIdentifier: variable ?? firstResponse ?? 'RESPONSE', outcomeIdentifier: yes?.[0] ?? no?.[0] ?? 'FEEDBACK',
    correctResponseIdentifier: yes?.[1] ?? 'CORRECT', incorrectResponseIdentifier: no?.[1] ?? 'INCORRECT',
  }
}

/** The `<qti-response-processing>` written for a JSON item's `responseProcessing`. */
export function processingXml(p: { templateType: string; response: string; outcome: string; correct: string; incorrect: string }): string {
  const set = (value: string): string => tag('qti-set-outcome-value', { identifier: p.outcome }, tag('qti-base-value', { 'base-type': 'identifier' }, value.replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'))))
  const match = tag('qti-match', {}, tag('qti-variable', { identifier: p.response }) + tag('qti-correct', { identifier: p.response }))
  return tag('qti-response-processing', { template: `${TEMPLATE_URL}${p.templateType}.xml` },
    tag('qti-response-condition', {}, tag('qti-response-if', {}, match + set(p.correct)) + tag('qti-response-else', {}, set(p.incorrect))))
}
