/**
 * @module services/qti/resources/tests — assessment tests: page-numbered listing, get, create and full
 * replacement from JSON or from a raw `application/xml` document, a fetch-merge-replace `patch`, delete, the
 * questions a test references, its metadata, and its test parts and sections.
 */

import type { InputIssue } from '../../../core/errors.js'
import { fetchPages, listing, pageOf, type Listing } from '../../../core/paging/listing.js'
import { pagePaging } from '../../../core/paging/page.js'
import type { RawPage } from '../../../core/pagination.js'
import { encodeId } from '../../../core/paths.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { none, operation, type Query } from '../../../core/resource/operation.js'
import type { CallOptions, HttpRequest } from '../../../core/transport/http.js'
import { createSections, type SectionsResource } from './sections.js'
import {
  checkedInput, creating, done, fetchUnchanged, identifierOf, isObject, listQuery, merged, need, record, start, text, type PatchOptions,
} from './shared.js'
import { checkTest, PART_FILTERS } from './structure.js'
import { createTestParts, type TestPartListParams, type TestPartsResource } from './test-parts.js'
import type { AssessmentTest, AssessmentTestInput, TestQuestions } from './types.js'
import { checkRoot } from './xml.js'

/** GET /assessment-tests */
const searchTests = /* @__PURE__ */ operation<{ query: Query }, RawPage<AssessmentTest>>({ method: 'GET', path: '/assessment-tests', unwrap: pageOf('items') })
/** POST /assessment-tests (JSON) */
const postTest = /* @__PURE__ */ operation<{ body: AssessmentTestInput }, AssessmentTest>({ method: 'POST', path: '/assessment-tests', unwrap: record })
/** GET /assessment-tests/{identifier} */
const getTest = /* @__PURE__ */ operation<{ identifier: string }, AssessmentTest>({ method: 'GET', path: '/assessment-tests/{identifier}', unwrap: record })
/** PUT /assessment-tests/{identifier} (JSON) */
const putTest = /* @__PURE__ */ operation<{ identifier: string; body: unknown }, AssessmentTest>({ method: 'PUT', path: '/assessment-tests/{identifier}', unwrap: record })
/** DELETE /assessment-tests/{identifier} */
const deleteTest = /* @__PURE__ */ operation<{ identifier: string }, void>({ method: 'DELETE', path: '/assessment-tests/{identifier}', unwrap: none })
/** GET /assessment-tests/{identifier}/questions */
const getQuestions = /* @__PURE__ */ operation<{ identifier: string }, TestQuestions>({ method: 'GET', path: '/assessment-tests/{identifier}/questions', unwrap: record })
/** PUT /assessment-tests/{identifier}/metadata */
const putMetadata = /* @__PURE__ */ operation<{ identifier: string; body: { metadata: Record<string, unknown> } }, AssessmentTest>({
  method: 'PUT', path: '/assessment-tests/{identifier}/metadata', unwrap: record,
})
const compileTests = /* @__PURE__ */ listQuery(['title', 'identifier', 'createdAt', 'updatedAt'], PART_FILTERS)

/** POST /assessment-tests or PUT /assessment-tests/{identifier} with a raw `application/xml` body. */
async function sendXml(ctx: ServiceContext, method: 'POST' | 'PUT', path: string, xml: string, call?: CallOptions): Promise<AssessmentTest> {
  const req: HttpRequest = { method, path, json: xml, type: 'application/xml' }
  return record(await ctx.transport.request(req, call), req, ctx)
}

const checked = (test: unknown, label: string, identifier?: string) => checkedInput<AssessmentTestInput>(test, label, checkTest, identifier)

