// @timeback/sdk/openbadges — Open Badges 3.0: discovery, achievements, badge credentials (upsert, issue) and
// verification (VC-JWTs locally with jose, embedded proofs by the service). The only entry that imports jose.
// @bundleMarkers /ims/ob/ OpenBadgesClient

export { OpenBadgesClient } from './client.js'
export type {
  Achievement, AchievementInput, AchievementListParams, AchievementsResource, AchievementType, AchievementWithBadges, IssuedBadge,
} from './resources/achievements.js'
export type { BadgeCredentialsResource, BadgeUpsertResult, IssueBadgeInput } from './resources/credentials.js'
export type { BadgeJwtAlgorithm, VerifyFailure, VerifyOptions, VerifyResult } from './resources/verify.js'
export type {
  AchievementCredential, CredentialAchievement, CredentialIssuer, CredentialProof, IdentityObject, OpenBadgeCredential, VerifiableCredentialBase,
} from '../../core/credential.js'
export type { ServiceDescription } from '../../core/resource/public-document.js'
// The names every entry shares (options, pages, token stores, hooks): last, and the same objects everywhere.
export * from '../../core/public.js'
