/**
 * @module services/openbadges/resources/achievements — Timeback's achievement records (`/ims/ob/v3p0/achievements/`):
 * OneRoster-style rows (sourcedId, status, soft delete) that badges are issued from, listed by offset with a
 * `totalCount`, and each student's achievements with the badges issued to them.
 */

import type { InputIssue } from '../../../core/errors.js'
import { InputValidationError } from '../../../core/errors.js'
import { compileListQuery, type StreamParams } from '../../../core/list-query.js'
import { byId, fetchPages, listing, offsetPaging, pageOf, type Listing } from '../../../core/paging/listing.js'
import type { RawPage } from '../../../core/pagination.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { none, one, operation, type Query } from '../../../core/resource/operation.js'
import type { CallOptions } from '../../../core/transport/http.js'
import type { Where } from '../../../core/where.js'
import type { OpenBadgeCredential } from '../../../core/credential.js'

/**
 * 1EdTech's achievement types (an `ext:` prefix names an extension type).
 * @example const kind: AchievementType = 'Competency'
 */
export type AchievementType =
  | 'Achievement' | 'ApprenticeshipCertificate' | 'Assessment' | 'Assignment' | 'AssociateDegree' | 'Award' | 'Badge'
  | 'BachelorDegree' | 'Certificate' | 'CertificateOfCompletion' | 'Certification' | 'CommunityService' | 'Competency'
  | 'Course' | 'CoCurricular' | 'Degree' | 'Diploma' | 'DoctoralDegree' | 'Fieldwork' | 'GeneralEducationDevelopment'
  | 'JourneymanCertificate' | 'LearningProgram' | 'License' | 'Membership' | 'ProfessionalDoctorate'
  | 'QualityAssuranceCredential' | 'MasterCertificate' | 'MasterDegree' | 'MicroCredential' | 'ResearchDoctorate'
  | 'SecondarySchoolDiploma' | `ext:${string}`

/**
 * An achievement record (not the Open Badges JSON-LD class: `criteria` is plain text here).
 * @example const a: Achievement = await client.achievements.get('fractions')
 */
export interface Achievement {
  sourcedId: string
  status: 'active' | 'tobedeleted'
  dateLastModified?: string
  metadata?: Record<string, unknown> | null
  name: string
  description: string
  achievementType: AchievementType
  criteria: string
  image?: string | null
  tag: string[]
  [key: string]: unknown
}

/**
 * What `achievements.create` takes (the service fills `status: 'active'`, `achievementType: 'Achievement'`, `tag: []`).
 * @example const input: AchievementInput = { name: 'Fractions', description: 'Adds fractions', criteria: 'Pass the unit test', tag: ['math'] }
 */
export interface AchievementInput {
  /** Your id; the service allocates one when left out. */
  sourcedId?: string
  name: string
  description: string
  /** What earns it, in words. */
  criteria: string
  status?: 'active' | 'tobedeleted'
  achievementType?: AchievementType
  /** An image URL. */
  image?: string
  tag?: string[]
  metadata?: Record<string, unknown>
}

/**
 * A badge issued to the student, as the per-student listing shows it.
 * @example const [first] = (await client.achievements.forStudent('student-1').listAll())[0]?.issuedBadges ?? []
 */
export interface IssuedBadge {
  creatorId?: string
  studentSourcedId: string
  achievementSourcedId: string
  dateEarned: string
  data: OpenBadgeCredential
  status: string
  [key: string]: unknown
}

/**
 * An achievement and the badges of it issued to one student.
 * @example for await (const a of client.achievements.forStudent('student-1').stream()) console.log(a.name, a.issuedBadges.length)
 */
export type AchievementWithBadges = Achievement & { issuedBadges: IssuedBadge[] }

/**
 * List parameters: OneRoster's (`where` typed by the achievement's fields, `filter`, `sort`, `fields`…) and offset paging.
 * @example const params: AchievementListParams = { where: { status: 'active' }, sort: 'name', limit: 50 }
 */
export type AchievementListParams = StreamParams<Where<Achievement>>

/**
 * `client.achievements`.
 * @example
 * const { allocatedSourcedId } = await client.achievements.create({ name: 'Fractions', description: 'Adds fractions', criteria: 'Pass the unit test' })
 * for await (const a of client.achievements.stream({ where: { status: 'active' } })) console.log(a.name)
 * const mine = await client.achievements.forStudent('student-1').listAll()
 */
export interface AchievementsResource extends Listing<Achievement, AchievementListParams> {
  /** GET /ims/ob/v3p0/achievements/{sourcedId} */
  get(sourcedId: string, call?: CallOptions): Promise<Achievement>
  /** POST /ims/ob/v3p0/achievements/ — 201 with the supplied and allocated sourcedIds. */
  create(input: AchievementInput, call?: CallOptions): Promise<{ suppliedSourcedId?: string; allocatedSourcedId: string }>
  /** PUT /ims/ob/v3p0/achievements/{sourcedId} — the fields given replace those stored (204). */
  update(sourcedId: string, changes: Partial<AchievementInput>, call?: CallOptions): Promise<void>
  /** DELETE /ims/ob/v3p0/achievements/{sourcedId} — soft delete: `status` becomes `tobedeleted` (204). */
  delete(sourcedId: string, call?: CallOptions): Promise<void>
  /** GET /ims/ob/v3p0/achievements/students/{studentSourcedId} — list/stream/listAll of the student's achievements with their issued badges. */
  forStudent(studentSourcedId: string): Listing<AchievementWithBadges, AchievementListParams>
}

