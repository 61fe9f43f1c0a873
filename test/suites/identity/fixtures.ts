// Shared by the identity suites: an app's identity handler against a fresh emulator, and a tiny "browser" that keeps
// the cookies the handler sets and follows the provider's redirect (through the emulator's fetch, or the global one
// that msw serves).

import type { SuiteEnv } from '../../harness/types.ts'

export const APP = 'https://app.test'
export const COOKIE_SECRET = 'a-test-cookie-secret-of-32-chars!'

/** Set-Cookie values of a response (getSetCookie where the runtime has it). */
export function setCookies(response: Response): string[] {
  const h = response.headers as Headers & { getSetCookie?: () => string[] }
  if (typeof h.getSetCookie === 'function') return h.getSetCookie()
  const one = h.get('set-cookie')
  return one ? [one] : []
}

/**
 * Browsers drop Set-Cookie from Responses a script builds (a forbidden response header), so a handler's cookies can
 * be read back only where the handler really runs: servers and workers.
 */
export const cookiesReadable = (): boolean => new Response(null, { headers: { 'set-cookie': 'probe=1' } }).headers.has('set-cookie')

/** Browsers also drop `Origin` and `Referer` from Requests a script builds (forbidden request headers). */
export const originSettable = (): boolean => new Request(APP, { method: 'POST', headers: { origin: APP } }).headers.get('origin') === APP

/** One browser: its cookie jar, and the steps of a sign-in. */
export class Browser {
  readonly jar = new Map<string, string>()

  constructor(private readonly reach: typeof fetch) {}

  keep(response: Response): Response {
    for (const c of setCookies(response)) {
      const [pair] = c.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq)
      const value = pair!.slice(eq + 1)
      if (value === '' || /Max-Age=0/i.test(c)) this.jar.delete(name)
      else this.jar.set(name, value)
    }
    return response
  }

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  request(url: string): Request {
    return new Request(url, { headers: this.jar.size ? { cookie: this.cookieHeader() } : {} })
  }

  /** A form POST with this browser's cookies and the headers a browser adds (`origin`, `referer`). */
  post(url: string, headers: Record<string, string> = {}): Request {
    return new Request(url, { method: 'POST', headers: { ...(this.jar.size ? { cookie: this.cookieHeader() } : {}), ...headers } })
  }

  /** Asks the provider to authorize (it signs the user in at once) and returns the callback URL it redirects to. */
  async authorize(authorizeUrl: string): Promise<string> {
    const answer = await this.reach(authorizeUrl, { redirect: 'manual' })
    const location = answer.headers.get('location')
    if (answer.status !== 302 || !location) throw new Error(`authorize answered ${answer.status} ${await answer.text()}`)
    return location
  }
}

/** A fresh emulator, an identity handler for the app (options merged in; its provider traffic through `wrapFetch`), and a browser. */
export function identitySetup(env: SuiteEnv, extra: Record<string, unknown> = {}, wrapFetch?: (reach: typeof fetch) => typeof fetch) {
  const { emulator, options } = env.setup()
  const reach: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init))
  const identity = env.sdk.identity.createTimebackIdentity({
    issuer: emulator.services.oidc,
    ...emulator.oidc.client,
    cookieSecret: COOKIE_SECRET,
    ...(wrapFetch ? { fetch: wrapFetch(reach) } : options.fetch ? { fetch: options.fetch } : {}),
    oneroster: new env.sdk.oneroster.OneRosterClient(options),
    ...extra,
  } as never)
  const newBrowser = () => new Browser(reach)
  /** Sign-in up to the callback URL: the browser holds the state cookie. */
  async function startSignIn(browser: Browser, query = ''): Promise<{ callbackUrl: string; authorizeUrl: string; signin: Response }> {
    const signin = browser.keep(await identity.handle(browser.request(`${APP}/identity/signin${query}`)))
    const authorizeUrl = signin.headers.get('location')!
    return { signin, authorizeUrl, callbackUrl: await browser.authorize(authorizeUrl) }
  }
  /** The whole sign-in; the callback's answer. */
  async function signIn(browser: Browser, query = ''): Promise<Response> {
    const { callbackUrl } = await startSignIn(browser, query)
    return browser.keep(await identity.handle(browser.request(callbackUrl)))
  }
  return { emulator, options, identity, newBrowser, startSignIn, signIn }
}

/** The JSON error a refused callback answers. */
export async function refusal(response: Response): Promise<{ status: number; error: string; message: string }> {
  const body = (await response.json()) as { error: string; message: string }
  return { status: response.status, ...body }
}
