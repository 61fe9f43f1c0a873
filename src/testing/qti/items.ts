// Assessment items: search, create (XML or JSON, 409 on a taken identifier), get, PUT (a full replace of the
// item the path names), delete, the metadata update, and processResponse (scored against the item's response
// declaration: a correct response scores 1, anything else 0; a map_response item scores by its mapping).
import { route, type Route } from '../context.js'
import { json } from '../http.js'
import { entityRoutes } from './entity-routes.js'
import { InvalidField } from './error.js'
import { itemFromBody } from './item-model.js'
import { mappedScore } from './mapping.js'
import { needString, optObject, readObject, samePathId, type Body } from './request.js'
import { need, replace, type Qti } from './state.js'
import { parseXml } from './xml.js'

const SORTS = ['title', 'identifier', 'type', 'createdAt', 'updatedAt']
const CORRECT = { identifier: 'correct', value: 'Correct' }
const INCORRECT = { identifier: 'incorrect', value: 'Incorrect' }

type Declaration = { identifier?: string; cardinality?: string; baseType?: string; correctResponse?: { value: string[] } }

function same(a: string, b: string, baseType: string | undefined): boolean {
  if (baseType === 'float' || baseType === 'integer') return a.trim() !== '' && Number(a) === Number(b)
  return baseType === 'string' ? a.trim() === b.trim() : a === b
}

/**
 * Whether `given` matches the declaration's correct response, by its cardinality: `single` any correct value,
 * `multiple` the same set, `ordered` the same sequence.
 */
export function matchesCorrect(declaration: Declaration, given: readonly string[]): boolean {
  const correct = declaration.correctResponse!.value
  const eq = (a: string, b: string): boolean => same(a, b, declaration.baseType)
  if (declaration.cardinality === 'ordered') return given.length === correct.length && given.every((g, i) => eq(g, correct[i]!))
  if (declaration.cardinality === 'multiple') {
    return given.length === correct.length && given.every((g) => correct.some((c) => eq(g, c))) && correct.every((c) => given.some((g) => eq(g, c)))
  }
  return given.length === 1 && correct.some((c) => eq(given[0]!, c))
}

async function processResponse(q: Qti, identifier: string, body: Body): Promise<Response> {
  const named = needString(body, 'identifier')
  samePathId(identifier, named)
  const response = body.response
  const given = typeof response === 'string' ? [response] : response
  if (!Array.isArray(given) || given.some((r) => typeof r !== 'string')) {
    throw new InvalidField('response', "'response' is required: a string or an array of strings.", response === undefined ? 'required' : 'invalid_type')
  }
  const item = need(q, 'items', identifier)
  const declarations = item.responseDeclarations as Declaration[]
  const declaration = declarations.find((d) => d.identifier === 'RESPONSE') ?? declarations[0]
  if (declaration && (item.responseProcessing as { templateType?: string } | undefined)?.templateType === 'map_response') {
    const score = mappedScore(parseXml(item.rawXml as string), declaration.identifier ?? '', given as string[])
    if (score !== undefined) return json({ score, isCorrect: score === 1, feedback: score === 1 ? CORRECT : INCORRECT })
  }
  if (!declaration?.correctResponse || declaration.correctResponse.value.length === 0) {
    // No correct response to match (extended text and the like): the service hands these to asynchronous grading.
    return json({ score: null, isCorrect: null, requiresAsyncGrading: true, feedback: { identifier: 'pending', value: 'The response is waiting to be graded.' } })
  }
  const ok = matchesCorrect(declaration, given as string[])
  return json({ score: ok ? 1 : 0, isCorrect: ok, feedback: ok ? CORRECT : INCORRECT })
}

/** The metadata update: the item the body names gets the body's `metadata` (replaced whole); 201 with the item. */
async function updateMetadata(q: Qti, body: Body): Promise<Response> {
  const identifier = typeof body.xml === 'string' || typeof body.rawXml === 'string' ? (itemFromBody(body).identifier as string) : needString(body, 'identifier')
  const metadata = optObject(body, 'metadata')
  if (!metadata) throw new InvalidField('metadata', "'metadata' is required: the object that replaces the item's metadata.", 'required')
  const item = need(q, 'items', identifier)
  return json(replace(q, 'items', { ...item, metadata }), 201)
}

/** The item routes. */
export function itemRoutes(q: Qti): Route[] {
  return [
    ...entityRoutes(q, {
      kind: 'items', path: '/assessment-items', root: 'qti-assessment-item', sorts: SORTS, fromBody: itemFromBody,
      names: ['searchAssessmentItems', 'createAssessmentItem', 'getAssessmentItem', 'updateAssessmentItem', 'deleteAssessmentItem'],
    }),
    route('POST', '/assessment-items/metadata', 'updateMetadata', async (ctx) => updateMetadata(q, await readObject(ctx))),
    route('POST', '/assessment-items/{identifier}/process-response', 'processResponse', async (ctx) => processResponse(q, ctx.params.identifier!, await readObject(ctx))),
  ]
}
