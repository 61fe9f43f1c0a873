// The emulated platform's signing key: one ECDSA P-256 key per emulator, made with crypto.subtle on first use (never
// at import or creation), published as a JWKS, and used two ways: VC-JWTs (ES256, `kid` = the key's RFC 7638
// thumbprint) and embedded VC Data Integrity proofs (`DataIntegrityProof`, cryptosuite `ecdsa-jcs-2019`: the
// JCS-canonical proof options and document, each hashed with SHA-256, signed, encoded base58btc).
import { base64url } from '../auth/jwt.js'

/** A JSON value as the canonical form walks it. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** The platform's signer, as the CLR and Open Badges modules share it. */
export interface PlatformSigner {
  /** `{ keys: [public JWK with kid, alg, use] }`. */
  jwks(): Promise<{ keys: Record<string, unknown>[] }>
  /** The key id (`kid`) the JWKS and every signature name. */
  keyId(): Promise<string>
  /** A compact JWS of `payload` with header `{ alg: 'ES256', typ: 'JWT', kid, ...header }`. */
  signJwt(payload: Record<string, unknown>, header?: Record<string, unknown>): Promise<string>
  /** `document` plus a Data Integrity proof by this key (kept after any proofs it already had). */
  prove(document: Record<string, unknown>, created: string): Promise<Record<string, unknown>>
  /** True when `proof` is this key's and holds for `document` (its `proof` member left out). */
  checkProof(document: Record<string, unknown>, proof: Record<string, unknown>): Promise<boolean>
  /** The `verificationMethod` this key's proofs carry. */
  readonly method: (kid: string) => string
}

/** Name under which the Open Badges module offers its signer, so CLR signs with the same platform key. */
export const PLATFORM_SIGNER = 'openbadges.signer'
export const CRYPTOSUITE = 'ecdsa-jcs-2019'

const encoder = new TextEncoder()
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const

/** RFC 8785 canonical JSON: keys sorted by UTF-16 code units, no whitespace, ECMAScript number and string forms. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

/** base58btc (Bitcoin alphabet), as multibase `z…` proof values use it. */
export function base58(bytes: Uint8Array): string {
  const digits: number[] = []
  for (const byte of bytes) {
    let carry = byte
    for (let i = 0; i < digits.length; i++) {
      carry += digits[i]! << 8
      digits[i] = carry % 58
      carry = Math.floor(carry / 58)
    }
    while (carry) {
      digits.push(carry % 58)
      carry = Math.floor(carry / 58)
    }
  }
  let out = ''
  for (const byte of bytes) {
    if (byte !== 0) break
    out += '1'
  }
  for (let i = digits.length - 1; i >= 0; i--) out += B58[digits[i]!]
  return out
}

function unbase58(text: string): Uint8Array<ArrayBuffer> | undefined {
  const bytes: number[] = []
  for (const char of text) {
    let carry = B58.indexOf(char)
    if (carry < 0) return undefined
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i]! * 58
      bytes[i] = carry & 0xff
      carry >>= 8
    }
    while (carry) {
      bytes.push(carry & 0xff)
      carry >>= 8
    }
  }
  for (const char of text) {
    if (char !== '1') break
    bytes.push(0)
  }
  return new Uint8Array(bytes.reverse())
}

const sha256 = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))

/** What the proof signs: hash(canonical proof options, with the document's @context) ‖ hash(canonical document). */
async function signingInput(document: Record<string, unknown>, options: Record<string, unknown>): Promise<Uint8Array<ArrayBuffer>> {
  const { proof: _proof, ...unsecured } = document
  const config = { ...options, '@context': document['@context'] }
  delete (config as Record<string, unknown>).proofValue
  const [a, b] = await Promise.all([sha256(canonicalJson(config as Json)), sha256(canonicalJson(unsecured as Json))])
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/**
 * A signer whose key is generated on first use. `methodBase` is the JWKS URL proofs point at (`…/jwks.json#kid`).
 * @example
 * const signer = createPlatformSigner(`${env.origin}/ims/ob/v3p0/.well-known/jwks.json`)
 * const jwt = await signer.signJwt({ iss: 'https://issuer.example', vc: credential })
 */
export function createPlatformSigner(methodBase: string): PlatformSigner {
  let made: Promise<{ pair: CryptoKeyPair; jwk: Record<string, unknown>; kid: string }> | undefined
  const key = () => (made ??= (async () => {
    const pair = (await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair
    const { kty, crv, x, y } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as Record<string, string>
    const kid = base64url(await sha256(canonicalJson({ crv, kty, x, y })))
    return { pair, jwk: { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' }, kid }
  })())
  const method = (kid: string) => `${methodBase}#${kid}`

  return {
    method,
    jwks: async () => ({ keys: [(await key()).jwk] }),
    keyId: async () => (await key()).kid,
    async signJwt(payload, header = {}) {
      const { pair, kid } = await key()
      const head = base64url(encoder.encode(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid, ...header })))
      const input = `${head}.${base64url(encoder.encode(JSON.stringify(payload)))}`
      const signature = await crypto.subtle.sign(SIGN, pair.privateKey, encoder.encode(input))
      return `${input}.${base64url(new Uint8Array(signature))}`
    },
    async prove(document, created) {
      const { pair, kid } = await key()
      const options = { type: 'DataIntegrityProof', cryptosuite: CRYPTOSUITE, created, proofPurpose: 'assertionMethod', verificationMethod: method(kid) }
      const signature = await crypto.subtle.sign(SIGN, pair.privateKey, await signingInput(document, options))
      const earlier = document.proof === undefined ? [] : Array.isArray(document.proof) ? document.proof : [document.proof]
      return { ...document, proof: [...earlier, { ...options, proofValue: `z${base58(new Uint8Array(signature))}` }] }
    },
    async checkProof(document, proof) {
      const { pair, kid } = await key()
      if (proof.verificationMethod !== method(kid) || proof.cryptosuite !== CRYPTOSUITE || typeof proof.proofValue !== 'string') return false
      if (!proof.proofValue.startsWith('z')) return false
      const signature = unbase58(proof.proofValue.slice(1))
      if (!signature || signature.length !== 64) return false
      return crypto.subtle.verify(SIGN, pair.publicKey, signature, await signingInput(document, proof))
    },
  }
}
