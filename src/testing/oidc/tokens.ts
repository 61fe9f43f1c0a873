// How the emulated identity provider makes id_tokens: signed ES256 with its own key (made with crypto.subtle on first
// use, never at import), or forged on request (`alg: none`, or HS256 keyed with the client secret, the classic
// algorithm-confusion attack) so tests can prove a client refuses them.
import { base64url } from '../auth/jwt.js'
import { createPlatformSigner, type PlatformSigner } from '../openbadges/signing.js'

const encoder = new TextEncoder()

/** A forged algorithm the next id_token uses instead of the provider's own ES256 signature. */
export type ForgedAlg = 'none' | 'HS256'

/** Signs id_tokens for one provider; `jwks()` publishes the verification key. */
export interface IdTokenSigner {
  jwks(): Promise<{ keys: Record<string, unknown>[] }>
  sign(claims: Record<string, unknown>, forged?: ForgedAlg, hmacSecret?: string): Promise<string>
}

async function hs256(claims: Record<string, unknown>, secret: string): Promise<string> {
  const head = base64url(encoder.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' })))
  const body = base64url(encoder.encode(JSON.stringify(claims)))
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${head}.${body}`)))
  return `${head}.${body}.${base64url(mac)}`
}

/**
 * The provider's signer: `jwksUrl` is where its JWKS is served.
 *
 * @example
 * const signer = createIdTokenSigner(`${origin}/oidc-host/.well-known/jwks.json`)
 * const idToken = await signer.sign({ iss, sub, aud, exp, iat, nonce })
 */
export function createIdTokenSigner(jwksUrl: string): IdTokenSigner {
  const platform: PlatformSigner = createPlatformSigner(jwksUrl)
  return {
    jwks: () => platform.jwks(),
    async sign(claims, forged, hmacSecret = '') {
      if (forged === 'none') {
        const head = base64url(encoder.encode(JSON.stringify({ alg: 'none', typ: 'JWT' })))
        return `${head}.${base64url(encoder.encode(JSON.stringify(claims)))}.`
      }
      if (forged === 'HS256') return hs256(claims, hmacSecret)
      return platform.signJwt(claims)
    },
  }
}
