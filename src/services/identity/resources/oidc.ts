/**
 * @module services/identity/resources/oidc — talking to the identity provider: discovery (cached, its issuer must be
 * the configured one), the JWKS (read at most 64 KB, fetched again once when a key id is unknown: key rotation), the
 * code exchange, and the id_token check with jose (signature by an allow-listed algorithm, iss, aud, exp with bounded
 * skew, nonce, token_use when present).
 */
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose'
import { IdentityError } from './errors.js'

const MAX_BODY = 64 * 1024

/** The provider's endpoints, from `{issuer}/.well-known/openid-configuration`. */
export interface Discovery {
  readonly issuer: string
  readonly authorization_endpoint: string
  readonly token_endpoint: string
  readonly userinfo_endpoint?: string
  readonly jwks_uri: string
}

/** What the provider is and how to reach it. */
export interface ProviderConfig {
  readonly issuer: string
  readonly clientId: string
  readonly clientSecret: string
  readonly fetch: typeof fetch
  readonly algorithms: readonly string[]
  readonly clockSkewSeconds: number
  readonly timeoutMs: number
  readonly now: () => number
}

/** Reads a JSON body of at most 64 KB (declared or streamed), so a hostile provider cannot exhaust memory. */
async function readJson(response: Response, what: string): Promise<Record<string, unknown>> {
  if (Number(response.headers.get('content-length') ?? 0) > MAX_BODY) throw new Error(`${what} is larger than 64 KB`)
  const reader = response.body?.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  while (reader) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_BODY) {
      await reader.cancel()
      throw new Error(`${what} is larger than 64 KB`)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let at = 0
  for (const c of chunks) { bytes.set(c, at); at += c.byteLength }
  const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes))
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${what} is not a JSON object`)
  return parsed as Record<string, unknown>
}

/** An endpoint must be https, or share the issuer's origin when the issuer itself is plain http (an emulator). */
function endpoint(doc: Record<string, unknown>, name: string, issuer: URL): string {
  const value = doc[name]
  if (typeof value !== 'string') throw new Error(`discovery has no ${name}`)
  const url = new URL(value)
  if (url.protocol !== 'https:' && url.origin !== issuer.origin) throw new Error(`discovery ${name} ${value} is not https`)
  return url.href
}

/**
 * One provider's client: discovery and JWKS are fetched on first need and kept.
 *
 * @example
 * const provider = createProvider(config)
 * const { authorization_endpoint } = await provider.discovery()
 */
export function createProvider(config: ProviderConfig) {
  let discovered: Promise<Discovery> | undefined
  let jwks: { set: ReturnType<typeof createLocalJWKSet>; at: number } | undefined
  // 'manual', not 'error' (workerd refuses 'error'): a 3xx is not ok, so it fails like any other non-2xx answer.
  const get = (url: string, init: RequestInit = {}) => config.fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(config.timeoutMs) })

  async function discover(): Promise<Discovery> {
    const url = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`
    try {
      const response = await get(url, { headers: { accept: 'application/json' } })
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      const doc = await readJson(response, 'discovery')
      if (doc.issuer !== config.issuer) throw new Error(`its issuer ${JSON.stringify(doc.issuer)} is not the configured ${config.issuer}`)
      const issuer = new URL(config.issuer)
      const userinfo = doc.userinfo_endpoint === undefined ? {} : { userinfo_endpoint: endpoint(doc, 'userinfo_endpoint', issuer) }
      return {
        issuer: config.issuer,
        authorization_endpoint: endpoint(doc, 'authorization_endpoint', issuer),
        token_endpoint: endpoint(doc, 'token_endpoint', issuer),
        jwks_uri: endpoint(doc, 'jwks_uri', issuer),
        ...userinfo,
      }
    } catch (e) {
      discovered = undefined // a failed discovery is tried again on the next sign-in
      throw new IdentityError('discovery_failed', `identity: OIDC discovery at ${url} failed: ${(e as Error).message}`, { cause: e })
    }
  }
  const discovery = () => (discovered ??= discover())

  async function keys(refresh: boolean) {
    // A refresh (unknown kid) is allowed once a minute: a flood of forged kids cannot make us hammer the provider.
    if (jwks && (!refresh || config.now() - jwks.at < 60_000)) return jwks.set
    const { jwks_uri } = await discovery()
    const response = await get(jwks_uri, { headers: { accept: 'application/json' } })
    if (!response.ok) throw new Error(`JWKS answered HTTP ${response.status}`)
    jwks = { set: createLocalJWKSet((await readJson(response, 'JWKS')) as unknown as JSONWebKeySet), at: config.now() }
    return jwks.set
  }

  /** Checks an id_token; the claims, or an IdentityError('invalid_id_token') saying which check failed. */
  async function verifyIdToken(idToken: string, nonce: string): Promise<JWTPayload> {
    const options = {
      issuer: config.issuer,
      audience: config.clientId,
      algorithms: [...config.algorithms],
      clockTolerance: config.clockSkewSeconds,
      currentDate: new Date(config.now()),
      requiredClaims: ['sub', 'exp', 'iat'],
    }
    let payload: JWTPayload
    try {
      try {
        payload = (await jwtVerify(idToken, await keys(false), options)).payload
      } catch (e) {
        if (!(e instanceof joseErrors.JWKSNoMatchingKey)) throw e
        payload = (await jwtVerify(idToken, await keys(true), options)).payload
      }
    } catch (e) {
      const why = e instanceof joseErrors.JOSEError ? `${e.code}: ${e.message}` : (e as Error).message
      throw new IdentityError('invalid_id_token', `identity: the id_token was refused (${why})`, { cause: e })
    }
    if (payload.nonce !== nonce) throw new IdentityError('invalid_id_token', 'identity: the id_token was refused (its nonce is not the one this sign-in sent: a replayed or injected token)')
    if (payload.token_use !== undefined && payload.token_use !== 'id') throw new IdentityError('invalid_id_token', `identity: the id_token was refused (token_use is ${JSON.stringify(payload.token_use)}, not 'id')`)
    return payload
  }

  /** Redeems a code (client secret by HTTP Basic, PKCE verifier); the token response. */
  async function exchange(code: string, redirectUri: string, verifier: string): Promise<Record<string, unknown>> {
    const { token_endpoint } = await discovery()
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier, client_id: config.clientId })
    const basic = btoa(`${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`)
    try {
      const response = await get(token_endpoint, { method: 'POST', body: form, headers: { authorization: `Basic ${basic}`, accept: 'application/json' } })
      const body = await readJson(response, 'the token response')
      if (!response.ok) throw new Error(`HTTP ${response.status} ${String(body.error ?? '')} ${String(body.error_description ?? '')}`.trim())
      if (typeof body.id_token !== 'string') throw new Error('the token response has no id_token')
      return body
    } catch (e) {
      if (e instanceof IdentityError) throw e
      throw new IdentityError('token_exchange_failed', `identity: exchanging the code failed: ${(e as Error).message}`, { cause: e })
    }
  }

  /** The userinfo claims, for a provider whose id_token lacks the email; its `sub` must be the id_token's. */
  async function userInfo(accessToken: string, sub: string): Promise<Record<string, unknown>> {
    const { userinfo_endpoint } = await discovery()
    if (!userinfo_endpoint) return {}
    const response = await get(userinfo_endpoint, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } })
    if (!response.ok) throw new IdentityError('token_exchange_failed', `identity: userinfo answered HTTP ${response.status}`)
    const info = await readJson(response, 'userinfo')
    if (info.sub !== sub) throw new IdentityError('invalid_id_token', 'identity: userinfo describes another subject than the id_token')
    return info
  }

  return { discovery, exchange, verifyIdToken, userInfo }
}

/** What {@link createProvider} returns. */
export type Provider = ReturnType<typeof createProvider>
