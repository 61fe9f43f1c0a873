/**
 * @module services/clr/resources/credentials — CLR 2.0 credentials (`POST /ims/clr/v2p0/credentials/`): the
 * learner record wrapping other credentials about the learner. The service signs what it stores (Timeback is the
 * publisher), so a request's `proof` is optional and the client never holds a key.
 */

import {
  ACHIEVEMENT_CREDENTIAL, checkAchievementCredential, checkCredential, isRecord, needText, needTypes, sentCredential,
  type CredentialAchievement, type IdentityObject, type VerifiableCredentialBase,
} from '../../../core/credential.js'
import type { InputIssue } from '../../../core/errors.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import { requestWithStatus } from '../../../core/resource/with-status.js'
import type { CallOptions } from '../../../core/transport/http.js'

/**
 * How two achievements of a record relate.
 * @example const how: AssociationType = 'isChildOf'
 */
export type AssociationType = 'exactMatchOf' | 'isChildOf' | 'isParentOf' | 'isPartOf' | 'isPeerOf' | 'isRelatedTo' | 'precedes' | 'replacedBy'

/**
 * A link between two achievements of the record (`sourceId` and `targetId` are achievement ids).
 * @example const link: ClrAssociation = { type: 'Association', associationType: 'isPartOf', sourceId: 'https://s.example/a/fractions', targetId: 'https://s.example/a/grade-4-math' }
 */
export interface ClrAssociation {
  type: 'Association'
  associationType: AssociationType
  sourceId: string
  targetId: string
}

/**
 * A Comprehensive Learner Record: `credentialSubject.verifiableCredential` holds the credentials it gathers
 * (Open Badges `AchievementCredential`s or other verifiable credentials about the learner).
 * @example
 * const record: ClrCredential = {
 *   '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
 *   id: 'urn:uuid:…', type: ['VerifiableCredential', 'ClrCredential'], name: 'Ada — grade 4 record',
 *   issuer: { id: 'https://school.example/issuer', type: ['Profile'] }, validFrom: '2026-06-01T00:00:00Z',
 *   credentialSubject: { id: 'urn:example:student-1', type: ['ClrSubject'], verifiableCredential: [badge] },
 * }
 */
export interface ClrCredential extends VerifiableCredentialBase {
  name: string
  credentialSubject: {
    id?: string
    type: string[]
    identifier?: IdentityObject[]
    achievement?: CredentialAchievement[]
    verifiableCredential: (VerifiableCredentialBase & { credentialSubject: Record<string, unknown> })[]
    association?: ClrAssociation[]
    [key: string]: unknown
  }
}

/**
 * What `credentials.upsert` answers: the stored record, now carrying the service's proof.
 * @example const { credential, created }: ClrUpsertResult = await client.credentials.upsert(record)
 */
export interface ClrUpsertResult {
  credential: ClrCredential
  /** true on 201 (a new record), false on 200 (one with the same issuer and id was replaced). */
  created: boolean
}

/**
 * `client.credentials`.
 * @example
 * const { credential, created } = await client.credentials.upsert(record)
 */
export interface ClrCredentialsResource {
  /** POST /ims/clr/v2p0/credentials/ — stores (by issuer and id) and signs the record. */
  upsert(credential: ClrCredential, call?: CallOptions): Promise<ClrUpsertResult>
}

const CLR_CREDENTIAL = {
  context: /^https:\/\/purl\.imsglobal\.org\/spec\/clr\/v2p0\/context(-2\.0\.\d+)?\.json$/,
  contextExample: 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
  types: ['ClrCredential'],
}
const ASSOCIATIONS = ['exactMatchOf', 'isChildOf', 'isParentOf', 'isPartOf', 'isPeerOf', 'isRelatedTo', 'precedes', 'replacedBy']

/** Every problem of a CLR credential, each under its path (`credential.credentialSubject.verifiableCredential.0.issuer`). */
function clrIssues(value: unknown): InputIssue[] {
  const issues: InputIssue[] = []
  const subject = checkCredential(value, 'credential', CLR_CREDENTIAL, issues)
  if (isRecord(value)) needText(issues, value.name, 'credential.name', "the record's name")
  if (!subject) return issues
  const at = 'credential.credentialSubject'
  needTypes(issues, subject.type, `${at}.type`, 'ClrSubject')
  const vcs = subject.verifiableCredential
  if (!Array.isArray(vcs) || vcs.length === 0) {
    issues.push({ path: `${at}.verifiableCredential`, message: 'must be a non-empty array of the credentials this record gathers' })
  } else {
    vcs.forEach((vc: unknown, i: number) => {
      const path = `${at}.verifiableCredential.${i}`
      const types = isRecord(vc) && Array.isArray(vc.type) ? vc.type : []
      // A badge inside the record is checked as a badge; any other credential for the common shape only.
      if (ACHIEVEMENT_CREDENTIAL.types.some((t) => types.includes(t))) checkAchievementCredential(vc, path, issues)
      else checkCredential(vc, path, undefined, issues)
    })
  }
  const links = subject.association
  if (links !== undefined) {
    if (!Array.isArray(links)) issues.push({ path: `${at}.association`, message: 'must be an array of Association' })
    else links.forEach((link: unknown, i: number) => {
      const path = `${at}.association.${i}`
      if (!isRecord(link)) return issues.push({ path, message: 'must be { type: "Association", associationType, sourceId, targetId }' })
      if (link.type !== 'Association') issues.push({ path: `${path}.type`, message: "must be 'Association'" })
      if (!ASSOCIATIONS.includes(link.associationType)) issues.push({ path: `${path}.associationType`, message: `must be one of ${ASSOCIATIONS.join(', ')}` })
      needText(issues, link.sourceId, `${path}.sourceId`, 'an achievement id')
      needText(issues, link.targetId, `${path}.targetId`, 'an achievement id')
    })
  }
  return issues
}

/**
 * Checks a ClrCredential as `credentials.upsert` does (its JSON form, as it would travel), without sending it:
 * each problem with its path, at most 50.
 * @example
 * const issues = checkClrCredential(record)
 * if (issues.length) console.log(issues.map((i) => `${i.path}: ${i.message}`))
 */
export const checkClrCredential = (credential: unknown): InputIssue[] => {
  try {
    sentCredential(credential, clrIssues, '')
    return []
  } catch (error) {
    return (error as { issues: InputIssue[] }).issues
  }
}

/** @example const credentials = createClrCredentials(runtime) */
export function createClrCredentials(ctx: ServiceContext): ClrCredentialsResource {
  return {
    async upsert(credential, call) {
      // Checked as it will travel (see sentCredential), and sent as that very text.
      const json = sentCredential(credential, clrIssues, 'clr.credentials.upsert')
      const { status, body } = await requestWithStatus(ctx, { method: 'POST', path: '/ims/clr/v2p0/credentials/', json }, call)
      return { credential: body as unknown as ClrCredential, created: status === 201 }
    },
  }
}


