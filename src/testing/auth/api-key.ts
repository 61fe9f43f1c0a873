// The API-key → JWT exchange and the `X-Auth-Token: Bearer <jwt>` check of `api-key` routes, as MasteryTrack
// documents them: `POST <base>/authorizer` with `x-api-key: <key>` and `{ "email": "<registered email>" }` answers
// `{ "success": true, "jwt": "<HS256 JWT, exp = iat + 3600>" }`; failures answer the service's error body with
// the documented codes (401 UNAUTHORIZED, 403 ACCESS_DENIED, 400 MISSING_PARAMETER).
import { HttpError, json } from '../http.js'
import { parseJsonBody } from '../json-body.js'
import type { ErrorWriter } from '../service.js'
import type { EmulatorApiKeyCredentials } from '../types.js'
import { randomUUID } from '../uuid.js'
import { createJwtSigner } from './jwt.js'
import { TokenTable } from './token-table.js'

/** Lifetime of an issued JWT: one hour, as the service documents. */
export const API_KEY_TOKEN_TTL_SECONDS = 3600

/** Why an `api-key` route refused a request (`details.reason` of its 401). */
export type ApiKeyRefusal = 'missing' | 'malformed' | 'unknown' | 'revoked' | 'expired'

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const sameEmail = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase()

export class ApiKeyAuthority {
  readonly #table: TokenTable
  readonly #credentials: EmulatorApiKeyCredentials
  readonly #clock: () => number
  readonly #onIssued: () => void
  readonly #sign = createJwtSigner()

  constructor(credentials: EmulatorApiKeyCredentials, clock: () => number, options: { onIssued?: () => void; max?: number } = {}) {
    this.#credentials = credentials
    this.#clock = clock
    this.#onIssued = options.onIssued ?? (() => undefined)
    this.#table = new TokenTable(clock, options.max)
  }

  /** JWTs that would be accepted now. */
  get live(): number {
    return this.#table.live
  }

  /** The exchange endpoint. `issuer` becomes the JWT's `iss`; `error` is the owning service's error body. */
  async exchange(request: Request, issuer: string, error: ErrorWriter): Promise<Response> {
    if (request.method !== 'POST') return error(405, `Method ${request.method} is not allowed here: the API-key exchange accepts POST only.`, { allow: 'POST' })
    if (request.headers.get('x-api-key') !== this.#credentials.apiKey) return error(401, 'Invalid API key', {}, { code: 'UNAUTHORIZED' })
    const type = request.headers.get('content-type')
    if (type !== null && !/^application\/([\w.+-]*\+)?json\b/i.test(type.trim())) {
      return error(400, 'Content-Type must be application/json', {}, { code: 'INVALID_PARAMETERS' })
    }
    let body: unknown
    try {
      body = parseJsonBody(await request.text())
    } catch (err) {
      if (err instanceof HttpError) return error(err.status, err.message, {}, { code: 'INVALID_PARAMETERS' })
      throw err
    }
    const email = isObject(body) ? body.email : undefined
    if (email === undefined || email === null || (typeof email === 'string' && email.trim() === '')) {
      return error(400, 'Email is required', {}, { code: 'MISSING_PARAMETER' })
    }
    if (typeof email !== 'string') return error(400, 'Email must be a string', {}, { code: 'INVALID_PARAMETERS' })
    if (!sameEmail(email, this.#credentials.email)) {
      return error(403, 'User not found or does not have API access', {}, { code: 'ACCESS_DENIED' })
    }
    const iat = Math.floor(this.#clock() / 1000)
    const exp = iat + API_KEY_TOKEN_TTL_SECONDS
    const jwt = await this.#sign({ iss: issuer, sub: this.#credentials.email, email: this.#credentials.email, iat, exp, jti: randomUUID() })
    this.#table.add(jwt, exp * 1000)
    this.#onIssued()
    return json({ success: true, jwt }, 200, { 'cache-control': 'no-store' })
  }

  /** undefined when the request carries a live JWT in `X-Auth-Token: Bearer <jwt>`, else why not. */
  check(request: Request): ApiKeyRefusal | undefined {
    const header = request.headers.get('x-auth-token')
    if (header === null) return 'missing'
    const m = header.match(/^Bearer\s+(\S+)\s*$/i)
    if (!m) return 'malformed'
    const state = this.#table.state(m[1]!)
    return state === 'live' ? undefined : state
  }

  revokeAll(): void {
    this.#table.revokeAll()
  }

  clear(): void {
    this.#table.clear()
  }
}
