// A test's structure: test parts, their sections, and the item references of a section (add, remove, reorder).
// Every edit works on a copy of the structure and stores the test again, rewritten as XML (./test-model.ts), so
// `rawXml`, `content` and the structure never disagree; order is the document order and is what the lists show.
import { route, type Route } from '../context.js'
import { HttpError, json, noContent } from '../http.js'
import { InvalidField } from './error.js'
import { pageOf } from './listing.js'
import { needString, optObjects, optString, readObject, samePathId, type Body } from './request.js'
import { need, replace, type Qti, type Rec } from './state.js'
import { content } from './xml-view.js'
import { parseXml } from './xml.js'
import { defaultHref, extrasOf, partFromJson, partXml, sectionFromJson, testFromXml, testXml, type ItemRef, type Part, type Section } from './test-model.js'
import { modeFilter } from './tests.js'

const SORTS = ['title', 'identifier', 'createdAt', 'updatedAt']
const T = '/assessment-tests/{assessmentTestIdentifier}/test-parts'
const S = `${T}/{testPartIdentifier}/sections`

type Params = Readonly<Record<string, string>>

const partsOf = (test: Rec): Part[] => test['qti-test-part'] as Part[]

function findPart(parts: Part[], params: Params, id = params.testPartIdentifier!): Part {
  const part = parts.find((p) => p.identifier === id)
  if (!part) throw new HttpError(404, `Test part '${id}' not found in assessment test '${params.assessmentTestIdentifier}'.`)
  return part
}

function findSection(part: Part, id: string): Section {
  const section = part['qti-assessment-section'].find((s) => s.identifier === id)
  if (!section) throw new HttpError(404, `Section '${id}' not found in test part '${part.identifier}'.`)
  return section
}

/** A 1-based position from the body (`undefined` when absent), or a 400. */
function position(body: Body, where = ''): number | undefined {
  const value = body.sequence
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new InvalidField(`${where}sequence`, `'${where}sequence' must be an integer from 1.`, 'invalid_number')
  return value
}

/** Put `entry` at 1-based `at` (past the end: last). */
function place<T>(list: T[], entry: T, at: number | undefined): void {
  list.splice(at === undefined ? list.length : Math.min(at - 1, list.length), 0, entry)
}

/** Apply `change` to a copy of the test's parts and store the test rewritten from them; answers the new parts. */
function edit(q: Qti, params: Params, change: (parts: Part[]) => void): Part[] {
  const test = need(q, 'tests', params.assessmentTestIdentifier!)
  const parts = structuredClone(partsOf(test))
  change(parts)
  const next = replace(q, 'tests', testFromXml(testXml({ ...test, 'qti-test-part': parts }), extrasOf(test), 'body'))
  return partsOf(next)
}

/** A part answer of create/update: the part plus its own `rawXml` and `content`. */
function partAnswer(part: Part): Rec {
  const rawXml = partXml(part)
  return { ...part, rawXml, content: content(parseXml(rawXml)) }
}

function addRef(q: Qti, params: Params, body: Body): Section {
  const identifier = needString(body, 'identifier')
  const href = optString(body, 'href') ?? defaultHref(identifier)
  const at = position(body)
  if (!q.state.items.has(identifier)) throw new HttpError(404, `Assessment item '${identifier}' not found (create it before adding it to a section).`)
  const parts = edit(q, params, (ps) => {
    const refs = findSection(findPart(ps, params), params.identifier!)['qti-assessment-item-ref']
    if (refs.some((r) => r.identifier === identifier)) throw new HttpError(409, `Assessment item '${identifier}' is already in section '${params.identifier}'.`)
    place(refs, { identifier, href }, at)
  })
  return findSection(findPart(parts, params), params.identifier!)
}

function reorder(q: Qti, params: Params, body: Body): Section {
  const wanted = optObjects(body, 'items')
  if (!wanted || wanted.length === 0) throw new InvalidField('items', "'items' is required: every item reference of the section, in the new order.", 'required')
  const entries = wanted.map((w, i) => ({ identifier: needString(w, 'identifier', `items[${i}].`), href: optString(w, 'href', `items[${i}].`), at: position(w, `items[${i}].`), i }))
  const parts = edit(q, params, (ps) => {
    const section = findSection(findPart(ps, params), params.identifier!)
    const current = new Map(section['qti-assessment-item-ref'].map((r) => [r.identifier, r]))
    const named = new Set(entries.map((e) => e.identifier))
    const missing = [...current.keys()].filter((id) => !named.has(id))
    const unknown = [...named].filter((id) => !current.has(id))
    if (missing.length > 0 || unknown.length > 0 || named.size !== entries.length) {
      throw new InvalidField('items', `'items' must list each item reference of section '${section.identifier}' once${missing.length ? `; missing: ${missing.join(', ')}` : ''}${unknown.length ? `; not in the section: ${unknown.join(', ')}` : ''}${named.size !== entries.length ? '; some are listed twice' : ''}.`, 'invalid_items')
    }
    // With a sequence on every entry, that decides the order (ties: the order sent); otherwise the order sent.
    const bySequence = entries.every((e) => e.at !== undefined)
    const ordered = bySequence ? [...entries].sort((a, b) => a.at! - b.at! || a.i - b.i) : entries
    section['qti-assessment-item-ref'] = ordered.map((e): ItemRef => ({ identifier: e.identifier, href: e.href ?? current.get(e.identifier)!.href }))
  })
  return findSection(findPart(parts, params), params.identifier!)
}

