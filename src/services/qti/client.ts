// QtiClient: assessment items, tests (with their test parts and sections), stimuli, feedback, XSD validation
// and response scoring on the QTI host. Lists are page-numbered; XML is checked well formed before it is sent.

import type { ClientOptions } from '../../core/config.js'
import { createServiceRuntime, type ServiceRuntime } from '../../core/runtime.js'
import type { CallOptions } from '../../core/transport/http.js'
import { createFeedback, type FeedbackResource } from './resources/feedback.js'
import { createAssessmentItems, processResponse, type AssessmentItemsResource } from './resources/items.js'
import { createStimuli, type StimuliResource } from './resources/stimuli.js'
import { createAssessmentTests, type AssessmentTestsResource } from './resources/tests.js'
import type { ResponseResult, ValidateInput, ValidationReport } from './resources/types.js'
import { validateBatch, validateReport, type ValidateBatchInput } from './resources/validation.js'
import { service } from './service.js'

/**
 * Typed client for QTI 3.0 content. Options: `auth: { clientId, clientSecret }` (env `QTI_CLIENT_ID`… then
 * `TIMEBACK_*`) and `env` or `baseUrl` (the QTI host: `https://qti.alpha-1edtech.ai/api` in production).
 * @example
 * const qti = new QtiClient({ env: 'staging', auth: { clientId, clientSecret } })
 * const item = await qti.assessmentItems.createFromXml(xml, { subject: 'Math', grade: '5' })
 * const { score } = await qti.processResponse(item.identifier, 'B')
 */
export class QtiClient {
  readonly #runtime: ServiceRuntime
  #items?: AssessmentItemsResource
  #tests?: AssessmentTestsResource
  #stimuli?: StimuliResource
  #feedback?: FeedbackResource

  constructor(options: ClientOptions = {}) {
    this.#runtime = createServiceRuntime(service, options)
  }

  /** The resolved base URL (no credentials). */
  get baseUrl(): string {
    return this.#runtime.config.baseUrl
  }

  /** list/listAll/stream, get, create, createFromXml, update, updateFromXml, patch, delete, updateMetadata. */
  get assessmentItems(): AssessmentItemsResource {
    return (this.#items ??= createAssessmentItems(this.#runtime))
  }

  /** list/listAll/stream, get, create(FromXml), update(FromXml), patch, delete, questions, updateMetadata, testParts(id), sections(id, partId). */
  get assessmentTests(): AssessmentTestsResource {
    return (this.#tests ??= createAssessmentTests(this.#runtime))
  }

  /** list/listAll/stream, get, create, createFromXml, update, updateFromXml, patch, delete. */
  get stimuli(): StimuliResource {
    return (this.#stimuli ??= createStimuli(this.#runtime))
  }

  /** createForQuestion, createForLesson, listByLesson, delete. */
  get feedback(): FeedbackResource {
    return (this.#feedback ??= createFeedback(this.#runtime))
  }

  /**
   * True when the service's XSD validation passes `xml` (or the stored entity `entityId`) as a `schema`.
   * @example if (!(await qti.validate({ schema: 'item', xml }))) console.log((await qti.validateReport({ schema: 'item', xml })).validationErrors)
   */
  async validate(input: ValidateInput, call?: CallOptions): Promise<boolean> {
    return (await validateReport(this.#runtime, input, call)).success
  }

  /** The service's full validation report (`success` a boolean, `validationErrors`, `message`). */
  validateReport(input: ValidateInput, call?: CallOptions): Promise<ValidationReport> {
    return validateReport(this.#runtime, input, call)
  }

  /** One report per document (`xml`) or per stored entity (`entityIds`: one kind per batch), in order. */
  validateBatch(input: ValidateBatchInput, call?: CallOptions): Promise<ValidationReport[]> {
    return validateBatch(this.#runtime, input, call)
  }

  /** Scores a candidate's `response` to item `identifier`: `{ score, feedback }` (score 0 to 1). */
  processResponse(identifier: string, response: string | string[], call?: CallOptions): Promise<ResponseResult> {
    return processResponse(this.#runtime, identifier, response, call)
  }
}