/** The assessment tests of a QtiClient. @example const tests: AssessmentTestsResource = client.assessmentTests */
export interface AssessmentTestsResource extends Listing<AssessmentTest, TestPartListParams> {
  get(identifier: string, call?: CallOptions): Promise<AssessmentTest>
  /** POST with the JSON form; a 409 is a ConflictError saying the identifier exists. */
  create(test: AssessmentTestInput, call?: CallOptions): Promise<AssessmentTest>
  /** POST a `<qti-assessment-test>` document as `application/xml` (checked well formed first). */
  createFromXml(xml: string, call?: CallOptions): Promise<AssessmentTest>
  /** PUT: replaces the whole test (parts, sections and references included) with `test`. */
  update(identifier: string, test: AssessmentTestInput, call?: CallOptions): Promise<AssessmentTest>
  /** PUT a `<qti-assessment-test>` document as `application/xml`: replaces the whole test. */
  updateFromXml(identifier: string, xml: string, call?: CallOptions): Promise<AssessmentTest>
  /**
   * Fetches the test, applies `changes` over its JSON form (`metadata` merged key by key) and replaces it; with
   * `ifUnmodifiedSince`, refuses (ConflictError, status 412) when it changed after that. XML-only parts of a
   * test made from XML are not in the JSON form: change those with `updateFromXml`.
   */
  patch(identifier: string, changes: Partial<Omit<AssessmentTestInput, 'identifier'>>, options?: PatchOptions): Promise<AssessmentTest>
  delete(identifier: string, call?: CallOptions): Promise<void>
  /** Every item the test references, with where it sits (test part, section). */
  questions(identifier: string, call?: CallOptions): Promise<TestQuestions>
  /** PUT …/metadata: changes only the test's metadata. */
  updateMetadata(identifier: string, metadata: Record<string, unknown>, call?: CallOptions): Promise<AssessmentTest>
  /** The test parts of test `identifier`. */
  testParts(identifier: string): TestPartsResource
  /** The sections of test part `testPartIdentifier` in test `identifier`. */
  sections(identifier: string, testPartIdentifier: string): SectionsResource
}

/**
 * The assessment tests resource bound to a client's context.
 * @example
 * const tests = createAssessmentTests(ctx)
 * const test = await tests.createFromXml('<qti-assessment-test identifier="t1" title="Quiz">…</qti-assessment-test>')
 */
export function createAssessmentTests(ctx: ServiceContext): AssessmentTestsResource {
  const put = (identifier: string, body: unknown, call?: CallOptions) => putTest(ctx, { identifier, body }, call)
  return {
    ...listing(fetchPages(ctx, searchTests), pagePaging, compileTests, identifierOf),
    get: (identifier, call) => getTest(ctx, { identifier }, call),
    create: async (test, call) => creating(postTest(ctx, { body: checked(test, 'assessmentTests.create') }, call), 'assessment test', test?.identifier),
    createFromXml: async (xml, call) => {
      const id = checkRoot(xml, 'qti-assessment-test', 'xml', 'assessmentTests.createFromXml').attributes.identifier
      return creating(sendXml(ctx, 'POST', '/assessment-tests', xml, call), 'assessment test', id)
    },
    update: async (identifier, test, call) => put(identifier, checked(test, 'assessmentTests.update', identifier), call),
    updateFromXml: async (identifier, xml, call) => {
      const label = 'assessmentTests.updateFromXml'
      const id = checkRoot(xml, 'qti-assessment-test', 'xml', label).attributes.identifier
      const issues: InputIssue[] = []
      need(issues, id === identifier, 'xml', `has identifier '${id}' on <qti-assessment-test>, expected '${identifier}', the test being replaced`)
      done(issues, label)
      return sendXml(ctx, 'PUT', `/assessment-tests/${encodeId(identifier, 'identifier')}`, xml, call)
    },
    patch: async (identifier, changes, options = {}) => {
      const label = 'assessmentTests.patch'
      const issues = start(changes, 'changes', label)
      need(issues, !('identifier' in changes), 'identifier', 'cannot be changed by patch (create a new test instead)')
      text(issues, identifier, 'identifier')
      done(issues, label)
      const current = await fetchUnchanged(() => getTest(ctx, { identifier }, options), options, label, identifier)
      return put(identifier, checked(merged(current, changes), label, identifier), options)
    },
    delete: (identifier, call) => deleteTest(ctx, { identifier }, call),
    questions: (identifier, call) => getQuestions(ctx, { identifier }, call),
    updateMetadata: async (identifier, metadata, call) => {
      const issues: InputIssue[] = []
      need(issues, isObject(metadata), 'metadata', 'must be an object')
      done(issues, 'assessmentTests.updateMetadata')
      return putMetadata(ctx, { identifier, body: { metadata } }, call)
    },
    testParts: (identifier) => createTestParts(ctx, identifier),
    sections: (identifier, testPartIdentifier) => createSections(ctx, identifier, testPartIdentifier),
  }
}
