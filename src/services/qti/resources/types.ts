/**
 * @module services/qti/resources/types — the QTI records as the service stores and answers them (qti-api.yaml),
 * and the inputs the client takes. Stored records carry `rawXml`, the source of truth: the parsed fields may be
 * partial (the service's JSON form is lossy for most interaction types).
 */

/** Interaction types of the JSON item form (the spec's enum). @example const type: InteractionType = 'text-entry' */
export type InteractionType =
  | 'choice' | 'text-entry' | 'extended-text' | 'inline-choice' | 'match' | 'order' | 'associate' | 'select-point'
  | 'graphic-order' | 'graphic-associate' | 'graphic-gap-match' | 'hotspot' | 'hottext' | 'slider' | 'drawing' | 'media' | 'upload'

/** Cardinality of a declaration. @example const cardinality: Cardinality = 'multiple' */
export type Cardinality = 'single' | 'multiple' | 'ordered' | 'record'

/**
 * Item metadata: the spec's known keys (CASE alignment in `learningObjectiveSet`), any others kept.
 * @example const metadata: ItemMetadata = { subject: 'Math', grade: '5', learningObjectiveSet: [{ source: 'CASE', learningObjectiveIds: ['case-item-id'] }] }
 */
export interface ItemMetadata {
  subject?: string
  grade?: '-1' | '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '10' | '11' | '12' | '13'
  difficulty?: 'easy' | 'medium' | 'hard'
  learningObjectiveSet?: { source: string; learningObjectiveIds: string[] }[]
  [key: string]: unknown
}

/** Fields the service adds to every stored record. @example const { rawXml, updatedAt }: Stored = await client.assessmentItems.get('q1') */
export interface Stored {
  /** The record as QTI XML: the source of truth. */
  rawXml: string
  /** The XML parsed to JSON (`_attributes` per element). */
  content: Record<string, unknown>
  createdAt: string
  updatedAt: string
}

/** The fields an assessment item has in its JSON form and when stored. @example const fields: ItemFields = { identifier: 'q1', title: 'T', type: 'choice' } */
export interface ItemFields {
  identifier: string
  title: string
  type: InteractionType
  qtiVersion?: string
  timeDependent?: boolean
  adaptive?: boolean
  responseDeclarations?: { identifier: string; cardinality: Cardinality; baseType?: string; correctResponse: { value: string[] } }[]
  outcomeDeclarations?: { identifier: string; cardinality: Cardinality; baseType?: string }[]
  responseProcessing?: Record<string, unknown>
  metadata?: ItemMetadata
  modalFeedback?: Record<string, unknown>[]
  feedbackInline?: Record<string, unknown>[]
  feedbackBlock?: Record<string, unknown>[]
}

/**
 * An assessment item in the JSON form (`create`/`update`; the service calls JSON creation experimental: safe
 * for choice, extended-text, order and text-entry). Keys beyond these are sent as given (`interaction`…).
 * @example const item: AssessmentItemInput = { identifier: 'q1', title: '2 + 2', type: 'choice', interaction: { … } }
 */
export interface AssessmentItemInput extends ItemFields {
  [key: string]: unknown
}

/** A stored assessment item. @example const item: AssessmentItem = await client.assessmentItems.get('q1') */
export interface AssessmentItem extends ItemFields, Stored {
  qtiVersion: string
  timeDependent: boolean
  adaptive: boolean
}

/** The fields a stimulus has in its JSON form and when stored. @example const fields: StimulusFields = { identifier: 'st1', title: 'Forests' } */
export interface StimulusFields {
  identifier: string
  title: string
  label?: string
  language?: string
  stylesheet?: { href: string; type: string }
  catalogInfo?: { id: string; support: string; content: string }[]
  toolName?: string
  toolVersion?: string
  metadata?: Record<string, unknown>
}

/**
 * A stimulus in the JSON form: `content` is its HTML body.
 * @example const passage: StimulusInput = { identifier: 'st1', title: 'Forests', content: '<p>…</p>' }
 */
export interface StimulusInput extends StimulusFields {
  content: string
  [key: string]: unknown
}

