/**
 * @module services/identity/resources/seal — cookies the browser carries but cannot read or forge: a JWT encrypted with
 * `dir` + A256GCM (authenticated encryption, so a changed byte fails to open) under a key derived by HKDF from the
 * app's cookieSecret, one key per purpose so a session cookie can never be replayed as a state cookie.
 */
import { EncryptJWT, jwtDecrypt, type JWTPayload } from 'jose'

const encoder = new TextEncoder()

/** What a sealed cookie is for: each purpose has its own key. */
export type SealPurpose = 'state' | 'session'

/** Seals and opens the identity cookies with keys derived from one secret. */
export interface Sealer {
  seal(purpose: SealPurpose, payload: JWTPayload, maxAgeSeconds: number): Promise<string>
  /** The payload, or undefined when the value is not a live cookie of this purpose sealed by this secret. */
  open(purpose: SealPurpose, value: string): Promise<JWTPayload | undefined>
}

/**
 * A sealer for `secret` (at least 32 characters, checked by the caller); keys are derived on first use.
 *
 * @example
 * const sealer = createSealer(cookieSecret, () => Date.now())
 * const value = await sealer.seal('state', { state, nonce }, 600)
 */
export function createSealer(secret: string, now: () => number): Sealer {
  const keys = new Map<SealPurpose, Promise<Uint8Array>>()
  const keyFor = (purpose: SealPurpose) => {
    let key = keys.get(purpose)
    if (!key) {
      key = (async () => {
        const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveBits'])
        const info = encoder.encode(`timeback identity ${purpose} cookie`)
        const bits = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info }, base, 256)
        return new Uint8Array(bits)
      })()
      keys.set(purpose, key)
    }
    return key
  }
  return {
    async seal(purpose, payload, maxAgeSeconds) {
      const iat = Math.floor(now() / 1000)
      return new EncryptJWT({ ...payload, purpose })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt(iat)
        .setExpirationTime(iat + maxAgeSeconds)
        .encrypt(await keyFor(purpose))
    },
    async open(purpose, value) {
      try {
        const { payload } = await jwtDecrypt(value, await keyFor(purpose), {
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
          currentDate: new Date(now()),
        })
        return payload.purpose === purpose ? payload : undefined
      } catch {
        return undefined
      }
    },
  }
}

// On https the names carry the __Host- prefix: the browser then accepts them only Secure, Path=/ and without Domain,
// so a sibling subdomain cannot plant its own (validly sealed) state cookie in the victim's browser (login CSRF).
const fullName = (name: string, secure: boolean) => (secure ? `__Host-${name}` : name)

/** The named cookie's value from a request's Cookie header. */
export function readCookie(request: Request, name: string, secure: boolean): string | undefined {
  const wanted = fullName(name, secure)
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === wanted) return part.slice(eq + 1).trim()
  }
  return undefined
}

/** A Set-Cookie value: HttpOnly, SameSite=Lax (the IdP's redirect back is a top-level GET), Secure on https. */
export function cookieHeader(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${fullName(name, secure)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`
}
