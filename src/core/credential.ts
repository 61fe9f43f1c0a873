/**
 * @module core/credential — the checks that refuse a verifiable credential missing what the 1EdTech record
 * services require, before any request (the shapes are in ./credential-types.ts). Services pass their own context and type
 * names; the Open Badges 3.0 achievement shape lives here because more than one service carries it.
 */

import type { CredentialKind } from './credential-types.js'
import { InputValidationError, type InputIssue } from './errors.js'

export type {
  AchievementCredential, CredentialAchievement, CredentialIssuer, CredentialKind, CredentialProof, IdentityObject, OpenBadgeCredential, VerifiableCredentialBase,
} from './credential-types.js'

const VC_CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/2018/credentials/v1']
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

/**
 * Open Badges 3.0 credentials: the OB context (versioned or not) and type `OpenBadgeCredential`.
 * @example checkCredential(input, 'credential', ACHIEVEMENT_CREDENTIAL, issues)
 */
export const ACHIEVEMENT_CREDENTIAL: CredentialKind = {
  context: /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.0\.\d+)?\.json$/,
  contextExample: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  types: ['OpenBadgeCredential', 'AchievementCredential'],
}

/**
 * A plain object (not an array, not null).
 * @example isRecord({}) // true; isRecord([]) // false
 */
export const isRecord = (value: unknown): value is Record<string, any> => !!value && typeof value === 'object' && !Array.isArray(value)
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''
const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value)

/** The most problems one refusal lists: a record of 200,000 broken badges made a message of 150 MB. */
const MAX_ISSUES = 50

/**
 * The JSON text a credential is sent as, once `issuesOf` finds nothing wrong with that text read back: the checks
 * see exactly what travels, not fields the JSON leaves out (inherited or prototype getters, a `toJSON`, undefined).
 * A value JSON cannot hold (a cycle, a BigInt) is refused at `credential`; at most 50 problems are listed.
 * @example
 * const json = sentCredential(badge, (v) => { const issues: InputIssue[] = []; checkAchievementCredential(v, 'credential', issues); return issues }, 'credentials.upsert')
 * await transport.request({ method: 'POST', path, json })
 */
export function sentCredential(credential: unknown, issuesOf: (value: unknown) => InputIssue[], label: string): string {
  let json: string | undefined
  try {
    json = JSON.stringify(credential)
  } catch (error) {
    throw new InputValidationError([{ path: 'credential', message: `cannot be sent as JSON: ${String((error as Error)?.message).split('\n')[0]}` }], label)
  }
  const issues = issuesOf(json === undefined ? undefined : JSON.parse(json))
  if (issues.length > MAX_ISSUES) issues.splice(MAX_ISSUES, Infinity, { path: 'credential', message: `and ${issues.length - MAX_ISSUES} more problems` })
  if (issues.length) throw new InputValidationError(issues, label)
  return json!
}

/**
 * Adds an issue when `value` is not a non-empty string.
 * @example needText(issues, input.name, 'credential.name', "the record's name")
 */
export function needText(issues: InputIssue[], value: unknown, path: string, what = 'a non-empty string'): boolean {
  if (isText(value)) return true
  issues.push({ path, message: value === undefined ? `is required (${what})` : `must be ${what}, got ${kindOf(value)}` })
  return false
}

/**
 * Adds an issue when `value` is not an array of strings holding `wanted` (and one of `oneOf`, when given).
 * @example needTypes(issues, input.type, 'credential.type', 'VerifiableCredential', ['ClrCredential'])
 */
export function needTypes(issues: InputIssue[], value: unknown, path: string, wanted: string | undefined, oneOf: readonly string[] = []): void {
  const example = `[${[wanted, oneOf[0]].filter(Boolean).map((t) => `'${t}'`).join(', ')}]`
  if (!Array.isArray(value) || !value.every((t) => typeof t === 'string')) {
    issues.push({ path, message: `${value === undefined ? 'is required' : `must be an array of strings, got ${kindOf(value)}`}: use ${example}` })
    return
  }
  if (wanted && !value.includes(wanted)) issues.push({ path, message: `must include '${wanted}': use ${example}` })
  if (oneOf.length && !oneOf.some((t) => value.includes(t))) issues.push({ path, message: `must include ${oneOf.map((t) => `'${t}'`).join(' or ')}` })
}

function needDate(issues: InputIssue[], value: unknown, path: string, required: boolean): void {
  if (value === undefined && !required) return
  if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    issues.push({ path, message: `${value === undefined ? 'is required' : 'must be'} an ISO 8601 date-time with a zone, such as 2026-03-02T10:00:00Z` })
  }
}

/**
 * Checks what every verifiable credential of `kind` needs (contexts, id, types, issuer, validFrom, a subject
 * object, proofs' shape) and adds one issue per problem under `path`. Answers the subject, when it is an object.
 * @example
 * const issues: InputIssue[] = []
 * const subject = checkCredential(input, 'credential', ACHIEVEMENT_CREDENTIAL, issues)
 */
