// Open Badges verify against hostile issuers and abusive options, with the test's own issuer key and a fetch of
// its own serving the JWKS (nothing leaves the process): a JWKS too large is cut off (declared or streamed) and
// reported as such, concurrent checks share one JWKS fetch, a validity date that is not a date fails instead of
// meaning "no limit", and a clock tolerance that would switch off expiry is refused.

import type { Assert, Suite } from '../../harness/types.ts'
import { badge, rejection } from './fixtures.ts'

const encoder = new TextEncoder()
const b64u = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const segment = (value: unknown) => b64u(encoder.encode(JSON.stringify(value)))
const ISSUER = 'https://issuer.example/profile'
const JWKS_URL = 'https://issuer.example/jwks.json'
const DURING = new Date('2026-06-01T00:00:00Z')

/** An issuer key of the test's own: its public JWK (kid 'k1') and a signer of VC-JWTs. */
async function issuerKey() {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
  const { kty, crv, x, y } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as Record<string, string>
  const jwk = { kty, crv, x, y, kid: 'k1', alg: 'ES256', use: 'sig' }
  const sign = async (credential: Record<string, unknown>, header: Record<string, unknown> = {}) => {
    const input = `${segment({ alg: 'ES256', typ: 'JWT', kid: 'k1', ...header })}.${segment({ iss: ISSUER, ...credential })}`
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, encoder.encode(input))
    return `${input}.${b64u(new Uint8Array(signature))}`
  }
  return { jwk, sign }
}

const credential = (extra: Record<string, unknown> = {}) => ({ ...badge(), issuer: { id: ISSUER, type: ['Profile'] }, ...extra })

