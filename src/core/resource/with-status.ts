/**
 * @module core/resource/with-status — a call whose success status means something (an upsert's 201 created
 * against 200 updated): the parsed body together with the status, errors as every other call has them.
 */

import { ServerError } from '../errors.js'
import type { CallOptions, HttpRequest } from '../transport/http.js'
import type { ServiceContext } from './context.js'

/**
 * Sends `req` and answers its status with the parsed JSON body; a 2xx whose body is not a JSON object is a
 * ServerError `invalid_response` (an upsert that echoes nothing cannot be trusted to have stored anything).
 * @example
 * const { status, body } = await requestWithStatus(ctx, { method: 'POST', path: '/ims/clr/v2p0/credentials/', body: credential })
 * const created = status === 201
 */
export async function requestWithStatus(
  ctx: ServiceContext, req: HttpRequest, call?: CallOptions,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await ctx.transport.request<Response>({ ...req, responseType: 'response' }, call)
  let body: unknown
  try {
    body = JSON.parse(await response.text())
  } catch {
    body = undefined
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ServerError(`${req.method} ${req.path} → ${response.status}: the response is not the JSON object the service documents`, {
      status: response.status, method: req.method, url: req.path, body: undefined, requestId: response.headers.get('x-request-id') ?? undefined,
    }, 'invalid_response')
  }
  return { status: response.status, body: body as Record<string, unknown> }
}
