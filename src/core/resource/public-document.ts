/**
 * @module core/resource/public-document — a public route (a service's discovery document): fetched without
 * credentials, so no token is ever requested for it, and answered only when it is a JSON object.
 */

import { ServerError } from '../errors.js'
import type { CallOptions } from '../transport/http.js'
import type { ServiceContext } from './context.js'

/**
 * GETs `path` anonymously and answers its JSON object; anything else is a ServerError `invalid_response`.
 * @example const doc = await publicDocument<ServiceDescription>(ctx, '/ims/clr/v2p0/discovery/')
 */
export async function publicDocument<T>(ctx: ServiceContext, path: string, call?: CallOptions): Promise<T> {
  const body = await ctx.transport.request<unknown>({ method: 'GET', path, anonymous: true }, call)
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ServerError(`GET ${path}: the discovery document is not a JSON object`, { status: 200, method: 'GET', url: path, body: undefined }, 'invalid_response')
  }
  return body as T
}

/**
 * A 1EdTech service description document (an OpenAPI document naming the routes, OAuth flows and scopes).
 * @example const scopes = Object.keys(doc.components?.securitySchemes?.OAuth2CC?.flows?.clientCredentials?.scopes ?? {})
 */
export interface ServiceDescription {
  openapi?: string
  info?: { title?: string; version?: string; description?: string; [key: string]: unknown }
  servers?: { url: string; [key: string]: unknown }[]
  paths?: Record<string, unknown>
  components?: { securitySchemes?: Record<string, any>; [key: string]: unknown }
  [key: string]: unknown
}