const suite: Suite = (env) => {
  const { h, sdk } = env
  const { describe, it } = h
  const assert: Assert = h.assert
  const E = sdk.errors

  /** A client whose fetch answers the JWKS URL with `answer()` and counts those requests. */
  function client(answer: () => Response | Promise<Response>) {
    const counter = { jwks: 0 }
    const fetch: typeof globalThis.fetch = async (input) => {
      if (new Request(input).url !== JWKS_URL) return new Response('unexpected request', { status: 599 })
      counter.jwks++
      return answer()
    }
    return { counter, client: new sdk.openbadges.OpenBadgesClient({ baseUrl: 'http://127.0.0.1:9', fetch, maxRetries: 0 }) }
  }

  describe('openbadges: verify against hostile issuers', () => {
    it('a JWKS streamed past 64 KB is cut off and reported, without reading the rest', async () => {
      const { jwk, sign } = await issuerKey()
      // A working key set followed by megabytes of padding: it would verify if it were read whole.
      const head = encoder.encode(`{"keys":[${JSON.stringify(jwk)}],"padding":"`)
      const chunk = encoder.encode('x'.repeat(16 * 1024))
      let sent = 0
      const { client: c } = client(() => new Response(new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0) controller.enqueue(head)
          else if (sent < 8 * 1024 * 1024) controller.enqueue(chunk)
          else { controller.enqueue(encoder.encode('"}')); controller.close() }
          sent += sent === 0 ? head.byteLength : chunk.byteLength
        },
      }), { headers: { 'content-type': 'application/json' } }))
      const error = await rejection(c.verify(await sign(credential()), { jwksUrl: JWKS_URL, now: DURING }))
      assert.ok(E.isServerError(error) && error.code === 'invalid_response', String(error))
      assert.match(error.message, /JWKS is larger than 65536 bytes/)
      assert.ok(sent < 1024 * 1024, `only the start was read (${sent} bytes pulled)`)
    })

    it('a JWKS that declares more than 64 KB is refused on its Content-Length', async () => {
      const { jwk, sign } = await issuerKey()
      const body = JSON.stringify({ keys: [jwk], padding: 'x'.repeat(100 * 1024) })
      const { client: c } = client(() => new Response(body, { headers: { 'content-type': 'application/json', 'content-length': String(body.length) } }))
      const error = await rejection(c.verify(await sign(credential()), { jwksUrl: JWKS_URL, now: DURING }))
      assert.ok(E.isServerError(error), String(error))
      assert.match(error.message, /JWKS is larger than/)
    })

    it('checks started together share one JWKS fetch', async () => {
      const { jwk, sign } = await issuerKey()
      const { client: c, counter } = client(() => Response.json({ keys: [jwk] }))
      const jwt = await sign(credential())
      const results = await Promise.all(Array.from({ length: 8 }, () => c.verify(jwt, { jwksUrl: JWKS_URL, now: DURING })))
      assert.deepEqual(results.map((r) => r.valid), Array(8).fill(true))
      assert.equal(counter.jwks, 1)
    })

    it('a validUntil or validFrom that is not a date-time fails on claims instead of meaning no limit', async () => {
      const { jwk, sign } = await issuerKey()
      const { client: c } = client(() => Response.json({ keys: [jwk] }))
      for (const extra of [{ validUntil: 'forever' }, { validFrom: 'soon' }, { validUntil: 2e12 }]) {
        const result = await c.verify(await sign(credential(extra)), { jwksUrl: JWKS_URL, now: DURING })
        assert.equal(result.valid, false, JSON.stringify(extra))
        assert.equal(result.reason, 'claims')
        assert.match(result.errors[0]!, /is not a date-time/)
      }
      assert.equal((await c.verify(await sign(credential({ validUntil: '2027-01-01T00:00:00Z' })), { jwksUrl: JWKS_URL, now: DURING })).valid, true)
    })

    it('a vc claim that disagrees with the top-level credential, or is not an object, fails on claims', async () => {
      const { jwk, sign } = await issuerKey()
      const { client: c } = client(() => Response.json({ keys: [jwk] }))
      const vc = credential()
      const twoSubjects = await c.verify(await sign({ vc, credentialSubject: { id: 'urn:example:someone-else', type: ['AchievementSubject'] } }), { jwksUrl: JWKS_URL, now: DURING })
      assert.equal(twoSubjects.valid, false)
      assert.equal(twoSubjects.reason, 'claims')
      assert.match(twoSubjects.errors[0]!, /credentialSubject/)
      const notObject = await c.verify(await sign({ ...vc, vc: 'see above' }), { jwksUrl: JWKS_URL, now: DURING })
      assert.equal(notObject.reason, 'claims')
      // The same credential in both places is one credential.
      assert.equal((await c.verify(await sign({ ...vc, vc }), { jwksUrl: JWKS_URL, now: DURING })).valid, true)
    })

    it('a critical header extension is a malformed token, not a missing key', async () => {
      const { jwk, sign } = await issuerKey()
      const { client: c } = client(() => Response.json({ keys: [jwk] }))
      const result = await c.verify(await sign(credential(), { crit: ['x-policy'], 'x-policy': 1 }), { jwksUrl: JWKS_URL, now: DURING })
      assert.equal(result.valid, false)
      assert.equal(result.reason, 'malformed')
      assert.match(result.errors[0]!, /x-policy/)
    })

    it('a clock tolerance that is infinite or over a day is refused before any key is fetched', async () => {
      const { jwk, sign } = await issuerKey()
      const { client: c, counter } = client(() => Response.json({ keys: [jwk] }))
      const expired = await sign(credential({ validUntil: '2026-01-01T00:00:00Z' }))
      for (const clockTolerance of [Infinity, 86_401]) {
        const error = await rejection(c.verify(expired, { jwksUrl: JWKS_URL, now: DURING, clockTolerance }))
        assert.ok(E.isInputValidationError(error), String(error))
        assert.equal(error.issues[0].path, 'clockTolerance')
      }
      assert.equal(counter.jwks, 0)
      assert.equal((await c.verify(expired, { jwksUrl: JWKS_URL, now: DURING, clockTolerance: 86_400 })).reason, 'expired')
    })
  })
}

export default suite
