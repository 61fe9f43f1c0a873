// Redirects: followed by the SDK only within the request's origin, so no body, token or custom header is ever
// re-sent to another host. The test fetch behaves like a real one (it follows redirects itself unless told
// `redirect: 'manual'`) and records every request, including those that would reach the other origin.

import type { Assert, Setup, Suite } from '../../harness/types.ts'

const USERS = '/ims/oneroster/rostering/v1p2/users/'
const EVIL = 'https://evil.example'

interface Seen {
  url: string
  method: string
  headers: Record<string, string>
  body: string | undefined
  redirect: RequestRedirect | undefined
}

/** A fetch whose `answer` may replace the emulator's answer; `evil.example` answers 200 (it must never be asked). */
function recordingFetch(s: Setup, answer: (url: URL, method: string, n: number) => Response | undefined) {
  const seen: Seen[] = []
  const inner = s.options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init))
  const fetchLike = async (input: RequestInfo | URL, init: RequestInit = {}, hops = 0): Promise<Response> => {
    const url = new URL(String(input))
    const method = init.method ?? 'GET'
    const body = init.body == null ? undefined : String(init.body)
    seen.push({ url: url.href, method, headers: { ...(init.headers as Record<string, string>) }, body, redirect: init.redirect })
    const response = url.origin === EVIL
      ? new Response(JSON.stringify({ access_token: 'evil-token', users: [], totalCount: 0 }), { status: 200, headers: { 'content-type': 'application/json' } })
      : answer(url, method, seen.length) ?? (await inner(url.href, init))
    const location = response.headers.get('location')
    // What every runtime's fetch does by default: follow, re-sending method, body and headers on 307/308.
    if (init.redirect !== 'manual' && location && [301, 302, 303, 307, 308].includes(response.status) && hops < 20) {
      return fetchLike(new URL(location, url).href, init, hops + 1)
    }
    return response
  }
  return { seen, fetch: fetchLike as typeof fetch }
}

function redirect(status: number, location: string): Response {
  return new Response(null, { status, headers: { location } })
}

