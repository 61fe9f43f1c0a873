// @timeback/sdk/caliper — the Caliper 1.2 events client: send (one by one or queued), validate, list, jobs.
// @bundleMarkers /caliper/event/validate /jobs/{jobId}/status

export { CaliperClient } from './client.js'
export { createActivityEvent, createTimeSpentEvent, createCaliperEvent } from './builders.js'
export type { ActivityEventInput, TimeSpentEventInput, TimebackEventInputBase, TimebackUserInput, ActivityContextInput, CaliperEventInput } from './builders.js'
export { DATA_VERSION, MAX_ENVELOPE_BYTES, checkEnvelope } from './envelope.js'
export type { Envelope, EnvelopeItem } from './envelope.js'
export { MAX_EVENTS_LIMIT } from './events.js'
export type { EventsResource, SendResult, ValidateResult, StoredEvent, EventListParams, EventStreamParams } from './events.js'
export { JobFailedError, isJobFailedError } from './jobs.js'
export type { JobsResource, JobStatus, JobState, WaitOptions } from './jobs.js'
export type { EventQueue, QueueOptions, FlushResult, FailedBatch } from './queue.js'
export {
  CALIPER_CONTEXT, SUBJECTS, USER_ROLES, ACTIVITY_METRIC_TYPES, TIME_SPENT_METRIC_TYPES, MAX_TIME_SPENT_SECONDS,
} from './profile.js'
// The valibot schemas of the same rules the sends check (by hand, in checks.ts): bundled only when imported.
export {
  TimebackUserSchema, ActivityContextSchema, ActivityMetricsSchema, TimeSpentMetricsSchema, ActivityEventSchema, TimeSpentEventSchema,
  CaliperEventSchema, CaliperEntitySchema, EnvelopeSchema,
} from './schemas.js'
export type {
  TimebackUser, TimebackUserRole, TimebackSubject, TimebackActivityContext, ActivityContextInputFields, ActivityMetric,
  ActivityMetricType, TimeSpentMetric, TimeSpentMetricType, ActivityMetricsCollection, TimeSpentMetricsCollection,
  ActivityEvent, TimeSpentEvent, EventContextFields, Extensions, IriOrEntity,
} from './profile.js'
export { PROFILES, EVENT_TYPES } from './vocabulary.js'
export type { CaliperEvent, CaliperEntity, CaliperEventType, CaliperProfile, CaliperActionOf, CaliperProfileOf } from './vocabulary.js'
// The names every entry shares (options, pages, token stores, hooks): last, and the same objects everywhere.
export * from '../../core/public.js'
