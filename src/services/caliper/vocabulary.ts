/**
 * @module services/caliper/vocabulary — the Caliper 1.2 vocabulary Timeback accepts: profiles, and for each
 * event type the actions and profiles the spec allows. The schemas of a generic event and of an entity are in
 * schemas.ts (valibot) and checks.ts (what sends use).
 */

import type { EventContextFields, IriOrEntity } from './profile.js'

export const PROFILES = [
  'AnnotationProfile', 'AssessmentProfile', 'ToolUseProfile', 'GeneralProfile', 'FeedbackProfile', 'MediaProfile',
  'SurveyProfile', 'ResourceManagementProfile', 'ForumProfile', 'AssignableProfile', 'GradingProfile',
  'ReadingProfile', 'SessionProfile', 'SearchProfile', 'ToolLaunchProfile', 'TimebackProfile',
] as const
export type CaliperProfile = (typeof PROFILES)[number]

interface TypeRule {
  readonly profiles: readonly CaliperProfile[]
  readonly actions: readonly string[]
  /** The spec makes `generated` required for this type. */
  readonly generated?: true
}

const SURVEY_START = ['Started', 'Skipped', 'Completed'] as const
const READ_MARKS = ['MarkedAsRead', 'MarkedAsUnRead'] as const

/**
 * Event types of the spec's profiles with their allowed actions and profiles. NavigationEvent and ViewEvent
 * belong to several profiles, so an event of those types must say which.
 */
export const EVENT_TYPES = {
  AnnotationEvent: { profiles: ['AnnotationProfile'], actions: ['Bookmarked', 'Highlighted', 'Shared', 'Tagged'], generated: true },
  AssessmentEvent: { profiles: ['AssessmentProfile'], actions: ['Started', 'Paused', 'Resumed', 'Restarted', 'Submitted'], generated: true },
  AssessmentItemEvent: { profiles: ['AssessmentProfile'], actions: SURVEY_START },
  AssignableEvent: { profiles: ['AssignableProfile'], actions: ['Activated', 'Deactivated', 'Started', 'Completed', 'Submitted', 'Reviewed'] },
  FeedbackEvent: { profiles: ['FeedbackProfile'], actions: ['Commented', 'Ranked'] },
  ForumEvent: { profiles: ['ForumProfile'], actions: ['Subscribed', 'Unsubscribed'] },
  ThreadEvent: { profiles: ['ForumProfile'], actions: READ_MARKS },
  MessageEvent: { profiles: ['ForumProfile'], actions: [...READ_MARKS, 'Posted'] },
  GradeEvent: { profiles: ['GradingProfile'], actions: ['Graded'], generated: true },
  MediaEvent: {
    profiles: ['MediaProfile'],
    actions: [
      'Started', 'Ended', 'Paused', 'Resumed', 'Restarted', 'ForwardedTo', 'JumpedTo', 'ChangedResolution', 'ChangedSize',
      'ChangedSpeed', 'ChangedVolume', 'EnabledClosedCaptioning', 'DisabledClosedCaptioning', 'EnteredFullScreen',
      'ExitedFullScreen', 'Muted', 'Unmuted', 'OpenedPopout', 'ClosedPopout',
    ],
  },
  NavigationEvent: { profiles: ['MediaProfile', 'AssignableProfile', 'ForumProfile', 'ReadingProfile', 'SurveyProfile'], actions: ['NavigatedTo'] },
  ViewEvent: { profiles: ['MediaProfile', 'AssignableProfile', 'ForumProfile', 'GradingProfile', 'ReadingProfile', 'SurveyProfile'], actions: ['Viewed'] },
  ResourceManagementEvent: {
    profiles: ['ResourceManagementProfile'],
    actions: [
      'Created', 'Copied', 'Modified', 'Deleted', 'Described', 'Downloaded', 'Uploaded', 'Retrieved', 'Printed',
      'Published', 'Unpublished', 'Archived', 'Restored', 'Saved',
    ],
  },
  SearchEvent: { profiles: ['SearchProfile'], actions: ['Searched'] },
  SessionEvent: { profiles: ['SessionProfile'], actions: ['LoggedIn', 'LoggedOut', 'TimedOut'] },
  SurveyInvitationEvent: { profiles: ['SurveyProfile'], actions: ['Sent', 'Accepted', 'Declined'] },
  SurveyEvent: { profiles: ['SurveyProfile'], actions: ['OptedIn', 'OptedOut'] },
  QuestionnaireEvent: { profiles: ['SurveyProfile'], actions: ['Started', 'Submitted'] },
  QuestionnaireItemEvent: { profiles: ['SurveyProfile'], actions: SURVEY_START, generated: true },
  ToolLaunchEvent: { profiles: ['ToolLaunchProfile'], actions: ['Launched', 'Returned'] },
  ToolUseEvent: { profiles: ['ToolUseProfile'], actions: ['Used'] },
  ActivityEvent: { profiles: ['TimebackProfile'], actions: ['Completed'], generated: true },
  TimeSpentEvent: { profiles: ['TimebackProfile'], actions: ['SpentTime'], generated: true },
} as const satisfies Record<string, TypeRule>

type Table = typeof EVENT_TYPES
/** Event types with a fixed action list (the Timeback ones have their own builders). */
export type CaliperEventType = Exclude<keyof Table, 'ActivityEvent' | 'TimeSpentEvent'>
export type CaliperActionOf<T extends string> = T extends keyof Table ? Table[T]['actions'][number] : string
export type CaliperProfileOf<T extends string> = T extends keyof Table ? Table[T]['profiles'][number] : CaliperProfile

/** Any Caliper event: one of the spec's types, or the base `Event` type with a free action. */
export interface CaliperEvent extends EventContextFields {
  id: string
  type: string
  action: string
  profile?: CaliperProfile
  actor: IriOrEntity
  object: IriOrEntity
  eventTime: string
  generated?: IriOrEntity
}

/** An entity described alongside the events of an envelope. */
export interface CaliperEntity {
  '@context'?: string
  id: string
  type: string
  name?: string
  description?: string
  dateCreated?: string
  dateModified?: string
  extensions?: Record<string, unknown>
  otherIdentifiers?: IriOrEntity[]
}

/**
 * Checks an event's type, action and profile against the spec's table; returns the problems with the field
 * each is about. Types outside the table (the base `Event`, extensions) only need a known profile.
 */
export function pairIssues(event: { type?: unknown; action?: unknown; profile?: unknown; generated?: unknown }): { path: string; message: string }[] {
  const rule = (EVENT_TYPES as Record<string, TypeRule>)[event.type as string]
  if (!rule) return []
  const issues: { path: string; message: string }[] = []
  if (typeof event.action === 'string' && !rule.actions.includes(event.action)) {
    issues.push({ path: 'action', message: `${event.type} allows only ${rule.actions.join(', ')}` })
  }
  if (event.profile !== undefined && !rule.profiles.includes(event.profile as CaliperProfile)) {
    issues.push({ path: 'profile', message: `${event.type} belongs to ${rule.profiles.join(' or ')}` })
  }
  if (rule.generated && event.generated === undefined) {
    issues.push({ path: 'generated', message: `is required for ${event.type}` })
  }
  return issues
}

/** The profile an event of `type` belongs to when there is only one; undefined for shared types. */
export function soleProfile(type: string): CaliperProfile | undefined {
  const rule = (EVENT_TYPES as Record<string, TypeRule>)[type]
  return rule?.profiles.length === 1 ? rule.profiles[0] : undefined
}
