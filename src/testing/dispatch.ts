// From a request (past the fault rules) to its answer: the token endpoints, then routing, the route's auth
// scheme, and the handler. Every error the kernel makes itself is written in the owning service's error body.
import type { ApiKeyAuthority } from './auth/api-key.js'
import type { TokenAuthority } from './auth/oauth.js'
import type { Ctx } from './context.js'
import { HttpError } from './http.js'
import { parseJsonBody } from './json-body.js'
import type { Mount, MountedService } from './mount.js'
import type { ErrorWriter } from './service.js'

/** Which token-issuing endpoint a path is, if any. */
export type TokenEndpoint = { readonly kind: 'oauth' } | { readonly kind: 'api-key'; readonly owner: MountedService }

export interface DispatchParts {
  readonly mount: Mount
  readonly oauth: TokenAuthority
  readonly apiKeys: ApiKeyAuthority
}

/** Where the 401 of an `api-key` route points the caller. */
const API_KEY_HINT = 'Send the JWT from POST <base URL>/authorizer as the header X-Auth-Token: Bearer <jwt>.'

export function createDispatcher({ mount, oauth, apiKeys }: DispatchParts) {
  /** `error` is the error body of the service that owns the path (from the pipeline's `admit`). */
  return async function dispatch(request: Request, url: URL, endpoint: TokenEndpoint | undefined, pathError: ErrorWriter): Promise<Response> {
    if (endpoint?.kind === 'oauth') return oauth.issue(request)
    let error = pathError
    try {
      if (endpoint) return await apiKeys.exchange(request, endpoint.owner.baseUrl, error)
      const m = mount.match(request.method, url.pathname)
      if (m.kind === 'none') return error(404, `Unknown route: ${request.method} ${url.pathname}`)
      if (m.kind === 'method') {
        return error(405, `Method ${request.method} is not allowed on ${url.pathname}.`, { allow: m.allow.join(', ') })
      }
      const { route, owner } = m.route
      error = owner.error
      const scheme = route.auth ?? owner.auth
      if (scheme === 'oauth') {
        const why = oauth.check(request)
        if (why) return error(401, why, { 'www-authenticate': 'Bearer error="invalid_token"' })
      } else if (scheme === 'api-key') {
        const reason = apiKeys.check(request)
        if (reason) {
          const details = reason === 'missing' || reason === 'malformed' ? { reason, hint: API_KEY_HINT } : { reason }
          return error(401, 'Invalid or expired JWT', {}, { code: 'UNAUTHORIZED', details })
        }
      }
      let body: Promise<unknown> | undefined
      const ctx: Ctx = {
        env: owner.env, request, method: request.method, params: m.params, query: url.searchParams,
        body: () => (body ??= request.text().then(parseJsonBody)),
      }
      return await route.handle(ctx)
    } catch (err) {
      if (err instanceof HttpError) return error(err.status, err.message, err.headers)
      return error(500, `Internal emulator error: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
}
