// EduBridge subject tracks: which course a (subject, grade) leads to, per school or globally (no org), and the
// groups view (tracks sharing subject, grade, course and globality). A track is keyed by subject + grade + org.
import { route, type Ctx, type Route } from '../context.js'
import { HttpError, json, noContent } from '../http.js'
import type { OneRosterStore } from '../oneroster/state.js'
import { activeOr404, bodyObject, GRADES, oneOf, rosterOf, SUBJECTS, text, type Row } from './common.js'
import type { EduBridgeState, SubjectTrack } from './state.js'

const T = '/edubridge/subject-track'
const keyOf = (subject: string, grade: string, org: string | null) => `${subject}\u0000${grade}\u0000${org ?? ''}`

function view(store: OneRosterStore, t: SubjectTrack): Row {
  return {
    id: t.id, grade: t.grade, subject: t.subject,
    course: { id: t.courseId, title: store.get('courses', t.courseId)?.title ?? null },
    org: t.orgSourcedId === null ? null : { id: t.orgSourcedId, name: store.get('orgs', t.orgSourcedId)?.name ?? null },
  }
}

/** subject, grade (a string "-1".."13") and an existing course, checked in that order. */
function basics(store: OneRosterStore, body: Row): { subject: string; grade: string; courseId: string } {
  const subject = oneOf(body.subject, SUBJECTS, 'subject')
  const grade = oneOf(body.grade, GRADES, 'grade')
  const courseId = activeOr404(store, 'courses', text(body, 'courseId', true), 'Course').sourcedId
  return { subject, grade, courseId }
}

function orgList(store: OneRosterStore, body: Row, required: boolean): string[] {
  const ids = body.orgSourcedIds
  if (ids === undefined && !required) return []
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id === '') || (required && ids.length === 0)) {
    throw new HttpError(400, "'orgSourcedIds' must be a non-empty array of org sourcedIds.")
  }
  return ids.map((id) => activeOr404(store, 'orgs', id as string, 'Org').sourcedId)
}

function flag(body: Row, field: string): boolean {
  const v = body[field] ?? false
  if (typeof v !== 'boolean') throw new HttpError(400, `'${field}' must be a boolean.`)
  return v
}

function put(state: EduBridgeState, ctx: Ctx, track: Omit<SubjectTrack, 'id'>): SubjectTrack {
  const key = keyOf(track.subject, track.grade, track.orgSourcedId)
  const stored = { id: state.tracks.get(key)?.id ?? ctx.env.newId(), ...track }
  state.tracks.set(key, stored)
  return stored
}

async function upsert(state: EduBridgeState, ctx: Ctx): Promise<Response> {
  const store = rosterOf(ctx)
  const body = await bodyObject(ctx)
  const b = basics(store, body)
  const org = text(body, 'orgSourcedId')
  const orgSourcedId = org === undefined ? null : activeOr404(store, 'orgs', org, 'Org').sourcedId
  return json({ subjectTrack: view(store, put(state, ctx, { ...b, orgSourcedId })) })
}

function remove(state: EduBridgeState, ctx: Ctx): Response {
  const hit = [...state.tracks].find(([, t]) => t.id === ctx.params.id)
  if (!hit) throw new HttpError(404, `Subject track '${ctx.params.id}' not found.`)
  state.tracks.delete(hit[0])
  return json({ data: null })
}

const inGroup = (t: SubjectTrack, subject: string, grade: string, courseId: string, isGlobal: boolean): boolean =>
  t.subject === subject && t.grade === grade && t.courseId === courseId && (t.orgSourcedId === null) === isGlobal

function groups(state: EduBridgeState, ctx: Ctx): Response {
  const store = rosterOf(ctx)
  const out = new Map<string, { key: Row; tracks: Row[] }>()
  for (const t of state.tracks.values()) {
    const isGlobal = t.orgSourcedId === null
    const id = `${t.subject}\u0000${t.grade}\u0000${t.courseId}\u0000${isGlobal}`
    let g = out.get(id)
    if (!g) out.set(id, (g = { key: { subject: t.subject, grade: t.grade, courseId: t.courseId, isGlobal }, tracks: [] }))
    g.tracks.push(view(store, t))
  }
  return json({ groups: [...out.values()] })
}