const TYPES = 'Achievement ApprenticeshipCertificate Assessment Assignment AssociateDegree Award Badge BachelorDegree Certificate CertificateOfCompletion Certification CommunityService Competency Course CoCurricular Degree Diploma DoctoralDegree Fieldwork GeneralEducationDevelopment JourneymanCertificate LearningProgram License Membership ProfessionalDoctorate QualityAssuranceCredential MasterCertificate MasterDegree MicroCredential ResearchDoctorate SecondarySchoolDiploma'
const TEXT_FIELDS = ['sourcedId', 'name', 'description', 'criteria', 'image']

/** Every problem of an achievement input; `whole` requires name, description and criteria. */
function achievementIssues(input: unknown, whole: boolean): InputIssue[] {
  const root = 'achievement'
  if (!input || typeof input !== 'object' || Array.isArray(input)) return [{ path: root, message: 'must be an object { name, description, criteria }' }]
  const issues: InputIssue[] = []
  const a = input as Record<string, unknown>
  for (const key of Object.keys(a)) {
    const value = a[key]
    const path = `${root}.${key}`
    if (value === undefined) continue
    if (TEXT_FIELDS.includes(key)) {
      if (typeof value !== 'string' || value.trim() === '') issues.push({ path, message: 'must be a non-empty string' })
    } else if (key === 'status') {
      if (value !== 'active' && value !== 'tobedeleted') issues.push({ path, message: "must be 'active' or 'tobedeleted'" })
    } else if (key === 'achievementType') {
      if (typeof value !== 'string' || !(TYPES.split(' ').includes(value) || /^ext:\S+$/.test(value))) {
        issues.push({ path, message: "must be a 1EdTech achievement type such as 'Badge', 'Certificate' or 'Competency' (or 'ext:YourType')" })
      }
    } else if (key === 'tag') {
      if (!Array.isArray(value) || !value.every((t) => typeof t === 'string')) issues.push({ path, message: 'must be an array of strings' })
    } else if (key === 'metadata') {
      if (!value || typeof value !== 'object' || Array.isArray(value)) issues.push({ path, message: 'must be an object' })
    } else {
      issues.push({ path, message: 'is not a field of an achievement (name, description, criteria, sourcedId, status, achievementType, image, tag, metadata)' })
    }
  }
  if (whole) for (const key of ['name', 'description', 'criteria']) if (a[key] === undefined) issues.push({ path: `${root}.${key}`, message: 'is required' })
  if (!whole && Object.keys(a).every((k) => a[k] === undefined)) issues.push({ path: root, message: 'must change at least one field' })
  return issues
}

function body(whole: boolean, label: string) {
  return (params: { body?: unknown }) => {
    const issues = achievementIssues(params.body, whole)
    if (issues.length) throw new InputValidationError(issues, label)
    return { achievement: params.body }
  }
}

const BASE = '/ims/ob/v3p0/achievements/'
/** GET /ims/ob/v3p0/achievements/ — `{ achievements, totalCount, pageCount, pageNumber, offset, limit }`. */
const listOp = /* @__PURE__ */ operation<{ query: Query }, RawPage<Achievement>>({ method: 'GET', path: BASE, unwrap: pageOf('achievements', 'totalCount') })
/** GET /ims/ob/v3p0/achievements/students/{studentSourcedId} — `{ achievementsWithIssuedBadges, totalCount, … }`; 404 unknown student. */
const studentOp = /* @__PURE__ */ operation<{ query: Query }, RawPage<AchievementWithBadges>>({
  method: 'GET', path: `${BASE}students/{studentSourcedId}`, unwrap: pageOf('achievementsWithIssuedBadges', 'totalCount'),
})
const getOp = /* @__PURE__ */ operation<{ sourcedId: string }, Achievement>({ method: 'GET', path: `${BASE}{sourcedId}`, unwrap: one('achievement') })
/** POST — 201 `{ sourcedIdPairs: { suppliedSourcedId, allocatedSourcedId } }`. */
const createOp = /* @__PURE__ */ operation<{ body: AchievementInput }, { suppliedSourcedId?: string; allocatedSourcedId: string }>({
  method: 'POST', path: BASE, body: body(true, 'openbadges.achievements.create'), unwrap: one('sourcedIdPairs'),
})
const updateOp = /* @__PURE__ */ operation<{ sourcedId: string; body: Partial<AchievementInput> }, void>({
  method: 'PUT', path: `${BASE}{sourcedId}`, body: body(false, 'openbadges.achievements.update'), unwrap: none,
})
const deleteOp = /* @__PURE__ */ operation<{ sourcedId: string }, void>({ method: 'DELETE', path: `${BASE}{sourcedId}`, unwrap: none })

/** @example const achievements = createAchievements(runtime) */
export function createAchievements(ctx: ServiceContext): AchievementsResource {
  const all = listing(fetchPages(ctx, listOp), offsetPaging, compileListQuery, byId<Achievement>('sourcedId'))
  return {
    ...all,
    get: (sourcedId, call) => getOp(ctx, { sourcedId }, call),
    create: (input, call) => createOp(ctx, { body: input }, call),
    update: (sourcedId, changes, call) => updateOp(ctx, { sourcedId, body: changes }, call),
    delete: (sourcedId, call) => deleteOp(ctx, { sourcedId }, call),
    forStudent(studentSourcedId) {
      // Checked now, not at the first page: a bad id is refused before anything is listed.
      operationIdCheck(studentSourcedId)
      return listing(fetchPages(ctx, studentOp, { studentSourcedId }), offsetPaging, compileListQuery, byId<AchievementWithBadges>('sourcedId'))
    },
  }
}

function operationIdCheck(id: unknown): void {
  if (typeof id !== 'string' || id.trim() === '' || id === '.' || id === '..') {
    throw new InputValidationError([{ path: 'studentSourcedId', message: "must be a student's OneRoster sourcedId (a non-empty string, not '.' or '..')" }])
  }
}
