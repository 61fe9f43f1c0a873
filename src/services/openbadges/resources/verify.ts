/**
 * @module services/openbadges/resources/verify — checking a badge credential. A VC-JWT (a compact JWS string) is
 * checked here, with jose: its signature against the keys the issuer publishes (a JWKS fetched through the client's
 * `fetch`), under an explicit algorithm allow-list, then its dates and claims. A credential object with an embedded
 * proof (VC Data Integrity) is sent to the service's verify route, which checks it.
 */

import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose'
import { isRecord, type OpenBadgeCredential } from '../../../core/credential.js'
import { InputValidationError, ServerError } from '../../../core/errors.js'
import type { ServiceContext } from '../../../core/resource/context.js'
import type { CallOptions, Transport } from '../../../core/transport/http.js'
import { checkClaims } from './claims.js'
import { capped, MAX_JWKS_BYTES } from './jwks-fetch.js'

/**
 * Signature algorithms a VC-JWT may use. `none` and the shared-secret HS* family are never accepted.
 * @example await client.verify(jwt, { algorithms: ['ES256', 'EdDSA'] satisfies BadgeJwtAlgorithm[] })
 */
export type BadgeJwtAlgorithm = 'ES256' | 'ES384' | 'EdDSA' | 'Ed25519' | 'RS256' | 'PS256'

/**
 * Why a local check failed.
 * @example if (result.reason === ('expired' satisfies VerifyFailure)) askForARenewedBadge()
 */
export type VerifyFailure = 'malformed' | 'algorithm' | 'key' | 'signature' | 'expired' | 'not_yet_valid' | 'claims'

/**
 * What `verify` takes besides the credential.
 * @example const options: VerifyOptions = { jwksUrl: 'https://issuer.example/.well-known/jwks.json', issuer: 'https://issuer.example' }
 */
export interface VerifyOptions {
  /**
   * Where the issuer publishes its keys (JWKS, `https:`; `http:` only on loopback). Default: the service's own,
   * `{baseUrl}/ims/ob/v3p0/.well-known/jwks.json`, which holds for badges the service signed. For another issuer's
   * badge, pass that issuer's JWKS URL: keys embedded in a token's header are never trusted.
   */
  jwksUrl?: string
  /** Accepted algorithms (default ES256, ES384, EdDSA, Ed25519, RS256, PS256). */
  algorithms?: BadgeJwtAlgorithm[]
  /** The `iss` the token must carry (one or any of several). */
  issuer?: string | string[]
  /** Seconds of clock skew allowed on `exp`/`nbf`/validity dates. Default 0. */
  clockTolerance?: number
  /** The time to check dates against. Default: now. */
  now?: Date
}

/**
 * The outcome of `verify`; `checkedBy` says which way it was checked.
 * @example const { valid, checkedBy, errors }: VerifyResult = await client.verify(jwtOrCredential)
 */
export interface VerifyResult {
  valid: boolean
  /** `local-jwt`: the signature was checked in this process; `service`: the service's verify route checked it. */
  checkedBy: 'local-jwt' | 'service'
  errors: string[]
  warnings: string[]
  /** Local checks: why it failed. */
  reason?: VerifyFailure
  /** Local checks: the header's `alg` and `kid`, and the token's `iss`. */
  algorithm?: string
  keyId?: string
  issuer?: string
  /** The credential the token carries (local checks, once the signature held). */
  credential?: OpenBadgeCredential
  /** The service's details (issuer, subject, achievement, signatureMethod, credentialCount). */
  details?: Record<string, unknown>
}

const ALGORITHMS: BadgeJwtAlgorithm[] = ['ES256', 'ES384', 'EdDSA', 'Ed25519', 'RS256', 'PS256']
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/
const KEYS_FRESH_MS = 5 * 60_000
const REFETCH_AFTER_MS = 30_000
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/
/** The most clock skew `clockTolerance` may allow: beyond a day it would turn off the expiry check. */
const MAX_SKEW_S = 86_400

