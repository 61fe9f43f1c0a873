// Assessment tests: search (with navigationMode / submissionMode), create and PUT from JSON or raw
// `application/xml`, get, delete, the questions of a test with their items, and the metadata update.
import type { Ctx } from '../context.js'
import { route, type Route } from '../context.js'
import { json, noContent } from '../http.js'
import { InvalidField } from './error.js'
import { pageOf, queryEnum } from './listing.js'
import { isXmlRequest, optObject, readObject, samePathId } from './request.js'
import { insert, need, remove, replace, type Qti, type Rec } from './state.js'
import { extrasOf, NAVIGATION, SUBMISSION, testFromJson, testFromXml, type Part } from './test-model.js'

const SORTS = ['title', 'identifier', 'createdAt', 'updatedAt']

/** A part matching the navigationMode / submissionMode query parameters, or `undefined` when none is given. */
export function modeFilter(query: URLSearchParams): ((part: Part) => boolean) | undefined {
  const nav = queryEnum(query, 'navigationMode', NAVIGATION)
  const sub = queryEnum(query, 'submissionMode', SUBMISSION)
  if (nav === undefined && sub === undefined) return undefined
  return (p) => (nav === undefined || p.navigationMode === nav) && (sub === undefined || p.submissionMode === sub)
}

/** The test in the request: raw XML (content type application/xml or text/xml) or the JSON AssessmentTest. */
async function testFromRequest(ctx: Ctx, old: Rec | undefined): Promise<Rec> {
  if (!isXmlRequest(ctx)) return testFromJson(await readObject(ctx))
  const xml = await ctx.request.text()
  if (xml.trim() === '') throw new InvalidField('body', 'The XML body is empty: send a <qti-assessment-test> document.', 'required')
  // XML holds no metadata: a replace from XML keeps what the test had.
  return testFromXml(xml, old ? extrasOf(old) : { metadata: {} }, 'body')
}

/** The questions of a test in document order, each with the stored item it refers to (unknown items are left out). */
function questions(q: Qti, test: Rec): Rec {
  const out: Rec[] = []
  for (const part of test['qti-test-part'] as Part[]) {
    for (const section of part['qti-assessment-section']) {
      for (const ref of section['qti-assessment-item-ref']) {
        const question = q.state.items.get(ref.identifier)
        if (question) out.push({ reference: { identifier: ref.identifier, href: ref.href, testPart: part.identifier, section: section.identifier }, question })
      }
    }
  }
  return { assessmentTest: test.identifier, title: test.title, totalQuestions: out.length, questions: out }
}

/** The test routes (parts, sections and item references are in ./structure.ts). */
export function testRoutes(q: Qti): Route[] {
  return [
    route('GET', '/assessment-tests', 'searchAssessmentTests', (ctx) => pageOf(ctx.query, [...q.state.tests.values()], {
      sorts: SORTS, defaultSort: 'createdAt',
      narrow: (query) => {
        const fits = modeFilter(query)
        return fits && ((t) => (t['qti-test-part'] as Part[]).some(fits))
      },
    })),
    route('POST', '/assessment-tests', 'createAssessmentTest', async (ctx) => json(insert(q, 'tests', await testFromRequest(ctx, undefined)), 201)),
    route('GET', '/assessment-tests/{identifier}', 'getAssessmentTest', (ctx) => json(need(q, 'tests', ctx.params.identifier!))),
    route('PUT', '/assessment-tests/{identifier}', 'updateAssessmentTest', async (ctx) => {
      const old = need(q, 'tests', ctx.params.identifier!)
      const record = await testFromRequest(ctx, old)
      samePathId(ctx.params.identifier!, record.identifier as string)
      return json(replace(q, 'tests', record))
    }),
    route('DELETE', '/assessment-tests/{identifier}', 'deleteAssessmentTest', (ctx) => {
      remove(q, 'tests', ctx.params.identifier!)
      return noContent()
    }),
    route('GET', '/assessment-tests/{identifier}/questions', 'getAllQuestions', (ctx) => json(questions(q, need(q, 'tests', ctx.params.identifier!)))),
    route('PUT', '/assessment-tests/{identifier}/metadata', 'updateAssessmentTestMetadata', async (ctx) => {
      const metadata = optObject(await readObject(ctx), 'metadata')
      if (!metadata) throw new InvalidField('metadata', "'metadata' is required: the object that replaces the test's metadata.", 'required')
      const test = need(q, 'tests', ctx.params.identifier!)
      return json(replace(q, 'tests', { ...test, metadata }))
    }),
  ]
}
