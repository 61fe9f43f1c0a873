// @timeback/sdk/edubridge — course-centric enrollment, learning analytics, users by role, subject tracks,
// applications, learning reports, goals and progression.
// @bundleMarkers /edubridge/enrollments/ EduBridgeClient

export { EduBridgeClient } from './client.js'
export { aggregateActivityMetrics, type ActivityTotals } from './resources/aggregate.js'
export { toIsoDate } from './resources/check.js'
export type {
  ActivityAnswer, ActivityInput, ActivityMetrics, AnalyticsResource, DailyFact, DateInput, EnrollmentFactsInput,
  HighestGradeMastered, Student, TimeSpentMetrics, WeeklyFact, WeeklyFactsAnswer, WeeklyFactsInput,
} from './resources/analytics.js'
export type {
  Application, ApplicationMetric, ApplicationMetricInput, ApplicationMetricName, ApplicationMetricSource,
  ApplicationMetricsResource, ApplicationsResource,
} from './resources/applications.js'
export type { CaliperIngestResource, IngestEnvelope, IngestResult } from './resources/caliper.js'
export type {
  DefaultClass, EnrollInput, Enrollment, EnrollmentMetadata, EnrollmentRole, EnrollmentsResource, ResetGoalsResult,
} from './resources/enrollments.js'
export type {
  ApReadinessGoal, ApReadinessGoalInput, CourseGoal, CourseGoalInput, GoalsResource, SubjectGoalInput, SubjectGoalPreview, SubjectGoalUpdate,
  SubjectGoalRow, TargetDatePacing,
} from './resources/goals.js'
export type { LearningReportsResource, MapProfileReport, TimeSaved } from './resources/learning-reports.js'
export type {
  CatalogLesson, CatalogParams, CreateCourseInput, CreateCourseResult, EnqueueInput, EnqueueResult, ProgressionApp,
  ProgressionResource, ProgressionSubject,
} from './resources/progression.js'
export type {
  SubjectTrack, SubjectTrackGroup, SubjectTrackGroupInput, SubjectTrackGroupKey, SubjectTrackGroupUpdate,
  SubjectTrackInput, SubjectTracksResource,
} from './resources/subject-tracks.js'
export type { EduBridgeUser, UserListParams, UserRole, UsersResource } from './resources/users.js'
// The names every entry shares (options, pages, token stores, hooks): last, and the same objects everywhere.
export * from '../../core/public.js'