function checkOptions(o: VerifyOptions, baseUrl: string): { url: string; algorithms: BadgeJwtAlgorithm[] } {
  const bad = (path: string, message: string) => new InputValidationError([{ path, message }], 'openbadges.verify')
  if (!isRecord(o)) throw bad('options', 'must be an object')
  const algorithms = o.algorithms ?? ALGORITHMS
  if (!Array.isArray(algorithms) || algorithms.length === 0) throw bad('algorithms', `must be a non-empty list of ${ALGORITHMS.join(', ')}`)
  for (const alg of algorithms) {
    if (!ALGORITHMS.includes(alg)) throw bad('algorithms', `'${String(alg)}' is not accepted: use asymmetric ones (${ALGORITHMS.join(', ')}); never none or HS*`)
  }
  const raw = o.jwksUrl ?? `${baseUrl.replace(/\/+$/, '')}/ims/ob/v3p0/.well-known/jwks.json`
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw bad('jwksUrl', 'must be an absolute URL of a JWKS document')
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    throw bad('jwksUrl', 'must use https: (http: is accepted for localhost only)')
  }
  if (o.now !== undefined && !(o.now instanceof Date && !Number.isNaN(o.now.getTime()))) throw bad('now', 'must be a valid Date')
  if (o.clockTolerance !== undefined && !(typeof o.clockTolerance === 'number' && o.clockTolerance >= 0 && o.clockTolerance <= MAX_SKEW_S)) {
    throw bad('clockTolerance', `must be a number of seconds from 0 to ${MAX_SKEW_S}`)
  }
  return { url: url.href, algorithms }
}

type Outcome = Omit<VerifyResult, 'checkedBy' | 'warnings'>
const fail = (reason: VerifyFailure, error: string, extra: Partial<VerifyResult> = {}): Outcome => ({ valid: false, reason, errors: [error], ...extra })
/**
 * Builds `verify` for a client: JWKS cached per URL for 5 minutes; a token whose `kid` is not in the cached set
 * refetches it, at most once per 30 seconds per URL (a stream of made-up kids cannot hammer the issuer). Calls
 * made while a set is being fetched (without a signal of their own) share that fetch: verifying twenty badges at
 * once in a Worker costs one subrequest, not twenty.
 * `keyTransport(cap)` makes the transport JWKS requests use (anonymous, without the client's custom headers),
 * its fetch wrapped by `cap` so a JWKS over {@link MAX_JWKS_BYTES} is cut off.
 * @example const verify = createVerify(runtime, runtime.config.baseUrl, (cap) => new Transport({ baseUrl, fetch: cap(fetch) }))
 */
