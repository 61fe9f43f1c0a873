/**
 * @module services/qti/resources/validation — the service's XSD validation of QTI XML (`POST /validate`,
 * `/validate/batch`). The service answers `success` as the strings "true"/"false"; these answer booleans, and
 * refuse an answer that is neither. XML is checked well formed before it is sent, as everywhere in this client.
 */

import { ServerError, type InputIssue } from '../../../core/errors.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { operation, type Unwrap } from '../../../core/resource/operation.js'
import type { CallOptions, HttpRequest } from '../../../core/transport/http.js'
import { done, isObject, need, oneOf, start, text } from './shared.js'
import type { ValidateInput, ValidationReport } from './types.js'
import { checkXml } from './xml.js'

const SCHEMAS = ['test', 'item', 'stimulus']

/** One report with a boolean `success` ("true"/"false" from the service; a boolean is taken as well). */
function report(raw: any, req: HttpRequest): ValidationReport {
  const success = raw?.success === true || raw?.success === 'true' ? true : raw?.success === false || raw?.success === 'false' ? false : undefined
  if (success === undefined) {
    throw new ServerError(`${req.method} ${req.path}: the answer's success is neither "true" nor "false" (got ${JSON.stringify(raw?.success)})`, {
      status: 200, method: req.method, url: req.path,
    }, 'invalid_response')
  }
  return { ...raw, success, validationErrors: Array.isArray(raw.validationErrors) ? raw.validationErrors : [] }
}

const single: Unwrap<ValidationReport> = (body, req) => report(body, req)
const batch: Unwrap<ValidationReport[]> = (body, req) => {
  if (!isObject(body) || !Array.isArray(body.results)) return [report(undefined, req)]
  return body.results.map((raw: unknown) => report(raw, req))
}

/** POST /validate */
const postValidate = /* @__PURE__ */ operation<{ body: unknown }, ValidationReport>({ method: 'POST', path: '/validate', unwrap: single })
/** POST /validate/batch */
const postBatch = /* @__PURE__ */ operation<{ body: unknown }, ValidationReport[]>({ method: 'POST', path: '/validate/batch', unwrap: batch })

/**
 * What `validateBatch` checks: XML documents or stored entities by id (one kind per batch), against one schema.
 * @example const input: ValidateBatchInput = { schema: 'item', xml: [a, b] }
 */
export interface ValidateBatchInput {
  schema: 'test' | 'item' | 'stimulus'
  xml?: readonly string[]
  entityIds?: readonly string[]
}

/**
 * Validates XML (or a stored entity) against the QTI 3.0 XSDs; the full report.
 * @example const { success, validationErrors } = await validateReport(ctx, { schema: 'item', xml })
 */
export async function validateReport(ctx: ServiceContext, input: ValidateInput, call?: CallOptions): Promise<ValidationReport> {
  const label = 'validate'
  const issues = start(input, 'input', label)
  oneOf(issues, input.schema, SCHEMAS, 'schema')
  need(issues, (input.xml === undefined) !== (input.entityId === undefined), 'xml', 'give xml or entityId (one of the two)')
  if (input.entityId !== undefined) text(issues, input.entityId, 'entityId')
  done(issues, label)
  if (input.xml !== undefined) checkXml(input.xml, 'xml', label)
  return postValidate(ctx, { body: input.xml === undefined ? { schema: input.schema, entityId: input.entityId } : { schema: input.schema, xml: input.xml } }, call)
}

/**
 * Validates many documents or stored entities in one call; one report each, in order.
 * @example const reports = await validateBatch(ctx, { schema: 'item', entityIds: ['q1', 'q2'] })
 */
export async function validateBatch(ctx: ServiceContext, input: ValidateBatchInput, call?: CallOptions): Promise<ValidationReport[]> {
  const label = 'validateBatch'
  const issues: InputIssue[] = start(input, 'input', label)
  oneOf(issues, input.schema, SCHEMAS, 'schema')
  for (const key of ['xml', 'entityIds'] as const) need(issues, input[key] === undefined || Array.isArray(input[key]), key, 'must be an array of strings')
  const xml = Array.isArray(input.xml) ? input.xml : []
  const entityIds = Array.isArray(input.entityIds) ? input.entityIds : []
  // The spec's examples send one kind per batch (and how a service answers both is undocumented).
  need(issues, (xml.length > 0) !== (entityIds.length > 0), 'xml', 'give documents (xml) or stored entity ids (entityIds): one kind per batch, at least one entry')
  entityIds.forEach((id, i) => text(issues, id, `entityIds.${i}`))
  done(issues, label)
  xml.forEach((doc, i) => checkXml(doc, `xml.${i}`, label))
  // The spec requires both arrays (its examples send one): the other goes empty.
  return postBatch(ctx, { body: { schema: input.schema, xml, entityIds } }, call)
}
