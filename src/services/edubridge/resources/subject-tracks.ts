/**
 * @module services/edubridge/resources/subject-tracks — which course a school (or everyone: a global track)
 * follows for a subject and grade (`/edubridge/subject-track/*`), one track at a time or as groups of orgs.
 */

import type { ServiceContext } from '../../../core/resource/context.js'
import { many, none, one, operation } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import { Input, SUBJECTS } from './check.js'

/** A subject track: for `subject` at `grade`, the course to use (in `org`, or everywhere when `org` is null). */
export interface SubjectTrack {
  id: string
  subject: string
  grade: string
  course: { id?: string; sourcedId?: string; title?: string; [key: string]: unknown } | null
  org: { id?: string; sourcedId?: string; name?: string; [key: string]: unknown } | null
  [key: string]: unknown
}

/** What `subjectTracks.upsert` takes (one track per subject, grade and org; no org: the global track). */
export interface SubjectTrackInput {
  subject: string
  /** "-1" (pre-K) to "13". */
  grade: string
  courseId: string
  orgSourcedId?: string
}

/** The key of a group of tracks. */
export interface SubjectTrackGroupKey {
  subject: string
  grade: string
  courseId: string
  isGlobal: boolean
}

/** Tracks sharing subject, grade and course. */
export interface SubjectTrackGroup {
  key: SubjectTrackGroupKey
  tracks: SubjectTrack[]
  [key: string]: unknown
}

/** What `subjectTracks.groups.create` takes. */
export interface SubjectTrackGroupInput {
  subject: string
  grade: string
  courseId: string
  orgSourcedIds: string[]
}

/** What `subjectTracks.groups.update` takes: move a group to `courseId` (from `currentCourseId`), with a conflict strategy. */
export interface SubjectTrackGroupUpdate {
  subject: string
  grade: string
  courseId: string
  /** The orgs of the group after the move (default: its current orgs). */
  orgSourcedIds?: string[]
  /** The course the group leads to now: it names the group, with subject, grade and isGlobal. */
  currentCourseId: string
  isGlobal?: boolean
  /** `replace` existing tracks of those orgs, or `fail` on a conflict. */
  strategy?: 'replace' | 'fail'
}

const PATH = '/edubridge/subject-track/'
const GROUPS = '/edubridge/subject-track/groups'

/** GET /edubridge/subject-track/ — `{ subjectTrack: SubjectTrack[] }`. */
const listOp = /* @__PURE__ */ operation<undefined, SubjectTrack[]>({ method: 'GET', path: PATH, unwrap: many('subjectTrack') })
/** PUT /edubridge/subject-track/ — upsert; `{ subjectTrack: SubjectTrack }`. */
const upsertOp = /* @__PURE__ */ operation<{ body: unknown }, SubjectTrack>({ method: 'PUT', path: PATH, unwrap: one('subjectTrack') })
/** DELETE /edubridge/subject-track/{id} — `{ data: null }`. */
const deleteOp = /* @__PURE__ */ operation<{ id: string }, void>({ method: 'DELETE', path: '/edubridge/subject-track/{id}', unwrap: none })
/** GET /edubridge/subject-track/groups — `{ groups: SubjectTrackGroup[] }`. */
const groupsOp = /* @__PURE__ */ operation<undefined, SubjectTrackGroup[]>({ method: 'GET', path: GROUPS, unwrap: many('groups') })
/** POST / PUT / DELETE /edubridge/subject-track/groups — 204 each (DELETE carries a body). */
const createGroupOp = /* @__PURE__ */ operation<{ body: unknown }, void>({ method: 'POST', path: GROUPS, unwrap: none })
const updateGroupOp = /* @__PURE__ */ operation<{ body: unknown }, void>({ method: 'PUT', path: GROUPS, unwrap: none })
const deleteGroupOp = /* @__PURE__ */ operation<{ body: unknown }, void>({ method: 'DELETE', path: GROUPS, unwrap: none })

/** Subject, grade and course: every track input has them. */
const track = (label: string, input: unknown, more: string): Input =>
  new Input(label, input, `subject|grade|courseId|${more}`).pick('subject', SUBJECTS, true).grade('grade', true).text('courseId', true)

function isGlobal(check: Input): Input {
  if (check.has('isGlobal') && typeof check.v.isGlobal !== 'boolean') check.add('isGlobal', 'must be true or false')
  return check
}

/**
 * `client.subjectTracks`: the course each subject and grade leads to.
 * @example
 * await client.subjectTracks.upsert({ subject: 'Math', grade: '4', courseId: 'math-g4', orgSourcedId: 'school-1' })
 * const groups = await client.subjectTracks.groups.list()
 */
export interface SubjectTracksResource {
  /** GET /edubridge/subject-track/ */
  list(call?: CallOptions): Promise<SubjectTrack[]>
  /** PUT /edubridge/subject-track/ — creates or replaces the track of (subject, grade, org). */
  upsert(input: SubjectTrackInput, call?: CallOptions): Promise<SubjectTrack>
  /** DELETE /edubridge/subject-track/{id} */
  delete(id: string, call?: CallOptions): Promise<void>
  groups: {
    /** GET /edubridge/subject-track/groups */
    list(call?: CallOptions): Promise<SubjectTrackGroup[]>
    /** POST /edubridge/subject-track/groups — one track per org. */
    create(input: SubjectTrackGroupInput, call?: CallOptions): Promise<void>
    /** PUT /edubridge/subject-track/groups */
    update(input: SubjectTrackGroupUpdate, call?: CallOptions): Promise<void>
    /** DELETE /edubridge/subject-track/groups — the group with that key. */
    delete(input: SubjectTrackGroupKey, call?: CallOptions): Promise<void>
  }
}

/**
 * Builds `client.subjectTracks`.
 * @example const tracks = await createSubjectTracks(ctx).list()
 */
export function createSubjectTracks(ctx: ServiceContext): SubjectTracksResource {
  return {
    list: (call) => listOp(ctx, undefined, call),
    upsert: async (input, call) =>
      upsertOp(ctx, { body: track('subjectTracks.upsert', input, 'orgSourcedId').text('orgSourcedId').done() }, call),
    delete: (id, call) => deleteOp(ctx, { id }, call),
    groups: {
      list: (call) => groupsOp(ctx, undefined, call),
      create: async (input, call) =>
        createGroupOp(ctx, { body: track('subjectTracks.groups.create', input, 'orgSourcedIds').list('orgSourcedIds', true).done() }, call),
      update: async (input, call) => {
        const check = track('subjectTracks.groups.update', input, 'orgSourcedIds|currentCourseId|isGlobal|strategy')
        isGlobal(check.list('orgSourcedIds').text('currentCourseId', true).pick('strategy', 'replace|fail'))
        return updateGroupOp(ctx, { body: check.done() }, call)
      },
      delete: async (input, call) =>
        deleteGroupOp(ctx, { body: isGlobal(track('subjectTracks.groups.delete', input, 'isGlobal')).done() }, call),
    },
  }
}
