// @timeback/sdk/oneroster — the OneRoster 1.2 client (rostering, gradebook, resources).
// @bundleMarkers /ims/oneroster/rostering/v1p2 OneRosterClient

export { OneRosterClient } from './client.js'
export type * from './base.js'
export type { BulkCreateResponse, SourcedIdPair } from './bulk.js'
export type { User, UserInput, UserRole, Role, UserScope, UsersResource, RegisterCredentialsInput } from './resources/users.js'
export type { PersonScope, StudentsResource, TeachersResource } from './resources/students-teachers.js'
export type { Org, OrgInput, OrgsResource } from './resources/orgs.js'
export type { SchoolInput, SchoolLineItemInput, SchoolScope, SchoolClassScope, SchoolsResource } from './resources/schools.js'
export type { Class, ClassInput, ClassUpdate, EnrollInput, ClassScope, ClassesResource } from './resources/classes.js'
export type { ClassGradebook, ClassLineItemInput } from './resources/class-gradebook.js'
export type { Course, CourseInput, CourseStructureInput, CourseScope, CoursesResource } from './resources/courses.js'
export type { CourseComponent, CourseComponentInput, CourseComponentsResource } from './resources/course-components.js'
export type {
  ComponentResource, ComponentResourceInput, ComponentResourcesResource, LessonType,
} from './resources/component-resources.js'
export type { Enrollment, EnrollmentInput, EnrollmentPatch, EnrollmentsResource } from './resources/enrollments.js'
export type { AcademicSession, AcademicSessionInput, AcademicSessionsResource } from './resources/academic-sessions.js'
export type { Term, TermScope, TermGradingPeriodInput, TermsResource } from './resources/terms.js'
export type { GradingPeriod, GradingPeriodInput, GradingPeriodsResource } from './resources/grading-periods.js'
export type { Demographics, DemographicsInput, DemographicsResource, Sex, Flag } from './resources/demographics.js'
export type {
  LineItem, LineItemInput, LineItemResultInput, LineItemScope, LineItemsResource, LearningObjectiveSet,
} from './resources/line-items.js'
export type { Result, ResultInput, ResultsResource, LearningObjectiveResult } from './resources/results.js'
export type { Category, CategoryInput, CategoriesResource } from './resources/categories.js'
export type { ScoreScale, ScoreScaleInput, ScoreScaleValue, ScoreScalesResource } from './resources/score-scales.js'
export type {
  AssessmentLineItem, AssessmentLineItemInput, AssessmentLineItemPatch, AssessmentLineItemsResource,
} from './resources/assessment-line-items.js'
export type {
  AssessmentResult, AssessmentResultInput, AssessmentResultPatch, AssessmentResultsResource,
} from './resources/assessment-results.js'
export type { Resource, ResourceInput, ResourceUpdate, CommonCartridge, ResourcesResource } from './resources/resources.js'
export type { ListParams, StreamParams } from '../../core/list-query.js'
export type { Change, ChangeMethods, ChangesOptions } from '../../core/changes.js'
export type { CreateResponse, ScopedList, ListMethods, ReadMethods, WriteMethods, PatchMethods } from '../../core/resource.js'
export type { Where, FieldOperators, FieldCondition } from '../../core/where.js'
// The names every entry shares (options, pages, token stores, hooks): last, and the same objects everywhere.
export * from '../../core/public.js'
