// @timeback/sdk/powerpath — adaptive lessons, placement, screening, test assignments, lesson plans, syllabi,
// course sequences and test-outs.
// @bundleMarkers PowerPathClient /powerpath/getNextQuestion

export { PowerPathClient } from './client.js'
export type {
  AdaptiveProgress, AssessmentProgress, AssessmentsResource, Attempt, Question, QuestionResponseInput, QuestionResponseResult, StudentLesson, TestProgress,
} from './resources/assessments.js'
export type { CreatedTest, ExternalAssignment, ExternalTestInput, InternalTestInput } from './resources/assessment-authoring.js'
export type { CourseSequence, CourseSequenceStage, CourseSequencesResource, StageAfterAssessmentParams } from './resources/course-sequences.js'
export type { Grade, GradeInput, LessonType, ScoreStatus, Subject, TestAssignmentStatus } from './resources/enums.js'
export type {
  ItemResult, LessonPlanOperation, LessonPlansResource, LessonPlanTree, OperationsApplied, PlanTarget, ProgressLineItem, StoredOperation, TestOutState,
} from './resources/lesson-plans.js'
export type { CourseProgressSummary, CurrentLevel, PlacementResource, StudentSubject, SubjectPlacement } from './resources/placement.js'
export type { ScreeningResource, ScreeningSession } from './resources/screening.js'
export type { SyllabusResource } from './resources/syllabus.js'
export type {
  AssignmentCreated, BulkResult, NewTestAssignment, TestAssignment, TestAssignmentFilters, TestAssignmentsResource,
} from './resources/test-assignments.js'
export type { TestOutResource, TestOutSubject } from './resources/test-out.js'
// The names every entry shares (options, pages, token stores, hooks): last, and the same objects everywhere.
export * from '../../core/public.js'
