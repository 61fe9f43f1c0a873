/**
 * @module services/case/resources/check — the hand checks of CASE inputs (no valibot: this entry stays small).
 * Each collects every problem and throws them together as one InputValidationError, before any request: ids must be
 * UUIDs (CASE identifies every record by one), list and read parameters must be known names, and an upload must
 * have the fields the spec requires, of its types.
 */

import { InputValidationError, type InputIssue } from '../../../core/errors.js'
import { checkPaging, type OffsetParams } from '../../../core/pagination.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const FIELD = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/
// A date-time as CASE writes it (xs:dateTime): a date, a time to the second, optional fraction and zone.
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/
/** CASE 1.1's association types; anything else must be an extension (`ext:…`). */
const ASSOCIATION_TYPES = 'isChildOf|isPeerOf|isPartOf|exactMatchOf|precedes|isRelatedTo|replacedBy|exemplar|hasSkillLevel|isTranslationOf'.split('|')

const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : value === null ? 'null' : typeof value)
const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value)

/** A UUID problem's message, or undefined. */
function uuidProblem(value: unknown): string | undefined {
  return typeof value === 'string' && UUID.test(value) ? undefined : `must be a UUID (CASE identifies every record by one, e.g. 9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f), got ${show(value)}`
}

/** A sparse fieldset as the wire takes it (`a,b`), or an issue under `fields`. */
function fieldList(fields: unknown, issues: InputIssue[]): string | undefined {
  const list = typeof fields === 'string' ? fields.split(',').map((f) => f.trim()) : fields
  if (!Array.isArray(list) || list.length === 0) issues.push({ path: 'fields', message: 'must be a non-empty list of field names, e.g. [\'sourcedId\', \'title\']' })
  else list.forEach((f, i) => FIELD.test(f) || issues.push({ path: `fields[${i}]`, message: `must be a field name, got ${show(f)}` }))
  return Array.isArray(list) ? list.join(',') : undefined
}

// A refusal lists at most this many problems: a framework of 100,000 broken items made a message of megabytes.
const MAX_ISSUES = 50

function fail(issues: InputIssue[], label: string): void {
  if (issues.length > MAX_ISSUES) issues.splice(MAX_ISSUES, Infinity, { path: 'package', message: `and ${issues.length - MAX_ISSUES} more problems` })
  if (issues.length) throw new InputValidationError(issues, label)
}

/**
 * Checks a read's `sourcedId` (a UUID) and optional `fields`; returns the query to send.
 * @example readQuery({ sourcedId: id, fields: ['title'] }, 'documents.get') // { fields: 'title' }
 */
export function readQuery(params: { sourcedId: unknown; fields?: unknown }, label: string): Record<string, string> | undefined {
  const issues: InputIssue[] = []
  const problem = uuidProblem(params.sourcedId)
  if (problem) issues.push({ path: 'sourcedId', message: problem })
  const fields = params.fields === undefined ? undefined : fieldList(params.fields, issues)
  fail(issues, label)
  return fields === undefined ? undefined : { fields }
}

/**
 * What `documents.list` and `items.list` take: offset paging (no total: a short page ends the listing), a raw
 * 1EdTech `filter`, `sort` + `orderBy`, and a sparse fieldset.
 * @example const params: CaseListParams = { filter: "title~'math'", sort: 'title', orderBy: 'asc', limit: 50 }
 */
export interface CaseListParams extends OffsetParams {
  /** A 1EdTech filter, e.g. `CFItemType='Standard'`. */
  filter?: string
  sort?: string
  orderBy?: 'asc' | 'desc'
  /** Only these fields of each record. */
  fields?: readonly string[] | string
}

const LIST_PARAMS = ['limit', 'offset', 'maxItems', 'filter', 'sort', 'orderBy', 'fields']

/**
 * Checks list parameters (unknown names too: the service would ignore them) and compiles the query.
 * @example listQuery('items.list')({ filter: "CFItemType='Standard'" })
 */
export const listQuery = (label: string) => (params: CaseListParams): Record<string, string | undefined> => {
  if (!isRecord(params as unknown)) throw new InputValidationError([{ path: 'params', message: 'must be an object' }], label)
  checkPaging(params)
  const issues: InputIssue[] = []
  for (const key of Object.keys(params)) {
    if (params[key as 'sort'] !== undefined && !LIST_PARAMS.includes(key)) issues.push({ path: key, message: `is not a parameter of ${label} (expected one of ${LIST_PARAMS.join(', ')})` })
  }
  const { filter, sort, orderBy } = params
  if (filter !== undefined && (typeof filter !== 'string' || !filter.trim())) issues.push({ path: 'filter', message: 'must be a non-empty filter string; leave it out to list everything' })
  if (sort !== undefined && !(typeof sort === 'string' && FIELD.test(sort))) issues.push({ path: 'sort', message: `must be one field name, got ${show(sort)}` })
  if (orderBy !== undefined && orderBy !== 'asc' && orderBy !== 'desc') issues.push({ path: 'orderBy', message: `must be 'asc' or 'desc', got ${show(orderBy)}` })
  const fields = params.fields === undefined ? undefined : fieldList(params.fields, issues)
  fail(issues, label)
  return { filter, sort, orderBy, fields }
}