export function checkCredential(value: unknown, path: string, kind: CredentialKind | undefined, issues: InputIssue[]): Record<string, any> | undefined {
  if (!isRecord(value)) {
    issues.push({ path, message: `must be a credential object, got ${kindOf(value)}` })
    return undefined
  }
  const contexts = value['@context']
  const at = `${path}.@context`
  if (!Array.isArray(contexts) || contexts.length === 0) {
    issues.push({ path: at, message: `must be an array starting with '${VC_CONTEXTS[0]}'${kind ? ` and including '${kind.contextExample}'` : ''}` })
  } else {
    if (!VC_CONTEXTS.includes(contexts[0])) issues.push({ path: at, message: `must start with the W3C credentials context '${VC_CONTEXTS[0]}'` })
    if (kind && !contexts.some((c) => typeof c === 'string' && kind.context.test(c))) {
      issues.push({ path: at, message: `must include the context '${kind.contextExample}'` })
    }
  }
  needText(issues, value.id, `${path}.id`, "a URI such as 'urn:uuid:…'")
  needTypes(issues, value.type, `${path}.type`, 'VerifiableCredential', kind?.types)
  const issuer = value.issuer
  if (isRecord(issuer)) {
    needText(issues, issuer.id, `${path}.issuer.id`, "the issuer's URI")
    needTypes(issues, issuer.type, `${path}.issuer.type`, 'Profile')
  } else {
    needText(issues, issuer, `${path}.issuer`, "the issuer's URI or a profile { id, type: ['Profile'] }")
  }
  needDate(issues, value.validFrom, `${path}.validFrom`, true)
  needDate(issues, value.validUntil, `${path}.validUntil`, false)
  if (isText(value.validFrom) && isText(value.validUntil) && Date.parse(value.validUntil) < Date.parse(value.validFrom)) {
    issues.push({ path: `${path}.validUntil`, message: 'must not be before validFrom' })
  }
  const proofs = value.proof === undefined ? [] : Array.isArray(value.proof) ? value.proof : [value.proof]
  proofs.forEach((proof: unknown, i: number) => {
    if (!isRecord(proof) || !isText(proof.type)) issues.push({ path: `${path}.proof.${i}`, message: 'must be a proof object with a type (or leave proof out: the service signs)' })
  })
  const subject = value.credentialSubject
  if (!isRecord(subject)) {
    issues.push({ path: `${path}.credentialSubject`, message: `${subject === undefined ? 'is required' : `must be an object, got ${kindOf(subject)}`}: who the credential is about` })
    return undefined
  }
  return subject
}

/**
 * Checks an Open Badges 3.0 credential: the common shape, then its subject (`AchievementSubject`, identified by
 * `id` or `identifier`) and the achievement (id, type, name, description, criteria).
 * @example
 * const issues: InputIssue[] = []
 * checkAchievementCredential(badge, 'credential', issues)
 * if (issues.length) throw new InputValidationError(issues, 'credentials.upsert')
 */
export function checkAchievementCredential(value: unknown, path: string, issues: InputIssue[]): void {
  const subject = checkCredential(value, path, ACHIEVEMENT_CREDENTIAL, issues)
  if (!subject) return
  const at = `${path}.credentialSubject`
  needTypes(issues, subject.type, `${at}.type`, 'AchievementSubject')
  const ids = subject.identifier
  if (subject.id === undefined && ids === undefined) {
    issues.push({ path: `${at}.id`, message: 'is required: the learner as a URI, or give identifier [{ type: "IdentityObject", identityHash, identityType, hashed }]' })
  }
  if (subject.id !== undefined) needText(issues, subject.id, `${at}.id`, "the learner's URI")
  if (ids !== undefined) {
    if (!Array.isArray(ids)) issues.push({ path: `${at}.identifier`, message: 'must be an array of IdentityObject' })
    else ids.forEach((id: unknown, i: number) => {
      const p = `${at}.identifier.${i}`
      if (!isRecord(id)) return issues.push({ path: p, message: 'must be an IdentityObject { type, identityHash, identityType, hashed }' })
      if (id.type !== 'IdentityObject') issues.push({ path: `${p}.type`, message: "must be 'IdentityObject'" })
      needText(issues, id.identityHash, `${p}.identityHash`)
      needText(issues, id.identityType, `${p}.identityType`, "a type such as 'emailAddress' or 'sourcedId'")
      if (typeof id.hashed !== 'boolean') issues.push({ path: `${p}.hashed`, message: 'must be true or false' })
    })
  }
  const achievement = subject.achievement
  const ap = `${at}.achievement`
  if (!isRecord(achievement)) {
    issues.push({ path: ap, message: `${achievement === undefined ? 'is required' : 'must be an object'}: { id, type: ['Achievement'], name, description, criteria: { narrative } }` })
    return
  }
  needText(issues, achievement.id, `${ap}.id`, "the achievement's URI")
  needTypes(issues, achievement.type, `${ap}.type`, 'Achievement')
  needText(issues, achievement.name, `${ap}.name`)
  needText(issues, achievement.description, `${ap}.description`)
  const criteria = achievement.criteria
  if (!isRecord(criteria) || (!isText(criteria.narrative) && !isText(criteria.id))) {
    issues.push({ path: `${ap}.criteria`, message: 'is required: { narrative: "what earns it" } (or { id } of a criteria page)' })
  }
}
