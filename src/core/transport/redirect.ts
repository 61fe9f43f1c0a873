// The redirect rule. Every request goes out with `redirect: 'manual'`, so fetch never re-sends a body, the
// token or custom headers on its own; the transport follows a redirect itself only to the same origin.

import { ServerError } from '../errors.js'
import { redactUrl } from './hooks.js'
import { pathOf } from './response.js'

/** Redirects followed per attempt before giving up. */
export const MAX_REDIRECTS = 5

/** One request as sent: where, how, and with which body. */
export interface Hop {
  url: string
  method: string
  body: BodyInit | undefined
  headers: Record<string, string>
}

/**
 * Whether `response` is a redirect (cheap: a status check first). `opaqueredirect` is a browser's hidden one.
 * @example isRedirect(new Response(null, { status: 307, headers: { location: '/next' } })) // true
 */
export function isRedirect(response: Response): boolean {
  const status = response.status
  if (status === 0) return response.type === 'opaqueredirect'
  return (status === 301 || status === 302 || status === 303 || status === 307 || status === 308) && response.headers.has('location')
}

/**
 * The next hop after a redirect answer, following the Fetch standard: 303 (and 301/302 after a POST) turn
 * into a GET without body; 307/308 repeat the method and body. Throws a ServerError with code
 * `redirect_refused` when the target is another origin (or the request allows none), or cannot be seen, and
 * `too_many_redirects` past {@link MAX_REDIRECTS}.
 * @example const next = nextHop(response, { url, method: 'POST', body, headers }, url, 'same-origin', 0, requestId)
 */
export function nextHop(response: Response, hop: Hop, start: string, mode: 'same-origin' | 'never', followed: number, requestId: string): Hop {
  const origin = originOf(start)
  const what = `${hop.method} ${pathOf(redactUrl(hop.url))}`
  const fail = (reason: string, code: 'redirect_refused' | 'too_many_redirects' = 'redirect_refused'): ServerError =>
    new ServerError(`${what} → ${response.status || 'redirect'}: ${reason} (request id ${requestId})`, {
      status: response.status, method: hop.method, url: redactUrl(hop.url), requestId, headers: response.headers,
    }, code)

  if (response.type === 'opaqueredirect') {
    throw fail('the server redirected, and this runtime hides the target of a redirect (browser fetch with ' +
      "redirect: 'manual'), so the SDK cannot check it and does not follow it. Use the final URL in the client's options")
  }
  let target: URL
  try {
    target = new URL(response.headers.get('location')!, hop.url)
  } catch {
    throw fail('the redirect target (Location header) is not a valid URL')
  }
  if (mode === 'never') {
    throw fail(`${origin} redirected to ${target.origin}, and this request never follows redirects. Use the final URL in the client's options`)
  }
  if (target.origin !== origin || target.username !== '' || target.password !== '') {
    throw fail(`refused to follow a redirect from ${origin} to ${target.origin}: only same-origin redirects are followed, ` +
      'so the body, token and headers are never re-sent to another host')
  }
  if (followed >= MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} redirects`, 'too_many_redirects')

  const status = response.status
  const toGet = status === 303 ? hop.method !== 'HEAD' : (status === 301 || status === 302) && hop.method === 'POST'
  if (!toGet) return { url: target.href, method: hop.method, body: hop.body, headers: hop.headers }
  const headers = { ...hop.headers }
  delete headers['content-type']
  return { url: target.href, method: 'GET', body: undefined, headers }
}

/**
 * A fetch that followed a redirect despite `redirect: 'manual'` (a wrapper that ignores it): the request has
 * gone, but an answer from another origin (or any, for `never`) must not be used. Call it when
 * `response.redirected` is true.
 * @example if (response.redirected) checkFollowed(response, 'GET', url, url, 'same-origin', requestId)
 */
export function checkFollowed(response: Response, method: string, url: string, start: string, mode: 'same-origin' | 'never', requestId: string): void {
  const origin = originOf(start)
  const landed = response.url ? originOf(response.url) : '(unknown origin)'
  if (mode === 'same-origin' && landed === origin) return
  throw new ServerError(
    `${method} ${pathOf(redactUrl(url))} → ${response.status}: the fetch function followed a redirect from ${origin} to ` +
      `${landed} by itself (it ignored redirect: 'manual'); the answer is not used (request id ${requestId})`,
    { status: response.status, method, url: redactUrl(url), requestId, headers: response.headers },
    'redirect_refused',
  )
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return '(unknown origin)'
  }
}
