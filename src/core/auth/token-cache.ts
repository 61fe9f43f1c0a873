// The isolate-wide token cache. A Worker builds its client inside `fetch` (the only place it has `env`), so
// anything kept on the client or on a store object dies with the request. The cache therefore lives at module
// scope: one memory tier and one in-flight fetch per cache key, whichever client or store object asks, in front
// of an optional shared TokenStore (KV, Durable Object, Deno KV) that carries tokens across isolates.
// A store is a cache, never a dependency: one that hangs, throws or returns garbage is a miss, logged once.

import { isApiError } from '../errors.js'
import { subtleCrypto } from '../secure-context.js'
import type { Logger } from '../transport/hooks.js'
import type { StoredToken, TokenStore } from './token-store.js'

/** A token as an authenticator fetched it; the lifetime is the server's `expires_in`, unchecked. */
export interface FreshToken {
  accessToken: string
  lifetimeSeconds?: unknown
}

/** What the cache needs to find or obtain one token. */
export interface TokenSource {
  /** From `tokenCacheKey`: never contains a secret. */
  key: string
  /** Shared second tier (KV, Durable Object, Deno KV); the memory tier always sits in front. */
  store?: TokenStore
  logger?: Logger
  /** The platform's keep-alive for work that outlives the response (a Worker's `ctx.waitUntil`). */
  waitUntil?: (promise: Promise<unknown>) => void
  /** Asks the identity provider for a new token. Runs at most once at a time per key in this isolate. */
  fetch(): Promise<FreshToken>
}

export const DEFAULT_LIFETIME_S = 3600
/** `expires_in` of 0, negative or a few seconds still buys this long, so calls do not fetch a token each. */
export const MIN_LIFETIME_S = 30
/** Longer lifetimes are cut to a day: a token cached for ever outlives its revocation. */
export const MAX_LIFETIME_S = 86_400
const EARLY_REFRESH_MS = 60_000
/** A store read or write slower than this is treated as failed; the memory tier carries on. */
export const STORE_TIMEOUT_MS = 1_000
const MEMORY_LIMIT = 256

const memory = /* @__PURE__ */ new Map<string, StoredToken>()
const inflight = /* @__PURE__ */ new Map<string, Promise<StoredToken>>()
// The last token an API answered 401 to, per key: a store whose delete failed must not hand it out again.
const rejected = /* @__PURE__ */ new Map<string, string>()
const warned = /* @__PURE__ */ new Set<string>()

const hex = (bytes: ArrayBuffer): string => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('')
const sha256 = async (text: string): Promise<string> => hex(await subtleCrypto('Hashing the token cache key').digest('SHA-256', new TextEncoder().encode(text)))

/**
 * The cache key of a credential: a SHA-256 over an unambiguous encoding (a JSON array) of the token URL,
 * client id, scope and the SHA-256 of the secret. Two secrets never share a key, `a|b`+`c` never collides
 * with `a`+`b|c`, and the key reveals nothing (it is safe in KV, logs and dashboards).
 * @example const key = await tokenCacheKey({ tokenUrl, clientId, clientSecret }) // 'timeback-token:v2:3f…'
 */
export async function tokenCacheKey(parts: { tokenUrl: string; clientId: string; clientSecret: string; scope?: string }): Promise<string> {
  const secretHash = await sha256(parts.clientSecret)
  return `timeback-token:v2:${await sha256(JSON.stringify([parts.tokenUrl, parts.clientId, parts.scope ?? '', secretHash]))}`
}

/**
 * A valid access token for `source`: from this isolate's memory, else from the shared store, else fetched
 * (once, however many calls wait). Waiting honours `signal` (the call's deadline and abort); the shared fetch
 * goes on for the others. A token past its refresh time but not expired is returned at once while a refresh
 * runs in the background.
 */
export async function cachedToken(source: TokenSource, signal?: AbortSignal): Promise<string> {
  const held = memory.get(source.key)
  const now = Date.now()
  if (held && now < held.refreshAt) return held.accessToken
  if (held && now < held.expiresAt) {
    background(source, flight(source).catch((error) => warnOnce(source, 'refresh', `timeback: background token refresh failed (${describe(error)}); the current token stays in use until it expires`)))
    return held.accessToken
  }
  if (held) memory.delete(source.key)
  const token = await (signal ? raceAbort(flight(source), signal) : flight(source))
  return token.accessToken
}

/**
 * Forgets `token` after an API answered 401 to it: from memory at once, from the shared store in the
 * background. Only that token: another call may already have stored a fresh one.
 */
export function invalidateToken(source: TokenSource, token: string): void {
  if (memory.get(source.key)?.accessToken === token) memory.delete(source.key)
  remember(rejected, source.key, token)
  const { store } = source
  if (!store) return
  background(source, bounded(() => store.get(source.key)).then(async (read) => {
    if (read.ok && read.value && readStored(read.value)?.accessToken !== token) return
    const removed = await bounded(() => store.delete(source.key))
    if (!removed.ok) warnOnce(source, 'delete', `timeback: token store delete ${removed.reason}; the rejected token is ignored instead`)
  }))
}

