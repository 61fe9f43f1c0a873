/**
 * @module services/qti/resources/structure — input checks of a test's structure (test parts, sections, item
 * references), shared by assessment tests, test parts and sections. Each pushes issues under `at`.
 */

import type { InputIssue } from '../../../core/errors.js'
import { isObject, need, oneOf, text } from './shared.js'

const NAVIGATION = ['linear', 'nonlinear']
const SUBMISSION = ['individual', 'simultaneous']

/** `at` as a path prefix (`qti-test-part.0.`), empty at the root. */
const under = (at: string) => (at ? `${at}.` : '')

/**
 * An item reference: a non-empty `identifier`, optional `href` string and `sequence` integer from 1.
 * @example checkItemRef({ identifier: 'q1', sequence: 1 }, issues, 'items.0')
 */
export function checkItemRef(ref: any, issues: InputIssue[], at = ''): void {
  if (!isObject(ref)) return need(issues, false, at || 'item', 'must be an object with an identifier')
  text(issues, ref.identifier, `${under(at)}identifier`)
  need(issues, ref.href === undefined || typeof ref.href === 'string', `${under(at)}href`, 'must be a string')
  need(issues, ref.sequence === undefined || (Number.isInteger(ref.sequence) && ref.sequence >= 1), `${under(at)}sequence`, 'must be an integer from 1')
}

/**
 * A section: `identifier`, `title`, `visible` (boolean), optional flags, `sequence` and item references.
 * @example checkSection({ identifier: 's1', title: 'A', visible: true }, issues)
 */
export function checkSection(section: any, issues: InputIssue[], at = ''): void {
  if (!isObject(section)) return need(issues, false, at || 'section', 'must be an object')
  const p = under(at)
  text(issues, section.identifier, `${p}identifier`)
  text(issues, section.title, `${p}title`)
  need(issues, typeof section.visible === 'boolean', `${p}visible`, 'must be true or false')
  for (const flag of ['required', 'fixed']) need(issues, section[flag] === undefined || typeof section[flag] === 'boolean', `${p}${flag}`, 'must be true or false')
  need(issues, section.sequence === undefined || (Number.isInteger(section.sequence) && section.sequence >= 1), `${p}sequence`, 'must be an integer from 1')
  const refs = section['qti-assessment-item-ref']
  if (refs !== undefined && !Array.isArray(refs)) need(issues, false, `${p}qti-assessment-item-ref`, 'must be an array')
  else refs?.forEach((ref: unknown, i: number) => checkItemRef(ref, issues, `${p}qti-assessment-item-ref.${i}`))
}

/**
 * A test part: `identifier`, `navigationMode`, `submissionMode` and its sections (an array, maybe empty).
 * @example checkPart({ identifier: 'p1', navigationMode: 'linear', submissionMode: 'individual', 'qti-assessment-section': [] }, issues)
 */
export function checkPart(part: any, issues: InputIssue[], at = ''): void {
  if (!isObject(part)) return need(issues, false, at || 'testPart', 'must be an object')
  const p = under(at)
  text(issues, part.identifier, `${p}identifier`)
  oneOf(issues, part.navigationMode, NAVIGATION, `${p}navigationMode`)
  oneOf(issues, part.submissionMode, SUBMISSION, `${p}submissionMode`)
  const sections = part['qti-assessment-section']
  if (!Array.isArray(sections)) need(issues, false, `${p}qti-assessment-section`, 'must be an array of sections (may be empty)')
  else sections.forEach((section, i) => checkSection(section, issues, `${p}qti-assessment-section.${i}`))
}

/**
 * An assessment test in the JSON form: `identifier`, `title`, its test parts, and the optional numbers.
 * @example checkTest({ identifier: 't1', title: 'Quiz', 'qti-test-part': [] }, issues)
 */
export function checkTest(test: any, issues: InputIssue[]): void {
  if (!isObject(test)) return need(issues, false, 'test', 'must be an object')
  text(issues, test.identifier, 'identifier')
  text(issues, test.title, 'title')
  const parts = test['qti-test-part']
  if (!Array.isArray(parts)) need(issues, false, 'qti-test-part', 'must be an array of test parts')
  else parts.forEach((part, i) => checkPart(part, issues, `qti-test-part.${i}`))
  for (const key of ['timeLimit', 'maxAttempts']) need(issues, test[key] === undefined || (typeof test[key] === 'number' && test[key] >= 0), key, 'must be a number from 0')
  need(issues, test.metadata === undefined || isObject(test.metadata), 'metadata', 'must be an object')
  need(issues, test.toolsEnabled === undefined || (isObject(test.toolsEnabled) && Object.values(test.toolsEnabled).every((v) => typeof v === 'boolean')), 'toolsEnabled', 'must map tool names to true or false')
}

/** The query names a test or test-part list takes besides the common ones. @example listQuery(['title'], PART_FILTERS) */
export const PART_FILTERS = { navigationMode: NAVIGATION, submissionMode: SUBMISSION, filter: null }
