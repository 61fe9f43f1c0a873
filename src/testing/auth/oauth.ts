// The OAuth2 client-credentials token endpoint and the `Authorization: Bearer` check of `oauth` routes.
import { json } from '../http.js'
import type { EmulatorCredentials } from '../types.js'
import { randomUUID } from '../uuid.js'
import { TokenTable } from './token-table.js'

export { MAX_TOKENS } from './token-table.js'

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
  readonly #table: TokenTable
  readonly #credentials: EmulatorCredentials
  readonly #ttlSeconds: number
  readonly #clock: () => number
  readonly #onIssued: () => void

  constructor(credentials: EmulatorCredentials, ttlSeconds: number, clock: () => number, options: { onIssued?: () => void; max?: number } = {}) {
    this.#credentials = credentials
    this.#ttlSeconds = ttlSeconds
    this.#clock = clock
    this.#onIssued = options.onIssued ?? (() => undefined)
    this.#table = new TokenTable(clock, options.max)
  }

  /** Tokens that would be accepted now. */
  get live(): number {
    return this.#table.live
  }

  /** Tokens held in the table (live, expired within the grace period, or revoked). */
  get size(): number {
    return this.#table.size
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

    const token = `emu_${randomUUID().replaceAll('-', '')}${randomUUID().replaceAll('-', '')}`
    this.#table.add(token, this.#clock() + this.#ttlSeconds * 1000)
    this.#onIssued()
    return json({ access_token: token, expires_in: this.#ttlSeconds, token_type: 'Bearer' }, 200, { 'cache-control': 'no-store' })
  }

  /** undefined when the request carries a live token, else why not (the kernel answers 401 with it). */
  check(request: Request): string | undefined {
    const m = request.headers.get('authorization')?.match(/^Bearer\s+(\S+)\s*$/i)
    if (!m) return 'Missing bearer token in the Authorization header.'
    const state = this.#table.state(m[1]!)
    if (state === 'unknown') return 'Invalid access token.'
    if (state === 'revoked') return 'Access token has been revoked.'
    if (state === 'expired') return 'Access token has expired.'
    return undefined
  }

  revokeAll(): void {
    this.#table.revokeAll()
  }

  clear(): void {
    this.#table.clear()
  }
}
