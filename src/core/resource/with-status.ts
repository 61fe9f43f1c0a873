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
  // Read by the transport as bytes: within the call's deadline and under maxResponseBytes, like every other body.
  const { data, headers, status } = await ctx.transport.request<{ data: Uint8Array; headers: Headers; status: number }>({ ...req, responseType: 'bytes' }, call)
  let body: unknown
  try {
    body = JSON.parse(new TextDecoder().decode(data))
  } catch {
    body = undefined
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ServerError(`${req.method} ${req.path} → ${status}: the response is not the JSON object the service documents`, {
      status, method: req.method, url: req.path, body: undefined, requestId: headers.get('x-request-id') ?? undefined,
    }, 'invalid_response')
  }
  return { status, body: body as Record<string, unknown> }
}
