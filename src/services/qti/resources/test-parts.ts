/**
 * @module services/qti/resources/test-parts — the test parts of one assessment test: page-numbered listing
 * (with the navigation/submission mode filters), get, create, full replacement, delete, and their sections.
 */

import { fetchPages, listing, pageOf, type Listing } from '../../../core/paging/listing.js'
import { pagePaging } from '../../../core/paging/page.js'
import type { RawPage } from '../../../core/pagination.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { none, operation, type Query } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { createSections, type SectionsResource } from './sections.js'
import { checkedInput, creating, identifierOf, listQuery, record, type FilteredListParams } from './shared.js'
import { checkPart, PART_FILTERS } from './structure.js'
import type { TestPart } from './types.js'

const BASE = '/assessment-tests/{assessmentTestIdentifier}/test-parts'
const ONE = `${BASE}/{identifier}`
type Ids = { assessmentTestIdentifier: string }

/** GET …/test-parts */
const searchParts = /* @__PURE__ */ operation<{ query: Query }, RawPage<TestPart>>({ method: 'GET', path: BASE, unwrap: pageOf('items') })
/** POST …/test-parts */
const createPart = /* @__PURE__ */ operation<Ids & { body: TestPart }, TestPart>({ method: 'POST', path: BASE, unwrap: record })
/** GET …/test-parts/{identifier} */
const getPart = /* @__PURE__ */ operation<Ids & { identifier: string }, TestPart>({ method: 'GET', path: ONE, unwrap: record })
/** PUT …/test-parts/{identifier} */
const putPart = /* @__PURE__ */ operation<Ids & { identifier: string; body: TestPart }, TestPart>({ method: 'PUT', path: ONE, unwrap: record })
/** DELETE …/test-parts/{identifier} */
const deletePart = /* @__PURE__ */ operation<Ids & { identifier: string }, void>({ method: 'DELETE', path: ONE, unwrap: none })
const compileParts = /* @__PURE__ */ listQuery(['title', 'identifier', 'createdAt', 'updatedAt'], PART_FILTERS)

/** A test or test-part list's parameters: the common ones, `filter`, and the two mode filters. @example await client.assessmentTests.list({ navigationMode: 'linear' }) */
export interface TestPartListParams extends FilteredListParams<'title' | 'identifier' | 'createdAt' | 'updatedAt'> {
  navigationMode?: 'linear' | 'nonlinear'
  submissionMode?: 'individual' | 'simultaneous'
}

/** The test parts of one assessment test. @example const parts: TestPartsResource = client.assessmentTests.testParts('t1') */
export interface TestPartsResource extends Listing<TestPart, TestPartListParams> {
  get(identifier: string, call?: CallOptions): Promise<TestPart>
  /** POST: a new test part, its sections included (checked before the request). */
  create(part: TestPart, call?: CallOptions): Promise<TestPart & { rawXml?: string }>
  /** PUT: replaces the whole test part, its sections included. */
  update(identifier: string, part: TestPart, call?: CallOptions): Promise<TestPart & { rawXml?: string }>
  delete(identifier: string, call?: CallOptions): Promise<void>
  /** The sections of test part `identifier`. */
  sections(identifier: string): SectionsResource
}

/**
 * The test parts resource of test `assessmentTestIdentifier`.
 * @example const parts = await createTestParts(ctx, 't1').listAll({ navigationMode: 'linear' })
 */
export function createTestParts(ctx: ServiceContext, assessmentTestIdentifier: string): TestPartsResource {
  const ids: Ids = { assessmentTestIdentifier }
  return {
    ...listing(fetchPages(ctx, searchParts, ids), pagePaging, compileParts, identifierOf),
    get: (identifier, call) => getPart(ctx, { ...ids, identifier }, call),
    create: async (part, call) => creating(createPart(ctx, { ...ids, body: checkedInput<TestPart>(part, 'testParts.create', checkPart) }, call), 'test part', part?.identifier),
    update: async (identifier, part, call) => putPart(ctx, { ...ids, identifier, body: checkedInput<TestPart>(part, 'testParts.update', checkPart, identifier) }, call),
    delete: (identifier, call) => deletePart(ctx, { ...ids, identifier }, call),
    sections: (identifier) => createSections(ctx, assessmentTestIdentifier, identifier),
  }
}