/** A stored stimulus (`content` is the parsed XML here, not HTML). @example const passage: Stimulus = await client.stimuli.get('st1') */
export interface Stimulus extends StimulusFields, Stored {
  catalogInfo: { id: string; support: string; content: string }[]
}

/** An item reference in a section. @example const ref: ItemRef = { identifier: 'q1', href: '/assessment-items/q1', sequence: 1 } */
export interface ItemRef {
  identifier: string
  href?: string
  sequence?: number
}

/**
 * A section of a test part.
 * @example const section: Section = { identifier: 's1', title: 'Warm-up', visible: true, 'qti-assessment-item-ref': [{ identifier: 'q1' }] }
 */
export interface Section {
  identifier: string
  title: string
  visible: boolean
  required?: boolean
  fixed?: boolean
  sequence?: number
  'qti-assessment-item-ref'?: ItemRef[]
}

/**
 * A test part: how its sections are navigated and submitted.
 * @example const part: TestPart = { identifier: 'p1', navigationMode: 'linear', submissionMode: 'individual', 'qti-assessment-section': [] }
 */
export interface TestPart {
  identifier: string
  navigationMode: 'linear' | 'nonlinear'
  submissionMode: 'individual' | 'simultaneous'
  'qti-assessment-section': Section[]
}

/**
 * An assessment test in the JSON form.
 * @example const test: AssessmentTestInput = { identifier: 't1', title: 'Quiz', 'qti-test-part': [part] }
 */
export interface AssessmentTestInput {
  identifier: string
  title: string
  'qti-test-part': TestPart[]
  qtiVersion?: string
  toolName?: string
  toolVersion?: string
  /** Seconds. */
  timeLimit?: number
  maxAttempts?: number
  toolsEnabled?: Record<string, boolean>
  metadata?: Record<string, unknown>
  'qti-outcome-declaration'?: { identifier: string; baseType: string; cardinality?: Cardinality; [key: string]: unknown }[]
}

/** A stored assessment test. @example const test: AssessmentTest = await client.assessmentTests.get('t1') */
export interface AssessmentTest extends AssessmentTestInput, Stored {
  qtiVersion: string
  isValidXml?: boolean
}

/**
 * The items a test references, each with where it sits (`GET /assessment-tests/{id}/questions`).
 * @example const { questions }: TestQuestions = await client.assessmentTests.questions('t1')
 */
export interface TestQuestions {
  assessmentTest: string
  title: string
  totalQuestions: number
  questions: { reference: { identifier: string; href: string; testPart: string; section: string }; question: AssessmentItem }[]
}

/**
 * The result of scoring a response: `score` from 0 to 1 (null while AI grading runs, in newer answers).
 * @example const { score, feedback }: ResponseResult = await client.processResponse('q1', 'B')
 */
export interface ResponseResult {
  score: number | null
  feedback: { identifier: string; value: string }
  isCorrect?: boolean | null
  requiresAsyncGrading?: boolean
  graderUrl?: string
}

/**
 * Feedback on a question or a lesson, as sent.
 * @example const note: FeedbackInput = { userId: 'u1', lessonId: 'l1', questionId: 'q1', feedback: 'Typo in choice B' }
 */
export interface FeedbackInput {
  userId: string
  lessonId: string
  feedback: string
  questionId?: string
  humanApproved?: boolean
}

/**
 * Stored feedback; `id` (what `feedback.delete` takes) is not in the spec's schema but needed to delete.
 * @example const [first]: Feedback[] = await client.feedback.listByLesson('l1')
 */
export interface Feedback extends FeedbackInput {
  type: 'QUESTION' | 'LESSON'
  id?: string
  [key: string]: unknown
}

/**
 * What the service's XSD validation answered, with `success` as a boolean (the service says "true"/"false").
 * @example const { success, validationErrors }: ValidationReport = await client.validateReport({ schema: 'item', xml })
 */
export interface ValidationReport {
  success: boolean
  entityId: string
  xmlContent: string
  validationErrors: string[]
  message: string
}

/** What `validate` checks: XML text, or a stored entity by id. @example const input: ValidateInput = { schema: 'item', entityId: 'q1' } */
export type ValidateInput = { schema: 'test' | 'item' | 'stimulus' } & ({ xml: string; entityId?: undefined } | { entityId: string; xml?: undefined })
