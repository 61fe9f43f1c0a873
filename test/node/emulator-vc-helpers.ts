// Independent checks of what the emulated CLR and Open Badges services sign, written apart from the emulator's
// code so the tests do not grade the signer with itself: RFC 8785 canonical JSON, base58btc, the ecdsa-jcs-2019
// proof and an ES256 JWS, verified with Node's WebCrypto against the published JWK. Not a test file itself.
import { createHash, webcrypto } from 'node:crypto'

type Jwk = { kty: string; crv: string; x: string; y: string; kid?: string }

/** RFC 8785, for the JSON values these tests build (no exotic numbers). */
export function jcs(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${jcs(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

/** base58btc decode through BigInt (a different method from the emulator's byte-wise one). */
export function fromBase58(text: string): Uint8Array {
  let n = 0n
  for (const c of text) {
    const d = ALPHABET.indexOf(c)
    if (d < 0) throw new Error(`not base58: ${c}`)
    n = n * 58n + BigInt(d)
  }
  const hex = n.toString(16)
  const body = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex')
  const zeros = text.length - text.replace(/^1+/, '').length
  return new Uint8Array(Buffer.concat([Buffer.alloc(zeros), n === 0n ? Buffer.alloc(0) : body]))
}

/** RFC 7638 thumbprint of an EC public key. */
export const thumbprint = (jwk: Jwk): string =>
  createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest('base64url')

const importKey = (jwk: Jwk) => webcrypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify'])

/** True when `proof` (ecdsa-jcs-2019) holds for `document` under `jwk`. */
export async function proofHolds(document: Record<string, unknown>, proof: Record<string, unknown>, jwk: Jwk): Promise<boolean> {
  const { proof: _all, ...unsecured } = document
  const { proofValue, ...options } = proof
  const sha = (text: string) => createHash('sha256').update(text).digest()
  const data = Buffer.concat([sha(jcs({ ...options, '@context': document['@context'] })), sha(jcs(unsecured))])
  const signature = fromBase58(String(proofValue).slice(1))
  return webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, await importKey(jwk), signature, data)
}

/** True when the compact JWS `jwt` is an ES256 signature by `jwk`. */
export async function jwsHolds(jwt: string, jwk: Jwk): Promise<boolean> {
  const [head, body, sig] = jwt.split('.') as [string, string, string]
  return webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, await importKey(jwk), Buffer.from(sig, 'base64url'), Buffer.from(`${head}.${body}`))
}
