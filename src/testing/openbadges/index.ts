// The emulated Open Badges 3.0 service, under `/ims/ob/` at the origin (the API host): the public discovery
// document and JWKS, achievement records, credential upsert, issue-badge and verify. The platform key (made on
// first use) signs embedded proofs and, through `emulator.openbadges.signJwt`, VC-JWTs; its public half is
// published at `/ims/ob/v3p0/.well-known/jwks.json`. CLR signs with the same key (offered as PLATFORM_SIGNER).
import { route } from '../context.js'
import { json } from '../http.js'
import type { EmulatedService, EmulatedServiceModule } from '../service.js'
import { achievementRoutes } from './achievements.js'
import { credentialRoutes } from './credentials.js'
import { discoveryDocument } from './discovery.js'
import { createPlatformSigner, PLATFORM_SIGNER } from './signing.js'
import { openBadgesControls, type OpenBadgesState } from './state.js'

export type { OpenBadgesControls } from './state.js'

const SCOPE = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/credential'

/**
 * The Open Badges module; its controls are `emulator.openbadges`.
 *
 * @example
 * const emulator = createEmulator()
 * emulator.services.openbadges // the origin: clients append `/ims/ob/v3p0/...`
 * const jwt = await emulator.openbadges.signJwt(badge)
 */
export const openbadgesService: EmulatedServiceModule = {
  name: 'openbadges',
  create(env): EmulatedService {
    const signer = createPlatformSigner(`${env.origin}/ims/ob/v3p0/.well-known/jwks.json`)
    env.provide(PLATFORM_SIGNER, signer)
    const state: OpenBadgesState = { env, signer, achievements: new Map(), issued: [], credentials: new Map() }
    const paths = ['/ims/ob/v3p0/credentials/', '/ims/ob/v3p0/issue-badge/', '/ims/ob/v3p0/issue-badge/verify', '/ims/ob/v3p0/achievements/']
    return {
      prefix: '',
      paths: ['/ims/ob/'],
      routes: () => [
        route('GET', '/ims/ob/v3p0/discovery/', 'getDiscovery', () => json(discoveryDocument(env, 'Open Badges 3.0 (emulated Timeback)', SCOPE, paths)), 'public'),
        route('GET', '/ims/ob/v3p0/.well-known/jwks.json', 'getJwks', async () => json(await signer.jwks(), 200, { 'cache-control': 'max-age=300' }), 'public'),
        ...achievementRoutes(state),
        ...credentialRoutes(state),
      ],
      controls: { openbadges: openBadgesControls(state) },
      reset: () => {
        state.achievements.clear()
        state.issued.length = 0
        state.credentials.clear()
      },
    }
  },
}