export function createVerify(ctx: ServiceContext, baseUrl: string, keyTransport: (cap: (f?: typeof fetch) => typeof fetch | undefined) => Transport) {
  const keySets = new Map<string, { keys: JSONWebKeySet; at: number }>()
  const pending = new Map<string, Promise<JSONWebKeySet>>()

  function fetchKeys(url: string, call?: CallOptions): Promise<JSONWebKeySet> {
    // A call with its own signal fetches alone: another caller's abort must not fail it.
    if (call?.signal) return loadKeys(url, call)
    let shared = pending.get(url)
    if (!shared) {
      shared = loadKeys(url, call).finally(() => pending.delete(url))
      pending.set(url, shared)
    }
    return shared
  }

  async function loadKeys(url: string, call?: CallOptions): Promise<JSONWebKeySet> {
    const state = { over: false }
    let body: unknown
    try {
      body = await keyTransport((f) => capped(f, state)).request<unknown>({ method: 'GET', path: '', absoluteUrl: url, anonymous: true }, call)
    } catch (error) {
      if (!state.over) throw error
      throw new ServerError(`GET ${url}: the JWKS is larger than ${MAX_JWKS_BYTES} bytes: reading stopped there (a JWKS holds a few keys)`, { status: 200, method: 'GET', url, body: undefined }, 'invalid_response')
    }
    if (!isRecord(body) || !Array.isArray(body.keys)) {
      throw new ServerError(`GET ${url}: the answer is not a JWKS ({ keys: [...] })`, { status: 200, method: 'GET', url, body: undefined }, 'invalid_response')
    }
    const keys = body as unknown as JSONWebKeySet
    keySets.set(url, { keys, at: Date.now() })
    return keys
  }

  async function verifyJwt(jwt: string, options: VerifyOptions, call?: CallOptions): Promise<Outcome> {
    const { url, algorithms } = checkOptions(options, baseUrl)
    let header: { alg?: string; kid?: string; crit?: unknown }
    try {
      header = decodeProtectedHeader(jwt)
    } catch {
      return fail('malformed', 'the token header is not valid base64url JSON')
    }
    const seen = { algorithm: header.alg, keyId: header.kid }
    // Refused before any key is fetched: an unsigned or shared-secret token cannot prove who issued it.
    if (!header.alg || !algorithms.includes(header.alg as BadgeJwtAlgorithm)) {
      return fail('algorithm', `algorithm '${String(header.alg)}' is not accepted (allowed: ${algorithms.join(', ')})`, seen)
    }
    const cached = keySets.get(url)
    let keys = cached && Date.now() - cached.at < KEYS_FRESH_MS ? cached.keys : await fetchKeys(url, call)
    const now = options.now ?? new Date()
    const skew = options.clockTolerance ?? 0
    for (let attempt = 0; ; attempt++) {
      try {
        const { payload } = await jwtVerify(jwt, createLocalJWKSet(keys), {
          algorithms, currentDate: now, clockTolerance: skew, ...(options.issuer ? { issuer: options.issuer } : {}),
        })
        const { credential, problem } = checkClaims(payload, now.getTime(), skew * 1000)
        const done = { ...seen, issuer: payload.iss, credential }
        return problem ? fail(problem[0], problem[1], done) : { valid: true, errors: [], ...done }
      } catch (error) {
        const code = (error as { code?: string })?.code
        const entry = keySets.get(url)
        if (code === 'ERR_JWKS_NO_MATCHING_KEY' && attempt === 0 && entry && Date.now() - entry.at > REFETCH_AFTER_MS) {
          keys = await fetchKeys(url, call) // the issuer may have rotated its keys
          continue
        }
        if (code === 'ERR_JWKS_INVALID') {
          throw new ServerError(`GET ${url}: the JWKS holds an invalid key set`, { status: 200, method: 'GET', url, body: undefined }, 'invalid_response')
        }
        const claim = (error as { claim?: string }).claim
        const reason: VerifyFailure | undefined =
          code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'signature'
          : code === 'ERR_JWT_EXPIRED' ? 'expired'
          : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? (claim === 'nbf' ? 'not_yet_valid' : 'claims')
          : code === 'ERR_JOSE_ALG_NOT_ALLOWED' ? 'algorithm'
          // A critical header extension jose does not know is the token's fault, not a missing key.
          : code === 'ERR_JOSE_NOT_SUPPORTED' && header.crit !== undefined ? 'malformed'
          : code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS' || code === 'ERR_JOSE_NOT_SUPPORTED' ? 'key'
          : code === 'ERR_JWS_INVALID' || code === 'ERR_JWT_INVALID' ? 'malformed'
          : undefined
        if (!reason) throw error
        const message = reason === 'key' ? `no key of ${url} matches the token (kid ${JSON.stringify(header.kid ?? null)}, alg ${header.alg})` : (error as Error).message
        return fail(reason, message, seen)
      }
    }
  }

  /** POST /ims/ob/v3p0/issue-badge/verify — the service checks the embedded proof. */
  async function verifyByService(credential: Record<string, unknown>, call?: CallOptions): Promise<VerifyResult> {
    const path = '/ims/ob/v3p0/issue-badge/verify'
    const body = await ctx.transport.request<any>({ method: 'POST', path, body: credential }, { idempotent: true, ...call })
    if (!isRecord(body) || typeof body.valid !== 'boolean') {
      throw new ServerError(`POST ${path}: the answer has no boolean 'valid'`, { status: 200, method: 'POST', url: path, body: undefined }, 'invalid_response')
    }
    const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : [])
    return {
      valid: body.valid, checkedBy: 'service', errors: list(body.errors), warnings: list(body.warnings), ...(isRecord(body.details) ? { details: body.details } : {}),
    }
  }

  /**
   * Checks a badge: a VC-JWT string here (signature, algorithm, dates, claims), a credential object with an
   * embedded proof by the service. Answers `{ valid: false, … }` for a credential that does not hold; throws only
   * when it could not be checked (bad options, the JWKS or the service unreachable or answering nonsense).
   */
  return async function verify(credential: string | OpenBadgeCredential, options: VerifyOptions = {}, call?: CallOptions): Promise<VerifyResult> {
    if (typeof credential === 'string') {
      const jwt = credential.trim()
      if (!COMPACT_JWS.test(jwt)) {
        throw new InputValidationError([{ path: 'credential', message: 'must be a VC-JWT (header.payload.signature) or a credential object' }], 'openbadges.verify')
      }
      return { checkedBy: 'local-jwt', warnings: [], ...(await verifyJwt(jwt, options, call)) }
    }
    if (!isRecord(credential)) {
      throw new InputValidationError([{ path: 'credential', message: 'must be a VC-JWT string or a credential object' }], 'openbadges.verify')
    }
    return verifyByService(credential, call)
  }
}
