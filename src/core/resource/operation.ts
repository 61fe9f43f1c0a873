/**
 * @module core/resource/operation — one REST call declared as data: method, path template, query, body check
 * and how to read the answer. A declaration is a plain async function `(ctx, params, call)`, built once per
 * isolate at module level (a Worker that builds its client per request compiles nothing per request), and a
 * resource method is a one-line adapter onto it.
 */

import { ServerError } from '../errors.js'
import { compilePath } from '../paths.js'
import type { CallOptions, HttpRequest, QueryValue } from '../transport/http.js'
import { parseInput, requireObject, type Schema } from '../validation.js'
import type { ServiceContext } from './context.js'

/** Query parameters as the transport takes them (undefined and null are left out, arrays repeat the key). */
export type Query = Record<string, QueryValue>

/**
 * Reads an answer's parsed body (undefined when empty) into what the call returns; `req` is the request sent
 * (its method and encoded path, for messages). Throw a ServerError (`invalid_response`) on an answer that does
 * not have the documented shape.
 */
export type Unwrap<T> = (body: any, req: HttpRequest, ctx: ServiceContext) => T

/**
 * What a call's `params` may carry: the path's `{placeholders}` by name, `body` for the request body and
 * `query` for query parameters already compiled (when the declaration has no `query` compiler).
 */
export type OperationParams = { body?: unknown; query?: Query } & Record<string, unknown>

/** A declared call: `ctx` is the client's context, `params` fills the path, query and body. */
export type Operation<P, T> = (ctx: ServiceContext, params: P, call?: CallOptions) => Promise<T>

/**
 * What `operation()` takes.
 * @example const spec: OperationSpec<{ id: string }, boolean> = { method: 'HEAD', path: '/users/{id}', acceptStatus: [404], unwrap: (answer) => answer?.status !== 404 }
 */
export interface OperationSpec<P, T> {
  method: HttpRequest['method']
  /** Path template as the vendor spec writes it; each `{name}` becomes `params[name]`, one encoded segment. */
  path: string
  /** Compiles and checks query parameters from `params` (throw InputValidationError). Default: `params.query`. */
  query?: (params: P) => Query | undefined
  /**
   * Checks `params` and returns the body to send (throw InputValidationError naming each bad field):
   * `checked(schema, name, label)` for a valibot schema, or a hand check. Default: `params.body` as it is.
   */
  body?: (params: P) => unknown
  /** Reads the answer; default: the parsed body as it is. */
  unwrap?: Unwrap<T>
  /**
   * Statuses that are answers rather than errors (`[404]` for an `exists`). For those the transport hands
   * `unwrap` the Response itself, body unread (cancel it if you do not read it); a HEAD's is empty anyway.
   */
  acceptStatus?: readonly number[]
}

/**
 * Declares one REST call. Nothing is sent before `params` passed every check; bad input rejects the returned
 * promise with an InputValidationError naming each bad field (never a synchronous throw).
 * @example
 * // GET /webhooks/{id}
 * const getWebhook = operation<{ id: string }, Webhook>({ method: 'GET', path: '/webhooks/{id}', unwrap: one('webhook') })
 * const hook = await getWebhook(ctx, { id }, { timeout: 5000 })
 */
/* @__NO_SIDE_EFFECTS__ */
export function operation<P extends object | undefined = OperationParams, T = unknown>(spec: OperationSpec<P, T>): Operation<P, T> {
  const { method, body, acceptStatus, unwrap, query } = spec
  // Compiled on the first call: importing a module of declarations does no work.
  let path: ((ids?: Record<string, unknown>) => string) | undefined
  return async (ctx, params: any, call) => {
    const req: HttpRequest = {
      method,
      path: (path ??= compilePath(spec.path))(params),
      query: query ? query(params) : params?.query,
      body: body ? body(params) : params?.body,
      acceptStatus,
    }
    const answer = await ctx.transport.request(req, call)
    return unwrap ? unwrap(answer, req, ctx) : (answer as T)
  }
}

/**
 * A body check from a valibot schema: `params.body` must be an object that passes `schema`; the issues are
 * rooted at `name` and the message starts with `label`. Kept out of `operation()` so that services without
 * schemas do not ship valibot's parser.
 * @example
 * // POST /webhooks/
 * operation({ method: 'POST', path: '/webhooks/', body: checked(WebhookCreateSchema, 'webhook', 'webhooks.create'), unwrap: one('webhook') })
 */
/* @__NO_SIDE_EFFECTS__ */
export function checked<S extends Schema>(schema: S, name: string, label: string): (params: { body?: unknown }) => unknown {
  return (params) => parseInput(schema, requireObject(params.body, name), label, name)
}

function invalid(body: unknown, req: HttpRequest, what: string): ServerError {
  const keys = body && typeof body === 'object' ? Object.keys(body).slice(0, 10) : typeof body
  return new ServerError(`${req.path}: the response has ${what} (got ${JSON.stringify(keys)})`, {
    status: 200, method: req.method, url: req.path, body: undefined,
  }, 'invalid_response')
}

const isObject = (value: unknown): value is object => !!value && typeof value === 'object' && !Array.isArray(value)

/**
 * Unwraps `{ [key]: item }`; the bare object is accepted too (some routes answer without the envelope).
 * Anything else is a ServerError `invalid_response`.
 * @example operation({ method: 'GET', path: '/webhooks/{id}', unwrap: one('webhook') })
 */
/* @__NO_SIDE_EFFECTS__ */
export function one<T>(key: string): Unwrap<T> {
  return (body, req) => {
    const item = body?.[key] ?? body
    if (isObject(item)) return item as T
    throw invalid(body, req, `no '${key}' object`)
  }
}

/**
 * Unwraps `{ [key]: items }`; a bare array is accepted too. Anything else is a ServerError `invalid_response`.
 * @example operation({ method: 'GET', path: '/webhooks/', unwrap: many('webhooks') })
 */
/* @__NO_SIDE_EFFECTS__ */
export function many<T>(key: string): Unwrap<T[]> {
  return (body, req) => {
    const items = Array.isArray(body) ? body : body?.[key]
    if (Array.isArray(items)) return items as T[]
    throw invalid(body, req, `no '${key}' array`)
  }
}

/**
 * The first of `keys` that holds an object, else the body as it is: single-record envelopes differ by route
 * (OneRoster's `{ user }`, `{ org }` on /schools, or the bare record; Caliper's `{ event }`, `{ job }`).
 * @example unwrapItem<User>({ user: { sourcedId: 'u1' } }, ['user']) // { sourcedId: 'u1' }
 */
export function unwrapItem<T>(body: any, keys: readonly string[]): T {
  for (const key of keys) {
    const value = body?.[key]
    if (isObject(value)) return value as T
  }
  return body as T
}

/**
 * `unwrapItem` as a declaration's `unwrap`.
 * @example operation({ method: 'GET', path: '/jobs/{jobId}/status', unwrap: item('job') })
 */
/* @__NO_SIDE_EFFECTS__ */
export const item = <T>(...keys: string[]): Unwrap<T> => (body) => unwrapItem<T>(body, keys)

/**
 * Ignores the answer (a DELETE's `{ message }` or empty 204): the call resolves to undefined.
 * @example operation<{ id: string }, void>({ method: 'DELETE', path: '/webhooks/{id}', unwrap: none })
 */
export const none: Unwrap<void> = () => undefined
