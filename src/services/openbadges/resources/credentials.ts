/**
 * @module services/openbadges/resources/credentials — badge credentials: upsert (`POST /ims/ob/v3p0/credentials/`,
 * stored by issuer and id) and issue (`POST /ims/ob/v3p0/issue-badge/`: the service builds and signs a credential
 * of one of its achievements for a OneRoster student).
 */

import { checkAchievementCredential, sentCredential, type OpenBadgeCredential } from '../../../core/credential.js'
import { InputValidationError, type InputIssue } from '../../../core/errors.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { one, operation } from '../../../core/resource/operation.js'
import { requestWithStatus } from '../../../core/resource/with-status.js'
import type { CallOptions } from '../../../core/transport/http.js'

/**
 * What `credentials.issue` takes: a OneRoster student and one of the service's achievements.
 * @example const input: IssueBadgeInput = { userId: 'student-1', achievementId: 'fractions', validUntil: new Date('2027-06-30T00:00:00Z') }
 */
export interface IssueBadgeInput {
  /** The student's OneRoster sourcedId. */
  userId: string
  /** The achievement's sourcedId. */
  achievementId: string
  /** ISO 8601 date-time (or a Date); the service's default is now. */
  validFrom?: string | Date
  /** When it was earned; the service's default is now. */
  awardedDate?: string | Date
  validUntil?: string | Date
}

/**
 * What `credentials.upsert` answers.
 * @example const { created }: BadgeUpsertResult = await client.credentials.upsert(badge)
 */
export interface BadgeUpsertResult {
  credential: OpenBadgeCredential
  /** true on 201 (new), false on 200 (the credential with this issuer and id was replaced). */
  created: boolean
}

/**
 * `client.credentials`.
 * @example
 * const badge = await client.credentials.issue({ userId: 'student-1', achievementId: 'fractions' })
 * const { created } = await client.credentials.upsert(myBadge)
 */
export interface BadgeCredentialsResource {
  /** POST /ims/ob/v3p0/credentials/ — checked before the request. */
  upsert(credential: OpenBadgeCredential, call?: CallOptions): Promise<BadgeUpsertResult>
  /** POST /ims/ob/v3p0/issue-badge/ — the signed credential (404 unknown student or achievement). */
  issue(input: IssueBadgeInput, call?: CallOptions): Promise<OpenBadgeCredential>
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
const ISSUE_FIELDS = ['userId', 'achievementId', 'validFrom', 'awardedDate', 'validUntil']

/** The issue body: ids checked, Dates as ISO strings, on a copy (the caller's object is left as it was). */
function issueBody(params: { body?: unknown }): Record<string, string> {
  const input = params.body
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new InputValidationError([{ path: 'input', message: 'must be an object { userId, achievementId }' }], 'openbadges.credentials.issue')
  }
  const issues: InputIssue[] = []
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue
    if (!ISSUE_FIELDS.includes(key)) {
      issues.push({ path: key, message: `is not a parameter of credentials.issue (${ISSUE_FIELDS.join(', ')})` })
    } else if (key === 'userId' || key === 'achievementId') {
      if (typeof value === 'string' && value.trim() !== '') out[key] = value
      else issues.push({ path: key, message: 'must be a non-empty sourcedId' })
    } else if (value instanceof Date && !Number.isNaN(value.getTime())) {
      out[key] = value.toISOString()
    } else if (typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) {
      out[key] = value
    } else {
      issues.push({ path: key, message: 'must be a Date or an ISO 8601 date-time with a zone, such as 2026-03-02T10:00:00Z' })
    }
  }
  for (const key of ['userId', 'achievementId']) if (!(key in out) && !issues.some((i) => i.path === key)) issues.push({ path: key, message: 'is required' })
  if (issues.length) throw new InputValidationError(issues, 'openbadges.credentials.issue')
  return out
}

/** POST /ims/ob/v3p0/issue-badge/ — 200 with the signed credential (bare, or under `credential`). */
const issueOp = /* @__PURE__ */ operation<{ body: IssueBadgeInput }, OpenBadgeCredential>({
  method: 'POST', path: '/ims/ob/v3p0/issue-badge/', body: issueBody, unwrap: one('credential'),
})

const badgeIssues = (value: unknown): InputIssue[] => {
  const issues: InputIssue[] = []
  checkAchievementCredential(value, 'credential', issues)
  return issues
}

/** @example const credentials = createBadgeCredentials(runtime) */
export function createBadgeCredentials(ctx: ServiceContext): BadgeCredentialsResource {
  return {
    async upsert(credential, call) {
      // Checked as it will travel (see sentCredential), and sent as that very text.
      const json = sentCredential(credential, badgeIssues, 'openbadges.credentials.upsert')
      const { status, body } = await requestWithStatus(ctx, { method: 'POST', path: '/ims/ob/v3p0/credentials/', json }, call)
      return { credential: body as unknown as OpenBadgeCredential, created: status === 201 }
    },
    issue: (input, call) => issueOp(ctx, { body: input }, call),
  }
}