/** The test part, section and item-reference routes. */
export function structureRoutes(q: Qti): Route[] {
  const test = (params: Params): Rec => need(q, 'tests', params.assessmentTestIdentifier!)
  return [
    route('GET', T, 'searchTestParts', (ctx) => pageOf(ctx.query, partsOf(test(ctx.params)) as unknown as Rec[], { sorts: SORTS, narrow: (query) => modeFilter(query) as ((r: Rec) => boolean) | undefined })),
    route('POST', T, 'createTestPart', async (ctx) => {
      const part = partFromJson(await readObject(ctx))
      const parts = edit(q, ctx.params, (ps) => {
        if (ps.some((p) => p.identifier === part.identifier)) throw new HttpError(409, `Test part '${part.identifier}' already exists in assessment test '${ctx.params.assessmentTestIdentifier}'.`)
        ps.push(part)
      })
      return json(partAnswer(findPart(parts, ctx.params, part.identifier)), 201)
    }),
    route('GET', `${T}/{identifier}`, 'getTestPart', (ctx) => json(findPart(partsOf(test(ctx.params)), ctx.params, ctx.params.identifier))),
    route('PUT', `${T}/{identifier}`, 'updateTestPart', async (ctx) => {
      const part = partFromJson(await readObject(ctx))
      samePathId(ctx.params.identifier!, part.identifier)
      const parts = edit(q, ctx.params, (ps) => { ps[ps.indexOf(findPart(ps, ctx.params, part.identifier))] = part })
      return json(partAnswer(findPart(parts, ctx.params, part.identifier)))
    }),
    route('DELETE', `${T}/{identifier}`, 'deleteTestPart', (ctx) => {
      edit(q, ctx.params, (ps) => { ps.splice(ps.indexOf(findPart(ps, ctx.params, ctx.params.identifier)), 1) })
      return noContent()
    }),
    route('GET', S, 'searchSections', (ctx) => pageOf(ctx.query, findPart(partsOf(test(ctx.params)), ctx.params)['qti-assessment-section'] as unknown as Rec[], { sorts: SORTS })),
    route('POST', S, 'createSection', async (ctx) => {
      const body = await readObject(ctx)
      const section = sectionFromJson(body)
      const at = position(body)
      const parts = edit(q, ctx.params, (ps) => {
        const sections = findPart(ps, ctx.params)['qti-assessment-section']
        if (sections.some((s) => s.identifier === section.identifier)) throw new HttpError(409, `Section '${section.identifier}' already exists in test part '${ctx.params.testPartIdentifier}'.`)
        place(sections, section, at)
      })
      return json(findSection(findPart(parts, ctx.params), section.identifier), 201)
    }),
    route('GET', `${S}/{identifier}`, 'getSection', (ctx) => json(findSection(findPart(partsOf(test(ctx.params)), ctx.params), ctx.params.identifier!))),
    route('PUT', `${S}/{identifier}`, 'updateSection', async (ctx) => {
      const body = await readObject(ctx)
      const section = sectionFromJson(body)
      samePathId(ctx.params.identifier!, section.identifier)
      const at = position(body)
      const parts = edit(q, ctx.params, (ps) => {
        const sections = findPart(ps, ctx.params)['qti-assessment-section']
        const index = sections.indexOf(findSection(findPart(ps, ctx.params), section.identifier))
        sections.splice(index, 1)
        place(sections, section, at ?? index + 1) // a sequence moves the section; without one it stays where it was
      })
      return json(findSection(findPart(parts, ctx.params), section.identifier))
    }),
    route('DELETE', `${S}/{identifier}`, 'deleteSection', (ctx) => {
      edit(q, ctx.params, (ps) => {
        const sections = findPart(ps, ctx.params)['qti-assessment-section']
        sections.splice(sections.indexOf(findSection(findPart(ps, ctx.params), ctx.params.identifier!)), 1)
      })
      return json({ message: `Section '${ctx.params.identifier}' deleted.` })
    }),
    route('POST', `${S}/{identifier}/items`, 'addAssessmentItem', async (ctx) => json(addRef(q, ctx.params, await readObject(ctx)), 201)),
    route('DELETE', `${S}/{identifier}/items/{itemIdentifier}`, 'removeAssessmentItem', (ctx) => {
      edit(q, ctx.params, (ps) => {
        const refs = findSection(findPart(ps, ctx.params), ctx.params.identifier!)['qti-assessment-item-ref']
        const index = refs.findIndex((r) => r.identifier === ctx.params.itemIdentifier)
        if (index < 0) throw new HttpError(404, `Assessment item '${ctx.params.itemIdentifier}' is not in section '${ctx.params.identifier}'.`)
        refs.splice(index, 1)
      })
      return noContent()
    }),
    route('PUT', `${S}/{identifier}/items/order`, 'updateAssessmentItemOrder', async (ctx) => json(reorder(q, ctx.params, await readObject(ctx)))),
  ]
}