/** POST: a track to the course for each org; an org already tracked to another course is a 409. */
async function createGroup(state: EduBridgeState, ctx: Ctx): Promise<Response> {
  const store = rosterOf(ctx)
  const body = await bodyObject(ctx)
  const b = basics(store, body)
  const orgs = orgList(store, body, true)
  for (const org of orgs) {
    const existing = state.tracks.get(keyOf(b.subject, b.grade, org))
    if (existing && existing.courseId !== b.courseId) throw new HttpError(409, `Org '${org}' already tracks ${b.subject} grade ${b.grade} to course '${existing.courseId}'.`)
  }
  for (const org of orgs) put(state, ctx, { ...b, orgSourcedId: org })
  return noContent()
}

/**
 * PUT: the group (subject, grade, currentCourseId, isGlobal) now leads to `courseId`, for the orgs listed (or the
 * global track). An org tracked to a third course blocks the move (`strategy: 'fail'`, 409) or is taken over
 * (`'replace'`).
 */
async function updateGroup(state: EduBridgeState, ctx: Ctx): Promise<Response> {
  const store = rosterOf(ctx)
  const body = await bodyObject(ctx)
  const b = basics(store, body)
  const current = activeOr404(store, 'courses', text(body, 'currentCourseId', true), 'Course').sourcedId
  const isGlobal = flag(body, 'isGlobal')
  const strategy = body.strategy === undefined ? 'fail' : oneOf(body.strategy, ['replace', 'fail'], 'strategy')
  const members = [...state.tracks].filter(([, t]) => inGroup(t, b.subject, b.grade, current, isGlobal))
  if (members.length === 0) throw new HttpError(404, `No ${isGlobal ? 'global' : 'org'} ${b.subject} grade ${b.grade} tracks lead to course '${current}'.`)
  // The group's orgs become the listed ones (all of its current ones when none are listed).
  const listed = isGlobal ? [] : orgList(store, body, false)
  const targets = isGlobal ? [null] : listed.length ? listed : members.map(([, t]) => t.orgSourcedId)
  for (const org of targets) {
    const other = state.tracks.get(keyOf(b.subject, b.grade, org))
    if (other && other.courseId !== current && other.courseId !== b.courseId && strategy === 'fail') {
      throw new HttpError(409, `Org '${org}' already tracks ${b.subject} grade ${b.grade} to course '${other.courseId}' (strategy 'replace' takes it over).`)
    }
  }
  const kept = new Set(targets.map((org) => keyOf(b.subject, b.grade, org)))
  for (const [key] of members) if (!kept.has(key)) state.tracks.delete(key)
  for (const org of targets) put(state, ctx, { ...b, orgSourcedId: org })
  return noContent()
}

async function deleteGroup(state: EduBridgeState, ctx: Ctx): Promise<Response> {
  const body = await bodyObject(ctx)
  const subject = oneOf(body.subject, SUBJECTS, 'subject')
  const grade = oneOf(body.grade, GRADES, 'grade')
  const courseId = text(body, 'courseId', true)
  const isGlobal = flag(body, 'isGlobal')
  const members = [...state.tracks].filter(([, t]) => inGroup(t, subject, grade, courseId, isGlobal))
  if (members.length === 0) throw new HttpError(404, `No such subject track group (${subject}, grade ${grade}, course '${courseId}').`)
  for (const [key] of members) state.tracks.delete(key)
  return noContent()
}

export function trackRoutes(state: EduBridgeState): Route[] {
  return [
    route('GET', `${T}/`, 'listSubjectTracks', (ctx) => json({ subjectTrack: [...state.tracks.values()].map((t) => view(rosterOf(ctx), t)) })),
    route('PUT', `${T}/`, 'upsertSubjectTrack', (ctx) => upsert(state, ctx)),
    route('DELETE', `${T}/{id}`, 'deleteSubjectTrack', (ctx) => remove(state, ctx)),
    route('GET', `${T}/groups`, 'listSubjectTrackGroups', (ctx) => groups(state, ctx)),
    route('POST', `${T}/groups`, 'createSubjectTrackGroup', (ctx) => createGroup(state, ctx)),
    route('PUT', `${T}/groups`, 'updateSubjectTrackGroup', (ctx) => updateGroup(state, ctx)),
    route('DELETE', `${T}/groups`, 'deleteSubjectTrackGroup', (ctx) => deleteGroup(state, ctx)),
  ]
}