// Field rules of an upload: U a UUID, S a non-empty string, D a date-time, s a string, a a list of strings, i an
// integer, n a node link, t an association type. An upper-case rule is required.
type Rules = Record<string, string>
const DOCUMENT: Rules = {
  identifier: 'U', uri: 'S', lastChangeDateTime: 'D', title: 'S', creator: 'S', officialSourceURL: 's', publisher: 's', description: 's',
  language: 's', version: 's', caseVersion: 's', adoptionStatus: 's', statusStartDate: 's', statusEndDate: 's', licenseUri: 's', notes: 's', subject: 'a',
}
const ITEM: Rules = {
  identifier: 'U', uri: 'S', lastChangeDateTime: 'D', fullStatement: 'S', alternativeLabel: 's', CFItemType: 's', cfItemType: 's', humanCodingScheme: 's',
  listEnumeration: 's', abbreviatedStatement: 's', conceptKeywords: 'a', notes: 's', subject: 'a', language: 's', educationLevel: 'a', statusStartDate: 's', statusEndDate: 's',
}
const ASSOCIATION: Rules = { identifier: 'U', uri: 'S', lastChangeDateTime: 'D', associationType: 'T', originNodeURI: 'N', destinationNodeURI: 'N', sequenceNumber: 'i' }
const NODE: Rules = { identifier: 'U', title: 'S', uri: 'S' }

/** The problem with one value under its rule, or undefined. */
function ruleProblem(rule: string, value: unknown): string | undefined {
  switch (rule) {
    case 'u': return uuidProblem(value)
    case 'd': return typeof value === 'string' && DATE_TIME.test(value) ? undefined : `must be an ISO 8601 date-time such as 2026-03-02T10:00:00Z (or a Date), got ${show(value)}`
    case 'i': return Number.isSafeInteger(value) ? undefined : `must be an integer, got ${show(value)}`
    case 'a': return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : 'must be an array of strings'
    case 't': return typeof value === 'string' && (ASSOCIATION_TYPES.includes(value) || /^ext:\S/.test(value)) ? undefined
      : `must be one of ${ASSOCIATION_TYPES.join(', ')} or an extension 'ext:…', got ${show(value)}`
    case 's': return typeof value === 'string' ? undefined : `must be a string${value === null ? ' (leave it out rather than null)' : ''}`
    default: return typeof value === 'string' && value.trim() ? undefined : 'must be a non-empty string'
  }
}

/** Checks `value` (an object) under `rules` at `at`; returns a copy with Dates turned into ISO strings. */
function checkObject(value: unknown, rules: Rules, at: string, issues: InputIssue[]): Record<string, unknown> | undefined {
  if (!isRecord(value)) return void issues.push({ path: at, message: `must be an object${value === undefined ? ' (it is required)' : ''}` })
  const out: Record<string, unknown> = { ...value }
  for (const key in rules) {
    const rule = rules[key]!
    const path = `${at}.${key}`
    let v = out[key]
    if (v instanceof Date && rule === 'D') v = out[key] = Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString()
    if (v === undefined) {
      // Reads name a record's id sourcedId; uploads name it identifier: say so when that is the mix-up.
      const hint = key === 'identifier' && 'sourcedId' in value ? ' (uploads name the id identifier; sourcedId is the name reads use)' : ''
      if (rule < 'a') issues.push({ path, message: `is required${hint}` })
      continue
    }
    if (rule === 'N') out[key] = checkObject(v, NODE, path, issues)
    else {
      const problem = ruleProblem(rule.toLowerCase(), v)
      if (problem) issues.push({ path, message: problem })
    }
  }
  return out
}

/**
 * Checks a package upload (the spec's required fields and types, UUID identifiers, known association types, no
 * identifier used twice) and returns the body to send: a copy, Dates as ISO strings; the caller's object is untouched.
 * @example operation({ method: 'POST', path: '/ims/case/v1p1/CFPackages', body: (p) => checkPackage(p.body) })
 */
export function checkPackage(input: unknown): Record<string, unknown> {
  const label = 'packages.create'
  if (!isRecord(input)) throw new InputValidationError([{ path: 'package', message: 'must be an object with CFDocument, CFItems and CFAssociations' }], label)
  const issues: InputIssue[] = []
  for (const key of Object.keys(input)) {
    if (!['CFDocument', 'CFItems', 'CFAssociations', 'CFDefinitions', 'extensions'].includes(key)) {
      issues.push({ path: key, message: 'is not a field of a CFPackage (expected CFDocument, CFItems, CFAssociations, CFDefinitions, extensions)' })
    }
  }
  const body: Record<string, unknown> = { ...input, CFDocument: checkObject(input.CFDocument, DOCUMENT, 'CFDocument', issues) }
  for (const [key, rules] of [['CFItems', ITEM], ['CFAssociations', ASSOCIATION]] as const) {
    const list = input[key]
    if (Array.isArray(list)) body[key] = list.map((entry, i) => checkObject(entry, rules, `${key}[${i}]`, issues))
    else issues.push({ path: key, message: `must be an array${list === undefined ? ' (it is required; [] when there are none)' : ''}` })
  }
  const definitions = input.CFDefinitions
  if (definitions !== undefined && !isRecord(definitions)) issues.push({ path: 'CFDefinitions', message: 'must be an object' })
  else for (const key in definitions) if (key !== 'extensions' && !Array.isArray(definitions[key])) issues.push({ path: `CFDefinitions.${key}`, message: 'must be an array' })
  // One identifier, one record: a repeat would make the service overwrite one record with another.
  const seen = new Map<unknown, string>()
  const listed = (key: string) => (Array.isArray(body[key]) ? (body[key] as unknown[]).map((r, i) => [`${key}[${i}]`, r]) : [])
  const records = [['CFDocument', body.CFDocument], ...listed('CFItems'), ...listed('CFAssociations')] as [string, Record<string, unknown> | undefined][]
  for (const [at, record] of records) {
    const id = typeof record?.identifier === 'string' ? record.identifier.toLowerCase() : undefined
    if (id === undefined) continue
    const first = seen.get(id)
    if (first) issues.push({ path: `${at}.identifier`, message: `repeats the identifier of ${first}: every record needs its own` })
    else seen.set(id, at)
  }
  fail(issues, label)
  return body
}
