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

export interface OperationSpec<P, T> {
  method: HttpRequest['method']
  /** Path template as the vendor spec writes it; each `{name}` becomes `params[name]`, one encoded segment. */
  path: string
  /** Compiles and checks query parameters from `params` (throw InputValidationError). Default: `params.query`. */
  query?: (params: P) => Query | undefined
  /**
   * The request body: a valibot schema checked against `params.body` (issues rooted at `name`), or a hand
   * check that returns the body to send from `params`. Default: `params.body` as it is (already checked).
   */
  body?: Schema | ((params: P) => unknown)
  /** The body's name in messages: `webhook` → `webhook.targetUrl: …`. */
  name?: string
  /** Prefix of validation messages: `webhooks.create`. */
  label?: string
  /** Reads the answer; default: the parsed body as it is. */
  unwrap?: Unwrap<T>
  /** Statuses that are answers rather than errors, and what the call resolves to on them: `{ 404: false }`. */
  accept?: Record<number, T>
  /** Call options this route always wants, under the caller's: `{ idempotent: true }` for a repeatable POST. */
  call?: CallOptions
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
  const { method, body, accept, unwrap } = spec
  let path: ((ids?: Record<string, unknown>) => string) | undefined
  let acceptStatus: number[] | undefined
  return async (ctx, params, call) => {
    const values = params as OperationParams | undefined
    const req: HttpRequest = {
      method,
      path: (path ??= compilePath(spec.path))(values),
      query: spec.query ? spec.query(params) : values?.query,
      body: body === undefined ? values?.body
        : typeof body === 'function' ? body(params)
        : parseInput(body, requireObject(values?.body, spec.name ?? 'body'), spec.label as string, spec.name),
    }
    if (accept) req.acceptStatus = acceptStatus ??= Object.keys(accept).map(Number)
    const answer = await ctx.transport.request(req, spec.call ? { ...spec.call, ...call } : call)
    // The transport hands back the Response, body unread, for an accepted status: a parsed body has no methods.
    if (accept && typeof (answer as Response | undefined)?.arrayBuffer === 'function') {
      const response = answer as Response
      response.body?.cancel().catch(() => undefined)
      return accept[response.status] as T
    }
    return unwrap ? unwrap(answer, req, ctx) : (answer as T)
  }
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
