// @timeback/sdk/qti — QTI 3.0 assessment items, tests (test parts, sections), stimuli, feedback, XSD validation
// and response scoring.
// @bundleMarkers QtiClient /process-response

export { QtiClient } from './client.js'
export type { AssessmentItemsResource, ItemSort } from './resources/items.js'
export type { XmlEntity } from './resources/entity.js'
export type { FeedbackResource } from './resources/feedback.js'
export type { SectionSort, SectionsResource } from './resources/sections.js'
export type { FilteredListParams, PatchOptions, QtiListParams } from './resources/shared.js'
export type { StimuliResource, StimulusSort } from './resources/stimuli.js'
export type { TestPartListParams, TestPartsResource } from './resources/test-parts.js'
export type { AssessmentTestsResource } from './resources/tests.js'
export type {
  AssessmentItem, AssessmentItemInput, AssessmentTest, AssessmentTestInput, Cardinality, Feedback, FeedbackInput, InteractionType,
  ItemFields, ItemMetadata, ItemRef, ResponseResult, Section, Stimulus, StimulusFields, StimulusInput, TestPart, TestQuestions, ValidateInput, ValidationReport,
} from './resources/types.js'
export type { ValidateBatchInput } from './resources/validation.js'
// The names every entry shares (options, pages, token stores, hooks): last, and the same objects everywhere.
export * from '../../core/public.js'
