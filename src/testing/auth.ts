// OAuth2 client-credentials token endpoint and bearer-token checks.
import { imsx, json } from './http.js'
import type { EmulatorCredentials } from './types.js'

interface IssuedToken {
  readonly expiresAt: number
  revoked: boolean
}

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

  constructor(credentials: EmulatorCredentials, ttlSeconds: number, clock: () => number) {
    this.#credentials = credentials
    this.#ttlSeconds = ttlSeconds
    this.#clock = clock
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
    this.#tokens.set(token, { expiresAt: this.#clock() + this.#ttlSeconds * 1000, revoked: false })
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
