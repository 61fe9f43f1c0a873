// A read-only rostering proxy for a browser app: the page asks this server for a class roster or a user, and
// only this server holds the Timeback credentials. Run it with `bun run server.ts` (TIMEBACK_ENV,
// TIMEBACK_CLIENT_ID, TIMEBACK_CLIENT_SECRET from the environment; PORT, default 3000; HOST, default 127.0.0.1;
// ALLOW_ORIGIN to let one page origin call it from the browser).
import { MemoryTokenStore } from '@timeback/sdk/edge'
import { OneRosterClient } from '@timeback/sdk/oneroster'
import { errorAnswer } from './errors.ts'
import { match } from './routes.ts'
import { classView, userView } from './views.ts'

/** The most students one roster answer carries; a bigger class is cut there and says so (`truncated`). */
export const MAX_ROSTER = 1000

/** Options of {@link createProxy}. */
export interface ProxyOptions {
  /** Where TIMEBACK_* / ONEROSTER_* settings are read. Default: the process environment (Bun's `process.env`). */
  vars?: object
  /** The one page origin allowed to read answers from a browser (CORS). Default: none (same origin only). */
  allowOrigin?: string
  /** Where upstream failures (5xx answers) are reported for the operator. Default `console.error`. */
  logError?: (message: string, error: unknown) => void
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers },
  })

/**
 * The proxy's fetch handler. The OneRoster client is built once, so its token is fetched once and cached in
 * memory for every request after (a `MemoryTokenStore`, shared by the whole process).
 * @example Bun.serve({ port: 3000, fetch: createProxy() })
 */
export function createProxy(options: ProxyOptions = {}): (request: Request) => Promise<Response> {
  // Built at the first request rather than here: a missing credential then answers 502 instead of stopping the
  // import, and reading env happens when serving, not when a test imports this module.
  let client: OneRosterClient | undefined
  const tokenStore = new MemoryTokenStore()
  const logError = options.logError ?? ((message: string, error: unknown) => console.error(message, error))
  const allowOrigin = checkedOrigin(options.allowOrigin)
  const cors: Record<string, string> = allowOrigin ? { 'access-control-allow-origin': allowOrigin, vary: 'origin' } : {}

  return async (request) => {
    if (request.method !== 'GET') return json(405, { error: 'method_not_allowed' }, { allow: 'GET', ...cors })
    // The raw path, still percent-encoded: `new URL` has already resolved `/./` and `/../` segments, and the
    // id segment is decoded exactly once, by `match`.
    const found = match(new URL(request.url).pathname)
    if ('miss' in found) {
      return found.miss === 'bad-id' ? json(400, { error: 'invalid_id' }, cors) : json(404, { error: 'unknown_route' }, cors)
    }
    try {
      // No retries and a 10 s budget: a page is waiting, and it can retry itself (a 503 carries Retry-After
      // when the service gave one) rather than hold a connection through the SDK's backoff.
      client ??= new OneRosterClient({ vars: options.vars, tokenStore, maxRetries: 0, timeout: 10_000 })
      if (found.route === 'user') return json(200, userView(await client.users.get(found.id)), cors)
      if (found.route === 'class') return json(200, classView(await client.classes.get(found.id)), cors)
      const students = await client.classes(found.id).students.listAll({ maxItems: MAX_ROSTER + 1 })
      return json(200, { classId: found.id, students: students.slice(0, MAX_ROSTER).map(userView), truncated: students.length > MAX_ROSTER }, cors)
    } catch (error) {
      const answer = errorAnswer(error)
      if (answer.status >= 500) logError(`GET ${found.route} ${found.id}: answered ${answer.status} ${answer.error}`, error)
      return json(answer.status, { error: answer.error }, { ...cors, ...(answer.retryAfter ? { 'retry-after': String(answer.retryAfter) } : {}) })
    }
  }
}

/**
 * The page origin, as a browser sends it in `Origin`: refused at start when it is `*` (every site could read the
 * roster through a visitor's browser) or could never match (a path, a trailing slash, a default port, capitals).
 */
function checkedOrigin(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined
  let origin: string | undefined
  try {
    const url = new URL(value)
    if (url.protocol === 'https:' || url.protocol === 'http:') origin = url.origin
  } catch {
    // Not a URL: refused below like any other value that is not an origin.
  }
  if (origin !== value) {
    throw new Error(`allowOrigin (ALLOW_ORIGIN) must be one page origin as the browser sends it, such as https://app.example or http://localhost:5173 (no path, trailing slash or default port; not *), got ${JSON.stringify(value)}`)
  }
  return origin
}

declare const Bun: { serve(options: { port: number; hostname?: string; fetch(request: Request): Promise<Response> }): { url: URL } }

if (import.meta.main) {
  const server = Bun.serve({ port: Number(process.env.PORT ?? 3000), hostname: process.env.HOST ?? '127.0.0.1', fetch: createProxy({ allowOrigin: process.env.ALLOW_ORIGIN }) })
  console.log(`rostering proxy on ${server.url}`)
}
