/**
 * @module services/qti/resources/items — assessment items: page-numbered listing, get, create from JSON or XML,
 * full replacement (PUT), a fetch-merge-replace `patch`, delete, the bulk metadata route and response scoring.
 */

import type { InputIssue } from '../../../core/errors.js'
import { fetchPages, listing, pageOf, type Listing } from '../../../core/paging/listing.js'
import { pagePaging } from '../../../core/paging/page.js'
import type { RawPage } from '../../../core/pagination.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { operation, type Query } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { xmlEntity, type XmlEntity } from './entity.js'
import { done, identifierOf, isObject, listQuery, need, oneOf, record, start, text, type FilteredListParams } from './shared.js'
import type { AssessmentItem, AssessmentItemInput, ItemMetadata, ResponseResult } from './types.js'

const TYPES = [
  'choice', 'text-entry', 'extended-text', 'inline-choice', 'match', 'order', 'associate', 'select-point', 'graphic-order',
  'graphic-associate', 'graphic-gap-match', 'hotspot', 'hottext', 'slider', 'drawing', 'media', 'upload',
]
const CARDINALITIES = ['single', 'multiple', 'ordered', 'record']
const GRADES = ['-1', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13']

/** Sort fields of `GET /assessment-items`. @example await client.assessmentItems.list({ sort: 'type', order: 'asc' }) */
export type ItemSort = 'title' | 'identifier' | 'type' | 'createdAt' | 'updatedAt'

/** Checks the JSON item form; `label` names the method in the error. */
function checkItem(input: unknown, label: string): InputIssue[] {
  const issues = start(input, 'item', label)
  const item = input as Record<string, any>
  text(issues, item.identifier, 'identifier')
  text(issues, item.title, 'title')
  oneOf(issues, item.type, TYPES, 'type')
  for (const key of ['responseDeclarations', 'outcomeDeclarations', 'modalFeedback', 'feedbackInline', 'feedbackBlock']) {
    need(issues, item[key] === undefined || Array.isArray(item[key]), key, 'must be an array')
  }
  ;(Array.isArray(item.responseDeclarations) ? item.responseDeclarations : []).forEach((d: any, i: number) => {
    text(issues, d?.identifier, `responseDeclarations.${i}.identifier`)
    oneOf(issues, d?.cardinality, CARDINALITIES, `responseDeclarations.${i}.cardinality`)
    need(issues, Array.isArray(d?.correctResponse?.value), `responseDeclarations.${i}.correctResponse.value`, 'must be an array of strings')
  })
  checkMetadata(item.metadata, issues)
  return issues
}

/** Item metadata: an object whose `grade` and `difficulty`, when present, are the spec's values. */
function checkMetadata(metadata: any, issues: InputIssue[]): void {
  if (metadata === undefined) return
  if (!isObject(metadata)) return need(issues, false, 'metadata', 'must be an object')
  oneOf(issues, metadata.grade, GRADES, 'metadata.grade', true)
  oneOf(issues, metadata.difficulty, ['easy', 'medium', 'hard'], 'metadata.difficulty', true)
}

/** GET /assessment-items */
const searchItems = /* @__PURE__ */ operation<{ query: Query }, RawPage<AssessmentItem>>({ method: 'GET', path: '/assessment-items', unwrap: pageOf('items') })
/** POST /assessment-items/metadata */
const postMetadata = /* @__PURE__ */ operation<{ body: unknown }, AssessmentItem>({ method: 'POST', path: '/assessment-items/metadata', unwrap: record })
/** POST /assessment-items/{identifier}/process-response */
const postResponse = /* @__PURE__ */ operation<{ identifier: string; body: unknown }, ResponseResult>({
  method: 'POST', path: '/assessment-items/{identifier}/process-response', unwrap: record,
})
const compileItems = /* @__PURE__ */ listQuery(['title', 'identifier', 'type', 'createdAt', 'updatedAt'], { filter: null })

/** GET, POST, PUT, DELETE /assessment-items[/{identifier}] with the XML form and `patch`. */
const items = /* @__PURE__ */ xmlEntity<AssessmentItem, AssessmentItemInput, ItemMetadata>({
  path: '/assessment-items', root: 'qti-assessment-item', what: 'assessment item', label: 'assessmentItems', check: checkItem, metadata: checkMetadata,
})

/** The assessment items of a QtiClient. @example const items: AssessmentItemsResource = client.assessmentItems */
export interface AssessmentItemsResource extends Listing<AssessmentItem, FilteredListParams<ItemSort>>, XmlEntity<AssessmentItem, AssessmentItemInput, ItemMetadata> {
  /**
   * POST /assessment-items/metadata: the spec's bulk metadata route (used to reset "human approved"); takes an
   * item in the JSON form or `{ format: 'xml', xml, metadata }`, as create does.
   */
  updateMetadata(item: AssessmentItemInput | { format: 'xml'; xml: string; metadata?: ItemMetadata }, call?: CallOptions): Promise<AssessmentItem>
}

/**
 * The assessment items resource bound to a client's context.
 * @example
 * const items = createAssessmentItems(ctx)
 * for await (const item of items.stream({ filter: "type='choice'" })) console.log(item.identifier)
 */
export function createAssessmentItems(ctx: ServiceContext): AssessmentItemsResource {
  return {
    ...listing(fetchPages(ctx, searchItems), pagePaging, compileItems, identifierOf),
    ...items(ctx),
    updateMetadata: async (item, call) => {
      const label = 'assessmentItems.updateMetadata'
      const body = isObject(item) && item.format === 'xml' ? items.xmlBody(item.xml, item.metadata, label) : items.jsonBody(item, label)
      return postMetadata(ctx, { body }, call)
    },
  }
}

/**
 * Scores `response` to item `identifier` (POST /assessment-items/{identifier}/process-response).
 * @example const { score, feedback } = await processResponse(ctx, 'q1', 'B')
 */
export async function processResponse(ctx: ServiceContext, identifier: string, response: string | string[], call?: CallOptions): Promise<ResponseResult> {
  const issues: InputIssue[] = []
  text(issues, identifier, 'identifier')
  need(issues, typeof response === 'string' || (Array.isArray(response) && response.every((r) => typeof r === 'string')), 'response', 'must be a string or an array of strings')
  done(issues, 'processResponse')
  return postResponse(ctx, { identifier, body: { identifier, response } }, call)
}
