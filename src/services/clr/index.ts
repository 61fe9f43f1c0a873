// @timeback/sdk/clr — CLR 2.0 learner records: the public discovery document and credential upsert.
// @bundleMarkers /ims/clr/ ClrClient

export { ClrClient } from './client.js'
export { checkClrCredential } from './resources/credentials.js'
export type { AssociationType, ClrAssociation, ClrCredential, ClrCredentialsResource, ClrUpsertResult } from './resources/credentials.js'
export type {
  AchievementCredential, CredentialAchievement, CredentialIssuer, CredentialProof, IdentityObject, OpenBadgeCredential, VerifiableCredentialBase,
} from '../../core/credential.js'
export type { ServiceDescription } from '../../core/resource/public-document.js'
// The names every entry shares (options, pages, token stores, hooks): last, and the same objects everywhere.
export * from '../../core/public.js'
