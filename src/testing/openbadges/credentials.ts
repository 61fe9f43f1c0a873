// Badge credentials of the emulated Open Badges service: the upsert (by issuer id and credential id: 201 new,
// 200 replaced; signed with the platform key when it came without a proof), issue-badge (a signed credential
// of one of its achievements for a OneRoster student) and the verify route, which checks embedded proofs by the
// platform key, the validity window and the shape, answering `{ valid, errors, warnings, details }`.
import { route, type Route } from '../context.js'
import { badRequest, HttpError, json } from '../http.js'
import { achievementOf, studentOf } from './achievements.js'
import { credentialProblems, isObject, issuerIdOf, OB_RULE } from './shape.js'
import { platformIssuer, type OpenBadgesState } from './state.js'

const ISSUE_FIELDS = new Set(['userId', 'achievementId', 'validFrom', 'awardedDate', 'validUntil'])

function dateField(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw badRequest(`${key} must be an ISO 8601 date-time.`)
  return new Date(value).toISOString()
}

async function issue(s: OpenBadgesState, body: unknown): Promise<Record<string, unknown>> {
  if (!isObject(body)) throw badRequest('The body must be { userId, achievementId }.')
  for (const key of Object.keys(body)) if (!ISSUE_FIELDS.has(key)) throw badRequest(`${key} is not a parameter of issue-badge.`)
  for (const key of ['userId', 'achievementId']) if (typeof body[key] !== 'string' || body[key] === '') throw badRequest(`${key} is required.`)
  studentOf(s, body.userId as string)
  const row = achievementOf(s, body.achievementId as string)
  if (row.status !== 'active') throw new HttpError(422, 'The achievement is tobedeleted: badges are issued from active achievements only.')
  const now = s.env.nowIso()
  const validFrom = dateField(body, 'validFrom') ?? now
  const awarded = dateField(body, 'awardedDate') ?? now
  const validUntil = dateField(body, 'validUntil')
  if (validUntil !== undefined && Date.parse(validUntil) < Date.parse(validFrom)) throw badRequest('validUntil must not be before validFrom.')
  const origin = s.env.origin
  const credential: Record<string, unknown> = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${s.env.newId()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: platformIssuer(origin),
    name: row.name,
    validFrom,
    ...(validUntil ? { validUntil } : {}),
    awardedDate: awarded,
    credentialSubject: {
      id: `${origin}/ims/oneroster/rostering/v1p2/users/${encodeURIComponent(body.userId as string)}`,
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityHash: body.userId, identityType: 'sourcedId', hashed: false }],
      achievement: {
        id: `${origin}/ims/ob/v3p0/achievements/${encodeURIComponent(row.sourcedId)}`,
        type: ['Achievement'],
        name: row.name,
        description: row.description,
        criteria: { narrative: row.criteria },
        achievementType: row.achievementType,
        ...(typeof row.image === 'string' ? { image: { id: row.image, type: 'Image' } } : {}),
      },
    },
  }
  const signed = await s.signer.prove(credential, now)
  s.issued.push({ creatorId: platformIssuer(origin).id, studentSourcedId: body.userId as string, achievementSourcedId: row.sourcedId, dateEarned: awarded, data: signed, status: 'active' })
  return signed
}

/** The verify route's answer for `credential` (never an error status for a credential that does not hold). */
export async function verifyAnswer(s: OpenBadgesState, credential: Record<string, any>): Promise<Record<string, unknown>> {
  const errors = credentialProblems(credential, OB_RULE)
  const warnings: string[] = []
  const proofs = credential.proof === undefined ? [] : Array.isArray(credential.proof) ? credential.proof : [credential.proof]
  let method: string | undefined
  if (proofs.length === 0) errors.push('The credential has no proof.')
  for (const proof of proofs) {
    if (!isObject(proof)) {
      errors.push('A proof is not an object.')
    } else if (await s.signer.checkProof(credential, proof)) {
      method ??= `${proof.type} (${proof.cryptosuite})`
    } else if (proof.verificationMethod === s.signer.method(await s.signer.keyId())) {
      errors.push('The proof by the platform key does not match the credential: it was changed after signing.')
    } else {
      warnings.push(`A proof by ${String(proof.verificationMethod)} cannot be checked here.`)
    }
  }
  if (proofs.length > 0 && !method && !errors.some((e) => e.startsWith('The proof'))) errors.push('No proof could be checked: none is by the platform key.')
  const now = s.env.clock()
  if (typeof credential.validUntil === 'string' && Date.parse(credential.validUntil) < now) errors.push(`The credential expired at ${credential.validUntil}.`)
  if (typeof credential.validFrom === 'string' && Date.parse(credential.validFrom) > now) errors.push(`The credential is not valid before ${credential.validFrom}.`)
  const subject = isObject(credential.credentialSubject) ? credential.credentialSubject : {}
  return {
    valid: errors.length === 0,
    errors,
    warnings,
    details: {
      issuer: issuerIdOf(credential) ?? null,
      subject: subject.id ?? null,
      achievement: isObject(subject.achievement) ? subject.achievement.name ?? null : null,
      signatureMethod: method ?? null,
      credentialCount: 1,
    },
  }
}

export function credentialRoutes(s: OpenBadgesState): Route[] {
  return [
    route('POST', '/ims/ob/v3p0/credentials/', 'upsertCredential', async (ctx) => {
      const body = await ctx.body()
      const problems = credentialProblems(body, OB_RULE)
      if (problems.length) throw badRequest(problems.join(' '))
      const credential = body as Record<string, unknown>
      const key = `${issuerIdOf(credential)}\n${credential.id as string}`
      const existed = s.credentials.has(key)
      const stored = credential.proof === undefined ? await s.signer.prove(credential, s.env.nowIso()) : credential
      s.credentials.set(key, stored)
      return json(stored, existed ? 200 : 201)
    }),
    route('POST', '/ims/ob/v3p0/issue-badge/', 'issueBadge', async (ctx) => json(await issue(s, await ctx.body()))),
    route('POST', '/ims/ob/v3p0/issue-badge/verify', 'verifyCredential', async (ctx) => {
      const body = await ctx.body()
      if (!isObject(body)) throw badRequest('The body must be a credential object.')
      return json(await verifyAnswer(s, body))
    }),
  ]
}
