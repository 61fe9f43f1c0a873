// The emulated CLR 2.0 service, under `/ims/clr/` at the origin (the API host): the public discovery document
// and the credential upsert. Credentials are stored by issuer id and credential id (201 new, 200 replaced) and
// signed by the platform (Timeback publishes the record): a Data Integrity proof by the platform key is added after
// any proofs the request carried. The key is the Open Badges module's when it is mounted, else CLR's own.
import { route } from '../context.js'
import { badRequest, json } from '../http.js'
import { discoveryDocument } from '../openbadges/discovery.js'
import { CLR_RULE, credentialProblems, isObject, issuerIdOf } from '../openbadges/shape.js'
import { createPlatformSigner, PLATFORM_SIGNER, type PlatformSigner } from '../openbadges/signing.js'
import type { EmulatedService, EmulatedServiceModule } from '../service.js'

const CREDENTIALS = '/ims/clr/v2p0/credentials/'

/** Problems of the record's own subject: its type and the credentials it gathers. */
function subjectProblems(credential: Record<string, any>): string[] {
  const subject = credential.credentialSubject
  if (!isObject(subject)) return []
  const problems: string[] = []
  if (!Array.isArray(subject.type) || !subject.type.includes('ClrSubject')) problems.push("credentialSubject.type must include 'ClrSubject'.")
  const vcs = subject.verifiableCredential
  if (!Array.isArray(vcs) || vcs.length === 0) problems.push('credentialSubject.verifiableCredential must be a non-empty array.')
  else vcs.forEach((vc, i) => { if (!isObject(vc) || typeof vc.id !== 'string') problems.push(`credentialSubject.verifiableCredential[${i}] must be a credential with an id.`) })
  if (typeof credential.name !== 'string' || credential.name.trim() === '') problems.push('name is required.')
  return problems
}

/**
 * `emulator.clr`: what the CLR service stored (signed), oldest first.
 *
 * @example
 * emulator.clr.credentials()[0].proof // [..., { type: 'DataIntegrityProof', cryptosuite: 'ecdsa-jcs-2019', ... }]
 */
export interface ClrControls {
  credentials(): Record<string, unknown>[]
}

/**
 * The CLR module; `emulator.clr.credentials()` lists what it stored.
 *
 * @example
 * const emulator = createEmulator()
 * emulator.services.clr // the origin: clients append `/ims/clr/v2p0/...`
 * emulator.clr.credentials().length
 */
export const clrService: EmulatedServiceModule = {
  name: 'clr',
  create(env): EmulatedService {
    const stored = new Map<string, Record<string, unknown>>()
    let own: PlatformSigner | undefined
    // Looked up per request: modules are created in mounting order, and Open Badges may come after CLR.
    const signer = () => env.lookup<PlatformSigner>(PLATFORM_SIGNER) ?? (own ??= createPlatformSigner(`${env.origin}/ims/clr/v2p0/keys`))
    return {
      prefix: '',
      paths: ['/ims/clr/'],
      routes: () => [
        route('GET', '/ims/clr/v2p0/discovery/', 'getDiscovery', () =>
          json(discoveryDocument(env, 'CLR 2.0 (emulated Timeback)', 'https://purl.imsglobal.org/spec/clr/v2p0/scope/credential', [CREDENTIALS])), 'public'),
        route('POST', CREDENTIALS, 'upsertCredentials', async (ctx) => {
          const body = await ctx.body()
          const problems = credentialProblems(body, CLR_RULE)
          if (isObject(body)) problems.push(...subjectProblems(body))
          if (problems.length) throw badRequest(problems.join(' '))
          const credential = body as Record<string, unknown>
          const key = `${issuerIdOf(credential)}\n${credential.id as string}`
          const existed = stored.has(key)
          const signed = await signer().prove(credential, env.nowIso())
          stored.set(key, signed)
          return json(signed, existed ? 200 : 201)
        }),
      ],
      controls: { clr: { credentials: () => [...stored.values()] } satisfies ClrControls },
      reset: () => stored.clear(),
    }
  },
}