const suite: Suite = ({ h, sdk, setup }) => {
  const { describe, it } = h
  // Annotated: TypeScript only narrows through assertion functions declared with an explicit type.
  const assert: Assert = h.assert
  const { OneRosterClient } = sdk.oneroster
  const E = sdk.errors

  describe('core: redirects', () => {
    it('a 307 to another origin is refused: nothing reaches it, and the error names both origins', async () => {
      const s = setup()
      const t = recordingFetch(s, (url, method) => (method === 'POST' && url.pathname === USERS ? redirect(307, `${EVIL}/steal`) : undefined))
      const client = new OneRosterClient({ ...s.options, fetch: t.fetch, headers: { 'X-Tenant-Key': 'tenant-key' } })
      const error = await assert.rejects(client.users.create({
        sourcedId: 'r-1', enabledUser: true, givenName: 'R', familyName: 'D', email: 'r1@example.com',
        roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: 'seed-school-1' } }],
      }), E.isApiError)
      assert.equal(error.code, 'redirect_refused')
      assert.ok(error.message.includes(s.emulator.origin) && error.message.includes(EVIL), error.message)
      assert.deepEqual(t.seen.filter((r) => r.url.startsWith(EVIL)), [], 'no request reached the other origin')
      assert.ok(t.seen.every((r) => r.redirect === 'manual'), 'every request leaves with redirect: manual')
    })

    it('same-origin redirects are followed: 307 keeps method and body, 303 turns into a GET without body', async () => {
      const s = setup()
      const client0 = new OneRosterClient({ ...s.options })
      await client0.users.create({
        sourcedId: 'r-2', enabledUser: true, givenName: 'R', familyName: 'D', email: 'r2@example.com',
        roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: 'seed-school-1' } }],
      })
      let moved = false
      const t = recordingFetch(s, (url, method) => {
        if (method === 'PUT' && url.pathname.endsWith('/users/r-2') && !moved) return (moved = true), redirect(307, url.pathname)
        if (method === 'DELETE') return redirect(303, `${url.pathname}?after=delete`)
        return undefined
      })
      const client = new OneRosterClient({ ...s.options, fetch: t.fetch })
      await client.users.update('r-2', {
        sourcedId: 'r-2', enabledUser: true, givenName: 'Moved', familyName: 'D', email: 'r2@example.com',
        roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: 'seed-school-1' } }],
      })
      const puts = t.seen.filter((r) => r.method === 'PUT')
      assert.equal(puts.length, 2)
      assert.equal(puts[1]!.body, puts[0]!.body)
      assert.equal(s.emulator.state.get('users', 'r-2')?.givenName, 'Moved')
      await client.users.delete('r-2')
      const last = t.seen[t.seen.length - 1]!
      assert.deepEqual([last.method, last.body, new URL(last.url).search], ['GET', undefined, '?after=delete'])
      assert.ok(!Object.keys(last.headers).some((k) => k.toLowerCase() === 'content-type'), 'no content-type without a body')
      assert.ok(t.seen.every((r) => r.redirect === 'manual'))
    })

    it('a redirect loop stops after 5 hops with too_many_redirects', async () => {
      const s = setup()
      const t = recordingFetch(s, (url) => (url.pathname === USERS ? redirect(308, url.pathname + url.search) : undefined))
      const client = new OneRosterClient({ ...s.options, fetch: t.fetch, maxRetries: 0 })
      const error = await assert.rejects(client.users.list({ limit: 1 }), E.isServerError)
      assert.equal(error.code, 'too_many_redirects')
      assert.equal(t.seen.filter((r) => r.url.includes(USERS)).length, 6)
    })

    it('the token request follows no redirect, even within its origin, and never posts the secret elsewhere', async () => {
      for (const target of [`${EVIL}/token`, '/auth/oauth2/token2']) {
        const s = setup()
        const t = recordingFetch(s, (url) => (url.href.startsWith(s.emulator.tokenUrl) ? redirect(307, target) : undefined))
        const client = new OneRosterClient({ ...s.options, fetch: t.fetch, maxRetries: 0 })
        const error = await assert.rejects(client.users.list({ limit: 1 }), E.isTimebackError)
        assert.ok(error.message.includes(new URL(target, s.emulator.origin).origin), error.message)
        assert.equal(t.seen.length, 1, `only the token request was made: ${t.seen.map((r) => r.url).join(', ')}`)
        assert.ok(!t.seen.some((r) => r.url.startsWith(EVIL) || (r.body ?? '').includes('evil')), 'the secret stayed home')
      }
    })

    it('a browser opaque redirect and a fetch that followed by itself are errors, not answers', async () => {
      const s = setup()
      const opaque = Object.defineProperties(new Response(null, { status: 200 }), { status: { value: 0 }, type: { value: 'opaqueredirect' } })
      const a = recordingFetch(s, (url) => (url.pathname === USERS ? opaque : undefined))
      const hidden = await assert.rejects(new OneRosterClient({ ...s.options, fetch: a.fetch, maxRetries: 0 }).users.list({ limit: 1 }), E.isServerError)
      assert.equal(hidden.code, 'redirect_refused')
      assert.match(hidden.message, /hides the target of a redirect/)
      const followed = Object.defineProperties(new Response('{"users":[],"totalCount":0}', { status: 200 }), {
        redirected: { value: true }, url: { value: `${EVIL}/users` },
      })
      const b = recordingFetch(s, (url) => (url.pathname === USERS ? followed : undefined))
      const used = await assert.rejects(new OneRosterClient({ ...s.options, fetch: b.fetch, maxRetries: 0 }).users.list({ limit: 1 }), E.isServerError)
      assert.ok(used.message.includes(EVIL) && used.message.includes(s.emulator.origin), used.message)
    })
  })
}

export default suite
