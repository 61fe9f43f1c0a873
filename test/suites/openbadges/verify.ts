// Open Badges verify of VC-JWTs, checked in the client with jose against the emulator's published JWKS (fetched
// through the client's fetch, without a token): a valid token, a changed payload, another key, an unknown kid,
// `none` and HS256 refused before any key is fetched, expired and not-yet-valid tokens, claims that disagree
// with the credential, and options refused before anything is sent.

import type { Assert, Suite } from '../../harness/types.ts'
import { badge, emulated, recordingFetch, rejection } from './fixtures.ts'

const encoder = new TextEncoder()
const b64u = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const segment = (value: unknown) => b64u(encoder.encode(JSON.stringify(value)))
const decode = (part: string) => JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')))

/** A badge valid from 2026-03-02 to 2027-03-02, issued in the platform's name. */
const timedBadge = (issuer: string) => ({ ...badge(), issuer: { id: issuer, type: ['Profile'] }, validUntil: '2027-03-02T10:00:00Z' })
const DURING = new Date('2026-06-01T00:00:00Z')

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const E = sdk.errors

  async function jwtSetup() {
    const { emulator, base } = emulated(env)
    const client = new sdk.openbadges.OpenBadgesClient({ ...base, headers: { 'x-tenant': 'meant-for-timeback' } })
    const jwksUrl = emulator.openbadges.jwksUrl
    const kid = ((await (await emulator.fetch(jwksUrl)).json()) as { keys: { kid: string }[] }).keys[0]!.kid
    const credential = timedBadge('https://school.example/issuer')
    const jwt = await emulator.openbadges.signJwt(credential)
    const jwksFetches = () => emulator.requests.filter((r) => r.path === '/ims/ob/v3p0/.well-known/jwks.json')
    emulator.clearRequests()
    return { emulator, client, kid, credential, jwt, jwksFetches }
  }

  describe('openbadges: verify VC-JWT', () => {
    it("a token signed by the published key holds: checked locally, the JWKS fetched once through the client's fetch, without a token or custom headers", async () => {
      const { emulator, client, kid, credential, jwt, jwksFetches } = await jwtSetup()
      const result = await client.verify(jwt, { now: DURING })
      assert.equal(result.valid, true, result.errors.join('; '))
      assert.equal(result.checkedBy, 'local-jwt')
      assert.equal(result.algorithm, 'ES256')
      assert.equal(result.keyId, kid)
      assert.equal(result.issuer, 'https://school.example/issuer')
      assert.deepEqual(result.credential as unknown, credential)
      assert.equal((await client.verify(jwt, { now: DURING, issuer: 'https://school.example/issuer' })).valid, true)
      // One JWKS request (the set is cached), anonymous, and nothing else: no token, no verify route.
      assert.equal(jwksFetches().length, 1)
      assert.equal(jwksFetches()[0]!.headers.authorization, undefined)
      assert.equal(jwksFetches()[0]!.headers['x-tenant'], undefined, "the client's custom headers stay with Timeback's routes")
      assert.equal(emulator.requests.length, 1)
      assert.equal(emulator.stats().tokens.issued, 0)
    })

    it('a changed payload fails on the signature', async () => {
      const { client, jwt } = await jwtSetup()
      const [head, body, signature] = jwt.split('.') as [string, string, string]
      const payload = decode(body)
      payload.credentialSubject.achievement.name = 'Calculus'
      const result = await client.verify(`${head}.${segment(payload)}.${signature}`, { now: DURING })
      assert.equal(result.valid, false)
      assert.equal(result.reason, 'signature')
      assert.equal(result.credential, undefined)
    })

    it("another key under the platform's kid fails on the signature; a kid the JWKS does not have fails on the key", async () => {
      const { emulator, client, kid, credential } = await jwtSetup()
      const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair
      const input = `${segment({ alg: 'ES256', typ: 'JWT', kid })}.${segment({ ...credential, iss: 'https://school.example/issuer' })}`
      const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, encoder.encode(input)))
      const forged = await client.verify(`${input}.${b64u(signature)}`, { now: DURING })
      assert.equal(forged.valid, false)
      assert.equal(forged.reason, 'signature')
      const unknown = await client.verify(await emulator.openbadges.signJwt(credential, { header: { kid: 'someone-elses-key' } }), { now: DURING })
      assert.equal(unknown.valid, false)
      assert.equal(unknown.reason, 'key')
      assert.match(unknown.errors[0]!, /someone-elses-key/)
    })

    it('alg none and HS256 are refused before any key is fetched, and so is an algorithm left off the allow-list', async () => {
      const { emulator, client, kid, credential, jwt, jwksFetches } = await jwtSetup()
      const payload = segment({ ...credential, iss: 'https://school.example/issuer' })
      const none = await client.verify(`${segment({ alg: 'none', typ: 'JWT' })}.${payload}.`, { now: DURING })
      assert.equal(none.valid, false)
      assert.equal(none.reason, 'algorithm')
      assert.equal(none.algorithm, 'none')
      // HS256 keyed with the public key's text: the classic confusion attack, refused by name before any key is read.
      const hsInput = `${segment({ alg: 'HS256', typ: 'JWT', kid })}.${payload}`
      const key = await crypto.subtle.importKey('raw', encoder.encode(kid), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(hsInput)))
      const hs = await client.verify(`${hsInput}.${b64u(mac)}`, { now: DURING })
      assert.equal(hs.valid, false)
      assert.equal(hs.reason, 'algorithm')
      assert.match(hs.errors[0]!, /'HS256' is not accepted/)
      const narrowed = await client.verify(jwt, { now: DURING, algorithms: ['EdDSA'] })
      assert.equal(narrowed.reason, 'algorithm')
      assert.equal(jwksFetches().length, 0)
      assert.equal(emulator.requests.length, 0)
    })

    it('expired and not-yet-valid tokens fail, by exp/nbf and by validUntil/validFrom alone', async () => {
      const { emulator, client, credential, jwt } = await jwtSetup()
      const late = await client.verify(jwt, { now: new Date('2027-06-01T00:00:00Z') })
      assert.equal(late.valid, false)
      assert.equal(late.reason, 'expired')
      const early = await client.verify(jwt, { now: new Date('2026-01-01T00:00:00Z') })
      assert.equal(early.reason, 'not_yet_valid')
      assert.equal((await client.verify(jwt, { now: new Date('2026-03-02T09:59:30Z'), clockTolerance: 60 })).valid, true)
      // A token without exp/nbf claims still carries the credential's own validity window.
      const bare = await emulator.openbadges.signJwt(credential, { claims: { exp: undefined, nbf: undefined } })
      assert.equal((await client.verify(bare, { now: new Date('2027-06-01T00:00:00Z') })).reason, 'expired')
      assert.equal((await client.verify(bare, { now: new Date('2026-01-01T00:00:00Z') })).reason, 'not_yet_valid')
    })

    it("claims that disagree with the credential, or an issuer other than the one expected, fail on claims", async () => {
      const { emulator, client, credential, jwt } = await jwtSetup()
      const pinned = await client.verify(jwt, { now: DURING, issuer: 'https://other.example/issuer' })
      assert.equal(pinned.reason, 'claims')
      const lying = await client.verify(await emulator.openbadges.signJwt(credential, { claims: { iss: 'https://evil.example' } }), { now: DURING })
      assert.equal(lying.reason, 'claims')
      assert.match(lying.errors[0]!, /evil\.example/)
      const swapped = await client.verify(await emulator.openbadges.signJwt(credential, { claims: { jti: 'urn:uuid:another' } }), { now: DURING })
      assert.equal(swapped.reason, 'claims')
      const notVc = await client.verify(await emulator.openbadges.signJwt({ hello: 'world' }), { now: DURING })
      assert.equal(notVc.reason, 'claims')
    })

    it('bad options and strings that are not a JWT are refused before anything is sent; a JWKS that is not one is a ServerError', async () => {
      const { counter, options } = recordingFetch(() => Response.json({ not: 'a jwks' }))
      const client = new sdk.openbadges.OpenBadgesClient(options)
      const jwt = `${segment({ alg: 'ES256', kid: 'k' })}.${segment({})}.c2ln`
      const refused: [Promise<unknown>, string][] = [
        [client.verify(jwt, { algorithms: ['HS256' as never] }), 'algorithms'],
        [client.verify(jwt, { algorithms: ['none' as never] }), 'algorithms'],
        [client.verify(jwt, { algorithms: [] }), 'algorithms'],
        [client.verify(jwt, { jwksUrl: 'http://issuer.example/jwks.json' }), 'jwksUrl'],
        [client.verify(jwt, { jwksUrl: 'jwks.json' }), 'jwksUrl'],
        [client.verify(jwt, { now: new Date('no') }), 'now'],
        [client.verify('not a token'), 'credential'],
        [client.verify(42 as never), 'credential'],
      ]
      for (const [work, field] of refused) {
        const error = await rejection(work)
        assert.ok(E.isInputValidationError(error), `${field}: ${String(error)}`)
        assert.equal(error.issues[0].path, field)
      }
      assert.equal(counter.calls, 0)
      const lie = await rejection(client.verify(jwt, { jwksUrl: 'https://issuer.example/jwks.json' }))
      assert.ok(E.isServerError(lie) && lie.code === 'invalid_response', String(lie))
      assert.equal(counter.tokens, 0)
    })
  })
}

export default suite
