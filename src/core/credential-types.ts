/**
 * @module core/credential-types — the W3C Verifiable Credential shapes the 1EdTech record services take (a learner
 * record wrapping achievement credentials, a badge credential on its own), in the data model 2.0 names. Their
 * checks are in ./credential.ts.
 */

/**
 * An issuer: its URI, or a profile with at least `id` (and `type`, e.g. `['Profile']`).
 * @example const issuer: CredentialIssuer = { id: 'https://school.example/issuer', type: ['Profile'], name: 'Example School' }
 */
export type CredentialIssuer = string | {
  id: string
  type: string[]
  name?: string
  url?: string
  email?: string
  phone?: string
  description?: string
  image?: { id: string; type: 'Image'; caption?: string }
  [key: string]: unknown
}

/**
 * An embedded proof (VC Data Integrity): the service adds its own on upsert and issue.
 * @example const cryptosuites = [credential.proof ?? []].flat().map((p: CredentialProof) => p.cryptosuite)
 */
export interface CredentialProof {
  type: string
  cryptosuite?: string
  created?: string
  proofPurpose?: string
  verificationMethod?: string
  proofValue?: string
  [key: string]: unknown
}

/**
 * What every verifiable credential carries (W3C VC data model 2.0 names).
 * @example const issuerId = typeof vc.issuer === 'string' ? vc.issuer : vc.issuer.id
 */
export interface VerifiableCredentialBase {
  /** The W3C credentials context first, then the 1EdTech one. */
  '@context': (string | Record<string, unknown>)[]
  /** A URI (`urn:uuid:…`, `https://…`). */
  id: string
  type: string[]
  issuer: CredentialIssuer
  /** ISO 8601 date-time with a zone: `2026-03-02T10:00:00Z`. */
  validFrom: string
  validUntil?: string
  name?: string
  description?: string
  credentialSchema?: { id: string; type: string }[]
  proof?: CredentialProof | CredentialProof[]
  [key: string]: unknown
}

/**
 * How the learner is identified when `credentialSubject.id` is not enough (a hashed email, a sourcedId).
 * @example const who: IdentityObject = { type: 'IdentityObject', identityHash: 'student-1', identityType: 'sourcedId', hashed: false }
 */
export interface IdentityObject {
  type: 'IdentityObject'
  identityHash: string
  identityType: string
  hashed: boolean
  salt?: string
}

/**
 * An achievement as Open Badges 3.0 describes it inside a credential.
 * @example const a: CredentialAchievement = { id: 'https://school.example/a/fractions', type: ['Achievement'], name: 'Fractions', description: 'Adds fractions', criteria: { narrative: 'Pass the unit test' } }
 */
export interface CredentialAchievement {
  id: string
  type: string[]
  name: string
  description: string
  criteria: { id?: string; narrative?: string }
  achievementType?: string
  image?: { id: string; type: 'Image'; caption?: string }
  creator?: CredentialIssuer
  [key: string]: unknown
}

/**
 * An Open Badges 3.0 credential (`OpenBadgeCredential`, also called `AchievementCredential`).
 * @example
 * const badge: AchievementCredential = {
 *   '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
 *   id: 'urn:uuid:4f1c…', type: ['VerifiableCredential', 'OpenBadgeCredential'],
 *   issuer: { id: 'https://school.example/issuer', type: ['Profile'], name: 'Example School' },
 *   validFrom: '2026-03-02T10:00:00Z',
 *   credentialSubject: {
 *     id: 'urn:example:student-1', type: ['AchievementSubject'],
 *     achievement: { id: 'https://school.example/a/fractions', type: ['Achievement'], name: 'Fractions', description: 'Adds fractions', criteria: { narrative: 'Pass the unit test' } },
 *   },
 * }
 */
export interface AchievementCredential extends VerifiableCredentialBase {
  credentialSubject: {
    id?: string
    type: string[]
    identifier?: IdentityObject[]
    achievement: CredentialAchievement
    [key: string]: unknown
  }
}

/**
 * Another name of the same shape.
 * @example const issued: OpenBadgeCredential = await client.credentials.issue({ userId: 'student-1', achievementId: 'fractions' })
 */
export type OpenBadgeCredential = AchievementCredential

/**
 * What a service requires of one kind of credential.
 * @example const kind: CredentialKind = { context: /^https:\/\/purl\.imsglobal\.org\/spec\/clr\/v2p0\/context(-2\.0\.\d+)?\.json$/, contextExample: 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json', types: ['ClrCredential'] }
 */
export interface CredentialKind {
  /** The 1EdTech context `@context` must include. */
  context: RegExp
  /** Named in messages: `https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json`. */
  contextExample: string
  /** `type` must hold `VerifiableCredential` and one of these. */
  types: readonly string[]
}
