// Signing in without a browser (for the tests that do not need Chromium): follows the OIDC redirects by hand,
// carrying the cookies the Worker sets, as a browser would.
import assert from 'node:assert/strict'

type Fetcher = (url: string, init?: RequestInit) => Promise<Response>

/** The session cookie header after signing in `loginHint` at the Worker on `base`. */
export async function signInCookie(base: string, loginHint: string, fetcher: Fetcher = (u, i) => fetch(u, i)): Promise<string> {
  const jar = new Map<string, string>()
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair!.indexOf('=')
      jar.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
  }
  const cookie = () => [...jar].filter(([, v]) => v !== '').map(([k, v]) => `${k}=${v}`).join('; ')
  let url = `${base}/identity/signin?returnTo=/&login_hint=${encodeURIComponent(loginHint)}`
  for (let hop = 0; hop < 5; hop++) {
    const own = url.startsWith(base)
    const res = own ? await fetcher(url, { redirect: 'manual', headers: { cookie: cookie() } }) : await fetch(url, { redirect: 'manual' })
    if (own) keep(res)
    await res.arrayBuffer() // read to the end: a cancelled body makes workerd log a broken pipe
    const location = res.headers.get('location')
    if (res.status !== 302 || !location) break
    url = new URL(location, url).href
    if (url === `${base}/`) return cookie()
  }
  assert.fail(`sign-in of ${loginHint} did not end on ${base}/ (last URL ${url})`)
}
