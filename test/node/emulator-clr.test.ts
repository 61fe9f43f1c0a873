// The emulated CLR service driven by raw HTTP: public discovery, the token the upsert wants, 400s naming what a
// record lacks, 201/200 by issuer and id, and the platform's proof (the Open Badges key when that module is
// mounted) checked independently of the emulator's signer.
// Run: node --import tsx --test test/node/emulator-clr.test.ts
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BUILT_IN_SERVICES, createEmulator } from '../../src/testing/index.ts'
import { assertImsx, connect, type Json } from './emulator-helpers.ts'
import { proofHolds } from './emulator-vc-helpers.ts'

const CLR = '/ims/clr/v2p0'
const inner = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:badge-1', type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: 'https://school.example/issuer',
  validFrom: '2026-03-02T10:00:00Z', credentialSubject: { id: 'urn:example:s1' },
}
const record = (): Json => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'],
  id: 'urn:uuid:record-1', type: ['VerifiableCredential', 'ClrCredential'], name: 'Record',
  issuer: { id: 'https://school.example/issuer', type: ['Profile'] }, validFrom: '2026-06-01T00:00:00Z',
  credentialSubject: { id: 'urn:example:s1', type: ['ClrSubject'], verifiableCredential: [inner] },
})

describe('CLR emulator', () => {
  it('serves discovery without a token and wants one for the upsert (401 imsx)', async () => {
    const emu = createEmulator()
    const doc = await emu.fetch(`${emu.origin}${CLR}/discovery/`)
    assert.equal(doc.status, 200)
    const scopes = Object.keys(((await doc.json()) as Json).components.securitySchemes.OAuth2CC.flows.clientCredentials.scopes)
    assert.ok(scopes.includes('https://purl.imsglobal.org/spec/clr/v2p0/scope/credential.upsert'))
    const res = await emu.fetch(`${emu.origin}${CLR}/credentials/`, { method: 'POST', body: JSON.stringify(record()), headers: { 'content-type': 'application/json' } })
    assert.equal(res.status, 401)
    assertImsx((await res.json()) as Json, 'unauthorisedrequest')
  })

  it('refuses a record missing what CLR requires with a 400 naming each field', async () => {
    const { call } = await connect()
    const cases: [Json, RegExp][] = [
      [{ ...record(), '@context': ['https://www.w3.org/ns/credentials/v2'] }, /@context must include the context .*clr\/v2p0/],
      [{ ...record(), type: ['VerifiableCredential'] }, /type must include 'VerifiableCredential' and 'ClrCredential'/],
      [{ ...record(), issuer: undefined }, /issuer is required/],
      [{ ...record(), name: '' }, /name is required/],
      [{ ...record(), credentialSubject: { type: ['ClrSubject'], verifiableCredential: [] } }, /verifiableCredential must be a non-empty array/],
      [{ ...record(), credentialSubject: { type: ['Person'], verifiableCredential: [inner] } }, /credentialSubject\.type must include 'ClrSubject'/],
    ]
    for (const [body, text] of cases) {
      const res = await call('POST', `${CLR}/credentials/`, body)
      assert.equal(res.status, 400)
      assertImsx(res.body, 'invaliddata', text)
    }
  })

  it('stores by issuer and id (201, then 200) and signs with the platform key the Open Badges JWKS publishes', async () => {
    const { call, emu } = await connect()
    const first = await call('POST', `${CLR}/credentials/`, record())
    assert.equal(first.status, 201)
    const again = await call('POST', `${CLR}/credentials/`, { ...record(), name: 'Renamed' })
    assert.equal(again.status, 200)
    assert.equal(again.body.name, 'Renamed')
    assert.equal((await call('POST', `${CLR}/credentials/`, { ...record(), issuer: 'https://other.example' })).status, 201)
    assert.equal(emu.clr.credentials().length, 2)
    const { keys } = (await (await emu.fetch(emu.openbadges.jwksUrl)).json()) as { keys: Json[] }
    const proof = again.body.proof.at(-1)
    assert.equal(proof.verificationMethod, `${emu.openbadges.jwksUrl}#${keys[0]!.kid}`)
    assert.equal(await proofHolds(again.body, proof, keys[0] as never), true)
    assert.equal(await proofHolds({ ...again.body, name: 'Forged' }, proof, keys[0] as never), false)
    emu.reset()
    assert.equal(emu.clr.credentials().length, 0)
  })

  it('signs with a key of its own when the Open Badges module is not mounted', async () => {
    const { call } = await connect({ services: BUILT_IN_SERVICES.filter((s) => s.name !== 'openbadges') })
    const res = await call('POST', `${CLR}/credentials/`, record())
    assert.equal(res.status, 201)
    assert.match(res.body.proof[0].verificationMethod, /\/ims\/clr\/v2p0\/keys#/)
  })
})