/**
 * Empties this isolate's token cache (memory tier, in-flight fetches, rejected tokens). For tests that reuse
 * an emulator origin and credentials across emulators; shared stores are not touched.
 * @example afterEach(() => clearTokenCache())
 */
export function clearTokenCache(): void {
  memory.clear()
  inflight.clear()
  rejected.clear()
  warned.clear()
}

function flight(source: TokenSource): Promise<StoredToken> {
  const running = inflight.get(source.key)
  if (running) return running
  const promise = obtain(source).finally(() => {
    if (inflight.get(source.key) === promise) inflight.delete(source.key)
  })
  inflight.set(source.key, promise)
  return promise
}

async function obtain(source: TokenSource): Promise<StoredToken> {
  const { store, key } = source
  if (store) {
    const read = await bounded(() => store.get(key))
    if (!read.ok) warnOnce(source, 'get', `timeback: token store get ${read.reason}; fetching a token instead`)
    else if (read.value !== undefined && read.value !== null) {
      const shared = readStored(read.value)
      if (!shared) warnOnce(source, 'garbage', 'timeback: token store returned something that is not a token; ignoring it')
      else if (shared.accessToken !== rejected.get(key) && Date.now() < shared.refreshAt) {
        remember(memory, key, shared)
        return shared
      }
    }
  }
  const token = mint(await source.fetch())
  remember(memory, key, token)
  if (store) {
    // Not awaited: callers have their token now. The write is bounded and its failure only logged.
    background(source, bounded(() => store.set(key, token, storeTtl(token))).then((written) => {
      if (!written.ok) warnOnce(source, 'set', `timeback: token store set ${written.reason}; the token is cached in this isolate only`)
    }))
  }
  return token
}

/** Turns a server's answer into a cache entry: lifetime clamped, refresh a minute early with jitter. */
function mint(fresh: FreshToken): StoredToken {
  const raw = typeof fresh.lifetimeSeconds === 'string' && fresh.lifetimeSeconds.trim() !== '' ? Number(fresh.lifetimeSeconds) : fresh.lifetimeSeconds
  const lifetimeS = typeof raw !== 'number' || Number.isNaN(raw) ? DEFAULT_LIFETIME_S : Math.min(MAX_LIFETIME_S, Math.max(MIN_LIFETIME_S, raw))
  const lifetimeMs = lifetimeS * 1000
  const now = Date.now()
  // A minute early (a quarter of the lifetime for short tokens), minus up to half that again at random, so a
  // fleet of isolates does not refresh in the same second.
  const margin = Math.min(EARLY_REFRESH_MS, lifetimeMs / 4)
  return { accessToken: fresh.accessToken, expiresAt: now + lifetimeMs, refreshAt: now + lifetimeMs - margin - Math.random() * (margin / 2) }
}

/** Seconds a store should keep `token`: whole, at least KV's 60-second minimum, at most a day. */
function storeTtl(token: StoredToken): number {
  return Math.min(MAX_LIFETIME_S, Math.max(60, Math.ceil((token.expiresAt - Date.now()) / 1000)))
}

/** A stored value checked field by field; anything else (wrong types, missing fields, expired) is a miss. */
function readStored(value: unknown): StoredToken | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { accessToken, expiresAt, refreshAt } = value as Record<string, unknown>
  if (typeof accessToken !== 'string' || accessToken === '') return undefined
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt) || expiresAt <= Date.now()) return undefined
  if (typeof refreshAt !== 'number' || !Number.isFinite(refreshAt)) return undefined
  return { accessToken, expiresAt, refreshAt: Math.min(refreshAt, expiresAt) }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string }

/** Runs a store operation with a time limit; a throw (even a synchronous one) or a hang becomes a reason. */
function bounded<T>(operation: () => T | Promise<T>): Promise<Outcome<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const limit = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `did not answer within ${STORE_TIMEOUT_MS} ms` }), STORE_TIMEOUT_MS)
  })
  const work = Promise.resolve()
    .then(operation)
    .then((value): Outcome<T> => ({ ok: true, value }), (error): Outcome<T> => ({ ok: false, reason: `failed (${describe(error)})` }))
  return Promise.race([work, limit]).finally(() => clearTimeout(timer))
}

/**
 * Work the caller does not wait for (a store write, a refresh). On Workers the platform may cancel it once the
 * response is sent, so it goes to `waitUntil` when the client was given one. `work` never rejects.
 */
function background(source: TokenSource, work: Promise<unknown>): void {
  try {
    source.waitUntil?.(work)
  } catch (error) {
    // The work runs anyway; only its keep-alive is lost, which must not fail the call that started it.
    warnOnce(source, 'waitUntil', `timeback: waitUntil threw (${describe(error)})`)
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key)
  if (map.size >= MEMORY_LIMIT) map.delete(map.keys().next().value as string)
  map.set(key, value)
}

function warnOnce(source: TokenSource, kind: string, message: string): void {
  const id = `${source.key}|${kind}`
  if (warned.has(id)) return
  if (warned.size >= MEMORY_LIMIT) warned.clear()
  warned.add(id)
  try {
    ;(source.logger?.warn ?? console.warn)(message)
  } catch {
    // A throwing logger must not break authentication.
  }
}

function describe(error: unknown): string {
  if (isApiError(error)) return `${error.name} ${error.status}`
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : typeof error
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
