// What the emulated CLR and Open Badges services require of a posted credential before storing it: the
// W3C credentials context first, the 1EdTech context, id, types, issuer, validFrom and a subject. Each problem
// is one line naming the field, answered in a 400's imsx description (or as a verify answer's errors).

/** A plain JSON object. */
export const isObject = (value: unknown): value is Record<string, any> => !!value && typeof value === 'object' && !Array.isArray(value)
const text = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''
const VC_CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/2018/credentials/v1']

/** What one kind of credential needs: its 1EdTech context and the type naming it. */
export interface CredentialRule {
  readonly context: RegExp
  readonly types: readonly string[]
}

export const OB_RULE: CredentialRule = { context: /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.0\.\d+)?\.json$/, types: ['OpenBadgeCredential', 'AchievementCredential'] }
export const CLR_RULE: CredentialRule = { context: /^https:\/\/purl\.imsglobal\.org\/spec\/clr\/v2p0\/context(-2\.0\.\d+)?\.json$/, types: ['ClrCredential'] }

/** The issuer's id: the string itself or `issuer.id`. */
export const issuerIdOf = (credential: Record<string, any>): string | undefined =>
  text(credential.issuer) ? credential.issuer : isObject(credential.issuer) && text(credential.issuer.id) ? credential.issuer.id : undefined

/** Every problem of `value` as a credential of `rule`, one line each (empty when it may be stored). */
export function credentialProblems(value: unknown, rule: CredentialRule): string[] {
  if (!isObject(value)) return ['The body must be a credential object.']
  const problems: string[] = []
  const contexts = value['@context']
  if (!Array.isArray(contexts) || !VC_CONTEXTS.includes(contexts[0])) problems.push(`@context must start with '${VC_CONTEXTS[0]}'.`)
  else if (!contexts.some((c) => typeof c === 'string' && rule.context.test(c))) problems.push(`@context must include the context ${rule.context.source.replace(/\\/g, '')}.`)
  if (!text(value.id)) problems.push('id is required.')
  const types = Array.isArray(value.type) ? value.type : []
  if (!types.includes('VerifiableCredential') || !rule.types.some((t) => types.includes(t))) problems.push(`type must include 'VerifiableCredential' and '${rule.types[0]}'.`)
  if (!issuerIdOf(value)) problems.push('issuer is required (a URI or { id, type }).')
  if (!text(value.validFrom) || Number.isNaN(Date.parse(value.validFrom))) problems.push('validFrom is required (an ISO 8601 date-time).')
  if (!isObject(value.credentialSubject)) problems.push('credentialSubject is required.')
  return problems
}
