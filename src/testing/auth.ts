// OAuth2 client-credentials token endpoint and bearer-token checks.
import { imsx, json } from './http.js'
import type { EmulatorCredentials } from './types.js'

interface IssuedToken {
  readonly expiresAt: number
  revoked: boolean
}

/** Live tokens kept at most; past it the oldest are forgotten (their holders get a 401 and fetch a new one). */
export const MAX_TOKENS = 10_000
// Expired tokens are forgotten this long after expiry (until then a call with one hears "expired", not "invalid").
const EXPIRED_GRACE_MS = 10 * 60_000
const SWEEP_EVERY_MS = 60_000

const oauthError = (status: number, error: string, description: string, headers: Record<string, string> = {}): Response =>
  json({ error, error_description: description }, status, { 'cache-control': 'no-store', ...headers })

/** Decode `Basic base64(id:secret)`; undefined when the header is not Basic or not decodable. */
function basicCredentials(header: string | null): { id: string; secret: string } | undefined {
  const m = header?.match(/^Basic\s+(\S+)\s*$/i)
  if (!m) return undefined
  try {
    const text = new TextDecoder().decode(Uint8Array.from(atob(m[1]!), (c) => c.charCodeAt(0)))
    const colon = text.indexOf(':')
    if (colon < 0) return undefined
    return { id: text.slice(0, colon), secret: text.slice(colon + 1) }
  } catch {
    return undefined
  }
}

/** Issues and checks opaque bearer tokens for one emulator. */
export class TokenAuthority {
  readonly #tokens = new Map<string, IssuedToken>()
  readonly #credentials: EmulatorCredentials
  readonly #ttlSeconds: number
  readonly #clock: () => number
  readonly #onIssued: () => void
  readonly #max: number
  #lastSweep = -Infinity

  constructor(credentials: EmulatorCredentials, ttlSeconds: number, clock: () => number, options: { onIssued?: () => void; max?: number } = {}) {
    this.#credentials = credentials
    this.#ttlSeconds = ttlSeconds
    this.#clock = clock
    this.#onIssued = options.onIssued ?? (() => undefined)
    this.#max = options.max ?? MAX_TOKENS
  }

  /** Keep the table bounded: drop long-expired tokens now and then, and the oldest when it is full. */
  #makeRoom(now: number): void {
    if (now - this.#lastSweep >= SWEEP_EVERY_MS || this.#tokens.size >= this.#max) {
      this.#lastSweep = now
      for (const [token, t] of this.#tokens) if (now >= t.expiresAt + EXPIRED_GRACE_MS) this.#tokens.delete(token)
    }
    // Maps iterate in insertion order: the first keys are the oldest tokens.
    for (const token of this.#tokens.keys()) {
      if (this.#tokens.size < this.#max) break
      this.#tokens.delete(token)
    }
  }

  /** Tokens that would be accepted now. */
  get live(): number {
    const now = this.#clock()
    let n = 0
    for (const t of this.#tokens.values()) if (!t.revoked && now < t.expiresAt) n++
    return n
  }

  /** Tokens held in the table (live, expired within the grace period, or revoked). */
  get size(): number {
    return this.#tokens.size
  }

  #valid(id: string, secret: string): boolean {
    return id === this.#credentials.clientId && secret === this.#credentials.clientSecret
  }

  /** `POST tokenUrl`: form fields or HTTP Basic; answers the OAuth2 JSON shapes. */
  async issue(request: Request): Promise<Response> {
    if (request.method !== 'POST') {
      return oauthError(405, 'invalid_request', 'The token endpoint accepts POST only.', { allow: 'POST' })
    }
    const type = request.headers.get('content-type') ?? ''
    if (type !== '' && !type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded.')
    }
    const form = new URLSearchParams(await request.text())
    const field = (name: string): string | undefined => form.get(name)?.trim()
    const formId = field('client_id')
    const basic = basicCredentials(request.headers.get('authorization'))
    // Form fields win when present; otherwise the Basic header (what the official SDK's port sends).
    const id = formId ?? basic?.id
    const secret = formId !== undefined ? (field('client_secret') ?? '') : basic?.secret
    if (id === undefined || secret === undefined || !this.#valid(id, secret)) {
      return oauthError(401, 'invalid_client', 'Client authentication failed.', { 'www-authenticate': 'Basic realm="timeback-emulator"' })
    }
    const grant = field('grant_type')
    if (grant === undefined || grant === '') return oauthError(400, 'invalid_request', 'Missing grant_type.')
    if (grant !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', `Unsupported grant_type '${grant}'.`)

    const token = `emu_${crypto.randomUUID().replaceAll('-', '')}${crypto.randomUUID().replaceAll('-', '')}`
    const now = this.#clock()
    this.#makeRoom(now)
    this.#tokens.set(token, { expiresAt: now + this.#ttlSeconds * 1000, revoked: false })
    this.#onIssued()
    return json({ access_token: token, expires_in: this.#ttlSeconds, token_type: 'Bearer' }, 200, { 'cache-control': 'no-store' })
  }

  /** undefined when the request carries a live token, else the 401 imsx answer. */
  check(request: Request): Response | undefined {
    const header = request.headers.get('authorization')
    const m = header?.match(/^Bearer\s+(\S+)\s*$/i)
    const fail = (why: string): Response => imsx(401, why, { 'www-authenticate': 'Bearer error="invalid_token"' })
    if (!m) return fail('Missing bearer token in the Authorization header.')
    const issued = this.#tokens.get(m[1]!)
    if (!issued) return fail('Invalid access token.')
    if (issued.revoked) return fail('Access token has been revoked.')
    if (this.#clock() >= issued.expiresAt) return fail('Access token has expired.')
    return undefined
  }

  revokeAll(): void {
    for (const t of this.#tokens.values()) t.revoked = true
  }

  clear(): void {
    this.#tokens.clear()
  }
}
