// The emulated OIDC provider driven by raw HTTP: discovery, authorize's refusals (unknown client, no PKCE, no
// openid), the token endpoint's (client auth, PKCE verifier, redirect_uri, single-use codes, expiry), userinfo,
// and id_tokens checked with jose against its JWKS, independently of the identity client.
// Run: node --import tsx --test test/node/emulator-oidc.test.ts
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { createLocalJWKSet, jwtVerify } from 'jose'
import { createEmulator } from '../../src/testing/index.ts'

const REDIRECT = 'https://app.test/identity/callback'
const b64 = (b: Buffer) => b.toString('base64url')

function setup(options: Parameters<typeof createEmulator>[0] = {}) {
  const emulator = createEmulator(options)
  const issuer = emulator.services.oidc
  const verifier = b64(randomBytes(32))
  const challenge = b64(createHash('sha256').update(verifier).digest())
  const authorizeUrl = (extra: Record<string, string> = {}) => {
    const q = new URLSearchParams({ response_type: 'code', client_id: emulator.oidc.client.clientId, redirect_uri: REDIRECT, scope: 'openid email', state: 's1', nonce: 'n1', code_challenge: challenge, code_challenge_method: 'S256', ...extra })
    return `${issuer}/oauth2/authorize?${q}`
  }
  const authorize = async (extra: Record<string, string> = {}) => new URL((await emulator.fetch(authorizeUrl(extra), { redirect: 'manual' })).headers.get('location')!)
  const token = (form: Record<string, string>, auth = `Basic ${btoa(`${emulator.oidc.client.clientId}:${emulator.oidc.client.clientSecret}`)}`) =>
    emulator.fetch(`${issuer}/oauth2/token`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', redirect_uri: REDIRECT, code_verifier: verifier, ...form }) })
  return { emulator, issuer, verifier, authorizeUrl, authorize, token }
}

describe('OIDC emulator', () => {
  it('publishes discovery whose endpoints live under its issuer, and a JWKS of one ES256 key', async () => {
    const { emulator, issuer } = setup()
    assert.equal(issuer, 'http://localhost:4010/oidc-host')
    const doc = await (await emulator.fetch(`${issuer}/.well-known/openid-configuration`)).json()
    assert.equal(doc.issuer, issuer)
    assert.equal(doc.token_endpoint, `${issuer}/oauth2/token`)
    assert.deepEqual(doc.code_challenge_methods_supported, ['S256'])
    const jwks = await (await emulator.fetch(doc.jwks_uri)).json()
    assert.deepEqual(jwks.keys.map((k: { kty: string; alg: string }) => [k.kty, k.alg]), [['EC', 'ES256']])
    assert.equal(emulator.stats().tokens.issued, 0)
  })

  it('redeems a code once for an id_token signed by its JWKS key, with the nonce and the seeded student', async () => {
    const { emulator, issuer, authorize, token } = setup()
    const back = await authorize()
    assert.equal(back.origin + back.pathname, REDIRECT)
    assert.equal(back.searchParams.get('state'), 's1')
    const code = back.searchParams.get('code')!
    const answer = await token({ code })
    assert.equal(answer.status, 200)
    const tokens = await answer.json()
    const jwks = await (await emulator.fetch(`${issuer}/.well-known/jwks.json`)).json()
    const { payload } = await jwtVerify(tokens.id_token, createLocalJWKSet(jwks), { issuer, audience: 'emulator-sso-client', algorithms: ['ES256'] })
    assert.equal(payload.nonce, 'n1')
    assert.equal(payload.email, 'seed-student-1@seed.example')
    assert.equal(payload.token_use, 'id')
    const info = await (await emulator.fetch(`${issuer}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json()
    assert.equal(info.sub, payload.sub)
    const again = await token({ code })
    assert.equal(again.status, 400)
    assert.equal((await again.json()).error, 'invalid_grant')
    assert.equal(emulator.oidc.pendingCodes(), 0)
  })

  it('refuses a wrong verifier, redirect_uri or client, and burns the code on the first failed try', async () => {
    const { authorize, token } = setup()
    const c1 = (await authorize()).searchParams.get('code')!
    const bad = await token({ code: c1, code_verifier: b64(randomBytes(32)) })
    assert.match((await bad.json()).error_description, /code_verifier/)
    assert.equal((await token({ code: c1 })).status, 400, 'burnt by the failed try')
    const c2 = (await authorize()).searchParams.get('code')!
    assert.match((await (await token({ code: c2, redirect_uri: 'https://evil.example/cb' })).json()).error_description, /redirect_uri/)
    const c3 = (await authorize()).searchParams.get('code')!
    assert.equal((await token({ code: c3 }, `Basic ${btoa('emulator-sso-client:wrong')}`)).status, 401)
    const c4 = (await authorize()).searchParams.get('code')!
    assert.equal((await token({ code: c4, client_id: 'emulator-sso-client', client_secret: 'emulator-sso-secret' }, '')).status, 200, 'secret in the form works too')
  })

  it('an expired code (past 60 s) is invalid_grant', async () => {
    let now = Date.UTC(2026, 0, 1)
    const { authorize, token } = setup({ now: () => now })
    const code = (await authorize()).searchParams.get('code')!
    now += 61_000
    assert.equal((await (await token({ code })).json()).error, 'invalid_grant')
  })

  it('authorize refuses an unknown client outright and redirects back errors for no PKCE, no openid, no user', async () => {
    const { emulator, authorizeUrl, authorize } = setup({ seed: false })
    assert.equal((await emulator.fetch(authorizeUrl({ client_id: 'stranger' }), { redirect: 'manual' })).status, 400)
    assert.equal((await authorize({ code_challenge_method: 'plain' })).searchParams.get('error'), 'invalid_request')
    assert.equal((await authorize({ scope: 'email' })).searchParams.get('error'), 'invalid_scope')
    assert.equal((await authorize()).searchParams.get('error'), 'access_denied', 'nobody seeded and no login_hint')
    assert.equal((await authorize({ login_hint: 'x@y.example' })).searchParams.get('code')?.length, 43)
  })
})
